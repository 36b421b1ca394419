import ShequPlatform

extension Phrase {
    static let taskFunds = Phrase(zh: "各事项经费（以事定费）", en: "Funds per task")
    static let taskFundsIntro = Phrase(
        zh: "每个事项在本年度已批准准入计划中所占的经费：计划的预留、签入协议和拨付到社区的金额，按计划内各事项的预计工时比例分摊（以事定费），以分为单位，余下的分按余数从大到小分配，各事项份额之和与计划的台账金额完全相等。",
        en: "Each task's share of the money of the year's approved plans: what approval reserved, what went to agreements and what was paid to committees, split among a plan's tasks in proportion to their estimated hours (cost follows the work), in whole fen, the fen left over going to the largest remainders, so the tasks' shares add up exactly to each plan's figures in the ledger.")
    static let taskFundsMustNote = Phrase(
        zh: "须承接事项是居委会依法必须承担的工作，不经准入计划，不附带计划经费，因此金额为零。",
        en: "Must-undertake tasks are work the committee carries by law: they need no plan and carry no plan money, so their figures are zero.")
    static let taskFundsTotals = Phrase(zh: "本年度范围内已批准计划合计", en: "Totals of the year's approved plans in scope")
    static let taApprovedPlans = Phrase(zh: "已批准计划", en: "Approved plans")
    static let taCommittees = Phrase(zh: "承接社区数", en: "Committees")
    static let taPlansFunding = Phrase(zh: "资助计划数", en: "Plans")
    static let taCommitted = Phrase(zh: "签入协议", en: "Committed")
    static let taDisbursed = Phrase(zh: "已拨付", en: "Disbursed")
    static let taReserved = Phrase(zh: "计划预留", en: "Reserved")
}
