import ShequKernel
import ShequPlatform

extension ServiceArea {
    /// B1's eight areas, as the policy names them.
    var phrase: Phrase {
        switch self {
        case .legal: Phrase(zh: "法律服务", en: "Legal services")
        case .cultureSports: Phrase(zh: "文化体育", en: "Culture & sports")
        case .elderlyCare: Phrase(zh: "养老服务", en: "Elderly care")
        case .socialWelfare: Phrase(zh: "社会福利", en: "Social welfare")
        case .socialAssistance: Phrase(zh: "社会救助", en: "Social assistance")
        case .publicHealth: Phrase(zh: "公共卫生", en: "Public health")
        case .publicEmployment: Phrase(zh: "公共就业", en: "Public employment")
        case .publicSecurity: Phrase(zh: "公共安全", en: "Public security")
        }
    }
}

extension ProcurementStage {
    var phrase: Phrase {
        switch self {
        case .planned: Phrase(zh: "已立项", en: "Planned")
        case .callOpen: Phrase(zh: "公告征集中", en: "Call open")
        case .scoring: Phrase(zh: "评审中", en: "Being scored")
        case .awarded: Phrase(zh: "已确定承接方", en: "Awarded")
        case .contracted: Phrase(zh: "合同履行中", en: "Under contract")
        case .evaluated: Phrase(zh: "已完成绩效评价", en: "Evaluated")
        }
    }
}

extension ProcurementMethod {
    var phrase: Phrase {
        switch self {
        case .open: Phrase(zh: "公开征集", en: "Open call")
        case .selective: Phrase(zh: "邀请征集（指定邀请对象）", en: "Selective call (named invitees)")
        case .direct: Phrase(zh: "直接委托（须说明理由）", en: "Direct award (reason recorded)")
        }
    }
}

extension SupervisionFinding {
    var phrase: Phrase {
        switch self {
        case .satisfactory: Phrase(zh: "良好", en: "Satisfactory")
        case .needsImprovement: Phrase(zh: "需改进", en: "Needs improvement")
        case .unsatisfactory: Phrase(zh: "不合格", en: "Unsatisfactory")
        }
    }
}

// Refusals: each names the rule it applies.
extension Phrase {
    static let procNotEligible = Phrase(zh: "只有已登记备案的社区社会组织才能受邀或申报：", en: "Only organisations in the registry may be invited or apply: ")
    static let procDishonest = Phrase(zh: "列入严重违法失信名单的社会组织不得参与政府购买服务：",
                                      en: "An organisation on the serious-dishonesty list may not take part in government purchases: ")
    static let procArt10 = Phrase(zh: "《政府购买服务管理办法》第十条：只能购买服务，不得购买货物、工程、融资或本单位用工，请确认后再提交。",
                                  en: "Art. 10 of the purchase-of-services rules: only services may be bought, not goods, works, financing or the buyer's own hiring; confirm this to continue.")
    static let procScopeNotBuyer = Phrase(zh: "购买主体须为街道（九位代码）或区（六位代码）：", en: "The buyer must be a street (nine digits) or a district (six): ")
    static let procUnknownFund = Phrase(zh: "没有这项资金。", en: "There is no such fund.")
    static let procTermReason = Phrase(zh: "第二十四条：服务期限一般不超过1年；超过1年（最长3年）须说明理由（服务稳定、持续、资金有保障）",
                                       en: "Art. 24: a term is normally at most one year; over a year (up to three) needs its reason (a stable, continuous, steadily funded service)")
    static let procTermTooLong = Phrase(zh: "第二十四条：服务期限为1至36个月", en: "Art. 24: a term runs 1 to 36 months")
    static let procBudgetOverFund = Phrase(zh: "预算超过该资金分配给本区且尚未使用的余额：", en: "The budget exceeds what the fund's allocation to the district still holds: ")
    static let procDirectReason = Phrase(zh: "直接委托必须记录理由。", en: "A direct award needs its reason recorded.")
    static let procInvitees = Phrase(zh: "邀请对象数量与征集方式不符", en: "The number of invitees does not fit the method")
    static let procClosesInPast = Phrase(zh: "截止日期不能早于今天：", en: "The closing day cannot be before today: ")
    static let procWeights = Phrase(zh: "评分权重须各为1–100且合计100", en: "Each weight is 1–100 and together they make 100")
    static let procPanelSize = Phrase(zh: "评审小组人数不符", en: "The panel's size is out of range")
    static let procPanelUnknown = Phrase(zh: "评审小组成员账号不存在：", en: "No account for these panel members: ")
    static let procPanelNotOfficial = Phrase(zh: "评审小组成员须为机关工作人员，且不得是社会组织的工作人员：",
                                             en: "Panel members must be officials, and none may be staff of an organisation: ")
    static let procPanelStaffOfApplicant = Phrase(zh: "您是本项目申报组织的工作人员，不能参与本项目评审。",
                                                  en: "You are staff of an applicant to this project: you may not judge it.")
    static let procCallNotYetClosed = Phrase(zh: "征集尚未到公告的截止日期，不能提前结束：", en: "The call runs to its announced closing day and cannot close before it: ")
    static let procSheetsMissing = Phrase(zh: "评审小组每位成员须对每份申报评分或声明利益冲突后，才能确定承接方。",
                                          en: "Every panel member must score each application or declare a conflict before the award.")
    static let procCallClosed = Phrase(zh: "该项目不在征集期内（已截止或尚未发布），不能申报。", en: "The project's call is not open (closed or not yet published): no application is taken.")
    static let procNotInvited = Phrase(zh: "本项目只接受受邀组织申报。", en: "This call takes applications from its invitees only.")
    static let procPriceOverBudget = Phrase(zh: "报价须大于零且不超过项目预算：", en: "The price must be above zero and within the budget: ")
    static let procAlreadyApplied = Phrase(zh: "该组织已申报本项目。", en: "This organisation has already applied.")
    static let procNoApplications = Phrase(zh: "尚无申报，不能结束征集。", en: "No application yet: the call cannot close.")
    static let procNotScoring = Phrase(zh: "项目不在评审阶段。", en: "The project is not being scored.")
    static let procConflictedExcluded = Phrase(zh: "您已就该申报声明利益冲突，已回避，不能评分。",
                                               en: "You declared a conflict of interest with this applicant and are excluded from scoring it.")
    static let procAlreadyScored = Phrase(zh: "您已对该申报评分。", en: "You have already scored this application.")
    static let procOwnOrganization = Phrase(zh: "您是该申报组织的工作人员，须声明利益冲突并回避。",
                                            en: "You are staff of the applicant: declare the conflict of interest and stand aside.")
    static let procScoreRange = Phrase(zh: "每项评分须为整数", en: "Each score is a whole number")
    static let procConflictedScoring = Phrase(zh: "声明利益冲突的评审成员不得评分。", en: "A member who declares a conflict of interest may not score.")
    static let procNotAllScored = Phrase(zh: "尚有申报未经无利益冲突的评审成员评分，不能确定承接方。",
                                         en: "An application has not been scored by a member without a conflict: no award yet.")
    static let procNotAnApplicant = Phrase(zh: "所选申报不属于本项目。", en: "That application is not one of this project's.")
    static let procPreferenceReasonRequired = Phrase(zh: "B2：有社会组织能以同等质量提供该服务且综合得分更高，未选择它须记录理由。",
                                             en: "B2: a social organisation offers the service at the same quality with a better score; passing it over needs a recorded reason.")
    static let procContractOverAward = Phrase(zh: "合同价款须大于零且不超过中选报价：", en: "The contract price must be above zero and within the award: ")
    static let procNotUnderContract = Phrase(zh: "项目不在合同履行期。", en: "The project is not under contract.")
    static let procPaymentOverContract = Phrase(zh: "支付累计不得超过合同价款：", en: "Payments together may not exceed the contract price: ")
    static let procImplausibleDate = Phrase(zh: "日期不合理（合同期限自2010年起、一年之内开始；监督检查在合同期限内且不晚于今天）：",
                                            en: "The date is implausible (a term starts from 2010 and within a year; a visit falls within the term and not after today): ")
    static let procOutOfOrder = Phrase(zh: "项目当前阶段不能进行此操作：", en: "This step does not fit the project's stage: ")
}
