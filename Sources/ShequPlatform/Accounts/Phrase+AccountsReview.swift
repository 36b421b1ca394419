/// Phrases of the accounts review (issue 11): the refusals it added and the applicant's decision SMS.
extension Phrase {
    /// Says what the applicant must do, and nothing of whether an account or another request holds the name.
    static let errorUsernameUnavailable = Phrase(zh: "该用户名不可用，请换一个。", en: "That username is not available: choose another.")
    static let errorRegistrationStateFilter = Phrase(zh: "未知的申请状态，可选：pending（待核实）、created（已开通）、refused（未通过）。",
                                                     en: "Unknown request state: use pending, created or refused.")
    static let errorLastCityAdministrator = Phrase(
        zh: "这是最后一个启用的全市管理员账号，不能停用或撤销其全市管理权限；请先为另一账号授予该权限。",
        en: "This is the last enabled city-wide administrator: it cannot be disabled or lose that grant. Give the grant to another account first.")
    static let errorPeerAdministrator = Phrase(
        zh: "管理员账号须由管辖范围更大的上级管理员停用、授权或重置。",
        en: "An administrator's account is disabled, granted or reset by an administrator whose reach is wider.")
    static let registrationConfirmedSms = Phrase(
        zh: "【社区平台】您的账号申请已由居委会核实通过，用户名：%@，现在可以登录。",
        en: "[Shequ] The residents' committee confirmed your account request. Username: %@. You can sign in now.")
    static let registrationRefusedSms = Phrase(
        zh: "【社区平台】您的账号申请未获居委会通过。理由：%@。如有疑问请联系居委会。",
        en: "[Shequ] The residents' committee did not confirm your account request. Reason: %@. Ask your residents' committee if anything is unclear.")
    static let acctEnrolStart = Phrase(zh: "开始设置", en: "Start setting up")
    static let acctEnrolStartIntro = Phrase(
        zh: "点击“开始设置”后，系统为您生成一个密钥，请用手机验证器应用扫描或输入。",
        en: "Choose “Start setting up” and a secret is made for you to add to an authenticator app on your phone.")
}
