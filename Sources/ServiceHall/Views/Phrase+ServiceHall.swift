import ShequPlatform

extension Phrase {
    static let promisedLimit = Phrase(zh: "承诺时限", en: "Promised time limit")
    static let statutoryLimit = Phrase(zh: "法定时限", en: "Statutory time limit")
    static let workingDays = Phrase(zh: "个工作日", en: "working days")
    static let itemCode = Phrase(zh: "事项编码", en: "Item code")
    static let itemType = Phrase(zh: "事项类型", en: "Item type")
    static let legalBasis = Phrase(zh: "设定依据", en: "Legal basis")
    static let handledBy = Phrase(zh: "办理机构", en: "Handled by")
    static let fee = Phrase(zh: "收费", en: "Fee")
    static let feeFree = Phrase(zh: "不收费", en: "Free")
    static let materials = Phrase(zh: "申请材料", en: "Materials")
    static let deferrable = Phrase(zh: "可容缺后补", en: "may be supplied later")
    static let applyOnline = Phrase(zh: "网上申请", en: "Apply online")
    static let applicationDetails = Phrase(zh: "申请说明", en: "Details")
    static let signInToApply = Phrase(zh: "登录后可网上申请", en: "Sign in to apply online")
    static let allOpen = Phrase(zh: "全部", en: "All")
    static let dueSoon = Phrase(zh: "即将到期", en: "Due soon")
    static let overdue = Phrase(zh: "已超期", en: "Overdue")
    static let trackingNumber = Phrase(zh: "受理编号", en: "Tracking number")
    static let serviceItem = Phrase(zh: "服务事项", en: "Service item")
    static let state = Phrase(zh: "状态", en: "Status")
    static let dueOn = Phrase(zh: "办结期限", en: "Due on")
    static let expectedOn = Phrase(zh: "预计办结日期", en: "Expected by")
    static func provisionalDue(year: String) -> Phrase {
        Phrase(zh: "暂定：国务院尚未公布\(year)年节假日安排，此日期仅扣除周末，公布后可能调整。",
               en: "Provisional: the State Council has not yet published the \(year) holiday schedule, so this date counts weekends only and may move.")
    }
    static let provisionalLegend = Phrase(zh: "* 暂定：该年度节假日安排尚未公布，仅扣除周末推算。",
                                          en: "* Provisional: counted on weekends only until the State Council publishes that year's holidays.")
    static let channel = Phrase(zh: "申请渠道", en: "Channel")
    static let acceptedOn = Phrase(zh: "受理日期", en: "Accepted on")
    static let outcome = Phrase(zh: "办理结果", en: "Result")
    static let history = Phrase(zh: "办理过程", en: "History")
    static let takeStep = Phrase(zh: "办理", en: "Take a step")
    static let step = Phrase(zh: "操作", en: "Step")
    static let materialsHint = Phrase(zh: "受理时勾选已收到的材料；要求补正时勾选所缺的全部材料", en: "On acceptance tick the materials received; for a supplement tick everything missing")
    static let reason = Phrase(zh: "理由或说明", en: "Reason or note")
    static let arisesLater = Phrase(zh: "此补正理由是首次告知后新出现的", en: "This reason arose after the first notification")
    static let withdrawApplication = Phrase(zh: "撤回申请", en: "Withdraw the application")
    static let rateService = Phrase(zh: "评价本次服务", en: "Rate this service")
    static let ratingLevel = Phrase(zh: "评价", en: "Rating")
    static let ratingComment = Phrase(zh: "意见建议", en: "Comments")
    static let notices = Phrase(zh: "消息通知", en: "Notices")
    static let last4 = Phrase(zh: "手机号或身份证号后四位", en: "Last four of phone or ID number")
}

extension ServiceArea {
    var phrase: Phrase {
        switch self {
        case .enterprise: Phrase(zh: "企业服务", en: "Enterprise services")
        case .workSafety: Phrase(zh: "安全生产", en: "Work safety")
        case .civilAffairsAndDisability: Phrase(zh: "民政与残联", en: "Civil affairs and disability")
        case .cityManagement: Phrase(zh: "城市管理", en: "City management")
        case .labourAndSocialSecurity: Phrase(zh: "劳动和社会保障", en: "Labour and social security")
        case .familyPlanning: Phrase(zh: "计生服务", en: "Family-planning services")
        case .general: Phrase(zh: "综合服务", en: "General services")
        }
    }
}

extension ServiceItemType {
    var phrase: Phrase {
        switch self {
        case .administrativeLicense: Phrase(zh: "行政许可", en: "Administrative licence")
        case .administrativePayment: Phrase(zh: "行政给付", en: "Administrative payment")
        case .administrativeConfirmation: Phrase(zh: "行政确认", en: "Administrative confirmation")
        case .publicService: Phrase(zh: "公共服务", en: "Public service")
        case .other: Phrase(zh: "其他", en: "Other")
        }
    }
}

extension HandlingBody {
    var phrase: Phrase {
        switch self {
        case .station: Phrase(zh: "社区公共服务站", en: "Community public service station")
        case .center: Phrase(zh: "社区政务服务中心", en: "Community government service center")
        case .outpost: Phrase(zh: "职能部门派驻机构", en: "Department outpost")
        }
    }
}

extension FeeKind {
    var phrase: Phrase {
        switch self {
        case .free: Phrase(zh: "不收费", en: "Free")
        case .lowCost: Phrase(zh: "低偿", en: "Low cost")
        case .paid: Phrase(zh: "收费", en: "Paid")
        }
    }
}

extension ApplicationChannel {
    var phrase: Phrase {
        switch self {
        case .online: Phrase(zh: "网上（一网式）", en: "Online")
        case .window: Phrase(zh: "窗口（一门式）", en: "At a window")
        case .hotline: Phrase(zh: "热线（一号式）", en: "By hotline")
        case .open311: Phrase(zh: "Open311 接口", en: "Open311 client")
        }
    }
}

extension ApplicationState {
    var phrase: Phrase {
        switch self {
        case .submitted: Phrase(zh: "已提交", en: "Submitted")
        case .accepted: Phrase(zh: "已受理", en: "Accepted")
        case .notAccepted: Phrase(zh: "不予受理", en: "Not accepted")
        case .awaitingSupplement: Phrase(zh: "待补正材料", en: "Awaiting supplementary materials")
        case .inProgress: Phrase(zh: "办理中", en: "In progress")
        case .transferred: Phrase(zh: "已转办", en: "Transferred")
        case .completed: Phrase(zh: "已办结", en: "Completed")
        case .refused: Phrase(zh: "不予批准", en: "Refused")
        case .withdrawn: Phrase(zh: "已撤回", en: "Withdrawn")
        }
    }
}

extension ApplicationStep {
    var phrase: Phrase {
        switch self {
        case .accept: Phrase(zh: "受理", en: "Accept")
        case .decline: Phrase(zh: "不予受理", en: "Decline")
        case .requestSupplement: Phrase(zh: "一次性告知补正", en: "Request supplement")
        case .receiveSupplement: Phrase(zh: "补正材料已收到", en: "Supplement received")
        case .process: Phrase(zh: "办理", en: "Process")
        case .transfer: Phrase(zh: "转办", en: "Transfer")
        case .complete: Phrase(zh: "办结", en: "Complete")
        case .refuse: Phrase(zh: "不予批准", en: "Refuse")
        case .withdraw: Phrase(zh: "撤回", en: "Withdraw")
        }
    }
}

extension RatingLevel {
    var phrase: Phrase {
        switch self {
        case .verySatisfied: Phrase(zh: "非常满意", en: "Very satisfied")
        case .satisfied: Phrase(zh: "满意", en: "Satisfied")
        case .basicallySatisfied: Phrase(zh: "基本满意", en: "Basically satisfied")
        case .dissatisfied: Phrase(zh: "不满意", en: "Dissatisfied")
        case .veryDissatisfied: Phrase(zh: "非常不满意", en: "Very dissatisfied")
        }
    }
}

extension Phrase {
    static let requiredPower = Phrase(zh: "所需区级下放权限", en: "District power it needs")
    static let whereHandled = Phrase(zh: "哪些街道持有", en: "which streets hold it")
    static let streetsHoldingPower = Phrase(zh: "可办理的街道服务中心", en: "Street centres that may handle it")
}
