import Crypto
import Fluent
import ShequKernel
import SQLKit
import Vapor

extension Action {
    /// The residents' committee decides requests for accounts from its community.
    public static let registrationDecide = Action("registration.decide")
}

/// What the applicant sees of their request, whichever way it went: never
/// whether the ID number was on file.
public struct RegistrationStatus: Content, Sendable {
    public var reference: String
    public var state: RegistrationState
    public var submittedAt: Date?
    /// While a code may still be entered.
    public var codeExpiresAt: Date?
    public var reason: String?
    /// Once the account exists, the name to sign in with.
    public var username: String?
    public var message: String
}

/// A request as the residents' committee sees it: ID number and phone masked,
/// and the resident on file with the same number only when that resident is in
/// the committee's own area.
public struct RegistrationSummary: Content, Sendable {
    public var id: UUID
    public var name: String
    public var idNumber: String
    public var phone: String
    public var username: String
    public var divisionCode: String
    public var state: RegistrationState
    public var submittedAt: Date?
    public var onFile: OnFile?
    public var reason: String?
    public var decidedBy: String?

    public struct OnFile: Content, Sendable {
        public var residentID: UUID
        public var name: String
        public var divisionCode: String
        public var hasAccount: Bool
    }
}

/// A resident creates their own account: with a code sent to the phone on file
/// when name and ID number match someone, or through the residents' committee.
/// Both doors (the API and the pages) run these functions.
public enum RegistrationService {
    public static let codeLifetime: TimeInterval = 10 * 60
    public static let codeTries = 5

    // MARK: The applicant

    public static func submit(_ input: RegistrationInput, req: Request) async throws -> RegistrationStatus {
        let name = try ResidentService.cleanName(input.name)
        let idNumber = try ResidentService.parseID(input.idNumber)
        guard let phone = Phone.normalize(input.phone) else { throw ShequError.invalid(.errorPhone, code: "invalid_phone") }
        let username = try cleanUsername(input.username)
        if PasswordRule.check(input.password) != nil { throw ShequError.invalid(.errorPassword, code: "weak_password") }
        let named = try await DivisionDirectory.requireCommunity(input.community, on: req.db).code

        let vault = PersonalDataVault(secrets: req.application.secrets)
        let idIndex = vault.index(idNumber.rawValue, kind: "id")
        let address = req.clientAddress ?? "unknown"
        // The address pays before anything is judged: otherwise "username taken" answers without limit,
        // and the list of usernames can be read off it one guess at a time.
        try await takeRequestPlace(RegistrationThrottle.addressWindows(address: address), req: req)
        do { try await requireFreeUsername(username, on: req.db) } catch let e as ShequError {
            try await auditUnavailable(req)
            throw e
        }
        try await takeRequestPlace(RegistrationThrottle.numberWindows(idIndex: idIndex), req: req)

        // Both ways take the same steps (two lookups, a password hash, a code hash, one row, and no message
        // sent before the answer), so neither the answer nor the time it takes says whether the number is on file.
        let onFile = try await Resident.query(on: req.db).filter(\.$idNumberIndex == idIndex).first()
        let linked = try await Account.query(on: req.db).filter(\.$residentID == (onFile?.id ?? UUID())).count() > 0
        let matched = onFile.flatMap { r in
            r.phoneSealed != nil && linked == false && comparable(r.name) == comparable(name) ? r : nil
        }
        let reference = newReference()
        let code = newCode()
        let request = RegistrationRequest()
        request.id = UUID()
        request.reference = reference
        request.username = username
        request.name = name
        request.idNumberSealed = try vault.seal(idNumber.rawValue)
        request.idNumberIndex = idIndex
        request.idNumberMasked = idNumber.masked
        request.phoneSealed = try vault.seal(phone)
        request.phoneMasked = Phone.mask(phone)
        request.namedDivisionCode = named
        // A number on file goes to the committee that knows that resident, whichever community was named.
        request.divisionCode = onFile?.divisionCode ?? named
        request.residentID = try matched?.requireID()
        request.passwordHash = try await req.password.async.hash(input.password)
        request.state = .awaitingCode
        // Without a match the code is never sent, so no code can ever be right.
        request.codeHash = codeHash(code, reference: reference, vault: vault)
        request.codeExpiresAt = Date().addingTimeInterval(codeLifetime)
        request.codeAttempts = 0
        request.language = req.language.rawValue
        let draft = req.auditDraft("registration.submit", entity: "registration", entityID: request.id?.uuidString,
                                   scope: request.divisionCode,
                                   detail: matched != nil ? "matched a resident on file; code sent to the phone on file"
                                       : onFile == nil ? "no resident on file with this number" : "not matched (name, phone on file or existing account)")
        do {
            try await req.write { db in
                // Checked again inside the write: on SQLite nothing else writes meanwhile; on PostgreSQL the
                // unique index on open requests' usernames refuses the second of two sent at once.
                try await requireFreeUsername(username, on: db)
                try await request.create(on: db)
                try await AuditLog.append(draft, on: db)
            }
        } catch {
            // Lost the race for the name: answered and logged as any taken name is.
            var taken = (error as? ShequError)?.code == "username_taken"
            if !taken { taken = (try? await requireFreeUsername(username, on: req.db)) == nil }
            guard taken else { throw error }
            try await auditUnavailable(req)
            throw ShequError(.conflict, .errorUsernameUnavailable, code: "username_taken")
        }
        if let matched, let sealed = matched.phoneSealed {
            let text = Phrase.registrationSms.text(req.language).replacingOccurrences(of: "%@", with: code)
            // After the commit and after the answer (see RegistrationOutbox).
            req.application.registrationOutbox.post(OutboundMessage(channel: "sms", to: try vault.open(sealed), language: req.language, text: text),
                                                    on: req.application)
        }
        return status(of: request, language: req.language)
    }

    static func auditUnavailable(_ req: Request) async throws {
        let draft = req.auditDraft("registration.submit", entity: "registration", outcome: .failed, detail: "username not available")
        try await req.write { db in try await AuditLog.append(draft, on: db) }
    }

    /// One place under each of `windows`, or a 429 (audited) when any is used up.
    static func takeRequestPlace(_ windows: [RegistrationThrottle.Window], req: Request) async throws {
        guard try await RegistrationThrottle.take(windows, gate: req.application.writeGate, on: req.db) else {
            let draft = req.auditDraft("registration.submit", entity: "registration", outcome: .denied, detail: "over the limit")
            try await req.write { db in try await AuditLog.append(draft, on: db) }
            throw ShequError(.tooManyRequests, .errorRegistrationThrottled, code: "registration_throttled")
        }
    }

    /// The applicant hears of the committee's decision on the phone they gave, in the language they applied in.
    static func tellApplicant(_ request: RegistrationRequest, _ phrase: Phrase, _ value: String, req: Request) {
        let vault = PersonalDataVault(secrets: req.application.secrets)
        guard let phone = try? vault.open(request.phoneSealed) else {
            req.logger.error("registration decision not sent: the phone could not be opened")
            return
        }
        let language = Language(rawValue: request.language) ?? .zhHans
        let text = phrase.text(language).replacingOccurrences(of: "%@", with: value)
        req.application.registrationOutbox.post(OutboundMessage(channel: "sms", to: phone, language: language, text: text), on: req.application)
    }

    public static func status(reference raw: String, req: Request) async throws -> RegistrationStatus {
        let request = try await findForApplicant(raw, req: req)
        return status(of: request, language: req.language)
    }

    /// A right code (from the phone on file) creates the account; a wrong one uses one of the tries,
    /// and the last wrong try hands the request to the committee.
    public static func checkCode(reference raw: String, code rawCode: String, req: Request) async throws -> RegistrationStatus {
        let request = try await findForApplicant(raw, req: req)
        let id = try request.requireID()
        let now = Date()
        let attempt = try await req.write { db in
            try await (db as! any SQLDatabase).raw("""
                UPDATE registration_requests SET code_attempts = code_attempts + 1
                WHERE id = \(bind: id) AND state = \(bind: RegistrationState.awaitingCode.rawValue)
                  AND code_attempts < \(bind: codeTries) AND code_expires_at > \(bind: now)
                RETURNING code_attempts
                """).first()?.decode(column: "code_attempts", as: Int.self)
        }
        guard let attempt else {
            let draft = req.auditDraft("registration.code", entity: "registration", entityID: id.uuidString, scope: request.divisionCode,
                                       outcome: .failed, detail: "no code can be entered now (expired, used up or decided)")
            try await req.write { db in try await AuditLog.append(draft, on: db) }
            throw ShequError.invalid(.registrationCodeWrong, code: "registration_code")
        }
        let vault = PersonalDataVault(secrets: req.application.secrets)
        let code = rawCode.filter { !$0.isWhitespace }
        let right = constantTimeEqual(codeHash(code, reference: request.reference, vault: vault), request.codeHash)
        guard right, let residentID = request.residentID else {
            let last = attempt >= codeTries
            let draft = req.auditDraft("registration.code", entity: "registration", entityID: id.uuidString, scope: request.divisionCode,
                                       outcome: .failed, detail: "wrong code, try \(attempt)" + (last ? "; handed to the committee" : ""))
            try await req.write { db in
                if last {
                    try await (db as! any SQLDatabase).raw("""
                        UPDATE registration_requests SET state = \(bind: RegistrationState.pending.rawValue)
                        WHERE id = \(bind: id) AND state = \(bind: RegistrationState.awaitingCode.rawValue)
                        """).run()
                }
                try await AuditLog.append(draft, on: db)
            }
            throw ShequError.invalid(.registrationCodeWrong, code: "registration_code")
        }
        let base = req.auditDraft("registration.code", entity: "registration", entityID: id.uuidString, scope: request.divisionCode,
                                  detail: "right code; account created and linked to the resident")
        let accountDraft = req.auditDraft("account.create", entity: "account", scope: request.divisionCode, detail: "resident@self-registration")
        try await req.write { db in
            guard try await claim(id, from: [.awaitingCode], to: .created, on: db) else {
                throw ShequError(.conflict, .errorRegistrationDecided, code: "registration_decided")
            }
            guard let resident = try await Resident.find(residentID, on: db) else { throw ShequError.notFound }
            let account = try await createAccount(for: request, resident: resident, decidedBy: nil, on: db)
            var created = accountDraft
            created.entityID = account.id?.uuidString
            created.scope = resident.divisionCode
            try await AuditLog.appendAll([base, created], on: db)
        }
        return try await reloaded(request, req: req)
    }

    /// The applicant without a code (none on file, or no phone to hand) asks the committee at once.
    public static func handToCommittee(reference raw: String, req: Request) async throws -> RegistrationStatus {
        let request = try await findForApplicant(raw, req: req)
        let id = try request.requireID()
        let draft = req.auditDraft("registration.handToCommittee", entity: "registration", entityID: id.uuidString, scope: request.divisionCode)
        try await req.write { db in
            if try await claim(id, from: [.awaitingCode], to: .pending, on: db) { try await AuditLog.append(draft, on: db) }
        }
        return try await reloaded(request, req: req)
    }

    // MARK: Rules and helpers

    static func cleanUsername(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard (3...32).contains(name.count),
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") }) else {
            throw ShequError.invalid(.errorInvalidValue, "username", code: "invalid_username")
        }
        return name
    }

    /// Taken by an account or by a request still open: two applicants cannot both be promised one name.
    static func requireFreeUsername(_ username: String, on db: any Database) async throws {
        let accounts = try await Account.query(on: db).filter(\.$username == username).count()
        let open = try await RegistrationRequest.query(on: db).filter(\.$username == username)
            .filter(\.$state ~~ [.awaitingCode, .pending]).count()
        if accounts + open > 0 { throw ShequError(.conflict, .errorUsernameUnavailable, code: "username_taken") }
    }

    /// Names compare without spaces: "张 三" on a form is 张三 on file.
    static func comparable(_ name: String) -> String { name.filter { !$0.isWhitespace } }

    /// 12 characters from an alphabet without look-alikes: about 60 bits, read out over a phone.
    static func newReference() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
    }

    static func newCode() -> String {
        var rng = SystemRandomNumberGenerator()
        return String(format: "%06d", Int.random(in: 0..<1_000_000, using: &rng))
    }

    /// Keyed (the blind-index key) and bound to the request, so a copy of the table cannot be
    /// searched through the million codes without the key.
    static func codeHash(_ code: String, reference: String, vault: PersonalDataVault) -> String {
        vault.index(reference + ":" + code, kind: "registration-code")
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The applicant's doors are public: each look-up takes a place under the per-address limit.
    static func findForApplicant(_ raw: String, req: Request) async throws -> RegistrationRequest {
        let address = req.clientAddress ?? "unknown"
        guard try await RegistrationThrottle.take(RegistrationThrottle.lookupWindows(address: address),
                                                  gate: req.application.writeGate, on: req.db) else {
            let draft = req.auditDraft("registration.lookup", entity: "registration", outcome: .denied, detail: "over the limit")
            try await req.write { db in try await AuditLog.append(draft, on: db) }
            throw ShequError(.tooManyRequests, .errorRegistrationThrottled, code: "registration_throttled")
        }
        let reference = raw.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        guard reference.count == 12, let request = try await RegistrationRequest.query(on: req.db)
            .filter(\.$reference == reference).first() else {
            throw ShequError(.notFound, .errorRegistrationNoReference, code: "not_found")
        }
        return request
    }

    /// The request as it is after a change the applicant made (no second place under the look-up limit).
    static func reloaded(_ before: RegistrationRequest, req: Request) async throws -> RegistrationStatus {
        guard let request = try await RegistrationRequest.find(before.requireID(), on: req.db) else { throw ShequError.notFound }
        return status(of: request, language: req.language)
    }

    static func status(of request: RegistrationRequest, language: Language) -> RegistrationStatus {
        let state = request.effectiveState()
        let message: Phrase = switch state {
        case .awaitingCode: .registrationCodeSentIfOnFile
        case .pending: .registrationStatePending
        case .created: .registrationStateCreated
        case .refused: .registrationStateRefused
        }
        return RegistrationStatus(reference: request.reference, state: state, submittedAt: request.createdAt,
                                  codeExpiresAt: state == .awaitingCode ? request.codeExpiresAt : nil,
                                  reason: state == .refused ? request.reason : nil,
                                  username: state == .created ? request.username : nil, message: message.text(language))
    }
}
