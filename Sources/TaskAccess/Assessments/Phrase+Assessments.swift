import ShequPlatform

extension Phrase {
    static let assessmentRegistry = Phrase(zh: "考核评比登记", en: "Assessments of communities")
    static let assessmentRegistryIntro = Phrase(
        zh: "依照珠字〔2010〕7号（规则 A5），除国家和省有明确要求外，不得在社区开展各种考核评比活动。这里公开每一项经登记、有国家或省级依据的考核、检查评比和评估，让社区的负担看得见。",
        en: "Under Zhuhai policy 〔2010〕 No. 7 (rule A5), communities may be assessed or ranked only where a national or provincial rule requires it. Every registered assessment, inspection-ranking and evaluation is listed here with that basis, so the committees' burden is visible.")
    static let assessmentCommunityTitle = Phrase(zh: "对本社区的考核评比", en: "Assessments of this community")
    static let assessmentNone = Phrase(zh: "目前没有已登记的考核评比。", en: "No registered assessments.")
    static let assessmentByBody = Phrase(zh: "各单位已登记的考核评比数", en: "Registered assessments per body")
    static let assessmentBody = Phrase(zh: "开展单位", en: "Body")
    static let assessmentCount = Phrase(zh: "项数", en: "Count")
    static let assessmentTitle = Phrase(zh: "名称", en: "Title")
    static let assessmentKind = Phrase(zh: "类别", en: "Kind")
    static let assessmentBasis = Phrase(zh: "依据", en: "Legal basis")
    static let assessmentBasisLevel = Phrase(zh: "依据级别", en: "Level of the basis")
    static let assessmentBasisDocument = Phrase(zh: "法律、法规或文件名称", en: "Law, regulation or document")
    static let assessmentBasisArticle = Phrase(zh: "条款", en: "Article")
    static let assessmentYear = Phrase(zh: "年度", en: "Year")
    static let assessmentPeriod = Phrase(zh: "期间", en: "Period")
    static let assessmentCoverage = Phrase(zh: "覆盖范围", en: "Communities covered")
    static let assessmentCoverageHint = Phrase(zh: "可多选：选市、区或街道即覆盖其下全部社区。", en: "Choose one or more: a city, district or street covers every community under it.")
    static let assessmentIndicators = Phrase(zh: "要求居委会做的事（指标）", en: "What it asks of residents' committees")
    static let assessmentStatus = Phrase(zh: "状态", en: "Status")
    static let assessmentRegisterAction = Phrase(zh: "登记考核评比", en: "Register an assessment")
    static let assessmentRegisterHint = Phrase(
        zh: "只有国家或省的法律、法规、规章或文件明确要求的考核评比才能登记；市、区、街道或部门自己的文件不能作为依据（规则 A5）。",
        en: "Only an assessment that a national or provincial law, regulation or document requires can be registered; a city's, district's, street's or department's own document is not a basis (rule A5).")
    static let assessmentDepartment = Phrase(zh: "开展部门", en: "Department that runs it")
    static let assessmentGovernment = Phrase(zh: "或开展的政府层级（未选部门时）", en: "Or the government level that runs it (when no department)")
    static let assessmentWithdrawAction = Phrase(zh: "撤销", en: "Withdraw")
    static let assessmentWithdrawReason = Phrase(zh: "撤销理由", en: "Reason for withdrawal")
    static let assessmentWithdrawnBecause = Phrase(zh: "撤销理由：", en: "Withdrawn because: ")
    static let assessmentShowWithdrawn = Phrase(zh: "已撤销的", en: "Withdrawn")
    static let assessmentShowRegistered = Phrase(zh: "已登记的", en: "Registered")
    static let assessmentCityList = Phrase(zh: "全市考核评比登记", en: "All registered assessments in the city")
    static let downloadCSV = Phrase(zh: "下载 CSV", en: "Download CSV")

    static let kindAssessment = Phrase(zh: "考核", en: "Assessment")
    static let kindInspectionRanking = Phrase(zh: "检查评比", en: "Inspection and ranking")
    static let kindEvaluation = Phrase(zh: "评估、评比达标", en: "Evaluation")
    static let levelNational = Phrase(zh: "国家", en: "National")
    static let levelProvincial = Phrase(zh: "省", en: "Provincial")
    static let levelCity = Phrase(zh: "市（不能作为依据）", en: "City (not a basis)")
    static let levelDistrict = Phrase(zh: "区（不能作为依据）", en: "District (not a basis)")
    static let levelDepartment = Phrase(zh: "部门（不能作为依据）", en: "Department (not a basis)")
    static let statusRegistered = Phrase(zh: "已登记", en: "Registered")
    static let statusWithdrawn = Phrase(zh: "已撤销", en: "Withdrawn")
}

extension AssessmentKind {
    var phrase: Phrase {
        switch self {
        case .assessment: .kindAssessment
        case .inspectionRanking: .kindInspectionRanking
        case .evaluation: .kindEvaluation
        }
    }
}

extension BasisLevel {
    var phrase: Phrase {
        switch self {
        case .national: .levelNational
        case .provincial: .levelProvincial
        case .city: .levelCity
        case .district: .levelDistrict
        case .department: .levelDepartment
        }
    }
}

extension AssessmentStatus {
    var phrase: Phrase { self == .registered ? .statusRegistered : .statusWithdrawn }
}

/// The registry's refusals, rule A5 first.
extension Phrase {
    static let errorA5NoBasis = Phrase(
        zh: "依照规则 A5（珠字〔2010〕7号：除国家和省有明确要求外，不得在社区开展各种考核评比活动），登记对社区的考核、检查评比或评估，必须写明国家或省级的依据：级别、法律法规或文件名称、条款。缺少：",
        en: "Under rule A5 (Zhuhai policy 〔2010〕 No. 7: no assessment or ranking of communities unless a national or provincial rule requires it), registering an assessment, inspection-ranking or evaluation of communities needs its national or provincial legal basis: level, law or document, and article. Missing: ")
    static let errorA5LocalBasis = Phrase(
        zh: "依照规则 A5（珠字〔2010〕7号），只有国家或省的法律、法规、规章或文件可以作为对社区考核评比的依据；市、区、街道或部门自己的文件不能作为依据，登记被拒绝：",
        en: "Under rule A5 (Zhuhai policy 〔2010〕 No. 7), only a national or provincial law, regulation or document can require an assessment of communities; a city's, district's, street's or department's own document cannot, so the registration is refused: ")
    static let errorAssessmentBody = Phrase(
        zh: "请写明开展考核的单位：一个部门（departmentID）或一级政府（governmentCode），二者只填一项：",
        en: "Name the body that runs it: one department (departmentID) or one government level (governmentCode), not both: ")
    static let errorNotYourDepartment = Phrase(
        zh: "部门工作人员只能为本部门登记考核评比。此次尝试已记录。",
        en: "Department staff register assessments for their own department only. The attempt has been recorded.")
    static let errorAlreadyWithdrawn = Phrase(zh: "该考核评比已经撤销。", en: "This assessment has already been withdrawn.")
    static let errorAlreadyRegistered = Phrase(zh: "该单位本年度已登记同名的考核评比：", en: "This body has already registered an assessment of that name for the year: ")
}
