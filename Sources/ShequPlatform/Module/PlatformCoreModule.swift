import Fluent
import Vapor

/// Accounts, sessions, the audit log, health and metrics: what every module stands on.
public struct PlatformCoreModule: ShequModule {
    public init() {}
    public var name: String { "platform" }

    public var migrations: [any Migration] { [CreateAccounts(), CreateAuditLog(), CreateSignInAddresses(), CreateWebSessions(), DropFluentSessions(), AddChainSeals(), AddAccountSecurity(), AddGrantOrganization()] }

    public var menu: [MenuEntry] {
        [MenuEntry(.accounts, path: "/accounts", action: .accountManage),
         MenuEntry(.auditLog, path: "/audit", action: .auditRead),
         MenuEntry(.acctMyAccount, path: "/account", action: .accountSelf)]
    }

    public var commands: [(String, any AsyncCommand)] { [("audit", AuditCommand())] }

    public func routes(web: any RoutesBuilder, api: APIRoutes) throws {
        web.get("sign-in", use: SignInController.show)
        web.post("sign-in", use: SignInController.submit)
        web.post("sign-out", use: SignInController.signOut)
        web.get("audit", use: AuditController.page)

        api.on(.POST, "auth/token", doc: .init("Exchange a username and password for a bearer token", tag: "auth", isPublic: true,
                                               requestBody: "TokenRequest", responses: [200: "Token and expiry", 401: "Wrong credentials", 429: "Locked"]),
               use: TokenController.issue)
        api.on(.DELETE, "auth/token", doc: .init("Revoke the token used for this request", tag: "auth", responses: [204: "Revoked"]),
               use: TokenController.revoke)
        api.on(.GET, "me", doc: .init("The signed-in account and its grants", tag: "auth"), use: TokenController.me)
        try AccountRoutes.register(web: web, api: api)
        api.on(.GET, "audit/verify", doc: .init("Verify the audit log's hash chains", tag: "audit"), use: AuditController.verify)
    }

    public func boot(_ app: Application) async throws {
        app.accountSecurity = app.accountSecurity
        try AccountService.prepareDummyHash(app)
        try await AccountService.bootstrapAdmin(app)
    }
}
