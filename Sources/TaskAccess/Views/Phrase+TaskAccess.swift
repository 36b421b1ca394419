import ShequPlatform

extension Phrase {
    // Refusals, each citing its rule.
    static let ruleA1AdministrativeFunction = Phrase(
        zh: "依据规则A1，政府的行政职能（行政许可、行政处罚、行政强制和执法）不得转嫁给居民委员会，不能登记为社区承接事项",
        en: "Rule A1: administrative functions of government (licensing, penalties, enforcement) are not pushed onto residents' committees and cannot be registered as committee tasks")
    static let ruleA2Unapproved = Phrase(
        zh: "依据规则A2，只有须承接事项，或当年经领导小组批准的准入计划中包含该社区的可承接事项，才能交由居委会承担；本次指派已被拒绝并记入审计日志：",
        en: "Rule A2: only must-undertake tasks, or may-undertake tasks in a plan the leading group approved for that year and community, may be assigned to a committee; this assignment was refused and logged: ")
    static let ruleA4NoResponsibilityLetters = Phrase(
        zh: "依据规则A4，行政责任书已由委托管理或购买服务协议取代，不能新建，只能转换或终止",
        en: "Rule A4: administrative responsibility letters are replaced by entrustment or purchase-of-service agreements; they cannot be created, only converted or terminated")
    static let planSubmissionLate = Phrase(zh: "已过本年度准入计划的提交截止日期（规则A2）：", en: "The year's deadline for submitting plans has passed (rule A2): ")
    static let planTasksNotMayUndertake = Phrase(zh: "计划只能包含本部门当年有效的可承接事项", en: "A plan may only list the department's own may-undertake tasks in force that year")
    static let planCommunitiesOutOfReach = Phrase(zh: "计划中的社区不存在或不在本部门管辖范围内", en: "A community in the plan does not exist or lies outside the department's reach")
    static let planNotEditable = Phrase(zh: "计划已提交或已决定，不能修改：", en: "The plan is submitted or decided and cannot be changed: ")
    static let planStepOutOfOrder = Phrase(zh: "计划当前状态下不能这样操作：", en: "The plan cannot take this step in its present state: ")
    static let assignmentExists = Phrase(zh: "该社区当年已承接此事项", en: "The committee already carries this task that year")
    static let agreementNeedsApprovedPlan = Phrase(zh: "只有已批准的计划才能签订协议", en: "Only an approved plan becomes agreements")
    static let agreementsExist = Phrase(zh: "该计划已签订协议", en: "The plan's agreements have already been made")
    static let agreementNotConvertible = Phrase(zh: "只有有效的行政责任书才能转换", en: "Only an active responsibility letter can be converted")
    static let agreementNotActive = Phrase(zh: "协议不在执行中", en: "The agreement is not active")
    static let disbursementOutsideAgreement = Phrase(zh: "该社区不在协议范围内：", en: "The community is not covered by the agreement: ")
    static let shortfallAgreementMismatch = Phrase(zh: "该协议不涉及本社区", en: "That agreement does not cover this community")

    // Pages.
    static let taTaskAccess = Phrase(zh: "社区事务准入", en: "Task access")
    static let taskRegistry = Phrase(zh: "社区承接事项清单", en: "Task registry")
    static let registerTask = Phrase(zh: "登记事项", en: "Register a task")
    static let editTask = Phrase(zh: "修改事项", en: "Edit the task")
    static let taskTitle = Phrase(zh: "事项名称", en: "Title")
    static let taLegalBasis = Phrase(zh: "法律依据", en: "Legal basis")
    static let taDepartment = Phrase(zh: "职能部门", en: "Department")
    static let taClassification = Phrase(zh: "分类", en: "Classification")
    static let taClassifiedBy = Phrase(zh: "分类依据（文件）", en: "Classifying decision (document)")
    static let taNature = Phrase(zh: "事项性质", en: "Nature of the work")
    static let hoursPerYear = Phrase(zh: "每个社区每年预计工时", en: "Estimated hours per committee per year")
    static let taInForce = Phrase(zh: "有效", en: "In force")
    static let taFromYear = Phrase(zh: "起始年度", en: "From year")
    static let taToYear = Phrase(zh: "截止年度", en: "To year")
    static let mustUndertake = Phrase(zh: "须承接", en: "Must undertake")
    static let mayUndertake = Phrase(zh: "可承接", en: "May undertake")
    static let assignTask = Phrase(zh: "交由社区承接", en: "Assign to a committee")
    static let taCommunity = Phrase(zh: "社区", en: "Community")
    static let taCommunityCode = Phrase(zh: "社区代码", en: "Community code")
    static let taYear = Phrase(zh: "年度", en: "Year")
    static let taPlans = Phrase(zh: "年度准入计划", en: "Annual plans")
    static let newPlan = Phrase(zh: "新建计划", en: "New plan")
    static let editPlan = Phrase(zh: "修改计划", en: "Edit the plan")
    static let planTitle = Phrase(zh: "计划名称", en: "Plan title")
    static let taFund = Phrase(zh: "经费来源", en: "Fund")
    static let amountPerCommittee = Phrase(zh: "每个社区经费（元）", en: "Funding per committee (yuan)")
    static let totalFunding = Phrase(zh: "经费合计", en: "Total funding")
    static let workingConditions = Phrase(zh: "工作条件", en: "Working conditions")
    static let policyGuidance = Phrase(zh: "政策指导", en: "Policy guidance")
    static let agreementKindLabel = Phrase(zh: "协议类型", en: "Agreement type")
    static let taGrouping = Phrase(zh: "签订方式", en: "Agreements")
    static let perDistrict = Phrase(zh: "每区一份", en: "One per district")
    static let perCommittee = Phrase(zh: "每个社区一份", en: "One per committee")
    static let entrustment = Phrase(zh: "委托管理", en: "Entrustment")
    static let purchaseOfService = Phrase(zh: "购买服务", en: "Purchase of service")
    static let responsibilityLetter = Phrase(zh: "行政责任书（历史）", en: "Responsibility letter (legacy)")
    static let taTasks = Phrase(zh: "事项", en: "Tasks")
    static let taCommunities = Phrase(zh: "社区", en: "Communities")
    static let taState = Phrase(zh: "状态", en: "State")
    static let taReason = Phrase(zh: "理由", en: "Reason")
    static let taNote = Phrase(zh: "说明", en: "Note")
    static let submitPlan = Phrase(zh: "提交审核", en: "Submit for review")
    static let taApprove = Phrase(zh: "批准", en: "Approve")
    static let requestChanges = Phrase(zh: "退回修改", en: "Send back for changes")
    static let taReject = Phrase(zh: "不予批准", en: "Reject")
    static let taDecision = Phrase(zh: "决定", en: "Decision")
    static let reviewQueue = Phrase(zh: "待审核计划", en: "Review queue")
    static let taHistory = Phrase(zh: "办理记录", en: "History")
    static let reviewer = Phrase(zh: "审核机关", en: "Reviewed by")
    static let taDeadlines = Phrase(zh: "截止日期", en: "Deadlines")
    static let submitBy = Phrase(zh: "提交截止", en: "Submit by")
    static let reviewBy = Phrase(zh: "审核截止", en: "Review by")
    static let setDeadlines = Phrase(zh: "设置截止日期", en: "Set the deadlines")
    static let taAgreements = Phrase(zh: "协议", en: "Agreements")
    static let makeAgreements = Phrase(zh: "签订协议", en: "Make the agreements")
    static let termStart = Phrase(zh: "协议起始", en: "Term starts")
    static let termEnd = Phrase(zh: "协议截止", en: "Term ends")
    static let deliverables = Phrase(zh: "服务内容与成果", en: "Deliverables")
    static let inspectionSchedule = Phrase(zh: "检查安排", en: "Inspection schedule")
    static let taFunding = Phrase(zh: "经费", en: "Funding")
    static let taParty = Phrase(zh: "协议对象", en: "Party")
    static let taConvert = Phrase(zh: "转换为协议", en: "Convert to an agreement")
    static let taTerminate = Phrase(zh: "终止", en: "Terminate")
    static let taInspections = Phrase(zh: "检查", en: "Inspections")
    static let recordInspection = Phrase(zh: "记录检查", en: "Record an inspection")
    static let inspectedOn = Phrase(zh: "检查日期", en: "Inspected on")
    static let taResult = Phrase(zh: "结果", en: "Result")
    static let taFindings = Phrase(zh: "检查情况", en: "Findings")
    static let satisfactory = Phrase(zh: "合格", en: "Satisfactory")
    static let needsImprovement = Phrase(zh: "需整改", en: "Needs improvement")
    static let unsatisfactory = Phrase(zh: "不合格", en: "Unsatisfactory")
    static let disbursements = Phrase(zh: "拨付", en: "Disbursements")
    static let disburse = Phrase(zh: "拨付经费", en: "Disburse funding")
    static let amountYuan = Phrase(zh: "金额（元）", en: "Amount (yuan)")
    static let taMemo = Phrase(zh: "摘要", en: "Memo")
    static let shortfalls = Phrase(zh: "经费或条件未到位反映", en: "Shortfall reports")
    static let reportShortfall = Phrase(zh: "反映未到位的经费或条件", en: "Report what did not arrive")
    static let shortfallFunding = Phrase(zh: "经费未到位", en: "Funding did not arrive")
    static let shortfallConditions = Phrase(zh: "工作条件未到位", en: "Working conditions did not arrive")
    static let taAnswer = Phrase(zh: "答复", en: "Answer")
    static let notAnswered = Phrase(zh: "尚未答复", en: "Not answered yet")
    static let taBurden = Phrase(zh: "社区负担", en: "Committee burden")
    static let burdenOfCommittees = Phrase(zh: "各社区负担", en: "Burden of every committee")
    static let taHours = Phrase(zh: "工时", en: "Hours")
    static let taPromised = Phrase(zh: "承诺经费", en: "Promised")
    static let taReceived = Phrase(zh: "到位经费", en: "Received")
    static let taOutstanding = Phrase(zh: "未到位", en: "Outstanding")
    static let tasksCarried = Phrase(zh: "本社区承接的事项", en: "Tasks this committee carries")
    static let registeredTasks = Phrase(zh: "登记的社区事项", en: "Registered tasks")
    static let taNothingYet = Phrase(zh: "暂无", en: "None yet")
    static let myTasks = Phrase(zh: "本部门事项", en: "My department's tasks")
    static let allCommunities = Phrase(zh: "各社区承接事项（公开）", en: "Tasks by community (public)")
    static let stateDraft = Phrase(zh: "草稿", en: "Draft")
    static let stateSubmitted = Phrase(zh: "待审核", en: "Submitted")
    static let stateChangesRequested = Phrase(zh: "退回修改", en: "Changes requested")
    static let stateApproved = Phrase(zh: "已批准", en: "Approved")
    static let stateRejected = Phrase(zh: "未批准", en: "Rejected")
    static let agreementActive = Phrase(zh: "执行中", en: "Active")
    static let agreementConverted = Phrase(zh: "已转换", en: "Converted")
    static let agreementTerminated = Phrase(zh: "已终止", en: "Terminated")
    static let natureLabels: [TaskNature: Phrase] = [
        .publicService: Phrase(zh: "公共服务", en: "Public service"),
        .informationGathering: Phrase(zh: "信息采集", en: "Information gathering"),
        .publicity: Phrase(zh: "宣传教育", en: "Publicity and education"),
        .assistance: Phrase(zh: "协助办理", en: "Assistance"),
        .licensing: Phrase(zh: "行政许可", en: "Licensing"),
        .penalty: Phrase(zh: "行政处罚", en: "Penalties"),
        .enforcement: Phrase(zh: "行政强制/执法", en: "Enforcement"),
    ]
}

extension TaskClassification { var phrase: Phrase { self == .mustUndertake ? .mustUndertake : .mayUndertake } }
extension TaskNature { var phrase: Phrase { Phrase.natureLabels[self] ?? Phrase(zh: rawValue, en: rawValue) } }
extension AgreementKind {
    var phrase: Phrase {
        switch self { case .entrustment: .entrustment; case .purchaseOfService: .purchaseOfService; case .responsibilityLetter: .responsibilityLetter }
    }
}
extension AgreementGrouping { var phrase: Phrase { self == .perDistrict ? .perDistrict : .perCommittee } }
extension PlanState {
    var phrase: Phrase {
        switch self {
        case .draft: .stateDraft
        case .submitted: .stateSubmitted
        case .changesRequested: .stateChangesRequested
        case .approved: .stateApproved
        case .rejected: .stateRejected
        }
    }
}
extension AgreementState {
    var phrase: Phrase {
        switch self { case .active: .agreementActive; case .converted: .agreementConverted; case .terminated: .agreementTerminated }
    }
}
extension InspectionResult {
    var phrase: Phrase {
        switch self { case .satisfactory: .satisfactory; case .needsImprovement: .needsImprovement; case .unsatisfactory: .unsatisfactory }
    }
}
extension ShortfallKind { var phrase: Phrase { self == .funding ? .shortfallFunding : .shortfallConditions } }
