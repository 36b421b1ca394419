import ShequPlatform

extension SocialOrganizationCategory {
    /// Issue 12's names, as Zhuhai's registry writes them.
    public var phrase: Phrase {
        switch self {
        case .publicWelfare: Phrase(zh: "公益慈善类", en: "Public welfare & charity")
        case .welfareServices: Phrase(zh: "福利服务类", en: "Welfare services")
        case .healthServices: Phrase(zh: "卫生服务类", en: "Health services")
        case .cultureSports: Phrase(zh: "文体活动类", en: "Culture & sports")
        case .other: Phrase(zh: "其他", en: "Others")
        }
    }

    var hint: Phrase {
        switch self {
        case .publicWelfare: Phrase(zh: "志愿者协会、困难帮扶等", en: "volunteer associations, hardship aid")
        case .welfareServices: Phrase(zh: "居家养老服务中心、老年人日间照料等", en: "elderly service centres, elderly day care")
        case .healthServices: Phrase(zh: "社区卫生、残疾人康复、心理咨询等", en: "community health, disability rehabilitation, counselling")
        case .cultureSports: Phrase(zh: "文艺、体育、读书等", en: "arts, sports, reading")
        case .other: Phrase(zh: "其他社区服务", en: "other community services")
        }
    }
}

extension CrossBorderPartner {
    public var phrase: Phrase {
        switch self {
        case .none: Phrase(zh: "否", en: "No")
        case .hongKong: Phrase(zh: "香港合作组织", en: "Hong Kong partner")
        case .macao: Phrase(zh: "澳门合作组织", en: "Macao partner")
        }
    }
}

extension FilingState {
    public var phrase: Phrase {
        switch self {
        case .submitted: Phrase(zh: "待审核", en: "Waiting for review")
        case .approved: Phrase(zh: "准予备案（已列入名录）", en: "Approved (in the registry)")
        case .refused: Phrase(zh: "不予备案", en: "Refused")
        case .returned: Phrase(zh: "退回补充材料", en: "Returned for more documents")
        }
    }
}

extension Phrase {
    static let socialOrganizations = Phrase(zh: "社区社会组织名录", en: "Community social organisations")
    static let fileOrganization = Phrase(zh: "社会组织备案", en: "File a social organisation")
    static let filingQueue = Phrase(zh: "社会组织备案审核", en: "Organisation filings to review")
    static let myFilings = Phrase(zh: "我的社会组织备案", en: "My organisation filings")
    static let filingsWaiting = Phrase(zh: "待审核的备案", en: "Filings waiting for review")
    static let workbenchFilingReview = Phrase(zh: "社区社会组织备案", en: "Community social organisation filings")
    static let errorFilingTooManyOpen = Phrase(zh: "您等待审核的备案已达上限，请等街道审核后再提交。上限：",
                                               en: "You have as many filings waiting for review as one account may; file again once the street has decided. Limit: ")
    static let workbenchOwnOrganizations = Phrase(zh: "我所在的社会组织", en: "Organisations you act for")
    static let ownOrganization = Phrase(zh: "组织主页", en: "Organisation page")
    static let workbenchOwnFilings = Phrase(zh: "我的社会组织备案", en: "Your organisation filings")

    static let soName = Phrase(zh: "组织名称", en: "Name")
    static let soCategory = Phrase(zh: "类别", en: "Category")
    static let soStreet = Phrase(zh: "所在街道", en: "Street it is based in")
    static let soCommunities = Phrase(zh: "服务社区", en: "Communities served")
    static let soCommunitiesHint = Phrase(zh: "可选多个（按住 Ctrl 或 ⌘ 多选）。", en: "One or more (hold Ctrl or ⌘ to choose several).")
    static let soPurpose = Phrase(zh: "宗旨和服务内容", en: "Purpose and services")
    static let soContactName = Phrase(zh: "联系人", en: "Contact person")
    // Said before the form is sent: the registry is public, and the contact person's name is on it in full.
    static let soContactNameHint = Phrase(zh: "备案通过后，联系人姓名将在公开名录中完整显示。", en: "Once approved, the contact person's full name is shown in the public registry.")
    static let soContactPhone = Phrase(zh: "联系电话", en: "Contact phone")
    static let soContactPhoneHint = Phrase(zh: "公开名录只显示前三位和后四位。", en: "The public registry shows only its first three and last four digits.")
    static let soMembers = Phrase(zh: "成员人数", en: "Members")
    static let soPartner = Phrase(zh: "港澳合作组织", en: "Hong Kong / Macao partner")
    static let soState = Phrase(zh: "状态", en: "State")
    static let soReason = Phrase(zh: "理由", en: "Reason")
    static let soReasonHint = Phrase(zh: "不予备案或退回补充材料时必须写明理由；准予备案时可写说明。",
                                     en: "Required to refuse or to return for documents; a note when approving.")
    static let soFiledBy = Phrase(zh: "提交人", en: "Filed by")
    static let soFiledAt = Phrase(zh: "提交时间", en: "Filed")
    static let soDecided = Phrase(zh: "审核", en: "Decided")
    static let soApprovedAt = Phrase(zh: "备案时间", en: "Approved")
    static let soApprove = Phrase(zh: "准予备案", en: "Approve")
    static let soRefuse = Phrase(zh: "不予备案", en: "Refuse")
    static let soReturn = Phrase(zh: "退回补充材料", en: "Return for more documents")
    static let soSubmit = Phrase(zh: "提交备案", en: "File")
    static let soAllCategories = Phrase(zh: "全部类别", en: "All categories")
    static let soNone = Phrase(zh: "名录中还没有组织。", en: "No organisation in the registry yet.")
    static let soNoFilings = Phrase(zh: "没有备案。", en: "No filings.")
    static let soPublicPage = Phrase(zh: "名录页面", en: "Registry page")
    static let soRegistryIntro = Phrase(
        zh: "经所在街道准予备案的社区社会组织（珠字〔2010〕7号：降低准入门槛，简化登记备案程序）。联系电话只显示部分号码。",
        en: "Community social organisations approved by the street they are based in (珠字〔2010〕7号: a low threshold and a simple filing procedure). Contact phones are shown in part only.")
    static let soFilingIntro = Phrase(
        zh: "居民可为社区社会组织办理备案：填写下列几项即可，由组织所在街道审核；不予备案或需补充材料时会写明理由。",
        en: "Any resident may file a community social organisation: these few fields are all it takes. The street it is based in reviews it and gives reasons if it refuses or needs more documents.")
    static let soQueueIntro = Phrase(zh: "您所辖街道的社区社会组织备案，先提交的在前。", en: "Filings of organisations based in your streets, oldest first.")
    static let soFileAgain = Phrase(zh: "补充材料后重新备案", en: "File again with the documents")
    static let soShowState = Phrase(zh: "查看", en: "Show")

    static let errorFilingNotCommunity = Phrase(zh: "服务社区必须是社区一级的区划代码：", en: "Each community served must be a community's division code: ")
    static let errorFilingNotStreet = Phrase(zh: "所在街道必须是街道（镇）一级的区划代码：", en: "The street must be a street's (town's) division code: ")
    static let errorFilingNameTaken = Phrase(zh: "已有同名组织在名录中或正在审核：", en: "An organisation of this name is in the registry or waiting for review: ")
    static let errorFilingReasonRequired = Phrase(
        zh: "不予备案或退回补充材料必须写明理由（珠字〔2010〕7号：简化程序，不予备案应说明理由）：",
        en: "Refusing or returning a filing needs its reason (珠字〔2010〕7号: a simple procedure, with reasons for any refusal): ")
    static let errorFilingOwn = Phrase(zh: "不能审核本人提交的备案，请由同事或上级区审核。",
                                       en: "You cannot decide a filing you made yourself; a colleague or the district decides it.")
    static let errorFilingDecided = Phrase(zh: "该备案已审核，不能再次审核。当前状态：", en: "This filing has already been decided. Its state: ")
}
