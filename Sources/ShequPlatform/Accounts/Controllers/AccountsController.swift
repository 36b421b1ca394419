import Fluent
import Vapor

/// Administrators create staff accounts, find them, and manage their status, grants and passwords.
/// Every handler here is a door to an `AccountAdmin` command (or `create`, kept for its callers).
enum AccountsController {
    struct Input: Content {
        var username: String
        var password: String
        var displayName: String
        var role: String
        var scope: String
        /// Text, as a page's select sends "" for none; checked as a UUID by the declared input.
        var departmentID: String?
        var residentID: UUID?
    }

    struct Summary: Content {
        var id: UUID
        var username: String
        var displayName: String
        var grants: [GrantValue]
        var disabled: Bool
        var secondFactor: Bool
    }

    static func list(_ req: Request) async throws -> ListPage<Summary> {
        try await AccountAdmin.list(AccountAdmin.Filter(req), paging: ListPageRequest(req), on: req)
    }

    static func create(_ req: Request) async throws -> Response {
        try await req.authorize(.accountManage, entity: "account")
        let input = try req.validatedContent(Input.self)
        do {
            return try await createChecked(input, req: req)
        } catch let e as ShequError where !req.wantsJSON && e.status != .forbidden && e.status != .unauthorized {
            // A page user sees the form again with the reason, not a dead end.
            return try await newPage(req, error: e.message(req.language), typed: input).withStatus(e.status).encodeResponse(for: req)
        }
    }

    static func createChecked(_ input: Input, req: Request) async throws -> Response {
        let grant = try await AccountAdmin.checkedGrant(.init(role: input.role, scope: input.scope, departmentID: input.departmentID),
                                                        entityID: nil, on: req)
        if let residentID = input.residentID {
            // Linking to a resident is within the administrator's reach only where the resident lives.
            guard let resident = try await Resident.find(residentID, on: req.db) else { throw ShequError.invalid(.errorInvalidValue, "residentID") }
            try await req.authorize(.accountManage, at: resident.divisionCode, entity: "account", hide: true)
        }
        let account = try await req.writeAudited("account.create", entity: "account") { db in
            let account = try await AccountService.create(username: input.username, password: input.password,
                                                          displayName: input.displayName, grants: [grant],
                                                          // The administrator knows this password: like a reset, it opens only the change step.
                                                          residentID: input.residentID, mustChangePassword: true, on: req, db: db)
            return Audited(account, id: account.id, scope: grant.scope, detail: "\(grant.role.rawValue)@\(grant.scope)")
        }
        if req.wantsJSON {
            let summary = Summary(id: try account.requireID(), username: account.username, displayName: account.displayName,
                                  grants: [grant], disabled: false, secondFactor: false)
            return try await summary.encodeResponse(status: .created, for: req)
        }
        return req.redirect(to: "/accounts/\(try account.requireID().uuidString)?created=1")
    }

    static func page(_ req: Request) async throws -> WebPage {
        let filter = try AccountAdmin.Filter(req)
        let page = try await AccountAdmin.list(filter, paging: ListPageRequest(req), on: req)
        return AccountAdminPages.list(req.context, page, filter: filter)
    }

    static func newPage(_ req: Request) async throws -> WebPage {
        try await newPage(req, error: nil)
    }

    static func newPage(_ req: Request, error: String?, typed: Input? = nil) async throws -> WebPage {
        try await req.authorize(.accountManage, entity: "account")
        let departments = try await Department.query(on: req.db).sort(\.$name).all()
        return AccountAdminPages.newAccount(req.context, departments: departments, error: error, typed: typed)
    }

    // MARK: One account

    /// The policy is asked before the id is read, so a malformed id tells a stranger nothing either.
    static func accountID(_ req: Request) async throws -> UUID {
        try await req.authorize(.accountManage, entity: "account")
        guard let raw = req.parameters.get("id"), let id = UUID(uuidString: raw) else { throw ShequError.notFound }
        return id
    }

    static func grantID(_ req: Request) throws -> UUID {
        guard let raw = req.parameters.get("grantID"), let id = UUID(uuidString: raw) else { throw ShequError.notFound }
        return id
    }

    static func show(_ req: Request) async throws -> AccountAdmin.Detail {
        try await AccountAdmin.detail(await accountID(req), on: req)
    }

    static func disable(_ req: Request) async throws -> AccountAdmin.Detail {
        try await AccountAdmin.setDisabled(await accountID(req), true, on: req)
    }

    static func enable(_ req: Request) async throws -> AccountAdmin.Detail {
        try await AccountAdmin.setDisabled(await accountID(req), false, on: req)
    }

    static func addGrant(_ req: Request) async throws -> Response {
        let id = try await accountID(req)
        // Reach is checked before the body, so an account outside it answers 404 whatever was sent.
        _ = try await AccountAdmin.reachable(id, action: "account.addGrant", on: req)
        let input = try req.validatedContent(AccountAdmin.GrantInput.self)
        let detail = try await AccountAdmin.addGrant(id, input, on: req)
        return try await detail.encodeResponse(status: .created, for: req)
    }

    static func removeGrant(_ req: Request) async throws -> AccountAdmin.Detail {
        try await AccountAdmin.removeGrant(await accountID(req), grantID: grantID(req), on: req)
    }

    static func resetPassword(_ req: Request) async throws -> AccountAdmin.TemporaryPassword {
        try await AccountAdmin.resetPassword(await accountID(req), on: req)
    }

    static func resetSecondFactor(_ req: Request) async throws -> AccountAdmin.Detail {
        try await AccountAdmin.resetSecondFactor(await accountID(req), on: req)
    }

    // MARK: Pages

    static func detailPage(_ req: Request) async throws -> WebPage {
        let detail = try await AccountAdmin.detail(await accountID(req), on: req)
        let departments = try await Department.query(on: req.db).sort(\.$name).all()
        let isSelf = req.actor?.accountID == detail.id
        // Forms only where the commands would act: not on one's own account, nor on a peer administrator's.
        let holder = Actor(accountID: detail.id, username: detail.username, residentID: nil,
                           grants: detail.grants.map { GrantValue(role: $0.role, scope: $0.scope, departmentID: $0.departmentID, organizationID: $0.organizationID) })
        let peer = try !AccountAdmin.isAbove(AccountReach(req.requireActor()), managing: Policy.scopes(of: holder, for: .accountManage))
        // An organisation's staff grant is named by the organisation it acts for.
        let organizationIDs = detail.grants.compactMap(\.organizationID)
        let organizations = organizationIDs.isEmpty ? [:] : Dictionary(
            try await Organization.query(on: req.db).filter(\.$id ~~ organizationIDs).all().compactMap { o in o.id.map { ($0, o.name) } },
            uniquingKeysWith: { first, _ in first })
        return AccountAdminPages.detail(req.context, detail, departments: departments, organizations: organizations, isSelf: isSelf,
                                        isPeer: !isSelf && peer, created: req.queryValue("created") != nil)
    }

    static func back(_ req: Request) async throws -> String {
        "/accounts/\(try await accountID(req).uuidString)"
    }

    /// The temporary password is shown on the answer to the form itself: a redirect would have to carry it.
    static func resetPasswordPage(_ req: Request) async throws -> WebPage {
        let id = try await accountID(req)
        let reset = try await AccountAdmin.resetPassword(id, on: req)
        return AccountAdminPages.temporaryPassword(req.context, reset, accountPath: "/accounts/\(id.uuidString)")
    }
}
