import Fluent
import ShequKernel
import ShequPlatform
import Vapor

struct ApplicationSummary: Content {
    var trackingNumber: String
    var itemCode: String
    var itemName: String
    var state: ApplicationState
    var channel: ApplicationChannel
    var divisionCode: String
    var acceptedOn: String?
    var dueOn: String?
    var outcome: String?
    var responsibleAccountID: UUID?
    /// The due date lies in a year whose holiday notice is not yet published: counted on weekends alone.
    var dueOnProvisional: Bool? = nil
    var events: [EventSummary]?

    struct EventSummary: Content {
        var step: ApplicationStep
        var from: ApplicationState
        var to: ApplicationState
        var actor: String
        var reason: String
        var materials: String
        var at: Date?
    }
}

/// Parse, authorise, call `ApplicationService`, answer JSON.
enum ApplicationsAPIController {
    struct SubmitInput: Content {
        var itemCode: String
        var details: String?
        /// Staff submitting on a resident's behalf name them by resident id or ID number (一号式).
        var residentID: UUID?
        var residentIDNumber: String?
        var channel: ApplicationChannel?
        var placeID: UUID?
    }

    struct Lookup: Content {
        var trackingNumber: String
        var itemName: String
        var state: ApplicationState
        var expectedOn: String?
        var expectedOnProvisional: Bool? = nil
    }

    /// Whether a due date was counted past the published holiday notices (nil when there is none).
    static func provisional(_ dueOn: String?, on calendar: WorkingCalendar) -> Bool? {
        dueOn.flatMap(LocalDate.init).map(calendar.isProvisional)
    }

    static func summary(_ a: Application, item: ServiceItem, language: Language, calendar: WorkingCalendar,
                        events: [ApplicationEvent]? = nil) -> ApplicationSummary {
        ApplicationSummary(trackingNumber: a.trackingNumber, itemCode: item.code, itemName: language == .en ? item.nameEn : item.nameZh,
                           state: a.state, channel: a.channel, divisionCode: a.divisionCode, acceptedOn: a.acceptedOn, dueOn: a.dueOn,
                           outcome: a.outcome, responsibleAccountID: a.responsibleAccountID,
                           dueOnProvisional: provisional(a.dueOn, on: calendar),
                           events: events?.map { .init(step: $0.step, from: $0.fromState, to: $0.toState, actor: $0.actor,
                                                       reason: $0.reason, materials: $0.materials, at: $0.at) })
    }

    static func today() -> LocalDate { LocalDate(instant: Date()) }

    /// Online by the resident themself, or at a window / by hotline on their behalf.
    static func submitAudited(_ input: SubmitInput, req: Request) async throws -> Application {
        let actor = try req.requireActor()
        // One database handle for the whole submission: each `req.db` builds a new one.
        let db = req.db
        let vault = PersonalDataVault(secrets: req.application.secrets)
        let applicant: Applicant
        let channel: ApplicationChannel
        var staff: UUID? = nil
        if input.residentID == nil && input.residentIDNumber == nil {
            guard let own = actor.residentID, let found = try await Applicant.find(id: own, on: db) else {
                throw ShequError.invalid(.errorMissingField, "residentID", code: "missing_field")
            }
            applicant = found
            channel = input.channel == .open311 ? .open311 : .online
        } else {
            let found: Applicant?
            if let number = input.residentIDNumber {
                let id = try ResidentService.parseID(number)
                found = try await Applicant.find(idNumberIndex: vault.index(id.rawValue, kind: "id"), on: db)
                // Naming oneself is no lookup; any other answer says whether that number is registered.
                if found == nil || found?.id != actor.residentID {
                    try await req.answerExactLookup("application.submit.byIDNumber", account: actor.accountID,
                                                    found: found?.id, in: found?.divisionCode)
                }
            } else {
                found = try await Applicant.find(id: input.residentID!, on: db)
            }
            guard let found else { throw ShequError.notFound }
            if Policy.may(actor, .applicationSubmit, on: Resource(residentID: found.id)) {
                // Naming oneself (an Open311 client sends the ID number) is applying for oneself.
                applicant = found
                channel = input.channel == .open311 ? .open311 : .online
            } else {
                try await req.authorize(.applicationSubmitForResident, at: found.divisionCode, entity: "application", hide: true)
                applicant = found
                channel = input.channel == .hotline || input.channel == .open311 ? input.channel! : .window
                staff = actor.accountID
            }
        }
        let prepared = try await ApplicationService.prepare(
            itemCode: input.itemCode, applicant: applicant, channel: channel, placeID: input.placeID,
            details: input.details ?? "", staff: staff, language: req.language,
            audit: req.auditDraft("application.submit", entity: "application"),
            catalogue: req.application.catalogueCache, vault: vault, on: db)
        let submitted = try await req.application.submissionBatcher.submit(prepared, app: req.application)
        let (application, message) = (submitted.application, submitted.message)
        try await deliver(message, req: req)
        return application
    }

    /// Outbound messages go after the commit: a failed gateway must not undo the application, only be logged.
    static func deliver(_ message: OutboundMessage?, req: Request) async throws {
        guard let message else { return }
        do {
            try await req.application.outboundMessenger.send(message)
        } catch {
            req.logger.error("outbound message not sent", metadata: ["error": "\(error)"])
        }
    }

    static func notifications(_ req: Request) async throws -> ListPage<ResidentNotification> {
        try await notifications(req, paging: ListPageRequest(req))
    }

    static func notifications(_ req: Request, paging: ListPageRequest) async throws -> ListPage<ResidentNotification> {
        let actor = try req.requireActor()
        guard let own = actor.residentID else { return ListPage(items: [], total: 0, page: paging.page, perPage: paging.perPage) }
        return try await ResidentNotification.query(on: req.db).filter(\.$residentID == own)
            .sort(\.$createdAt, .descending).sort(\.$id, .descending).paged(paging)
    }

    static func submit(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(SubmitInput.self)
        let a = try await submitAudited(input, req: req)
        let item = try await req.application.catalogueCache.item(of: a.itemID, on: req.db)
        return try await summary(a, item: item, language: req.language, calendar: try req.application.workingCalendar)
            .encodeResponse(status: .created, for: req)
    }

    /// The application by tracking number, if the actor reaches it for `action` (`authorize`).
    static func load(_ req: Request, for action: Action) async throws -> Application {
        _ = try req.requireActor()
        guard let raw = req.parameters.get("trackingNumber"), let number = TrackingNumber.normalize(raw),
              let a = try await Application.query(on: req.db).filter(\.$trackingNumber == number).first() else {
            throw ShequError.notFound
        }
        try await authorize(action, on: a, req: req)
        return a
    }

    /// The applicant: the resident the application is about (the policy's own-record tie).
    static func isApplicant(_ actor: Actor, _ a: Application) -> Bool {
        Policy.may(actor, .applicationRead, on: Resource(residentID: a.residentID))
    }

    /// The service hall's one check on an application: the applicant reads and withdraws their own;
    /// staff act on what `ApplicationReach` gives them. Refusals are audited. An application the actor
    /// does not reach at all answers 404; staff who reach it but may not withdraw it are told 403.
    static func authorize(_ action: Action, on a: Application, req: Request) async throws {
        let actor = try req.requireActor()
        let applicant = isApplicant(actor, a)
        switch action {
        case .applicationRead where applicant, .applicationWithdraw where applicant:
            return
        case .applicationWithdraw:
            // Only the applicant withdraws; staff refuse or decline instead.
            let reaches = ApplicationReach(actor, for: .applicationRead).covers(a)
            try await req.refuse(.applicationWithdraw, entity: "application", entityID: a.trackingNumber, scope: a.divisionCode, hide: !reaches)
        default:
            if ApplicationReach(actor, for: action).covers(a) { return }
            try await req.refuse(action, entity: "application", entityID: a.trackingNumber, scope: a.divisionCode, hide: true)
        }
    }

    static func show(_ req: Request) async throws -> ApplicationSummary {
        try await summaryWithHistory(try await load(req, for: .applicationRead), req: req)
    }

    /// The summary with its history, for an application already loaded (and authorised).
    static func summaryWithHistory(_ a: Application, req: Request) async throws -> ApplicationSummary {
        // Named as the item version it was accepted under, whatever the item is called now (issue 11).
        let (item, _) = try await CatalogueVersions.asAccepted(a, on: req.db)
        let events = try await ApplicationEvent.query(on: req.db).filter(\.$applicationID == a.requireID()).sort(\.$at).all()
        return summary(a, item: item, language: req.language, calendar: try req.application.workingCalendar, events: events)
    }

    static func step(_ req: Request) async throws -> ApplicationSummary {
        let input = try req.validatedContent(StepInput.self)
        let a = try await takeStep(input, req: req)
        return try await summaryWithHistory(a, req: req)
    }

    /// Taking a step, the one command behind the API route and the page form: load the application
    /// the actor reaches for this step (only the applicant withdraws), apply the workflow rules,
    /// write the change with its event and audit entry in one transaction, then send the notice.
    static func takeStep(_ input: StepInput, req: Request) async throws -> Application {
        let a = try await load(req, for: input.step == .withdraw ? .applicationWithdraw : .applicationHandle)
        let actor = try req.requireActor()
        let calendar = try req.application.workingCalendar
        let today = today()
        let vault = PersonalDataVault(secrets: req.application.secrets)
        let office = ActingOffice(actor, on: a)
        let message = try await req.writeAudited("application.\(input.step.rawValue)", entity: "application") { db in
            let event = try await ApplicationService.take(input, on: a, actor: actor.username,
                                                          actorAccount: actor.isStaff ? actor.accountID : nil, office: office,
                                                          calendar: calendar, today: today, on: db)
            let item = try await ServiceItem.find(a.itemID, on: db)!
            let message = try await ApplicationNotices.record(a, item: item, reason: event.reason, materials: event.materials, on: db, vault: vault)
            return Audited(message, id: a.id, scope: a.divisionCode, detail: "\(a.trackingNumber) \(event.fromState.rawValue)->\(event.toState.rawValue)")
        }
        try await deliver(message, req: req)
        return a
    }

    /// Open applications in scope: all, due within `days` working days, or overdue.
    static func list(_ req: Request) async throws -> ListPage<ApplicationSummary> {
        let actor = try req.requireActor()
        let paging = try ListPageRequest(req)
        let today = today()
        let due = req.queryValue("due") ?? ""
        let window: DueList.Window?
        switch due {
        case "overdue": window = .overdue(today: today)
        case "soon": window = .soon(today: today, horizon: try req.application.workingCalendar.deadline(from: today, workingDays: 3))
        case "": window = nil
        default: throw ShequError.invalid(.errorInvalidValue, "due")
        }
        let catalogue = req.application.catalogueCache
        let calendar = try req.application.workingCalendar
        let reach = ApplicationReach(actor, for: .applicationRead)
        let staff = Policy.may(actor, .applicationRead)
        if staff, let window {
            let total = try await DueList.count(on: req.db, reach: reach, window: window)
            let rows = try await DueList.query(on: req.db, reach: reach, window: window, limit: paging.perPage, offset: paging.offset)
            var out: [ApplicationSummary] = []
            for r in rows {
                let item = try await catalogue.item(of: r.itemID, on: req.db)
                out.append(ApplicationSummary(trackingNumber: r.trackingNumber, itemCode: item.code,
                                              itemName: req.language == .en ? item.nameEn : item.nameZh, state: r.state,
                                              channel: r.channel, divisionCode: r.divisionCode, acceptedOn: r.acceptedOn,
                                              dueOn: r.dueOn, outcome: r.outcome, responsibleAccountID: r.responsibleAccountID,
                                              dueOnProvisional: provisional(r.dueOn, on: calendar)))
            }
            return ListPage(items: out, total: total, page: paging.page, perPage: paging.perPage)
        }
        let q = Application.query(on: req.db)
        if staff {
            _ = reach.filter(q)
        } else if let own = actor.residentID {
            q.filter(\.$residentID == own)
        } else {
            try await req.refuse(.applicationRead, entity: "application", entityID: nil, scope: nil, hide: false)
        }
        switch window {
        case .overdue(let today)?:
            q.filter(\.$state ~~ ApplicationState.running).filter(\.$dueOn < today.description)
        case .soon(let today, let horizon)?:
            q.filter(\.$state ~~ ApplicationState.running).filter(\.$dueOn >= today.description)
                .filter(\.$dueOn <= horizon.description)
        case nil:
            break
        }
        return try await q.sort(\.$dueOn).sort(\.$trackingNumber).paged(paging, rows: { apps in
            var out: [ApplicationSummary] = []
            for a in apps {
                out.append(summary(a, item: try await catalogue.item(of: a.itemID, on: req.db), language: req.language,
                                   calendar: calendar))
            }
            return out
        })
    }

    /// Without signing in: the tracking number plus the last four characters of the applicant's phone or ID number.
    /// The attempt is counted before it is judged (`LookupThrottle.reserve`), so no number of parallel guesses
    /// gets more than the limit judged; the suffix is checked against digests stored at submission.
    static func lookup(_ req: Request) async throws -> Lookup {
        guard let raw = req.queryValue("trackingNumber"), let number = TrackingNumber.normalize(raw),
              let last4 = req.queryValue("last4")?.uppercased(), last4.count == 4 else {
            throw ShequError.invalid(.errorLookup, code: "lookup")
        }
        let ip = req.clientAddress
        let gate = req.application.writeGate
        guard try await LookupThrottle.reserve(number: number, ip: ip, now: Date(), gate: gate, on: req.db) else {
            throw ShequError(.tooManyRequests, .errorLookupThrottled, code: "lookup_throttled")
        }
        let row = try await LookupThrottle.lookupRow(number: number, on: req.db)
        let vault = PersonalDataVault(secrets: req.application.secrets)
        var matched = false
        if let found = row.application {
            if found.idDigest != nil || found.phoneDigest != nil {
                let digest = LookupDigest.make(trackingNumber: number, last4: last4, vault: vault)
                matched = digest == found.idDigest || digest == found.phoneDigest
            } else if let applicant = try await Applicant.find(id: found.residentID, on: req.db) {
                // Applications from before the digests: decrypt and compare, as before.
                let id = try vault.open(applicant.idNumberSealed)
                let phone = try applicant.phoneSealed.map(vault.open)
                matched = id.hasSuffix(last4) || (phone?.hasSuffix(last4) ?? false)
            }
        }
        // The same answer for a wrong suffix as for an unknown number, so guesses learn nothing;
        // the attempt taken above stays counted.
        guard matched, let a = row.application else { throw ShequError.notFound }
        try await LookupThrottle.refund(number: number, ip: ip, gate: gate, on: req.db)
        let item = try await req.application.catalogueCache.item(of: a.itemID, on: req.db)
        let expected = a.state.isFinal ? nil : a.dueOn
        return Lookup(trackingNumber: number, itemName: req.language == .en ? item.nameEn : item.nameZh,
                      state: a.state, expectedOn: expected, expectedOnProvisional: provisional(expected, on: try req.application.workingCalendar))
    }
}

extension Action {
    static let applicationWithdraw = Action("application.withdraw")
}

extension Phrase {
    static let errorLookup = Phrase(zh: "请输入受理编号和申请人手机号或身份证号的后四位。", en: "Enter the tracking number and the last four characters of the applicant's phone or ID number.")
}
extension ResidentNotification: Content {}
