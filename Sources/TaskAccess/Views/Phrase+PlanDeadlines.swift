import ShequPlatform

/// What the review deadline (A2, O3) says when it refuses, marks or records something.
extension Phrase {
    static let planResubmissionLate = Phrase(
        zh: "已过本年度计划的审核截止日期，退回修改的计划不能再提交（规则A2）：",
        en: "The year's review deadline has passed, so a plan sent back for changes can no longer be resubmitted (rule A2): ")
    static let planChangesTooLate = Phrase(
        zh: "已过本年度计划的审核截止日期，职能部门已不能再提交，不能退回修改，请批准或不予批准（规则A2）：",
        en: "The year's review deadline has passed and the department could no longer resubmit, so the plan cannot be sent back: approve or reject it now (rule A2): ")
    static let planChangedMeanwhile = Phrase(zh: "计划在处理期间已被修改（范围或部门不同），请重新打开后再操作：",
                                             en: "The plan changed meanwhile (another reach or department); open it again and retry: ")
    static let planDecidedLate = Phrase(zh: "在审核截止日期之后作出决定", en: "Decided after the review deadline")
    static let reviewOverdue = Phrase(zh: "审核逾期", en: "Review overdue")
    static let reviewNotOverdue = Phrase(zh: "审核未逾期", en: "Review not overdue")
    static let reviewProgress = Phrase(zh: "审核", en: "Review")
    static let overdueReviews = Phrase(zh: "逾期未审核的计划", en: "Plans overdue for review")
    static let resubmissionClosed = Phrase(zh: "审核截止日期已过，计划不能再次提交。", en: "The review deadline has passed: the plan can no longer be resubmitted.")
    static let changesClosed = Phrase(zh: "审核截止日期已过，只能批准或不予批准。", en: "The review deadline has passed: the plan can only be approved or rejected.")
}
