import ShequPlatform

// Setting up centres, stations, windows and hours (issue 11). Prefixed `setup` so they cannot clash
// with the phrases other service-hall pages add.
extension Phrase {
    // Refusals
    static let setupPlaceNeedsStreet = Phrase(zh: "服务中心设在街道（镇）：请填写街道的区划代码。", en: "A service centre belongs to a street: give a street's division code.")
    static let setupPlaceNeedsCommunity = Phrase(zh: "公共服务站设在社区：请填写社区的区划代码。", en: "A service station belongs to a community: give a community's division code.")
    static let setupPlaceCentreExists = Phrase(zh: "每个街道只设一个社区政务服务中心（珠字〔2010〕7号 四（三））；本街道已有：",
                                               en: "Each street has one community government service centre (珠字〔2010〕7号 §4(3)); this street already has: ")
    static let setupPlaceStationExists = Phrase(zh: "按“一居一站”，每个社区只设一个公共服务站；本社区已有：",
                                                en: "One station per residents' committee (一居一站); this community already has: ")
    static let setupPlaceQualificationNeeded = Phrase(zh: "设立公共服务站须说明社区具备的条件：至少勾选一项（人口规模、地域面积、社区结构）并写明理由。",
                                                      en: "A station needs the reason its community qualifies: tick at least one factor (population, area, structure) and say why.")
    static let setupPlaceCentreBasis = Phrase(zh: "每个街道设一个中心（珠字〔2010〕7号 四（三））", en: "One centre per street (珠字〔2010〕7号 §4(3))")
    static let setupWindowNeedsItems = Phrase(zh: "窗口要么是综合窗口，要么至少列出一个它受理的事项。", en: "A window is either general or names at least one item it takes.")
    static let setupWindowUnknownItems = Phrase(zh: "办事指南中没有这些事项：", en: "These items are not in the catalogue:")
    static let setupWindowNumberTaken = Phrase(zh: "本场所已有此编号的窗口（已关闭的窗口可重新开放）：", en: "This place already has a window with this number (a closed one can be reopened):")
    static let setupPlaceAlreadyClosed = Phrase(zh: "该场所已关闭。", en: "This place is already closed.")
    static let setupPlaceNotClosed = Phrase(zh: "该场所没有关闭。", en: "This place is not closed.")
    static let setupWindowAlreadyClosed = Phrase(zh: "该窗口已关闭。", en: "This window is already closed.")
    static let setupWindowNotClosed = Phrase(zh: "该窗口没有关闭。", en: "This window is not closed.")
    static let setupHoursInvalid = Phrase(zh: "办公时间无效（HH:MM-HH:MM，开始早于结束，时段不重叠，每天最多6段）：",
                                          en: "Invalid opening hours (HH:MM-HH:MM, start before end, no overlaps, at most 6 spans a day): ")
    static let setupHoursNeeded = Phrase(zh: "请至少填写一天的办公时间。", en: "Give the hours of at least one day.")

    // Pages
    static let setupMenu = Phrase(zh: "服务中心和服务站", en: "Centres and stations")
    static let setupKindCenter = Phrase(zh: "社区政务服务中心", en: "Community government service centre")
    static let setupKindStation = Phrase(zh: "社区公共服务站", en: "Community public service station")
    static let setupReasonPopulation = Phrase(zh: "人口规模", en: "Population")
    static let setupReasonArea = Phrase(zh: "地域面积", en: "Area")
    static let setupReasonStructure = Phrase(zh: "社区结构", en: "Community structure")
    static let setupKind = Phrase(zh: "类型", en: "Kind")
    static let setupDivision = Phrase(zh: "所在区划", en: "Division")
    static let setupStreet = Phrase(zh: "街道", en: "Street")
    static let setupCommunity = Phrase(zh: "社区", en: "Community")
    static let setupName = Phrase(zh: "名称", en: "Name")
    static let setupAddress = Phrase(zh: "地址", en: "Address")
    static let setupPopulation = Phrase(zh: "常住人口", en: "Resident population")
    static let setupArea = Phrase(zh: "面积（平方公里）", en: "Area (km²)")
    static let setupQualification = Phrase(zh: "设站理由", en: "Why the community qualifies")
    static let setupReasons = Phrase(zh: "具备的条件（珠字〔2010〕7号 四（三））", en: "Qualifying factors (珠字〔2010〕7号 §4(3))")
    static let setupHours = Phrase(zh: "办公时间", en: "Opening hours")
    static let setupHoursHint = Phrase(zh: "每天可写多个时段，用逗号分开，如 08:30-12:00, 14:30-17:30；错时延长的傍晚或周末时段照样写上。空着表示当天不办公。",
                                       en: "Several spans a day, separated by commas, e.g. 08:30-12:00, 14:30-17:30; staggered evening or weekend spans likewise. Empty: closed that day.")
    static let setupHoursNote = Phrase(zh: "备注（如错时安排、节假日）", en: "Note (e.g. staggered hours, holidays)")
    static let setupCurrentHours = Phrase(zh: "现在公布的办公时间", en: "Hours now published")
    static let setupSaveHours = Phrase(zh: "保存办公时间", en: "Save the hours")
    static let setupWindows = Phrase(zh: "窗口", en: "Windows")
    static let setupWindowNumber = Phrase(zh: "窗口号", en: "Number")
    static let setupWindowKind = Phrase(zh: "受理范围", en: "Takes")
    static let setupWindowGeneral = Phrase(zh: "综合窗口（受理所有事项）", en: "General window (any item)")
    static let setupWindowForItems = Phrase(zh: "只受理下列事项", en: "Only the items below")
    static let setupWindowItems = Phrase(zh: "受理的事项", en: "Items it takes")
    static let setupAddWindow = Phrase(zh: "增加窗口", en: "Add a window")
    static let setupChangeWindow = Phrase(zh: "修改窗口", en: "Change the window")
    static let setupState = Phrase(zh: "状态", en: "State")
    static let setupOpen = Phrase(zh: "开放", en: "Open")
    static let setupClosed = Phrase(zh: "已关闭", en: "Closed")
    static let setupClosePlace = Phrase(zh: "关闭此场所（记录保留）", en: "Close this place (its record stays)")
    static let setupReopenPlace = Phrase(zh: "重新开放此场所", en: "Reopen this place")
    static let setupCloseWindow = Phrase(zh: "关闭窗口", en: "Close the window")
    static let setupReopenWindow = Phrase(zh: "重新开放窗口", en: "Reopen the window")
    static let setupNewCentre = Phrase(zh: "设立服务中心", en: "Set up a service centre")
    static let setupNewStation = Phrase(zh: "设立公共服务站", en: "Set up a service station")
    static let setupDetails = Phrase(zh: "基本情况", en: "Details")
    static let setupPublicPage = Phrase(zh: "公众看到的页面（取号）", en: "The public page (tickets)")
    static let setupBackToList = Phrase(zh: "返回服务中心和服务站列表", en: "Back to centres and stations")
    static let setupNothingYet = Phrase(zh: "还没有服务中心或服务站。", en: "No centre or station yet.")
    static let setupNoWindowsYet = Phrase(zh: "还没有窗口。", en: "No window yet.")
    static let setupNoneLeft = Phrase(zh: "辖区内每个街道（社区）都已设立。", en: "Every street (community) in your area already has one.")
    static let setupDownloadCSV = Phrase(zh: "下载 CSV", en: "Download CSV")
}

extension ServicePlaceKind {
    var setupPhrase: Phrase { self == .center ? .setupKindCenter : .setupKindStation }
}

extension StationQualification {
    var phrase: Phrase {
        switch self {
        case .population: .setupReasonPopulation
        case .area: .setupReasonArea
        case .structure: .setupReasonStructure
        }
    }
}

extension Phrase {
    static let setupDivisionCode = Phrase(zh: "区划代码", en: "Division code")
    static let setupKindDefaultWindow = Phrase(zh: "综合窗口", en: "Window ")
}
