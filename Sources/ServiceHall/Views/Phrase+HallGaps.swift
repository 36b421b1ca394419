import ShequPlatform

// The gaps a review of issue 11 found in the hall: closed places, materials of another version. Prefixed
// `hallGaps` so they cannot clash with the phrases other service-hall pages add.
extension Phrase {
    static let hallGapsPlaceClosed = Phrase(zh: "该服务场所已关闭，不再取号、预约或到场取号：",
                                            en: "This service place is closed and takes no new tickets, appointments or arrivals: ")
    static let hallGapsPlaceClosedNotice = Phrase(zh: "该服务场所已关闭，请到其他中心或服务站办理。",
                                                  en: "This service place is closed; please go to another centre or station.")
    static let hallGapsMaterialNotInVersion = Phrase(zh: "该材料不属于本申请所依据的事项版本，请按该版本的材料清单上传。办件所依据的版本：",
                                                     en: "This material is not one of the item's version the application follows; upload against that version's list. The application follows version ")
    static let hallGapsWindowClosed = Phrase(zh: "该窗口已关闭，不能叫号：", en: "This window is closed and calls no ticket: ")
    static let hallGapsRequiredPower = Phrase(zh: "须持有的下放事权", en: "Delegated power required")
    static let hallGapsNoPowerNeeded = Phrase(zh: "无须下放事权", en: "None needed")
}
