extension Phrase {
    public static let delegatedPowers = Phrase(zh: "街道下放权限", en: "Powers delegated to streets")
    public static let powerDistrictPower = Phrase(zh: "区级权限", en: "District-level power")
    public static let powerStreet = Phrase(zh: "街道", en: "Street")
    public static let powerGrantingDistrict = Phrase(zh: "授权的区", en: "Granting district")
    public static let powerDecisionDocument = Phrase(zh: "决定文号", en: "Decision document")
    public static let powerDecidedOn = Phrase(zh: "决定日期", en: "Decided on")
    public static let powerEffectiveFrom = Phrase(zh: "生效日期", en: "Effective from")
    public static let powerRevokedOn = Phrase(zh: "撤销日期", en: "Revoked on")
    public static let powerRevocationReason = Phrase(zh: "撤销理由", en: "Reason for revocation")
    public static let powerState = Phrase(zh: "状态", en: "Status")
    public static let powerInForce = Phrase(zh: "有效", en: "In force")
    public static let powerNotYetInForce = Phrase(zh: "尚未生效", en: "Not yet in force")
    public static let powerRevoked = Phrase(zh: "已撤销", en: "Revoked")
    public static let grantPower = Phrase(zh: "授予权限", en: "Grant a power")
    public static let revokePower = Phrase(zh: "撤销权限", en: "Revoke the power")
    public static let delegatedPowersIntro = Phrase(
        zh: "经区政府决定，部分区级权限可下放给较大的街道（珠字〔2010〕7号）。需要这些权限的服务事项，只能在持有该权限的街道的服务中心办理。",
        en: "By a district's decision, some district-level powers may be delegated to a large street (Zhuzi [2010] No. 7). Service items that need such a power are handled only at centres of streets holding it.")

    public static let errorPowerNeedsStreet = Phrase(zh: "区级权限只能下放给街道，以下代码不是已知的街道：",
                                                     en: "A district-level power can be delegated only to a street; this is not a known street: ")
    public static let errorDecisionInFuture = Phrase(zh: "决定日期不能晚于今天：", en: "The decision cannot be dated after today: ")
    public static let errorEffectiveBeforeDecision = Phrase(zh: "生效日期不能早于决定日期：", en: "A power cannot take effect before it was decided: ")
    public static let errorRevokedBeforeEffective = Phrase(zh: "撤销日期不能早于生效日期：", en: "A power cannot be revoked before it took effect: ")
    public static let errorPowerAlreadyGranted = Phrase(zh: "该街道已持有此权限（未撤销），不能重复授予：",
                                                        en: "The street already holds this power (not revoked); it cannot be granted twice: ")
    public static let errorPowerAlreadyRevoked = Phrase(zh: "此权限已撤销。", en: "This power has already been revoked.")
    /// O2, said by the service hall when a place without the power would exercise it.
    public static let errorPowerNotHeld = Phrase(
        zh: "O2：此事项需要区级下放权限，只能在持有该权限的街道服务中心办理（社区服务站和未获授权的街道不能办理）。",
        en: "O2: this item needs a district-level power delegated to a street; only centres of streets holding it may handle it (community stations and other streets may not). ")
}
