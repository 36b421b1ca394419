import Vapor

/// The account routes: the administrator's pages and API, the sign-in steps, and everyone's own account.
enum AccountRoutes {
    static func register(web: any RoutesBuilder, api: APIRoutes) throws {
        web.get("sign-in", "verify", use: SignInStepsController.showVerify)
        web.post("sign-in", "verify", use: SignInStepsController.submitVerify)
        web.get("sign-in", "password", use: SignInStepsController.showPassword)
        web.post("sign-in", "password", use: SignInStepsController.submitPassword)
        web.get("sign-in", "enrol", use: SignInStepsController.showEnrol)
        web.post("sign-in", "enrol", "start", use: SignInStepsController.startEnrol)
        web.post("sign-in", "enrol", use: SignInStepsController.submitEnrol)

        web.get("account", use: OwnAccountController.overview)
        web.get("account", "password", use: OwnAccountController.passwordPage)
        web.post("account", "password", use: OwnAccountController.changePassword)
        web.get("account", "second-factor", use: OwnAccountController.secondFactorPage)
        web.post("account", "second-factor", "start", use: OwnAccountController.startEnrol)
        web.post("account", "second-factor", use: OwnAccountController.enrol)

        web.get("accounts", use: AccountsController.page)
        web.post("accounts", use: AccountsController.create)
        web.get("accounts", "new", use: AccountsController.newPage)
        web.get("accounts", ":id", use: AccountsController.detailPage)
        web.post("accounts", ":id", "disable", use: PageDoor.submit(AccountsController.disable, back: AccountsController.back))
        web.post("accounts", ":id", "enable", use: PageDoor.submit(AccountsController.enable, back: AccountsController.back))
        web.post("accounts", ":id", "grants", use: PageDoor.submit(AccountsController.addGrant, back: AccountsController.back))
        web.post("accounts", ":id", "grants", ":grantID", "remove", use: PageDoor.submit(AccountsController.removeGrant, back: AccountsController.back))
        web.post("accounts", ":id", "password-reset", use: AccountsController.resetPasswordPage)
        web.post("accounts", ":id", "second-factor-reset", use: PageDoor.submit(AccountsController.resetSecondFactor, back: AccountsController.back))

        let refusals: [Int: String] = [403: "Outside the administrator's reach, or an administrator at the same level (changed from above)", 404: "No such account in reach",
                                       409: "Own account, the last enabled city-wide administrator, or not allowed in this state"]
        func with(_ ok: [Int: String]) -> [Int: String] { ok.merging(refusals) { a, _ in a } }
        api.on(.GET, "accounts", doc: .init("Find accounts in the administrator's reach, a page at a time", tag: "accounts",
                                            query: QueryParameter.paging + [.string("q", max: 64), .oneOf("role", Role.allCases.map(\.rawValue)),
                                                                            .oneOf("status", AccountAdmin.Filter.Status.allCases.map(\.rawValue))]),
               use: AccountsController.list)
        api.on(.POST, "accounts", doc: .init("Create an account with a grant inside the administrator's reach", tag: "accounts",
                                             requestBody: "AccountInput", responses: with([201: "Created", 409: "Username taken"])),
               use: AccountsController.create)
        api.on(.GET, "accounts/{id}", doc: .init("One account: status, second factor and grants", tag: "accounts", responses: with([200: "The account"])),
               use: AccountsController.show)
        api.on(.POST, "accounts/{id}/disable", doc: .init("Disable an account: its tokens and sessions end now", tag: "accounts",
                                                                 responses: with([200: "The account"])), use: AccountsController.disable)
        api.on(.POST, "accounts/{id}/enable", doc: .init("Enable a disabled account again", tag: "accounts", responses: with([200: "The account"])),
               use: AccountsController.enable)
        api.on(.POST, "accounts/{id}/grants", doc: .init("Add a grant (role at a scope, and the department for department staff)", tag: "accounts",
                                                                requestBody: "GrantInput", responses: with([201: "The account", 422: "Unknown role, place or department"])),
               use: AccountsController.addGrant)
        api.on(.DELETE, "accounts/{id}/grants/{grantID}", doc: .init("Remove a grant (not the last: disable the account instead)", tag: "accounts",
                                                                            responses: with([200: "The account"])), use: AccountsController.removeGrant)
        api.on(.POST, "accounts/{id}/password-reset", doc: .init("Reset the password: a temporary one, answered once, that must be changed at the next sign-in",
                                                                        tag: "accounts", responses: with([200: "The temporary password"])),
               use: AccountsController.resetPassword)
        api.on(.POST, "accounts/{id}/second-factor-reset", doc: .init("Remove the account's second factor (a lost phone): it enrols again at the next sign-in",
                                                                             tag: "accounts", responses: with([200: "The account"])),
               use: AccountsController.resetSecondFactor)
        api.on(.POST, "me/password", doc: .init("Change one's own password (the token in use stays valid, the account's others end)", tag: "auth",
                                                requestBody: "PasswordChange", responses: [204: "Changed", 422: "Wrong current password or weak new one", 429: "Locked"]),
               use: OwnAccountController.changePasswordAPI)
        api.schema(AccountAdmin.GrantInput.self)
        api.schema(OwnAccountController.PasswordForm.self)
    }
}
