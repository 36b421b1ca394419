import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// Setting a place's roster: the whole week at once, refused with every problem named if any worker would
/// exceed their contracted hours; on success the place's published opening hours follow from it. The contracted
/// hours are the staff records' (W1, `Application.contractedHours`), never the roster request's: a worker without a
/// current record at the place is not rostered there.
enum RosterController {
    struct RosterInput: Content {
        struct Contract: Content { var username: String; var weeklyHours: Double }
        struct ShiftInput: Content { var username: String; var window: Int; var weekday: Int; var start: String; var end: String }
        /// Refused when it names anyone: the hours are the staff records'. Kept only to say so to an older client.
        var contracts: [Contract]?
        var shifts: [ShiftInput]
    }

    struct RosterView: Content {
        struct Day: Content { var weekday: Int; var hours: [String] }
        var openingHours: [Day]
        var published: String
    }

    static func place(_ req: Request) async throws -> ServicePlace {
        guard let id = req.parameters.get("id", as: UUID.self), let place = try await ServicePlace.find(id, on: req.db) else {
            throw ShequError.notFound
        }
        return place
    }

    static func set(_ req: Request) async throws -> RosterView {
        let input = try req.validatedContent(RosterInput.self)
        return try await setAudited(input, place: try await place(req), req: req)
    }

    /// The one roster command, for the API route and the roster page: authorise, check every rule, write with the audit entry.
    static func setAudited(_ input: RosterInput, place: ServicePlace, req: Request) async throws -> RosterView {
        try await req.authorize(.serviceSetup, at: place.divisionCode, entity: "roster", entityID: place.id?.uuidString)
        let lang = req.language
        if let named = input.contracts, !named.isEmpty {
            throw ShequError.invalid(.rosterContractsFromRecords, code: "contracted_hours_from_staff_records")
        }
        var problems: [String] = []
        var shifts: [RosterRule.Shift] = []
        for s in input.shifts {
            guard let start = RosterRule.minutes(s.start), let end = RosterRule.minutes(s.end) else {
                problems.append("\(s.username): \(s.start)–\(s.end) " + Phrase.rosterBadTime.text(lang))
                continue
            }
            shifts.append(.init(worker: s.username.lowercased(), window: s.window, weekday: s.weekday, start: start, end: end))
        }
        let windows = Set(try await ServiceWindow.query(on: req.db).filter(\.$placeID == place.requireID()).all(\.$number))
        for w in Set(shifts.map(\.window)).subtracting(windows).sorted() { problems.append(Phrase.rosterNoWindow.text(lang) + " \(w)") }
        let usernames = Set(shifts.map(\.worker))
        let known = Set(try await Account.query(on: req.db).filter(\.$username ~~ Array(usernames)).all(\.$username))
        for u in usernames.subtracting(known).sorted() { problems.append(Phrase.rosterNoAccount.text(lang) + " \(u)") }
        let contracts = try await contractedMinutes(Array(known), place: place, req: req)
        problems += RosterRule.check(shifts, contractedMinutes: contracts).map { describe($0, lang) }
        guard problems.isEmpty else {
            throw ShequError.invalid(.rosterRefused, problems.joined(separator: "; "), code: "roster_refused")
        }
        let hours = RosterRule.openingHours(shifts)
        let published = publishedHours(hours, lang: .zhHans)
        let placeID = try place.requireID()
        let accepted = shifts
        try await req.writeAudited("roster.set", entity: "servicePlace") { db in
            try await RosterShift.query(on: db).filter(\.$placeID == placeID).delete()
            // Hours typed with rosters before the staff records kept them: no longer read, so not left to mislead.
            try await StaffContract.query(on: db).filter(\.$placeID == placeID).delete()
            for s in accepted {
                let row = RosterShift()
                row.placeID = placeID
                row.username = s.worker
                row.windowNumber = s.window
                row.weekday = s.weekday
                row.startMinute = s.start
                row.endMinute = s.end
                try await row.create(on: db)
            }
            place.openingHours = published
            try await place.save(on: db)
            return Audited((), id: placeID, scope: place.divisionCode, detail: "\(accepted.count) shifts")
        }
        return view(hours, lang: lang)
    }

    /// The contracted weekly minutes the staff records give these workers at the place; none without a provider.
    static func contractedMinutes(_ usernames: [String], place: ServicePlace, req: Request) async throws -> [String: Int] {
        guard !usernames.isEmpty, let provider = req.application.contractedHours else { return [:] }
        return try await provider.weeklyMinutes(usernames: usernames, placeID: place.requireID(), divisionCode: place.divisionCode, on: req.db)
    }

    /// What is stored, as the page shows it for editing, with the rostered workers' contracted minutes from the staff records.
    static func current(_ place: ServicePlace, req: Request) async throws -> ([String: Int], [RosterShift]) {
        let id = try place.requireID()
        let shifts = try await RosterShift.query(on: req.db).filter(\.$placeID == id)
            .sort(\.$weekday).sort(\.$startMinute).sort(\.$windowNumber).sort(\.$username).all()
        return (try await contractedMinutes(Array(Set(shifts.map(\.username))), place: place, req: req), shifts)
    }

    static func show(_ req: Request) async throws -> RosterView {
        let place = try await place(req)
        let shifts = try await RosterShift.query(on: req.db).filter(\.$placeID == place.requireID()).all()
        let hours = RosterRule.openingHours(shifts.map {
            .init(worker: $0.username, window: $0.windowNumber, weekday: $0.weekday, start: $0.startMinute, end: $0.endMinute)
        })
        return view(hours, lang: req.language)
    }

    static func view(_ hours: [Int: [ClosedRange<Int>]], lang: Language) -> RosterView {
        RosterView(openingHours: hours.keys.sorted().map { d in
            .init(weekday: d, hours: hours[d]!.map { RosterRule.hhmm($0.lowerBound) + "–" + RosterRule.hhmm($0.upperBound) })
        }, published: publishedHours(hours, lang: lang))
    }

    static func publishedHours(_ hours: [Int: [ClosedRange<Int>]], lang: Language) -> String {
        let names = lang == .en ? ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] : ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
        return hours.keys.sorted().map { d in
            names[d - 1] + " " + hours[d]!.map { RosterRule.hhmm($0.lowerBound) + "–" + RosterRule.hhmm($0.upperBound) }.joined(separator: ", ")
        }.joined(separator: "; ")
    }

    static func describe(_ v: RosterRule.Violation, _ lang: Language) -> String {
        switch v {
        case .invalidShift(let s): return "\(s.worker): " + Phrase.rosterBadTime.text(lang)
        case .overContract(let w, let rostered, let contracted):
            return lang == .en ? "\(w) would work \(Double(rostered) / 60) h a week, over the contracted \(Double(contracted) / 60) h"
                : "\(w) 每周排班 \(Double(rostered) / 60) 小时，超过合同约定的 \(Double(contracted) / 60) 小时"
        case .overlapping(let w, let d): return lang == .en ? "\(w) has overlapping shifts on day \(d)" : "\(w) 在周\(d)的班次重叠"
        case .windowDoubleBooked(let win, let d): return lang == .en ? "window \(win) is double-booked on day \(d)" : "窗口\(win)在周\(d)重复排班"
        case .noContract(let w): return Phrase.rosterNoContract.text(lang) + " \(w)"
        }
    }
}

extension Phrase {
    static let rosterRefused = Phrase(zh: "排班不符合弹性工作制的要求（不增加总工时和工作强度）：", en: "The roster breaks the flexible-hours rule (no more total hours or intensity per worker): ")
    static let rosterBadTime = Phrase(zh: "时间无效（HH:MM，开始早于结束，周一=1…周日=7）", en: "invalid time (HH:MM, start before end, Monday=1…Sunday=7)")
    static let rosterNoWindow = Phrase(zh: "该场所没有窗口", en: "no such window at this place:")
    static let rosterNoAccount = Phrase(zh: "没有此账号", en: "no such account:")
    static let rosterNoContract = Phrase(zh: "在本场所没有在职的社区工作者档案（合同工时以档案为准）：",
                                         en: "no current staff record at this place (the contracted hours are the staff record's):")
    static let rosterContractsFromRecords = Phrase(zh: "排班不再填写合同工时：合同周工时以社区工作者档案为准，请在档案中修改。",
                                                   en: "A roster no longer carries contracted hours: they come from the staff records; change them there.")
}
