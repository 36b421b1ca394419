import Crypto
import Fluent
import ShequKernel
import Vapor

/// Sign-in, tokens and the first administrator. Rules live here so the web
/// form and the token endpoint enforce the same throttle.
public enum AccountService {
    public static let tokenLifetime: TimeInterval = 12 * 3600

    public enum SignInResult: Sendable {
        case success(Account)
        /// The password was right, and the account has a second factor: the attempt stays counted
        /// until a code is accepted, so a known password does not buy unlimited guesses at codes.
        case secondFactorDue(Account, attempt: Int)
        case failure(delaySeconds: Double)
        case locked
        /// Too many failures from the client's address, whatever the username.
        case addressLimited
    }

    /// Judges at most `failuresBeforeLock` wrong passwords per account before the lock, however
    /// many arrive at once: each attempt takes its turn in the database before the password is checked.
    public static func signIn(username: String, password: String, ip: String?, on req: Request) async throws -> SignInResult {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        let actorName = name.isEmpty ? "-" : String(name.prefix(64))
        let throttle = req.application.signInThrottle
        let now = Date()
        // Peers without an address (a socket proxy not listed as trusted) share one allowance: fail closed.
        let address = ip ?? "unknown"
        func refuse(_ detail: String, entityID: String? = nil, _ result: SignInResult = .locked) async throws -> SignInResult {
            try await req.write { db in
                try await AuditLog.append(AuditDraft(actor: actorName, action: "account.signIn", entity: "account", entityID: entityID,
                                                     outcome: .denied, ip: ip, detail: detail), on: db)
            }
            return result
        }

        let fromAddress = try await req.write { db in
            try await SignInLedger.reserveAddress(address, window: throttle.addressWindow, now: now, on: db)
        }
        if fromAddress > throttle.failuresPerAddress { return try await refuse("too many failures from this address", .addressLimited) }

        guard let account = try await Account.query(on: req.db).filter(\.$username == name).first(), !account.disabled else {
            // Checked against a hash of the same cost, so an unknown username takes as long as a wrong password.
            _ = try? await req.password.async.verify(password, created: req.application.dummyPasswordHash)
            try await req.write { db in
                try await AuditLog.append(AuditDraft(actor: actorName, action: "account.signIn", entity: "account",
                                                     outcome: .failed, ip: ip, detail: "unknown user"), on: db)
            }
            return .failure(delaySeconds: throttle.delay(afterFailures: fromAddress))
        }
        let accountID = try account.requireID()
        let reserved = try await req.write { db in
            try await SignInLedger.reserveAttempt(account: accountID, limit: throttle.failuresBeforeLock, now: now, on: db)
        }
        guard let attempt = reserved else { return try await refuse("locked", entityID: accountID.uuidString) }

        let ok = (try? await req.password.async.verify(password, created: account.passwordHash)) ?? false
        if ok, account.hasSecondFactor {
            try await req.write { db in
                try await SignInLedger.refundAddress(address, on: db)
                try await AuditLog.append(AuditDraft(actor: account.username, action: "account.signIn", entity: "account",
                                                     entityID: accountID.uuidString, ip: ip, detail: "password accepted; code awaited"), on: db)
            }
            return .secondFactorDue(account, attempt: attempt)
        }
        if ok {
            let signedIn = try await req.write { db in
                guard try await SignInLedger.clear(account: accountID, now: Date(), on: db) else { return false }
                try await SignInLedger.refundAddress(address, on: db)
                try await AuditLog.append(AuditDraft(actor: account.username, action: "account.signIn", entity: "account",
                                                     entityID: accountID.uuidString, ip: ip), on: db)
                return true
            }
            return signedIn ? .success(account) : try await refuse("locked", entityID: accountID.uuidString)
        }
        let locks = attempt >= throttle.failuresBeforeLock
        try await req.write { db in
            if locks { try await SignInLedger.lock(account: accountID, until: Date().addingTimeInterval(throttle.lockDuration), on: db) }
            try await AuditLog.append(AuditDraft(actor: account.username, action: "account.signIn", entity: "account",
                                                 entityID: accountID.uuidString, outcome: .failed, ip: ip,
                                                 detail: locks ? "wrong password; locked" : "wrong password"), on: db)
        }
        return locks ? .locked : .failure(delaySeconds: throttle.delay(afterFailures: attempt))
    }

    /// Issues a bearer token. The clear token is returned once; only its hash is kept.
    public static func issueToken(for account: Account, on db: any Database) async throws -> (token: String, expiresAt: Date) {
        let token = CSRFMiddleware.newToken()
        let expiresAt = Date().addingTimeInterval(tokenLifetime)
        try await APIToken(accountID: account.requireID(), tokenHash: hash(token), expiresAt: expiresAt).create(on: db)
        return (token, expiresAt)
    }

    public static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Data(token.utf8)))
    }

    public static func actor(for account: Account, on db: any Database) async throws -> Actor {
        let grants = try await Grant.query(on: db).filter(\.$account.$id == account.requireID()).all()
        return Actor(accountID: try account.requireID(), username: account.username, residentID: account.residentID,
                     grants: grants.map(\.value))
    }

    /// Creates an account with one grant, checking the password rule and the scope.
    /// `mustChangePassword`: the password was chosen by someone else (an administrator), so its owner replaces it first.
    public static func create(username: String, password: String, displayName: String, grants: [GrantValue],
                              residentID: UUID? = nil, mustChangePassword: Bool = false, on req: Request, db: any Database) async throws -> Account {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        guard (3...32).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") }) else {
            throw ShequError.invalid(.errorInvalidValue, "username")
        }
        if PasswordRule.check(password) != nil { throw ShequError.invalid(.errorPassword, code: "weak_password") }
        if try await Account.query(on: db).filter(\.$username == name).count() > 0 {
            throw ShequError(.conflict, .errorUsernameTaken, code: "username_taken")
        }
        if let residentID {
            // One account per resident: a second would read the same person's applications, bookings and notices.
            guard try await Resident.find(residentID, on: db) != nil else { throw ShequError.invalid(.errorInvalidValue, "residentID") }
            if try await Account.query(on: db).filter(\.$residentID == residentID).count() > 0 {
                throw ShequError(.conflict, .errorResidentHasAccount, code: "resident_has_account")
            }
        }
        for grant in grants where try await Division.find(grant.scope, on: db) == nil {
            throw ShequError.invalid(.errorUnknownDivision, grant.scope, code: "unknown_division")
        }
        let hash = try await req.password.async.hash(password)
        let account = Account(username: name, passwordHash: hash, displayName: String(displayName.prefix(64)), residentID: residentID)
        account.mustChangePassword = mustChangePassword
        try await account.create(on: db)
        for grant in grants {
            try await Grant(accountID: account.requireID(), role: grant.role, scope: grant.scope, departmentID: grant.departmentID).create(on: db)
        }
        return account
    }

    /// Made once per start, with whatever hasher (and cost) this start uses.
    static func prepareDummyHash(_ app: Application) throws {
        app.dummyPasswordHash = try app.password.hash(CSRFMiddleware.newToken())
    }

    /// The first start creates `admin`, with `SHEQU_ADMIN_PASSWORD` or a generated password printed once.
    static func bootstrapAdmin(_ app: Application) async throws {
        guard try await Account.query(on: app.db).filter(\.$username == "admin").count() == 0 else { return }
        let configured = app.shequSettings.adminPassword
        let password = configured ?? generatedPassword()
        let hash = try app.password.hash(password)
        try await app.writeGate.transaction(on: app.db) { db in
            let admin = Account(username: "admin", passwordHash: hash, displayName: "Administrator")
            try await admin.create(on: db)
            try await Grant(accountID: admin.requireID(), role: .cityAdministrator, scope: "4404").create(on: db)
            try await AuditLog.append(AuditDraft(actor: "system", action: "account.create", entity: "account",
                                                 entityID: admin.id?.uuidString, detail: "first-start administrator"), on: db)
        }
        if configured == nil {
            print("""
            ================================================================
            Shequ created the administrator account.
              username: admin
              password: \(password)
            This is shown once. Set SHEQU_ADMIN_PASSWORD to choose it yourself.
            ================================================================
            """)
        }
    }

    static func generatedPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        let body = String((0..<14).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
        return body + "-7a"
    }
}

extension Application {
    private struct ThrottleKey: StorageKey { typealias Value = SignInThrottle }

    private struct DummyHashKey: StorageKey { typealias Value = String }

    /// A hash made at start with the hasher in force (same algorithm, same cost), for unknown usernames.
    public var dummyPasswordHash: String {
        get { storage[DummyHashKey.self] ?? "" }
        set { storage[DummyHashKey.self] = newValue }
    }

    /// The sign-in throttle in force; tests may shorten its delays.
    public var signInThrottle: SignInThrottle {
        get { storage[ThrottleKey.self] ?? SignInThrottle() }
        set { storage[ThrottleKey.self] = newValue }
    }
}
