import ShequKernel
import ShequPlatform

extension Phrase {
    static let crossBorderLinkage = Phrase(zh: "珠澳社区服务对接", en: "Zhuhai–Macao community service linkage")
    static let crossBorderIntro = Phrase(
        zh: "按珠字〔2010〕7号第四部分，横琴新区、拱北街道和湾仔街道要实现与澳门社会组织的社区服务、社工队伍有效对接与合作。某地有澳门合作组织正在当地开展合作项目、且该组织已登记澳门社工，即视为已对接。项目和社工由合作组织或其所在街道登记。",
        en: "Under part four of 珠字〔2010〕7号, Hengqin, Gongbei and Wanzai are to link their community services and social workers with Macao's organisations. A place counts as linked while a Macao partner organisation runs a joint project there and has Macao social workers recorded. Projects and workers are recorded by the partner or the street it is based in.")
    static let crossBorderStreet = Phrase(zh: "街道（镇）", en: "Street")
    static let crossBorderMacaoPartners = Phrase(zh: "澳门合作组织", en: "Macao partner organisations")
    static let crossBorderMacaoWorkers = Phrase(zh: "澳门社工", en: "Macao social workers")
    static let crossBorderProjects = Phrase(zh: "合作项目", en: "Joint projects")
    static let crossBorderStatus = Phrase(zh: "对接情况", en: "Linkage")
    static let crossBorderLinked = Phrase(zh: "已对接", en: "Linked")
    static let crossBorderNotLinked = Phrase(zh: "未对接", en: "Not yet linked")
    static let crossBorderAllProjects = Phrase(zh: "全部港澳合作项目", en: "All joint projects with Hong Kong and Macao partners")
    static let crossBorderNoProjects = Phrase(zh: "暂无合作项目。", en: "No joint projects yet.")
    static let crossBorderOrganization = Phrase(zh: "合作组织", en: "Partner organisation")
    static let crossBorderPeriod = Phrase(zh: "期间", en: "Period")
    static let crossBorderWorkers = Phrase(zh: "港澳社工", en: "Hong Kong and Macao social workers")
    static let crossBorderNoWorkers = Phrase(zh: "尚未登记港澳社工。", en: "No social workers recorded yet.")
    static let crossBorderWorkerName = Phrase(zh: "姓名", en: "Name")
    static let crossBorderRegion = Phrase(zh: "来自", en: "From")
    static let crossBorderCredentialKind = Phrase(zh: "证件", en: "Permit")
    static let crossBorderCredentialNumber = Phrase(zh: "证件号码", en: "Permit number")
    static let crossBorderCredentialHint = Phrase(zh: "通行证：H或M加8位数字（旧版10位）；居住证：18位，以810000或820000开头。只显示遮蔽后的号码。",
                                                  en: "Travel permit: H or M and 8 digits (10 on the old booklet); residence permit: 18 characters starting 810000 or 820000. Only the masked number is ever shown.")
    static let crossBorderQualification = Phrase(zh: "专业资格", en: "Qualification")
    static let crossBorderRecordWorker = Phrase(zh: "登记港澳社工", en: "Record a social worker")
    static let crossBorderRecordProject = Phrase(zh: "登记合作项目", en: "Record a joint project")
    static let crossBorderProjectTitle = Phrase(zh: "项目名称", en: "Title")
    static let crossBorderProjectSummary = Phrase(zh: "项目内容", en: "What it does")
    static let crossBorderStartsOn = Phrase(zh: "开始日期", en: "Starts on")
    static let crossBorderEndsOn = Phrase(zh: "结束日期", en: "Ends on")
    static let crossBorderWorkersPage = Phrase(zh: "港澳社工与合作项目", en: "Partner social workers and joint projects")
    static let crossBorderPublicCount = Phrase(zh: "已登记港澳社工人数", en: "Social workers recorded")

    static let errorNotCrossBorderPartner = Phrase(zh: "该组织不是港澳合作组织，不能登记港澳社工或合作项目：", en: "This organisation is not a Hong Kong or Macao partner, so it records no partner workers or joint projects: ")
    static let errorCredential = Phrase(zh: "证件号码不符合该证件的编号规则：", en: "The permit number does not follow that permit's rules: ")
    static let errorCredentialRegion = Phrase(zh: "证件号码显示的地区与该组织的合作地区不符：", en: "The permit number's region differs from the organisation's: ")
    static let errorCredentialRecorded = Phrase(zh: "持该证件的社工已经登记。", en: "A social worker with this permit is already recorded.")
    static let errorProjectPeriod = Phrase(zh: "项目期间不合理（开始日期须在2010年之后、一年之内，项目最长五年）：",
                                           en: "The project's period is implausible (it starts from 2010 and within a year from now, and lasts five years at most): ")
    static let errorProjectDates = Phrase(zh: "结束日期不能早于开始日期：", en: "The last day cannot be before the first: ")
}

extension CrossBorderRegion {
    var phrase: Phrase {
        switch self {
        case .hongKong: Phrase(zh: "香港", en: "Hong Kong")
        case .macao: Phrase(zh: "澳门", en: "Macao")
        }
    }
}

extension CrossBorderCredential.Kind {
    var phrase: Phrase {
        switch self {
        case .travelPermit: Phrase(zh: "港澳居民来往内地通行证", en: "Mainland travel permit")
        case .residencePermit: Phrase(zh: "港澳居民居住证", en: "Residence permit")
        }
    }
}
