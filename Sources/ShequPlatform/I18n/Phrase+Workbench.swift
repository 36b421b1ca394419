extension Phrase {
    public static let workbench = Phrase(zh: "工作台", en: "Workbench")
    public static let workbenchSignedInAs = Phrase(zh: "您的岗位：", en: "Your roles:")
    public static let workbenchNothing = Phrase(zh: "目前没有等待您处理的事项。", en: "Nothing is waiting for you.")
    public static let workbenchAdministration = Phrase(zh: "系统管理", en: "Administration")
    public static let workbenchOverdueMark = Phrase(zh: "（已逾期）", en: " (overdue)")
    public static let workbenchDueSoonMark = Phrase(zh: "（即将到期）", en: " (due soon)")
    public static let workbenchOpen = Phrase(zh: "进入我的工作台", en: "Open my workbench")
    // The home page says what is on pages today, and nothing more.
    public static let homeIntro = Phrase(
        zh: "珠海市社区综合信息管理和服务平台：办事指南与网上申请、办件查询、居民自治（议题、表决、民情信箱与论坛）、社区行政事务准入和专项资金公开。",
        en: "Zhuhai's community information and service platform: service guides and online applications, application tracking, residents' self-governance (matters, votes, mailbox and forum), task access for community committees and the special funds' public reports.")
    public static let homeStart = Phrase(zh: "从这里开始", en: "Start here")
    public static let homeSignInHint = Phrase(zh: "工作人员和居民登录后进入自己的工作台。", en: "Staff and residents land on their own workbench after signing in.")
    // Directory's share of the workbench.
    public static let workbenchResidents = Phrase(zh: "居民信息", en: "Residents")
    public static let workbenchResidentsInScope = Phrase(zh: "辖区居民", en: "Residents in your area")
    public static let workbenchHouseholdsInScope = Phrase(zh: "辖区住户", en: "Households in your area")
    public static let workbenchOrganizationsInScope = Phrase(zh: "辖区社会组织", en: "Organisations in your area")
    public static let workbenchMyRecord = Phrase(zh: "我的居民信息", en: "My resident record")
    public static let workbenchDelegatedPowers = Phrase(zh: "下放事权", en: "Delegated powers")
    public static let workbenchDelegatedPowersStanding = Phrase(zh: "辖区街道的下放记录", en: "Grants to your streets")
}
