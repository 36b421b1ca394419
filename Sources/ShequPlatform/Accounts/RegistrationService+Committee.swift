import Fluent
import ShequKernel
import SQLKit
import Vapor

/// What the residents' committee does with the requests that wait for it: list them, confirm one against a resident
/// on file (creating the account), or refuse it with a reason; the applicant is told by SMS either way.
extension RegistrationService {
    // MARK: The residents' committee

    /// The states the committee's list can show; anything else is a 400, not silently the waiting list.
    public static func listState(_ raw: String?) throws -> RegistrationState {
        guard let raw, !raw.isEmpty else { return .pending }
        guard let state = RegistrationState(rawValue: raw), state != .awaitingCode else {
            throw ShequError(.badRequest, .errorRegistrationStateFilter, code: "unknown_state")
        }
        return state
    }

    public static func list(_ req: Request, state: RegistrationState = .pending, paging: ListPageRequest) async throws -> ListPage<RegistrationSummary> {
        let actor = try await req.authorize(.registrationDecide, entity: "registration")
        let scopes = Policy.scopes(of: actor, for: .registrationDecide)
        return try await query(scopes: scopes, state: state, on: req.db).sort(\.$createdAt).sort(\.$id).paged(paging, rows: { rows in
            try await summaries(rows, actor: actor, on: req.db)
        })
    }

    /// Requests in `scopes` in one state; "pending" takes in those whose code ran out (or its tries),
    /// handed over without anyone moving them.
    static func query(scopes: [String], state: RegistrationState, on db: any Database) -> QueryBuilder<RegistrationRequest> {
        let now = Date()
        let query = RegistrationRequest.query(on: db).inScopes(scopes, \.$divisionCode)
        switch state {
        case .pending, .awaitingCode:
            query.group(.or) { or in
                or.filter(\.$state == .pending)
                or.group(.and) { $0.filter(\.$state == .awaitingCode).filter(\.$codeExpiresAt <= now) }
                or.group(.and) { $0.filter(\.$state == .awaitingCode).filter(\.$codeAttempts >= codeTries) }
            }
        case .created, .refused:
            query.filter(\.$state == state)
        }
        return query
    }

    /// How many wait for this committee: the same scope and filter as its list.
    public static func waitingCount(for actor: Actor, on db: any Database) async throws -> Int {
        try await query(scopes: Policy.scopes(of: actor, for: .registrationDecide), state: .pending, on: db).count()
    }

    /// Links the request to the resident on file with its ID number (in the committee's area), or
    /// creates that resident from the request, and opens the account; all in one transaction.
    public static func confirm(id: UUID, _ input: RegistrationConfirmation, req: Request) async throws -> RegistrationSummary {
        let request = try await findForCommittee(id, action: .registrationDecide, req: req)
        guard request.effectiveState() == .pending else { throw ShequError(.conflict, .errorRegistrationDecided, code: "registration_decided") }
        let vault = PersonalDataVault(secrets: req.application.secrets)
        let chosen = try ResidentPagesController.optionalUUID(input.residentID, field: "residentID")
        var newResident: ResidentInput?
        if let chosen {
            guard let resident = try await Resident.find(chosen, on: req.db) else { throw ShequError.notFound }
            try await req.authorize(.residentRead, at: resident.divisionCode, entity: "resident", entityID: chosen.uuidString, hide: true)
            guard resident.idNumberIndex == request.idNumberIndex else {
                throw ShequError.invalid(.errorRegistrationOtherResident, code: "registration_other_resident")
            }
        } else {
            guard let residency = input.residency.flatMap(Residency.init(rawValue:)) else {
                throw ShequError.invalid(.errorRegistrationNeedsResidency, code: "registration_residency")
            }
            try await req.authorize(.residentWrite, at: request.divisionCode, entity: "resident")
            newResident = ResidentInput(divisionCode: request.divisionCode, name: request.name, idNumber: try vault.open(request.idNumberSealed),
                                        phone: try vault.open(request.phoneSealed), residency: residency,
                                        householdID: try ResidentPagesController.optionalUUID(input.householdID, field: "householdID"),
                                        relationToHead: input.householdID == nil ? nil : .other)
        }
        let decider = try req.requireActor().username
        let confirmDraft = req.auditDraft("registration.confirm", entity: "registration", entityID: id.uuidString, scope: request.divisionCode)
        let residentDraft = req.auditDraft("resident.create", entity: "resident", detail: "from a registration request")
        let accountDraft = req.auditDraft("account.create", entity: "account", detail: "resident@registration confirmed by the committee")
        let creates = newResident
        do {
            try await req.write { db in
                guard try await claim(id, from: [.pending, .awaitingCode], to: .created, decidedBy: decider, expiredOnly: true, on: db) else {
                    throw ShequError(.conflict, .errorRegistrationDecided, code: "registration_decided")
                }
                var drafts: [AuditDraft] = []
                let resident: Resident
                if let creates {
                    resident = try await ResidentService.create(creates, vault: vault, on: db)
                    var d = residentDraft
                    d.entityID = resident.id?.uuidString
                    d.scope = resident.divisionCode
                    drafts.append(d)
                } else {
                    guard let chosen, let found = try await Resident.find(chosen, on: db) else { throw ShequError.notFound }
                    resident = found
                }
                let account = try await createAccount(for: request, resident: resident, decidedBy: decider, on: db)
                var a = accountDraft
                a.entityID = account.id?.uuidString
                a.scope = resident.divisionCode
                var c = confirmDraft
                c.detail = (creates == nil ? "linked to the resident on file " : "resident created ") + (resident.id?.uuidString ?? "")
                try await AuditLog.appendAll([c] + drafts + [a], on: db)
            }
        } catch let e as ShequError where e.code == "duplicate_id" {
            // "Already registered" elsewhere answers for the whole city: an exact lookup like any other.
            let existing = try await Resident.query(on: req.db).filter(\.$idNumberIndex == request.idNumberIndex).first()
            try await req.answerExactLookup("registration.confirm.duplicate", account: try req.requireActor().accountID,
                                            found: existing?.id, in: existing?.divisionCode)
            throw e
        }
        tellApplicant(request, .registrationConfirmedSms, request.username, req: req)
        return try await summary(id, req: req)
    }

    public static func refuse(id: UUID, reason raw: String, req: Request) async throws -> RegistrationSummary {
        let request = try await findForCommittee(id, action: .registrationDecide, req: req)
        let reason = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw ShequError.invalid(.errorMissingField, "reason", code: "missing_field") }
        guard request.effectiveState() == .pending else { throw ShequError(.conflict, .errorRegistrationDecided, code: "registration_decided") }
        let decider = try req.requireActor().username
        let draft = req.auditDraft("registration.refuse", entity: "registration", entityID: id.uuidString, scope: request.divisionCode,
                                   detail: String(reason.prefix(500)))
        try await req.write { db in
            guard try await claim(id, from: [.pending, .awaitingCode], to: .refused, decidedBy: decider, reason: reason,
                                  expiredOnly: true, on: db) else {
                throw ShequError(.conflict, .errorRegistrationDecided, code: "registration_decided")
            }
            try await AuditLog.append(draft, on: db)
        }
        tellApplicant(request, .registrationRefusedSms, String(reason.prefix(200)), req: req)
        return try await summary(id, req: req)
    }


    /// A committee member reaches only its communities' requests; others are a 404, and the refusal is audited.
    static func findForCommittee(_ id: UUID, action: Action, req: Request) async throws -> RegistrationRequest {
        guard let request = try await RegistrationRequest.find(id, on: req.db) else {
            try await req.authorize(action, entity: "registration", entityID: id.uuidString)
            throw ShequError.notFound
        }
        try await req.authorize(action, at: request.divisionCode, entity: "registration", entityID: id.uuidString, hide: true)
        return request
    }

    /// One conditional write decides each request, so two decisions (or a code and a decision) cannot both land.
    /// `expiredOnly` lets an `awaitingCode` request be taken only once its code has run out.
    static func claim(_ id: UUID, from: [RegistrationState], to: RegistrationState, decidedBy: String? = nil, reason: String? = nil,
                      expiredOnly: Bool = false, on db: any Database) async throws -> Bool {
        let now = Date()
        let sql = db as! any SQLDatabase
        let waiting = RegistrationState.awaitingCode.rawValue
        let others = from.filter { $0 != .awaitingCode }.map(\.rawValue)
        let awaiting: SQLQueryString = from.contains(.awaitingCode)
            ? (expiredOnly
                ? "(state = \(bind: waiting) AND (code_expires_at <= \(bind: now) OR code_attempts >= \(bind: codeTries)))"
                : "state = \(bind: waiting)")
            : "1 = 0"
        let rest: SQLQueryString = others.isEmpty ? "1 = 0" : "state IN (\(binds: others))"
        // The password hash has done its work once the request is decided.
        let clearHash = to == .created || to == .refused
        let row = try await sql.raw("""
            UPDATE registration_requests SET state = \(bind: to.rawValue),
                decided_by = \(bind: decidedBy), decided_at = \(bind: decidedBy == nil ? nil : now), reason = \(bind: reason)
                \(unsafeRaw: clearHash ? ", password_hash = ''" : "")
            WHERE id = \(bind: id) AND (\(awaiting) OR \(rest))
            RETURNING id
            """).first()
        return row != nil
    }

    static func createAccount(for request: RegistrationRequest, resident: Resident, decidedBy: String?, on db: any Database) async throws -> Account {
        if try await Account.query(on: db).filter(\.$username == request.username).count() > 0 {
            throw ShequError(.conflict, .errorUsernameTaken, code: "username_taken")
        }
        // Checked again here, inside the write: a committee's confirmation (and a code entered in a race) must not give
        // a resident who already has an account a second one.
        if try await Account.query(on: db).filter(\.$residentID == resident.requireID()).count() > 0 {
            throw ShequError(.conflict, .errorResidentHasAccount, code: "resident_has_account")
        }
        let account = Account(username: request.username, passwordHash: request.passwordHash, displayName: String(request.name.prefix(64)),
                              residentID: try resident.requireID())
        try await account.create(on: db)
        try await Grant(accountID: account.requireID(), role: .resident, scope: resident.divisionCode).create(on: db)
        try await RegistrationRequest.query(on: db).filter(\.$id == request.requireID())
            .set(\.$accountID, to: account.id).set(\.$residentID, to: resident.id).update()
        return account
    }

    static func summary(_ id: UUID, req: Request) async throws -> RegistrationSummary {
        guard let request = try await RegistrationRequest.find(id, on: req.db) else { throw ShequError.notFound }
        return try await summaries([request], actor: try req.requireActor(), on: req.db)[0]
    }

    /// The resident on file with each request's number, looked up in one query and shown only inside the
    /// committee's own area: a request naming this community must not tell it where else the number lives.
    static func summaries(_ rows: [RegistrationRequest], actor: Actor, on db: any Database) async throws -> [RegistrationSummary] {
        let readable = Policy.scopes(of: actor, for: .residentRead)
        let indexes = rows.map(\.idNumberIndex)
        let residents = indexes.isEmpty ? [] : try await Resident.query(on: db).filter(\.$idNumberIndex ~~ indexes)
            .inScopes(readable, \.$divisionCode).all()
        let ids = residents.compactMap(\.id)
        let withAccounts = ids.isEmpty ? Set<UUID>() : Set(try await Account.query(on: db).filter(\.$residentID ~~ ids).all().compactMap(\.residentID))
        let byIndex = Dictionary(residents.map { ($0.idNumberIndex, $0) }, uniquingKeysWith: { a, _ in a })
        return try rows.map { r in
            RegistrationSummary(
                id: try r.requireID(), name: r.name, idNumber: r.idNumberMasked, phone: r.phoneMasked, username: r.username,
                divisionCode: r.divisionCode, state: r.effectiveState(), submittedAt: r.createdAt,
                onFile: try byIndex[r.idNumberIndex].map {
                    RegistrationSummary.OnFile(residentID: try $0.requireID(), name: $0.name, divisionCode: $0.divisionCode,
                                               hasAccount: withAccounts.contains(try $0.requireID()))
                },
                reason: r.reason, decidedBy: r.decidedBy)
        }
    }
}
