import Fluent
import Vapor

/// Accounts, sessions, the audit log, health and metrics: what every module stands on.
public struct PlatformCoreModule: ShequModule {
    public init() {}
    public var name: String { "platform" }

    public var migrations: [any Migration] { [CreateAccounts(), CreateAuditLog(), CreateSignInAddresses(), CreateWebSessions(), DropFluentSessions(), AddChainSeals()] }

    public var menu: [MenuEntry] {
        [MenuEntry(.accounts, path: "/accounts", action: .accountManage),
         MenuEntry(.auditLog, path: "/audit", action: .auditRead)]
    }

    public var commands: [(String, any AsyncCommand)] { [("audit", AuditCommand())] }

    public func routes(web: any RoutesBuilder, api: APIRoutes) throws {
        web.get("sign-in", use: SignInController.show)
        web.post("sign-in", use: SignInController.submit)
        web.post("sign-out", use: SignInController.signOut)
        web.get("accounts", use: AccountsController.page)
        web.post("accounts", use: AccountsController.create)
        web.get("audit", use: AuditController.page)

        api.on(.POST, "auth/token", doc: .init("Exchange a username and password for a bearer token", tag: "auth", isPublic: true,
                                               requestBody: "TokenRequest", responses: [200: "Token and expiry", 401: "Wrong credentials", 429: "Locked"]),
               use: TokenController.issue)
        api.on(.DELETE, "auth/token", doc: .init("Revoke the token used for this request", tag: "auth", responses: [204: "Revoked"]),
               use: TokenController.revoke)
        api.on(.GET, "me", doc: .init("The signed-in account and its grants", tag: "auth"), use: TokenController.me)
        api.on(.GET, "accounts", doc: .init("List accounts, a page at a time (city administrator)", tag: "accounts", query: QueryParameter.paging), use: AccountsController.list)
        api.on(.POST, "accounts", doc: .init("Create an account with a grant (city administrator)", tag: "accounts",
                                             requestBody: "AccountInput", responses: [201: "Created", 409: "Username taken"]),
               use: AccountsController.create)
        api.on(.GET, "audit/verify", doc: .init("Verify the audit log's hash chains", tag: "audit"), use: AuditController.verify)
    }

    public func boot(_ app: Application) async throws {
        try AccountService.prepareDummyHash(app)
        try await AccountService.bootstrapAdmin(app)
    }
}
