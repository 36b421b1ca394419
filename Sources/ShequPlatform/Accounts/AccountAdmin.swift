import Fluent
import Foundation
import ShequKernel
import SQLKit
import Vapor

/// The administrator's commands on accounts. Each one authorises through the policy and the
/// administrator's reach, applies its rules and writes with its audit entry; the API routes
/// and the page forms both call these, so neither door adds or skips a step.
enum AccountAdmin {
    struct Filter: Sendable {
        var text: String?
        var role: Role?
        var status: Status?

        enum Status: String, CaseIterable, Sendable { case active, disabled }

        init(text: String? = nil, role: Role? = nil, status: Status? = nil) {
            self.text = text
            self.role = role
            self.status = status
        }

        init(_ req: Request) throws {
            text = req.queryValue("q").map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            // The page reads the query without the API's declared bounds: the same bounds here, and no control characters.
            if let text, text.count > 64 || text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                throw ShequError.invalid(.errorInvalidValue, "q")
            }
            if let raw = req.queryValue("role"), !raw.isEmpty {
                guard let role = Role(rawValue: raw) else { throw ShequError.invalid(.errorInvalidValue, "role") }
                self.role = role
            }
            if let raw = req.queryValue("status"), !raw.isEmpty {
                guard let status = Status(rawValue: raw) else { throw ShequError.invalid(.errorInvalidValue, "status") }
                self.status = status
            }
        }
    }

    struct GrantRow: Content {
        var id: UUID
        var role: Role
        var scope: String
        var departmentID: UUID?
        var organizationID: UUID?
    }

    struct Detail: Content {
        var id: UUID
        var username: String
        var displayName: String
        var disabled: Bool
        var secondFactor: Bool
        var mustChangePassword: Bool
        var createdAt: Date?
        var passwordChangedAt: Date?
        var grants: [GrantRow]
    }

    struct TemporaryPassword: Content {
        var username: String
        var temporaryPassword: String
    }

    // MARK: Reading

    /// The accounts in the administrator's reach, filtered and paged, with their grants.
    static func list(_ filter: Filter, paging: ListPageRequest, on req: Request) async throws -> ListPage<AccountsController.Summary> {
        let actor = try await req.authorize(.accountManage, entity: "account")
        let reach = AccountReach(actor)
        let sql = req.db as! any SQLDatabase
        var conditions: [SQLQueryString] = []
        // Every grant inside the reach (scopes are digit-only division codes, so LIKE needs no escaping).
        let inside = reach.scopes.map { "g.scope LIKE \(bind: $0 + "%")" as SQLQueryString }
        conditions.append("NOT EXISTS (SELECT 1 FROM grants g WHERE g.account_id = a.id AND " + AccountReach.placingGrant
                          + " AND NOT (" + inside.joined(separator: " OR ") + "))")
        if !reach.cityWide { conditions.append("EXISTS (SELECT 1 FROM grants g WHERE g.account_id = a.id AND " + AccountReach.placingGrant + ")") }
        if let text = filter.text {
            let pattern = "%" + escapeLike(text.lowercased()) + "%"
            conditions.append("(LOWER(a.username) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(a.display_name) LIKE \(bind: pattern) ESCAPE '\\')")
        }
        if let role = filter.role {
            conditions.append("EXISTS (SELECT 1 FROM grants g WHERE g.account_id = a.id AND g.role = \(bind: role.rawValue))")
        }
        if let status = filter.status { conditions.append("a.disabled = \(bind: status == .disabled)") }
        let whereClause = conditions.joined(separator: " AND ")
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM accounts a WHERE " + whereClause).first()?.decode(column: "n", as: Int.self) ?? 0
        let ids = try await sql.raw("SELECT a.id FROM accounts a WHERE " + whereClause
                                    + " ORDER BY a.username, a.id LIMIT \(bind: paging.perPage) OFFSET \(bind: paging.offset)")
            .all().map { try $0.decode(column: "id", as: UUID.self) }
        let accounts = ids.isEmpty ? [] : try await Account.query(on: req.db).filter(\.$id ~~ ids).with(\.$grants).all()
        let byID = Dictionary(uniqueKeysWithValues: try accounts.map { (try $0.requireID(), $0) })
        let items = try ids.compactMap { byID[$0] }.map { a in
            AccountsController.Summary(id: try a.requireID(), username: a.username, displayName: a.displayName,
                                       grants: a.grants.map(\.value), disabled: a.disabled, secondFactor: a.hasSecondFactor)
        }
        return ListPage(items: items, total: total, page: paging.page, perPage: paging.perPage)
    }

    static func escapeLike(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    static func detail(_ id: UUID, on req: Request) async throws -> Detail {
        let (account, grants) = try await reachable(id, action: "account.read", on: req)
        return try detail(account, grants)
    }

    static func detail(_ account: Account, _ grants: [Grant]) throws -> Detail {
        Detail(id: try account.requireID(), username: account.username, displayName: account.displayName, disabled: account.disabled,
               secondFactor: account.hasSecondFactor, mustChangePassword: account.mustChangePassword, createdAt: account.createdAt,
               passwordChangedAt: account.passwordChangedAt,
               grants: try grants.map { GrantRow(id: try $0.requireID(), role: $0.role, scope: $0.scope, departmentID: $0.departmentID, organizationID: $0.organizationID) })
    }

    /// The account if the administrator reaches it; otherwise the refusal is audited under
    /// `action` and answered as 404, so accounts outside the reach cannot be probed for.
    static func reachable(_ id: UUID, action: String, on req: Request) async throws -> (Account, [Grant]) {
        let actor = try await req.authorize(.accountManage, entity: "account", entityID: id.uuidString)
        guard let account = try await Account.find(id, on: req.db) else { throw ShequError.notFound }
        let grants = try await Grant.query(on: req.db).filter(\.$account.$id == id).sort(\.$scope).sort(\.$role).all()
        guard AccountReach(actor).covers(grants.map(\.value)) else {
            let draft = req.auditDraft(action, entity: "account", entityID: id.uuidString, outcome: .denied, detail: "outside the administrator's reach")
            try await req.write { db in try await AuditLog.append(draft, on: db) }
            throw ShequError.notFound
        }
        return (account, grants)
    }

    /// An administrator changes others' accounts; their own they change on their own account's pages,
    /// so no one disables, demotes or resets themselves by a slip.
    static func notSelf(_ account: Account, action: String, on req: Request) async throws {
        guard try account.requireID() == req.requireActor().accountID else { return }
        let draft = req.auditDraft(action, entity: "account", entityID: account.id?.uuidString, outcome: .denied, detail: "own account")
        try await req.write { db in try await AuditLog.append(draft, on: db) }
        throw ShequError(.conflict, .errorOwnAccount, code: "own_account")
    }

    // MARK: Changing

    static func setDisabled(_ id: UUID, _ disabled: Bool, on req: Request) async throws -> Detail {
        let action = disabled ? "account.disable" : "account.enable"
        let (account, grants) = try await reachable(id, action: action, on: req)
        try await notSelf(account, action: action, on: req)
        try await requireAbove(account, grants, action: action, on: req)
        let scope = grants.first?.scope
        let counted = disabled && grants.contains(where: isCityWideAdministrator)
        try await auditingLastAdministrator(action, account, on: req) {
            try await req.writeAudited(action, entity: "account") { db in
                if counted { try await keepACityAdministrator(disabling: id, on: db) }
                try await Account.query(on: db).filter(\.$id == id).set(\.$disabled, to: disabled).update()
                // A disabled account's tokens and sessions end now, not when they would have expired:
                // re-enabling it later must not bring back a session someone else may hold.
                if disabled { try await endAccess(of: id, on: db) }
                return Audited((), id: id, scope: scope, detail: account.username)
            }
        }
        account.disabled = disabled
        return try detail(account, grants)
    }

    struct GrantInput: Content {
        var role: String
        var scope: String
        /// Text, as a page's select sends "" for none; checked as a UUID by the declared input.
        var departmentID: String?
    }

    static func addGrant(_ id: UUID, _ input: GrantInput, on req: Request) async throws -> Detail {
        let (account, grants) = try await reachable(id, action: "account.addGrant", on: req)
        try await notSelf(account, action: "account.addGrant", on: req)
        try await requireAbove(account, grants, action: "account.addGrant", on: req)
        let grant = try await checkedGrant(input, entityID: id.uuidString, on: req)
        let settings = req.application.accountSecurity
        try await req.writeAudited("account.addGrant", entity: "account") { db in
            let duplicate = try await Grant.query(on: db).filter(\.$account.$id == id).filter(\.$role == grant.role)
                .filter(\.$scope == grant.scope).count() > 0
            if duplicate { throw ShequError(.conflict, .errorGrantHeld, code: "grant_held") }
            try await Grant(accountID: id, role: grant.role, scope: grant.scope, departmentID: grant.departmentID).create(on: db)
            // Sessions and tokens are checked for the second factor only when they are made: an account made an
            // administrator while signed in would manage accounts without one. It signs in again, and enrols.
            if settings.mustEnrol(account, grants: [grant]) { try await endAccess(of: id, on: db) }
            return Audited((), id: id, scope: grant.scope, detail: "\(account.username): \(grant.role.rawValue)@\(grant.scope)")
        }
        return try await detail(id, on: req)
    }

    /// A grant the administrator may give: a known role at a known place inside their reach, and a
    /// department (only for department staff) that exists. Bad values are 422; a place outside the reach is 403, audited.
    static func checkedGrant(_ input: GrantInput, entityID: String?, on req: Request) async throws -> GrantValue {
        guard let role = Role(rawValue: input.role) else { throw ShequError.invalid(.errorInvalidValue, "role") }
        // An organisation's staff are its own: the filer on approval, then whom the organisation names. An
        // administrator's grant would name no organisation and act for none.
        guard role != .organizationStaff else { throw ShequError.invalid(.errorOrganizationStaffByOrganization, code: "organization_staff_by_organization") }
        // Likewise a party organisation's officers are appointed on its own page, naming it.
        guard role != .partyOfficer else { throw ShequError.invalid(.errorPartyOfficerByPartyOrganization, code: "party_officer_by_party_organization") }
        let scope = input.scope.trimmingCharacters(in: .whitespaces)
        guard !scope.isEmpty, scope.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw ShequError.invalid(.errorUnknownDivision, scope, code: "unknown_division") }
        try await req.authorize(.accountManage, at: scope, entity: "account", entityID: entityID)
        guard try await Division.find(scope, on: req.db) != nil else { throw ShequError.invalid(.errorUnknownDivision, scope, code: "unknown_division") }
        try await requireAbove(giving: GrantValue(role: role, scope: scope, departmentID: nil), entityID: entityID, on: req)
        var department: UUID?
        if let raw = input.departmentID, !raw.isEmpty {
            guard let departmentID = UUID(uuidString: raw) else { throw ShequError.invalid(.errorInvalidValue, "departmentID") }
            department = departmentID
            guard role == .departmentStaff else { throw ShequError.invalid(.errorDepartmentOnlyForStaff, code: "department_not_for_role") }
            guard try await Department.find(departmentID, on: req.db) != nil else {
                throw ShequError.invalid(.errorInvalidValue, "departmentID", code: "unknown_department")
            }
        }
        return GrantValue(role: role, scope: scope, departmentID: department)
    }

    static func removeGrant(_ id: UUID, grantID: UUID, on req: Request) async throws -> Detail {
        let (account, grants) = try await reachable(id, action: "account.removeGrant", on: req)
        try await notSelf(account, action: "account.removeGrant", on: req)
        try await requireAbove(account, grants, action: "account.removeGrant", on: req)
        guard let grant = grants.first(where: { $0.id == grantID }) else { throw ShequError.notFound }
        // The organisation removes its own staff (its staff page), and keeps at least one.
        guard grant.role != .organizationStaff else {
            throw ShequError.invalid(.errorOrganizationStaffByOrganization, code: "organization_staff_by_organization")
        }
        guard grant.role != .partyOfficer else {
            throw ShequError.invalid(.errorPartyOfficerByPartyOrganization, code: "party_officer_by_party_organization")
        }
        // The last grant is what places the account; without it the account would leave every
        // district's and street's reach. Disabling says what is meant.
        guard grants.count > 1 else { throw ShequError(.conflict, .errorLastGrant, code: "last_grant") }
        let counted = isCityWideAdministrator(grant) && !account.disabled
        try await auditingLastAdministrator("account.removeGrant", account, on: req) {
            try await req.writeAudited("account.removeGrant", entity: "account") { db in
                if counted { try await keepACityAdministrator(removing: grantID, on: db) }
                try await Grant.query(on: db).filter(\.$id == grantID).filter(\.$account.$id == id).delete()
                return Audited((), id: id, scope: grant.scope, detail: "\(account.username): \(grant.role.rawValue)@\(grant.scope)")
            }
        }
        return try await detail(id, on: req)
    }

    /// A temporary password, answered once and stored only as a hash; it opens nothing but the
    /// change-password step. The lock and the account's tokens and sessions end with the old password.
    static func resetPassword(_ id: UUID, on req: Request) async throws -> TemporaryPassword {
        let (account, grants) = try await reachable(id, action: "account.resetPassword", on: req)
        try await notSelf(account, action: "account.resetPassword", on: req)
        try await requireAbove(account, grants, action: "account.resetPassword", on: req)
        let temporary = AccountService.generatedPassword()
        let hash = try await req.password.async.hash(temporary)
        try await req.writeAudited("account.resetPassword", entity: "account") { db in
            try await Account.query(on: db).filter(\.$id == id).set(\.$passwordHash, to: hash).set(\.$mustChangePassword, to: true)
                .set(\.$passwordChangedAt, to: Date()).set(\.$failedSignIns, to: 0).set(\.$lockedUntil, to: nil).update()
            try await endAccess(of: id, on: db)
            return Audited((), id: id, scope: grants.first?.scope, detail: account.username)
        }
        return TemporaryPassword(username: account.username, temporaryPassword: temporary)
    }

    /// For a lost phone without its recovery codes: the factor goes, and the next sign-in enrols again.
    static func resetSecondFactor(_ id: UUID, on req: Request) async throws -> Detail {
        let (account, grants) = try await reachable(id, action: "account.resetSecondFactor", on: req)
        try await notSelf(account, action: "account.resetSecondFactor", on: req)
        try await requireAbove(account, grants, action: "account.resetSecondFactor", on: req)
        try await req.writeAudited("account.resetSecondFactor", entity: "account") { db in
            try await SecondFactorService.clear(accountID: id, on: db)
            try await endAccess(of: id, on: db)
            return Audited((), id: id, scope: grants.first?.scope, detail: account.username)
        }
        return try await detail(id, on: req)
    }

    /// Revokes the account's API tokens and deletes its page sessions (a pending sign-in too), but for the
    /// token and session given by their hashes; answers how many of each ended.
    @discardableResult
    static func endAccess(of id: UUID, exceptToken: String? = nil, exceptSession: String? = nil,
                          on db: any Database) async throws -> (sessions: Int, tokens: Int) {
        let sql = db as! any SQLDatabase
        let keepToken: SQLQueryString = exceptToken.map { " AND token_hash <> \(bind: $0)" } ?? ""
        let tokens = try await sql.raw("""
            UPDATE api_tokens SET revoked_at = \(bind: Date())
            WHERE account_id = \(bind: id) AND revoked_at IS NULL\(keepToken) RETURNING id
            """).all().count
        let keepSession: SQLQueryString = exceptSession.map { " AND key_hash <> \(bind: $0)" } ?? ""
        let sessions = try await sql.raw("""
            DELETE FROM web_sessions WHERE CAST(data AS TEXT) LIKE \(bind: "%" + id.uuidString + "%")\(keepSession) RETURNING id
            """).all().count
        return (sessions, tokens)
    }
}
