import ShequKernel
import ShequPlatform

extension Phrase {
    // Refusals
    static let wfGradeComputed = Phrase(zh: "等级和薪酬档次由规则计算，不能填写（W3）。", en: "The grade and pay band are computed by the rules and cannot be typed (W3).")
    static let wfTermFromSeat = Phrase(zh: "当选居委会成员的任期以居委会的任职记录为准，不能另填合同日期。",
                                       en: "An elected member's term is their seat's on the residents' committee; contract dates cannot be typed.")
    static let wfSeatTaken = Phrase(zh: "该居委会席位已有社区工作者档案。", en: "This committee seat already has a staff record.")
    static let wfSeatOnlyElected = Phrase(zh: "只有当选的居委会成员才关联居委会席位。", en: "Only an elected member is linked to a committee seat.")
    static let wfAccountHasRecord = Phrase(zh: "该账号已有社区工作者档案：", en: "This account already has a staff record: ")
    static let wfFirstPosting = Phrase(zh: "建档", en: "Record opened")
    static let wfEducationLower = Phrase(zh: "学历只能提高，不能降低。", en: "An education can only rise, never fall.")
    static let wfRotationBeforeCurrent = Phrase(zh: "交流日期须晚于当前岗位的开始日期：", en: "A rotation starts after the current posting began: ")
    static let wfDateTooFar = Phrase(zh: "日期不能超过一年以后：", en: "The day is more than a year ahead: ")
    static let wfRotationSame = Phrase(zh: "交流须改变社区、场所或岗位。", en: "A rotation changes the community, place or post.")
    static let wfYearNotOver = Phrase(zh: "只能考核已经结束的年度：", en: "Only a year that is over can be appraised: ")
    static let wfAppraisalOutsideService = Phrase(zh: "只能考核该工作者在职期间的年度（不早于其社区工作开始的年份）：",
                                                  en: "Only a year within the worker's service can be appraised (not before their service began): ")
    static let wfOwnRecord = Phrase(zh: "不能修改与本人账号关联的社区工作者档案，请由其他工作人员办理。",
                                    en: "You cannot change a staff record bound to your own account; another official does it.")
    static let wfAppraisalExists = Phrase(zh: "该年度已有考核结果：", en: "This year already has an appraisal: ")
    static let wfNotCommunity = Phrase(zh: "不是社区（12位区划代码）：", en: "Not a community (a 12-digit division code): ")
    static let wfNotCommunityOrStreet = Phrase(zh: "不是社区或街道的区划代码：", en: "Not a community's or street's division code: ")
    static let wfPlaceNotThere = Phrase(zh: "该服务场所不在此社区或街道，或已关闭。", en: "The service place is not in this community or street, or is closed.")
    static let wfUnknownPost = Phrase(zh: "现行等级表中没有此岗位：", en: "No such post in the grading table in force: ")
    static let wfNoStaffAccount = Phrase(zh: "没有可关联的社区工作者账号（须为本辖区窗口工作人员的账号，或当选成员本人的账号）：",
                                         en: "No staff account to bind (it must be a window staff account within your area, or the elected member's own): ")
    static let wfRotationInFuture = Phrase(zh: "交流须在开始之日或之后登记，不能提前登记：", en: "A rotation is recorded on or after its first day, not ahead: ")
    static let wfElectedStays = Phrase(zh: "当选的居委会成员在当选的社区任职，不能交流到其他社区。",
                                       en: "An elected member serves in the community that elected them and cannot be rotated to another.")
    static let wfContractImplausible = Phrase(zh: "合同日期不合理（不早于社区工作开始之日、1950年以后、不超过一年以后，期限不超过十年）：",
                                              en: "Implausible contract day (not before the service began, after 1950, at most a year ahead, at most ten years long): ")
    static let wfRosterExceedsContract = Phrase(zh: "该工作人员在此场所的排班超出新的合同工时，或所在场所将不再是其岗位，请先修改排班：",
                                                en: "The worker's shifts at this place exceed the new hours, or sit at a place they leave; change the roster first: ")
    static let wfNoAccount = Phrase(zh: "没有此账号：", en: "No such account: ")
    static let wfNoSeat = Phrase(zh: "不是本社区居委会的席位。", en: "Not a seat on this community's residents' committee.")
    static let wfImplausibleDate = Phrase(zh: "日期不合理（1950年以后，且不晚于今天）：", en: "Implausible day (after 1950 and not after today): ")
    static let wfContractEndsBeforeStart = Phrase(zh: "合同结束日期早于开始日期。", en: "The contract ends before it starts.")
    static let wfRulesInvalid = Phrase(zh: "等级表不完整或超出范围：", en: "The grading table is incomplete or out of range: ")
    static let wfNotCity = Phrase(zh: "不是城市（4位区划代码）：", en: "Not a city (a four-digit division code): ")
    static let wfRuleSetNotDraft = Phrase(zh: "只有草案可以施行，且只能施行一次。", en: "Only a draft can be adopted, and only once.")
    static let wfRulesLeaveUngraded = Phrase(zh: "草案缺少在职人员的岗位，他们将无法定级：", en: "The draft drops posts current workers hold; they would have no grade: ")
    static let wfDefaultRules = Phrase(zh: "默认：三岗十八级", en: "Default: three posts, eighteen grades")

    // Pages
    static let wfTitle = Phrase(zh: "社区工作者", en: "Community workers")
    static let wfIntro = Phrase(zh: "本辖区社区工作者的档案、岗位和等级。等级和薪酬档次由现行等级表按岗位、社区工作年限、学历、社会工作者职业资格和年度考核计算，不能填写（W1–W3）。",
                                en: "The records, posts and grades of the community workers in your area. Grades and pay bands are computed by the grading table in force from post, years of community service, education, social-worker qualification and yearly appraisals; they are never typed (W1–W3).")
    static let wfNewRecord = Phrase(zh: "新建社区工作者档案", en: "New staff record")
    static let wfMyRecord = Phrase(zh: "我的社区工作者档案", en: "My staff record")
    static let wfRules = Phrase(zh: "等级表（三岗十八级）", en: "Grading tables")
    static let wfWorkload = Phrase(zh: "社区工作量与人员", en: "Workload and staff per community")
    static let wfWorkloadIntro = Phrase(zh: "每个社区居委会承担的准入事项（A2，来自准入系统）与在职社区工作者人数。",
                                        en: "The tasks each residents' committee carries (A2, from the access system) against the staff serving it now.")
    static let wfCommunityStaff = Phrase(zh: "社区工作者", en: "Community staff")
    static let wfName = Phrase(zh: "姓名", en: "Name")
    static let wfKind = Phrase(zh: "类别", en: "Kind")
    static let wfDivision = Phrase(zh: "社区或街道", en: "Community or street")
    static let wfPlace = Phrase(zh: "服务场所", en: "Service place")
    static let wfPost = Phrase(zh: "岗位", en: "Post")
    static let wfGrade = Phrase(zh: "等级", en: "Grade")
    static let wfPayBand = Phrase(zh: "月薪档次（元）", en: "Monthly pay band (yuan)")
    static let wfWeeklyHours = Phrase(zh: "合同周工时", en: "Contracted weekly hours")
    static let wfAccount = Phrase(zh: "账号", en: "Account")
    static let wfCurrent = Phrase(zh: "在职", en: "Serving")
    static let wfYes = Phrase(zh: "是", en: "yes")
    static let wfNo = Phrase(zh: "否", en: "no")
    static let wfContract = Phrase(zh: "合同", en: "Contract")
    static let wfContractStart = Phrase(zh: "合同开始日期", en: "Contract starts")
    static let wfContractEnd = Phrase(zh: "合同结束日期", en: "Contract ends")
    static let wfSeat = Phrase(zh: "居委会席位（任期）", en: "Committee seat (term)")
    static let wfSeatID = Phrase(zh: "居委会席位编号（当选成员）", en: "Committee seat id (elected members)")
    static let wfServiceSince = Phrase(zh: "开始从事社区工作的日期", en: "Community service began")
    static let wfEducation = Phrase(zh: "学历", en: "Education")
    static let wfHowGraded = Phrase(zh: "等级如何计算", en: "How the grade is computed")
    static let wfServiceYears = Phrase(zh: "社区工作年限", en: "Years of community service")
    static let wfEducationYears = Phrase(zh: "学历折算年限", en: "Years counted for education")
    static let wfAppraisalYears = Phrase(zh: "考核增减年限", en: "Years added or taken by appraisals")
    static let wfCountedYears = Phrase(zh: "计算年限", en: "Counted years")
    static let wfSteps = Phrase(zh: "晋升级数", en: "Grade steps")
    static let wfCertificateBonus = Phrase(zh: "职业资格加级", en: "Grades for qualification")
    static let wfCapped = Phrase(zh: "已达岗位最高等级", en: "At the post's highest grade")
    static let wfRuleSet = Phrase(zh: "现行等级表", en: "Grading table in force")
    static let wfNoGrade = Phrase(zh: "现行等级表中没有此岗位，无法定级", en: "The table in force has no such post: no grade")
    static let wfPostings = Phrase(zh: "岗位与交流经历", en: "Postings and rotations")
    static let wfFrom = Phrase(zh: "起", en: "From")
    static let wfTo = Phrase(zh: "止", en: "To")
    static let wfReason = Phrase(zh: "原因", en: "Reason")
    static let wfTraining = Phrase(zh: "培训", en: "Training")
    static let wfTrainingTotal = Phrase(zh: "培训总学时：", en: "Training hours in all: ")
    static let wfTitleField = Phrase(zh: "名称", en: "Title")
    static let wfProvider = Phrase(zh: "培训机构", en: "Provider")
    static let wfHours = Phrase(zh: "学时", en: "Hours")
    static let wfCompletedOn = Phrase(zh: "完成日期", en: "Completed on")
    static let wfCertificates = Phrase(zh: "证书与职业资格", en: "Certificates and qualifications")
    static let wfLevel = Phrase(zh: "社会工作者职业资格", en: "Social-worker qualification")
    static let wfOtherCertificate = Phrase(zh: "其他证书", en: "Other certificate")
    static let wfNumber = Phrase(zh: "证书编号", en: "Number")
    static let wfIssuedOn = Phrase(zh: "发证日期", en: "Issued on")
    static let wfAppraisals = Phrase(zh: "年度考核", en: "Yearly appraisals")
    static let wfYear = Phrase(zh: "年度", en: "Year")
    static let wfResult = Phrase(zh: "结果", en: "Result")
    static let wfNote = Phrase(zh: "说明", en: "Note")
    static let wfRotate = Phrase(zh: "交流到其他社区或岗位", en: "Rotate to another community or post")
    static let wfStartsOn = Phrase(zh: "开始日期", en: "Starts on")
    static let wfChangeContract = Phrase(zh: "修改合同和工时", en: "Change the contract and hours")
    static let wfAddTraining = Phrase(zh: "登记培训", en: "Record training")
    static let wfAddCertificate = Phrase(zh: "登记证书", en: "Record a certificate")
    static let wfAddAppraisal = Phrase(zh: "登记年度考核", en: "Record a yearly appraisal")
    static let wfFilter = Phrase(zh: "筛选", en: "Filter")
    static let wfAllKinds = Phrase(zh: "全部类别", en: "All kinds")
    static let wfIncludeFormer = Phrase(zh: "包括已离任人员", en: "Include those who have left")
    static let wfPlaceID = Phrase(zh: "服务场所编号（可选）", en: "Service place id (optional)")
    static let wfUsernameHint = Phrase(zh: "本人登录平台的账号（如有）；排班按此账号读取合同工时", en: "The account they sign in with, if any; the roster reads their contracted hours by it")
    static let wfTasks = Phrase(zh: "准入事项数", en: "Tasks carried")
    static let wfTaskHours = Phrase(zh: "事项年工时", en: "Task hours a year")
    static let wfStaffCount = Phrase(zh: "在职人数", en: "Staff serving")
    static let wfTasksPerWorker = Phrase(zh: "人均事项", en: "Tasks per worker")
    static let wfHoursPerWorker = Phrase(zh: "人均年工时", en: "Hours per worker a year")
    static let wfNoOne = Phrase(zh: "无人", en: "no one")
    static let wfState = Phrase(zh: "状态", en: "State")
    static let wfDraftTable = Phrase(zh: "起草新的等级表", en: "Draft a new grading table")
    static let wfDraftHint = Phrase(zh: "草案先预览谁的等级或档次会变化，再决定施行。下面预填的是现行等级表。",
                                    en: "A draft is previewed (whose grade or band would change) before it is adopted. The form starts from the table in force.")
    static let wfPostsLines = Phrase(zh: "岗位（每行：代码 最低级 最高级 中文名 英文名）", en: "Posts (one a line: code lowest highest Chinese-name English-name)")
    static let wfStepYears = Phrase(zh: "每晋一级所需年限", en: "Years per grade step")
    static let wfBandsLines = Phrase(zh: "各级月薪档次（元，从1级起，每行一级）", en: "Monthly pay band per grade (yuan, from grade 1, one a line)")
    static let wfPreview = Phrase(zh: "预览：谁的等级或档次会变化", en: "Preview: whose grade or band changes")
    static let wfPreviewSummary = Phrase(zh: "本市在职社区工作者 %1 人，其中 %2 人的等级或档次将变化。", en: "%1 workers serve in the city; %2 would change grade or band.")
    static let wfAdopt = Phrase(zh: "施行此等级表", en: "Adopt this table")
    static let wfNow = Phrase(zh: "现在", en: "Now")
    static let wfUnderDraft = Phrase(zh: "按草案", en: "Under the draft")
    static let wfPlaceholderBands = Phrase(zh: "说明：默认薪酬档次和考核效果为占位数值（未找到广东省或珠海市的正式表），施行前须按本地规定修改。",
                                           en: "Note: the default pay bands and appraisal effects are placeholders (no Guangdong or Zhuhai table was found); set the local ones before relying on them.")
    static let wfPostsHeading = Phrase(zh: "岗位与等级范围", en: "Posts and their grades")
    static let wfLowest = Phrase(zh: "最低级", en: "Lowest")
    static let wfHighest = Phrase(zh: "最高级", en: "Highest")
    static let wfWorkbench = Phrase(zh: "社区工作者队伍", en: "Community workforce")
    static let wfWorkersInScope = Phrase(zh: "在职社区工作者", en: "Community workers serving")
    static let wfOwnWorkbench = Phrase(zh: "我的社区工作者档案", en: "My staff record")
    static let wfNoRecord = Phrase(zh: "没有你的社区工作者档案。", en: "You have no staff record.")
}

extension StaffKind {
    var phrase: Phrase {
        switch self {
        case .establishment: Phrase(zh: "街道编制（中心工作人员）", en: "Street establishment (centre staff)")
        case .districtHired: Phrase(zh: "区聘社区专职工作者", en: "Full-time community worker (district)")
        case .elected: Phrase(zh: "当选居委会成员", en: "Elected committee member")
        }
    }
}

extension WorkerEducation {
    var phrase: Phrase {
        switch self {
        case .secondary: Phrase(zh: "高中及以下", en: "Secondary")
        case .college: Phrase(zh: "大专", en: "College")
        case .bachelor: Phrase(zh: "本科", en: "Bachelor's")
        case .master: Phrase(zh: "硕士", en: "Master's")
        case .doctorate: Phrase(zh: "博士", en: "Doctorate")
        }
    }
}

extension SocialWorkerCertificate {
    var phrase: Phrase {
        switch self {
        case .junior: Phrase(zh: "助理社会工作师", en: "Junior social worker")
        case .intermediate: Phrase(zh: "社会工作师", en: "Social worker")
        case .senior: Phrase(zh: "高级社会工作师", en: "Senior social worker")
        }
    }
}

extension AppraisalResult {
    var phrase: Phrase {
        switch self {
        case .excellent: Phrase(zh: "优秀", en: "Excellent")
        case .competent: Phrase(zh: "称职", en: "Competent")
        case .basicallyCompetent: Phrase(zh: "基本称职", en: "Basically competent")
        case .incompetent: Phrase(zh: "不称职", en: "Incompetent")
        }
    }
}

extension RuleSetState {
    var phrase: Phrase {
        switch self {
        case .draft: Phrase(zh: "草案", en: "Draft")
        case .inForce: Phrase(zh: "现行", en: "In force")
        case .retired: Phrase(zh: "已废止", en: "Retired")
        }
    }
}
