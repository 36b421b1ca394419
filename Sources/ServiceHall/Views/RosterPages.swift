import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// The weekly roster on a page: anyone reads the opening hours it yields and the shifts; those the policy lets set
/// up the place edit the shifts as a plain list (one shift a line), which runs the API's roster command. The contracted
/// hours it is checked against are shown beside it, read from the staff records (W1), where they are changed.
enum RosterPages {
    struct RosterForm: Content {
        var contracts: String?
        var shifts: String?
    }

    static func show(_ req: Request) async throws -> WebPage {
        let place = try await RosterController.place(req)
        let id = try place.requireID()
        let ctx = req.context
        let view = try await RosterController.show(req)
        let (contracts, shifts) = try await RosterController.current(place, req: req)
        var content: [BodyNode] = [
            QueuePages.links(ctx, [("/places/\(id)/slots", .hallAppointmentSlots), ("/places/\(id)", .takeTicket)]),
            H.tag("h2", [], [.text(ctx.t(.hallOpeningHoursFromRoster))]),
            H.tag("p", [], [.text(view.published.isEmpty ? ctx.t(.hallNoRosterYet) : view.published)]),
        ]
        if !shifts.isEmpty {
            content.append(H.tag("h2", [], [.text(ctx.t(.hallRosterShifts))]))
            content.append(QueuePages.table(ctx, [.hallWeekday, .windowNumber, .hallStaffAccount, .hallTime], shifts.map { s in
                [.text(weekdayName(s.weekday, ctx)), .text(String(s.windowNumber)), .text(s.username),
                 .text(RosterRule.hhmm(s.startMinute) + "–" + RosterRule.hhmm(s.endMinute))]
            }))
        }
        if let actor = ctx.actor, Policy.may(actor, .serviceSetup, at: place.divisionCode) {
            let f = ctx.forms
            content.append(H.tag("h2", [], [.text(ctx.t(.rosterContractedHours))]))
            content.append(H.tag("p", [("class", "hint")], [.text(ctx.t(.rosterContractedHoursHint))]))
            if !contracts.isEmpty {
                content.append(QueuePages.table(ctx, [.hallStaffAccount, .rosterWeeklyHours], contracts.keys.sorted().map { u in
                    [.text(u), .text(hours(contracts[u] ?? 0))]
                }))
            }
            content.append(H.tag("h2", [], [.text(ctx.t(.hallEditRoster))]))
            content.append(f.form(action: "/places/\(id)/roster", [
                textarea(ctx, .hallRosterShifts, hint: .hallRosterShiftsHint, name: "shifts", max: RosterFormLimits.shifts, rows: 12,
                         value: shifts.map { "\($0.username) \($0.windowNumber) \($0.weekday) \(RosterRule.hhmm($0.startMinute)) \(RosterRule.hhmm($0.endMinute))" }
                            .joined(separator: "\n")),
                f.submit(.save),
            ]))
        }
        return WebPage(title: place.name + " · " + ctx.t(.hallWeeklyRoster), content)
    }

    static func textarea(_ ctx: RequestContext, _ label: Phrase, hint: Phrase, name: String, max: Int, rows: Int, value: String) -> BodyNode {
        H.tag("div", [("class", "field")], [
            H.tag("label", [("for", "f-\(name)")], [.text(ctx.t(label))]),
            H.tag("p", [("class", "hint"), ("id", "f-\(name)-hint")], [.text(ctx.t(hint))]),
            H.tag("textarea", [("name", name), ("id", "f-\(name)"), ("maxlength", String(max)), ("rows", String(rows)),
                               ("aria-describedby", "f-\(name)-hint")], [.text(value)]),
        ])
    }

    static func hours(_ minutes: Int) -> String {
        minutes % 60 == 0 ? String(minutes / 60) : String(format: "%.2f", Double(minutes) / 60)
    }

    static func weekdayName(_ d: Int, _ ctx: RequestContext) -> String {
        let names = ctx.language == .en ? ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] : ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
        return (1...7).contains(d) ? names[d - 1] : String(d)
    }

    /// Reads the shift list into the API's roster input, then runs its command; a line that cannot be read is
    /// named (422) before anything is written. Contracted hours typed into the form are refused as the API refuses them.
    static func set(_ req: Request) async throws -> Response {
        let form = try req.validatedContent(RosterForm.self)
        let place = try await RosterController.place(req)
        // Authorised before the lines are read, so a stranger's attempt is logged whatever they typed.
        try await req.authorize(.serviceSetup, at: place.divisionCode, entity: "roster", entityID: place.id?.uuidString)
        if let typed = form.contracts, !typed.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ShequError.invalid(.rosterContractsFromRecords, code: "contracted_hours_from_staff_records")
        }
        let input = try parse(shifts: form.shifts ?? "")
        _ = try await RosterController.setAudited(input, place: place, req: req)
        return req.redirect(to: "/places/\(try place.requireID())/roster")
    }

    static func parse(shifts: String) throws -> RosterController.RosterInput {
        func lines(_ text: String) -> [(Int, [String])] {
            text.split(whereSeparator: \.isNewline).enumerated().compactMap { i, line in
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
                return words.isEmpty ? nil : (i + 1, words)
            }
        }
        var parsedShifts: [RosterController.RosterInput.ShiftInput] = []
        for (n, w) in lines(shifts) {
            guard w.count == 5, w[0].count <= 64, let window = Int(w[1]), (1...999).contains(window),
                  let weekday = Int(w[2]), (1...7).contains(weekday), w[3].count <= 5, w[4].count <= 5 else {
                throw ShequError.invalid(.hallRosterBadShiftLine, "\(n)", code: "invalid_value")
            }
            parsedShifts.append(.init(username: w[0], window: window, weekday: weekday, start: w[3], end: w[4]))
        }
        // The API's own list bounds (ServiceHallInputs.roster), which the text areas' lengths alone do not imply.
        guard parsedShifts.count <= 5000 else { throw ShequError.invalid(.errorTooLong, "shifts ≤ 5000", code: "too_long") }
        return .init(contracts: nil, shifts: parsedShifts)
    }
}

/// The roster form's bounds, declared once for the form's schema and its text areas. A place with ten windows
/// open every day in two shifts needs about 140 shift lines; these leave room for many more.
enum RosterFormLimits {
    /// Only to recognise a form that still types contracted hours (refused): they are the staff records'.
    static let contracts = 20_000
    static let shifts = 100_000
    static let body: ByteCount = "256kb"
}

extension RosterPages.RosterForm: ValidatedInput {
    static var inputSchema: InputSchema {
        InputSchema("RosterForm", [
            .string("contracts", max: RosterFormLimits.contracts,
                    description: "refused when not empty: contracted weekly hours come from the staff records (Workforce)"),
            .string("shifts", max: RosterFormLimits.shifts, description: "one a line: username window weekday(1–7) HH:MM HH:MM"),
        ])
    }
}

extension Phrase {
    static let rosterContractedHours = Phrase(zh: "合同周工时（来自社区工作者档案）", en: "Contracted weekly hours (from the staff records)")
    static let rosterContractedHoursHint = Phrase(zh: "排班按社区工作者档案中的合同周工时检查；工时在档案中修改。没有本场所在职档案的人员不能排班。",
                                                  en: "The roster is checked against the contracted weekly hours in the staff records, where they are changed. No one without a current record at this place can be rostered.")
    static let rosterWeeklyHours = Phrase(zh: "每周小时", en: "Hours a week")
}
