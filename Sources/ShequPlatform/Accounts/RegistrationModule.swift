import Fluent
import Vapor

/// Residents create their own accounts: a public form and API, and the
/// residents' committee's page of requests a code did not settle. A module of
/// its own so that its routes, table and rule sit together.
public struct RegistrationModule: ShequModule {
    public init() {}
    public var name: String { "registration" }

    public var migrations: [any Migration] { [CreateRegistrationRequests(), AddOpenRegistrationUsernameIndex()] }

    public func boot(_ app: Application) async throws {
        app.registrationOutbox = RegistrationOutbox()
        app.lifecycle.use(RegistrationOutboxDrain())
    }

    public func demo(_ app: Application) async throws -> String? {
        try await RegistrationDemo.fill(app)
    }

    public var menu: [MenuEntry] {
        [MenuEntry(.registrationRequests, path: RegistrationPages.committeePath, action: .registrationDecide),
         MenuEntry(.registration, path: RegistrationPages.path, action: nil, signedOutOnly: true)]
    }

    public var policy: PolicyRules {
        // The residents' committee of the request's community, and nobody above it: it knows its residents.
        PolicyRules(byRole: [.registrationDecide: [.communityStaff]])
    }

    public func routes(web: any RoutesBuilder, api: APIRoutes) throws {
        web.get("register", use: RegistrationPages.form)
        web.post("register", use: RegistrationPages.submit)
        web.get("register", "status", use: RegistrationPages.lookupForm)
        web.post("register", "status", use: RegistrationPages.lookup)
        web.post("register", "code", use: RegistrationPages.code)
        web.post("register", "committee", use: RegistrationPages.handToCommittee)
        web.get("registrations", use: RegistrationPages.committee)
        web.post("registrations", ":id", "confirm", use: PageDoor.submit(RegistrationController.confirm, back: { _ in
            RegistrationPages.committeePath + "?done=confirmed"
        }))
        web.post("registrations", ":id", "refuse", use: PageDoor.submit(RegistrationController.refuse, back: { _ in
            RegistrationPages.committeePath + "?done=refused"
        }))

        for schema in [RegistrationInputs.request, RegistrationInputs.lookup, RegistrationInputs.code,
                       RegistrationInputs.confirmation, RegistrationInputs.refusal] { api.schema(schema) }
        api.on(.POST, "registrations", doc: .init(
            "Ask for a resident account (public). The answer is the same whether or not the ID number is on file: "
                + "a reference number, and a code sent to the phone on file if name and ID number match a resident.",
            tag: "registration", isPublic: true, requestBody: "RegistrationInput",
            responses: [202: "Request taken", 409: "Username taken", 422: "Invalid field", 429: "Too many requests"]),
               use: RegistrationController.submit)
        api.on(.POST, "registrations/status", doc: .init("Where a request stands, by its reference number (public)", tag: "registration",
                                                         isPublic: true, requestBody: "RegistrationReference",
                                                         responses: [200: "Status", 404: "Unknown reference", 429: "Too many look-ups"]),
               use: RegistrationController.status)
        api.on(.POST, "registrations/code", doc: .init("Enter the code sent to the phone on file; the right code creates the account (public)",
                                                       tag: "registration", isPublic: true, requestBody: "RegistrationCode",
                                                       responses: [200: "Account created", 404: "Unknown reference",
                                                                   422: "Wrong or expired code", 429: "Too many look-ups"]),
               use: RegistrationController.code)
        api.on(.POST, "registrations/committee", doc: .init("Hand the request to the residents' committee without a code (public)",
                                                            tag: "registration", isPublic: true, requestBody: "RegistrationReference",
                                                            responses: [200: "Status", 404: "Unknown reference", 429: "Too many look-ups"]),
               use: RegistrationController.handToCommittee)
        api.on(.GET, "registrations", doc: .init("Requests in the residents' committee's communities: waiting (default), created or refused",
                                                 tag: "registration",
                                                 query: QueryParameter.paging + [.oneOf("state", ["pending", "created", "refused"])]),
               use: RegistrationController.list)
        api.on(.POST, "registrations/{id}/confirm", doc: .init("Confirm a request, linking the account to the resident on file or creating the resident",
                                                              tag: "registration", requestBody: "RegistrationConfirmation",
                                                              responses: [200: "Account created", 404: "Unknown or out of scope",
                                                                          409: "Already decided, username or ID number taken",
                                                                          422: "Another resident's record, or residency missing"]),
               use: RegistrationController.confirm)
        api.on(.POST, "registrations/{id}/refuse", doc: .init("Refuse a request with a reason", tag: "registration",
                                                             requestBody: "RegistrationRefusal",
                                                             responses: [200: "Refused", 404: "Unknown or out of scope", 409: "Already decided"]),
               use: RegistrationController.refuse)
    }
}
