import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

public struct StepInput: Content, Sendable {
    public var step: ApplicationStep
    public var reason: String?
    /// For `accept`: the materials the window has received. For `requestSupplement`: everything missing, at once.
    public var materialIDs: [UUID]?
    /// For a second supplement request: the new reason arose after the first (一次性告知).
    public var arisesLater: Bool?
    public var outcome: String?
    /// For `transfer`: where it goes, exactly one of a department, one of its outposts, or a centre.
    public var departmentID: UUID?
    public var outpostID: UUID?
    public var centerID: UUID?
}

/// An application checked and ready to write; the tracking number is drawn when it is written.
public struct NewApplication: Sendable {
    let item: ServiceItem
    let applicant: Applicant
    let channel: ApplicationChannel
    let placeID: UUID?
    let details: String
    let staff: UUID?
    let language: Language
    let audit: AuditDraft
    /// Kept in memory only, for the lookup digests and the SMS.
    let idLast4: String
    let phoneLast4: String?
    let phone: String?
}

/// A written application and the message to send once its batch has committed.
public struct Submitted: Sendable {
    public let application: Application
    public let message: OutboundMessage?
}

/// The service-hall rules (H3, H4, H9), callable without HTTP.
public enum ApplicationService {
    static let maxText = 2000

    public static func newTrackingNumber(on day: LocalDate) -> String {
        var rng = SystemRandomNumberGenerator()
        return TrackingNumber.make(on: day, using: &rng)
    }

    /// Checks an application before it is queued for writing (`SubmissionBatcher`):
    /// everything that can be refused is refused here, with the reason, so a
    /// batch holds only applications that will land.
    public static func prepare(itemCode: String, applicant: Applicant, channel: ApplicationChannel, placeID: UUID?,
                               details: String, staff: UUID?, language: Language, audit: AuditDraft,
                               catalogue: CatalogueCache, vault: PersonalDataVault, on db: any Database) async throws -> NewApplication {
        guard let entry = try await catalogue.entry(code: itemCode, on: db) else {
            throw ShequError.invalid(.errorUnknownItem, itemCode, code: "unknown_item")
        }
        // Retired items take no new applications (issue 11); those already made continue.
        guard !entry.item.retired else {
            throw ShequError(.conflict, .errorItemRetired, detail: itemCode, code: "item_retired")
        }
        guard entry.isApplicable else {
            throw ShequError.invalid(.errorItemIsHeading, itemCode, code: "item_is_heading")
        }
        var place: ServicePlace? = nil
        if let placeID {
            guard let found = try await ServicePlace.find(placeID, on: db) else {
                throw ShequError.invalid(.errorInvalidValue, "placeID", code: "unknown_place")
            }
            // Received at a closed place: nobody is there to take it (`ClosedPlaces`).
            try ClosedPlaces.requireOpen(found)
            place = found
        }
        try await DelegatedPowerCheck.atSubmission(entry.item, applicantDivision: applicant.divisionCode, place: place,
                                                   today: LocalDate(instant: Date()), on: db)
        let text = details.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= maxText else { throw ShequError.invalid(.errorTooLong, "details ≤ \(maxText)", code: "too_long") }
        let idNumber = try vault.open(applicant.idNumberSealed)
        let phone = try applicant.phoneSealed.map(vault.open)
        return NewApplication(item: entry.item, applicant: applicant, channel: channel, placeID: placeID, details: text,
                              staff: staff, language: language, audit: audit,
                              idLast4: String(idNumber.suffix(4)), phoneLast4: phone.map { String($0.suffix(4)) }, phone: phone)
    }

    /// Writes a batch of prepared applications, their notices and their audit
    /// entries with a handful of multi-row statements, inside the caller's
    /// transaction. Tracking numbers are drawn here; the unique index decides
    /// a clash (ON CONFLICT, as an error would abort a PostgreSQL transaction)
    /// and the losers draw again.
    static func insert(_ batch: [NewApplication], today: LocalDate, vault: PersonalDataVault,
                       on db: any Database) async throws -> [Submitted] {
        let sql = db as! any SQLDatabase
        let now = Date()
        let ids = batch.map { _ in TimeOrderedID.make(at: now) }
        var numbers: [UUID: String] = [:]
        var waiting = Array(batch.indices)
        for _ in 1...5 where !waiting.isEmpty {
            var drawn: [UUID: String] = [:]
            let rows: [SQLQueryString] = waiting.map { i in
                let p = batch[i]
                let number = newTrackingNumber(on: today)
                drawn[ids[i]] = number
                let idDigest = LookupDigest.make(trackingNumber: number, last4: p.idLast4, vault: vault)
                let phoneDigest = p.phoneLast4.map { LookupDigest.make(trackingNumber: number, last4: $0, vault: vault) }
                return """
                    (\(bind: ids[i]), \(bind: number), \(bind: p.item.id!), \(bind: p.item.version), \(bind: p.applicant.id), \(bind: p.applicant.divisionCode),
                     \(bind: p.placeID), \(bind: p.channel.rawValue), \(bind: ApplicationState.submitted.rawValue), \(bind: p.details),
                     \(bind: p.staff), '[]', \(bind: p.language.rawValue), \(bind: idDigest), \(bind: phoneDigest), \(bind: now), \(bind: now))
                    """
            }
            let landed = try await sql.raw("""
                INSERT INTO applications (id, tracking_number, item_id, item_version, resident_id, division_code, place_id, channel, state,
                                          details, responsible_account_id, paused_spans, language, lookup_id_digest,
                                          lookup_phone_digest, created_at, updated_at)
                VALUES \(rows.joined(separator: ", "))
                ON CONFLICT (tracking_number) DO NOTHING
                RETURNING id
                """).all().map { try $0.decode(column: "id", as: UUID.self) }
            for id in landed { numbers[id] = drawn[id] }
            waiting = waiting.filter { numbers[ids[$0]] == nil }
        }
        guard waiting.isEmpty else { throw ShequError(.internalServerError, .errorServer, code: "tracking_number") }

        var out: [Submitted] = []
        var notices: [SQLQueryString] = []
        var drafts: [AuditDraft] = []
        for (i, p) in batch.enumerated() {
            let a = Application()
            a.id = ids[i]
            a.$id.exists = true
            a.trackingNumber = numbers[ids[i]]!
            a.itemID = p.item.id!
            a.itemVersion = p.item.version
            a.residentID = p.applicant.id
            a.divisionCode = p.applicant.divisionCode
            a.placeID = p.placeID
            a.channel = p.channel
            a.state = .submitted
            a.details = p.details
            a.responsibleAccountID = p.staff
            a.pausedSpans = "[]"
            a.language = p.language.rawValue
            a.createdAt = now
            a.updatedAt = now
            let text = ApplicationNotices.text(for: .submitted, number: a.trackingNumber, item: p.item, dueOn: nil, reason: "",
                                               materials: "", language: p.language)
            notices.append("(\(bind: TimeOrderedID.make(at: now)), \(bind: p.applicant.id), \(bind: ids[i]), \(bind: p.language.rawValue), \(bind: text), \(bind: now))")
            var draft = p.audit
            draft.entityID = ids[i].uuidString
            draft.scope = a.divisionCode
            draft.detail = "\(a.trackingNumber) \(p.channel.rawValue)"
            drafts.append(draft)
            out.append(Submitted(application: a, message: p.phone.map {
                OutboundMessage(channel: "sms", to: $0, language: p.language, text: text)
            }))
        }
        try await sql.raw("""
            INSERT INTO resident_notifications (id, resident_id, application_id, language, text, created_at)
            VALUES \(notices.joined(separator: ", "))
            """).run()
        try await AuditLog.appendAll(drafts, on: db, now: now)
        return out
    }

    public struct Span: Codable, Sendable { public var from: LocalDate; public var to: LocalDate }

    static func spans(_ a: Application) -> [Span] {
        (try? JSONDecoder().decode([Span].self, from: Data(a.pausedSpans.utf8))) ?? []
    }

    /// Takes one workflow step, enforcing the rules the centres work by. Call it inside a write
    /// transaction: the application's row is claimed first, on the condition that it is still in
    /// the state the caller read, so of two conflicting steps taken at once exactly one lands.
    /// `office` is where the actor stands (O2: an item needing a delegated power is handled only by a street holding it).
    public static func take(_ input: StepInput, on application: Application, actor: String, actorAccount: UUID?, office: ActingOffice,
                            calendar: WorkingCalendar, today: LocalDate, on db: any Database) async throws -> ApplicationEvent {
        guard let current = try await ServiceItem.find(application.itemID, on: db) else { throw ShequError.notFound }
        // Acceptance fixes the version (the one in force now); every later step works by that version's
        // materials and limits, whatever the item became since (issue 11).
        let version = input.step == .accept ? current.version : application.itemVersion
        let item = try await CatalogueVersions.item(current, asOf: version, on: db)
        let reason = (input.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if input.step.needsReason && reason.isEmpty {
            throw ShequError.invalid(.errorReasonRequired, input.step.rawValue, code: "reason_required")
        }
        guard reason.count <= maxText else { throw ShequError.invalid(.errorTooLong, "reason", code: "too_long") }
        try await claim(application, on: db)
        let from = application.state
        let to: ApplicationState
        do {
            to = try ApplicationWorkflow.next(from: from, step: input.step, resumeTo: application.resumeState)
        } catch {
            throw ShequError(.conflict, .errorIllegalStep, detail: "\(from.rawValue) → \(input.step.rawValue)", code: "illegal_step")
        }
        try await DelegatedPowerCheck.atStep(input.step, item: item, office: office, today: today, on: db)
        var materialNames: [String] = []
        let requirements = try await CatalogueVersions.materials(of: current.requireID(), version: version, on: db)

        switch input.step {
        case .accept:
            // Received at the window (ticked) or uploaded by the resident: either counts.
            let uploaded = try await MaterialUpload.query(on: db).filter(\.$applicationID == application.requireID()).all(\.$materialID)
            let received = Set(input.materialIDs ?? []).union(uploaded)
            let missing = requirements.filter { $0.mandatory && !$0.deferrable && !received.contains($0.id!) }
            guard missing.isEmpty else {
                throw ShequError.invalid(.errorMaterialsMissing, missing.map(\.nameZh).joined(separator: "、"), code: "materials_missing")
            }
            application.acceptedOn = today.description
            application.itemVersion = version
            application.dueOn = calendar.deadline(from: today, workingDays: item.promisedDays).description
        case .requestSupplement:
            let ids = Set(input.materialIDs ?? [])
            let named = requirements.filter { ids.contains($0.id!) }
            guard !named.isEmpty, named.count == ids.count else {
                throw ShequError.invalid(.errorSupplementNeedsMaterials, code: "supplement_materials")
            }
            let earlier = try await ApplicationEvent.query(on: db).filter(\.$applicationID == application.requireID())
                .filter(\.$step == .requestSupplement).all()
            if !earlier.isEmpty {
                // 一次性告知: everything missing is listed the first time; a second request needs a new reason that arose later.
                guard input.arisesLater == true, !earlier.contains(where: { $0.reason == reason }) else {
                    throw ShequError(.conflict, .errorOneTimeNotification, code: "one_time_notification")
                }
            }
            materialNames = named.map(\.nameZh)
            application.resumeState = from
            var s = spans(application)
            s.append(Span(from: today, to: today))
            application.pausedSpans = String(decoding: try JSONEncoder().encode(s), as: UTF8.self)
        case .receiveSupplement:
            var s = spans(application)
            if var last = s.popLast() {
                last.to = today
                s.append(last)
            }
            application.pausedSpans = String(decoding: try JSONEncoder().encode(s), as: UTF8.self)
            application.resumeState = nil
            if let acceptedOn = application.acceptedOn.flatMap(LocalDate.init) {
                application.dueOn = calendar.deadline(from: acceptedOn, workingDays: item.promisedDays,
                                                      paused: s.map { $0.from...$0.to }).description
            }
        case .transfer:
            let destination = try await TransferDestination.find(input, on: db)
            try await DelegatedPowerCheck.atTransfer(destination, item: item, today: today, on: db)
            application.transferDepartmentID = destination.departmentID
            application.transferOutpostID = destination.outpostID
            application.transferCenterID = destination.centerID
        case .complete, .refuse, .decline:
            application.outcome = (input.outcome ?? reason).trimmingCharacters(in: .whitespacesAndNewlines)
        default:
            break
        }
        if application.responsibleAccountID == nil, let actorAccount { application.responsibleAccountID = actorAccount }
        application.state = to
        try await application.save(on: db)

        let event = ApplicationEvent()
        event.applicationID = try application.requireID()
        event.step = input.step
        event.fromState = from
        event.toState = to
        event.actor = actor
        event.reason = reason
        event.materials = materialNames.joined(separator: "、")
        try await event.create(on: db)
        return event
    }

    /// Takes the application's row for this transaction if it is still in the state it was read in,
    /// then re-reads what the step builds on. The conditional UPDATE is the check: on PostgreSQL a
    /// concurrent step waits for the row and then finds the state changed; on SQLite transactions
    /// take turns and the second finds it changed. Either way it is refused, never applied twice.
    static func claim(_ application: Application, on db: any Database) async throws {
        let id = try application.requireID()
        let read = application.state
        guard try await (db as! any SQLDatabase).raw("""
            UPDATE applications SET updated_at = \(bind: Date()) WHERE id = \(bind: id) AND state = \(bind: read.rawValue) RETURNING id
            """).first() != nil, let current = try await Application.find(id, on: db) else {
            throw ShequError(.conflict, .errorStepRaced, code: "state_changed")
        }
        application.resumeState = current.resumeState
        application.acceptedOn = current.acceptedOn
        application.dueOn = current.dueOn
        application.pausedSpans = current.pausedSpans
        application.outcome = current.outcome
        application.responsibleAccountID = current.responsibleAccountID
        application.transferDepartmentID = current.transferDepartmentID
        application.transferOutpostID = current.transferOutpostID
        application.transferCenterID = current.transferCenterID
        application.itemVersion = current.itemVersion
    }

    /// When the resident can expect the result: the due date while the clock runs, else nothing to promise yet.
    public static func expectedOn(_ application: Application) -> String? {
        application.state.isFinal ? nil : application.dueOn
    }
}

extension Phrase {
    static let errorUnknownItem = Phrase(zh: "没有这个服务事项：", en: "No such service item: ")
    static let errorItemIsHeading = Phrase(zh: "这是事项分类，请选择其下的具体办理项：", en: "This is a heading; choose one of the items under it: ")
    static let errorReasonRequired = Phrase(zh: "这一步需要填写理由：", en: "This step needs a reason: ")
    static let errorIllegalStep = Phrase(zh: "办件当前状态下不能进行此操作：", en: "This step is not allowed in the application's current state: ")
    static let errorMaterialsMissing = Phrase(zh: "受理前须收齐必交材料（可容缺的除外），缺少：", en: "Before acceptance every mandatory material (except those that may be supplied later) is needed. Missing: ")
    static let errorSupplementNeedsMaterials = Phrase(zh: "补正通知须一次性列明所缺的全部材料。", en: "A supplement request must list every missing material at once.")
    static let errorStepRaced = Phrase(zh: "办件状态刚刚被他人更改，请刷新后再操作。", en: "The application was changed by someone else a moment ago; reload it and try again.")
    static let errorOneTimeNotification = Phrase(zh: "按照一次性告知制度，缺件已一次告知；再次要求补正须说明之后新出现的理由。", en: "Under one-time notification, missing materials were already listed; a second request needs a new reason that arose later.")
}
