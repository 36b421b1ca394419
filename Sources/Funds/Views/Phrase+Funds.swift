import ShequPlatform

extension Phrase {
    static let funds = Phrase(zh: "专项资金", en: "Special funds")
    static let fundsIntro = Phrase(
        zh: "市、区两级投入社区建设的专项资金（珠字〔2010〕7号：2011—2012年专项资金3000万元、试点资金800万元）。每一笔钱都按计划或协议拨付，每个账户的余额都由流水逐笔相加得出，不单独记录。金额单位：元。",
        en: "The special funds the city and districts put into community building (珠字〔2010〕7号: 30 million yuan for 2011–2012 and an 8 million yuan pilot fund). Every yuan moves by plan or agreement; every balance is the sum of the ledger's entries, never stored on its own. Amounts in yuan.")
    static let fundName = Phrase(zh: "资金名称", en: "Fund")
    static let fundKind = Phrase(zh: "类别", en: "Kind")
    static let fundPeriod = Phrase(zh: "期限", en: "Years")
    static let fundDocument = Phrase(zh: "依据文件", en: "Decision")
    static let firstYear = Phrase(zh: "起始年份", en: "First year")
    static let lastYear = Phrase(zh: "结束年份", en: "Last year")
    static let contributed = Phrase(zh: "已注资", en: "Contributed")
    static let allocatedToDistricts = Phrase(zh: "已分配到区", en: "Allocated to districts")
    static let unallocated = Phrase(zh: "未分配", en: "Unallocated")
    static let allocated = Phrase(zh: "已分配", en: "Allocated")
    static let disbursed = Phrase(zh: "已拨付", en: "Disbursed")
    static let remaining = Phrase(zh: "结余", en: "Remaining")
    static let received = Phrase(zh: "已到账", en: "Received")
    static let fundKindSpecial = Phrase(zh: "专项资金", en: "Special fund")
    static let fundKindPilot = Phrase(zh: "试点资金", en: "Pilot fund")
    static let fundKindOther = Phrase(zh: "其他", en: "Other")
    static let fundColumnsFund = Phrase(
        zh: "已注资：市、区政府投入该资金的总额。已分配到区：从资金池分配到各区的净额。未分配：仍在资金池或预算科目中、尚未分配到区的金额。已拨付：居委会和社会组织实际收到的金额。结余：尚未拨付给居委会或社会组织的金额（= 已注资 − 已拨付），含未分配、区分配余额及计划、协议中尚未支付的部分。",
        en: "Contributed: what the city and district governments paid into the fund. Allocated to districts: net moved from the fund's pot to the districts. Unallocated: not yet allocated to a district, in the pot or in a budget line. Disbursed: what residents' committees and social organisations actually received. Remaining: not yet paid to a committee or organisation (= contributed − disbursed): the pot, the districts' allocations and what plans and agreements still hold.")
    static let fundColumnsDistrict = Phrase(
        zh: "已分配：资金池分配给该区的净额。已拨付：该区居委会收到的金额，加上社会组织从该区计划或协议收到的金额（不论计划由哪一级安排）。结余：该区分配余额，加上范围在该区内的计划和协议中尚未支付的金额。市级计划直接拨付的钱计入已拨付而不计入已分配，因此三项不一定满足“已分配 − 已拨付 = 结余”。",
        en: "Allocated: net the fund's pot allocated to the district. Disbursed: received by the district's residents' committees, plus what social organisations received from plans or agreements in the district (whichever level arranged them). Remaining: the district's allocation still unspent, plus what plans and agreements reaching inside the district still hold. Money a city-wide plan pays directly counts as disbursed but not allocated, so allocated − disbursed need not equal remaining.")
    static let fundColumnsDepartment = Phrase(
        zh: "已分配：从资金池或区分配拨入该部门计划和协议的净额。已拨付：该部门计划和协议付给居委会和社会组织的金额。结余：该部门计划和协议中尚未支付的金额（= 已分配 − 已拨付）。计划转入协议属于部门内部，不重复计算。",
        en: "Allocated: net moved into the department's plans and agreements from the fund's pot or a district's allocation. Disbursed: paid from them to residents' committees and social organisations. Remaining: what they still hold (= allocated − disbursed). Money moving from a plan to an agreement of the same department is internal and counted once.")
    static let fundColumnsCommittee = Phrase(
        zh: "已分配：以该社区为对象的协议中承诺的净额。已到账：该社区居委会实际收到的金额（来自任何计划或协议，包括全区性的协议）。结余：以该社区为对象的协议中尚未支付的金额。",
        en: "Allocated: net committed to agreements made for this community. Received: what its residents' committee actually received, from any plan or agreement (district-wide ones included). Remaining: what the agreements made for this community still hold.")
    static let reportByDistrict = Phrase(zh: "按区统计", en: "By district")
    static let reportByDepartment = Phrase(zh: "按部门统计", en: "By department")
    static let reportByCommittee = Phrase(zh: "按社区居委会统计", en: "By residents' committee")
    static let reportByFund = Phrase(zh: "按资金统计", en: "By fund")
    static let district = Phrase(zh: "区", en: "District")
    static let department = Phrase(zh: "部门", en: "Department")
    static let community = Phrase(zh: "社区", en: "Community")
    static let allFunds = Phrase(zh: "全部资金", en: "All funds")
    static let showReport = Phrase(zh: "查看", en: "Show")
    static let createFund = Phrase(zh: "设立资金", en: "Set up a fund")
    static let recordContribution = Phrase(zh: "登记注资", en: "Record a contribution")
    static let allocateToDistrict = Phrase(zh: "分配到区", en: "Allocate to a district")
    static let amountYuan = Phrase(zh: "金额（元）", en: "Amount (yuan)")
    static let amountHint = Phrase(zh: "例如 1,200,000.00；最多两位小数", en: "e.g. 1,200,000.00; at most two decimals")
    static let contributorCode = Phrase(zh: "出资政府（区划代码：市 4404 或区的六位代码）", en: "Contributing government (division code: the city 4404 or a district's six digits)")
    static let districtCode = Phrase(zh: "区（六位区划代码）", en: "District (six-digit division code)")
    static let decisionDocument = Phrase(zh: "依据文件（文号）", en: "Decision (document number)")
    static let memo = Phrase(zh: "备注", en: "Memo")
    static let ledgerEntries = Phrase(zh: "资金流水", en: "Ledger entries")
    static let ledgerEntriesIntro = Phrase(zh: "每笔交易的两条分录相加为零；正数为转入，负数为转出。仅显示您管辖范围内的账户。",
                                           en: "The two entries of each transaction add up to zero: positive is money in, negative money out. Only accounts in your scope are shown.")
    static let sequence = Phrase(zh: "序号", en: "No.")
    static let recordedAt = Phrase(zh: "时间", en: "Recorded")
    static let account = Phrase(zh: "账户", en: "Account")
    static let citation = Phrase(zh: "依据", en: "Authority")
    static let recordedBy = Phrase(zh: "经办", en: "By")
    static let noFundsYet = Phrase(zh: "还没有资金。", en: "No funds yet.")
    static let nothingYet = Phrase(zh: "暂无数据。", en: "Nothing yet.")
    static let ownCommitteeReceived = Phrase(zh: "本居委会已到账资金（所有资金合计）", en: "Received by your residents' committee (all funds)")
    static let total = Phrase(zh: "合计", en: "Total")
    static let totalOfAllRows = Phrase(zh: "合计（全部 %@ 行）", en: "Total (all %@ rows)")

    static let budgetLines = Phrase(zh: "预算科目", en: "Budget lines")
    static let budgetLineColumns = Phrase(
        zh: "已安排：依据预算文件从资金池安排到该科目的净额。已分配到区：从该科目分配给各区的金额。结余：该科目尚未分配到区的金额（= 已安排 − 已分配到区），计入资金的“未分配”。",
        en: "Appropriated: net moved from the fund's pot to the line by its budget decisions. Allocated to districts: moved from the line to districts. Remaining: not yet allocated to a district (= appropriated − allocated to districts); it counts in the fund's unallocated money.")
    static let budgetLineCode = Phrase(zh: "编号", en: "Code")
    static let budgetLineName = Phrase(zh: "科目名称", en: "Budget line")
    static let appropriated = Phrase(zh: "已安排", en: "Appropriated")
    static let budgetDocument = Phrase(zh: "预算文件（文号）", en: "Budget document (number)")
    static let addBudgetLine = Phrase(zh: "新增预算科目", en: "Add a budget line")
    static let appropriateToLine = Phrase(zh: "安排资金到预算科目", en: "Appropriate to a budget line")
    static let appropriationDocumentHint = Phrase(zh: "留空则以该科目的预算文件为依据", en: "Leave empty to cite the line's own budget document")
    static let allocateFrom = Phrase(zh: "资金来源", en: "From")
    static let fromFundPot = Phrase(zh: "资金池（未列入预算科目的资金）", en: "The fund's pot (money in no budget line)")
    static let errorBudgetLineYears = Phrase(zh: "预算科目的年份须在资金期限之内，且起始年份不晚于结束年份：",
                                             en: "A budget line's years lie within the fund's years, the first not after the last: ")
    static let errorBudgetLineExists = Phrase(zh: "该资金已有此编号的预算科目：", en: "The fund already has a budget line with this code: ")
    static let errorUnknownBudgetLine = Phrase(zh: "该资金没有这个预算科目：", en: "The fund has no such budget line: ")

    static func accountKind(_ k: LedgerAccountKind) -> Phrase {
        switch k {
        case .contribution: Phrase(zh: "出资", en: "Contribution")
        case .fund: Phrase(zh: "资金池", en: "Fund pot")
        case .budgetLine: Phrase(zh: "预算科目", en: "Budget line")
        case .districtAllocation: Phrase(zh: "区分配", en: "District allocation")
        case .plan: Phrase(zh: "计划", en: "Plan")
        case .agreement: Phrase(zh: "协议", en: "Agreement")
        case .committee: Phrase(zh: "居委会", en: "Residents' committee")
        case .organization: Phrase(zh: "社会组织", en: "Social organisation")
        }
    }
}

extension FundKind {
    var phrase: Phrase {
        switch self {
        case .special: .fundKindSpecial
        case .pilot: .fundKindPilot
        case .other: .fundKindOther
        }
    }
}
