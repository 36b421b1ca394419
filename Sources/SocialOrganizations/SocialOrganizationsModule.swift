import Fluent
import ShequPlatform
import Vapor

/// Community social organisations (C1, C2; C4's flag): a resident files an organisation on a short form, the
/// street it is based in reviews it with reasons, and the approved ones make up a public registry (pages, API,
/// CSV), each also a row of the directory's organisations.
public struct SocialOrganizationsModule: ShequModule {
    public init() {}
    public var name: String { "socialOrganizations" }
    public var migrations: [any Migration] { [CreateFilings(), CreateIntegrityRecord(), CreateCrossBorderPartners(), AddFilingOpenNameIndex(), AddRemovalApplications()] }

    /// The registry is public; filing is for residents; the review queue for the streets and districts.
    public var menu: [MenuEntry] {
        [
            MenuEntry(.socialOrganizations, path: "/social-organizations", action: nil),
            MenuEntry(.crossBorderLinkage, path: "/cross-border", action: nil),
            MenuEntry(.fileOrganization, path: "/organization-filings/new", action: .socialOrganizationFile),
            MenuEntry(.filingQueue, path: "/organization-filings", action: .socialOrganizationReview),
        ]
    }

    public func demo(_ app: Application) async throws -> String? {
        let lines = [try await SocialOrganizationsDemo.fill(app), try await CrossBorderDemo.fill(app),
                     try await IntegrityDemo.fill(app)].compactMap { $0 }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    public func routes(web: any RoutesBuilder, api: APIRoutes) throws {
        web.get("social-organizations", use: RegistryPages.index)
        web.get("social-organizations.csv", use: RegistryPages.csv)
        web.get("social-organizations", ":id", use: RegistryPages.show)
        crossBorderRoutes(web: web, api: api)
        staffRoutes(web: web, api: api)
        web.get("social-organizations", "removal-applications", use: RemovalApplicationsController.page)
        web.post("social-organizations", ":id", "removal-applications",
                 use: PageDoor.submit(RemovalApplicationsController.apply, back: IntegrityPages.back))
        web.get("social-organizations", "abnormal", use: IntegrityPages.abnormal)
        web.get("social-organizations", "dishonest", use: IntegrityPages.dishonest)
        web.get("social-organizations", "abnormal.csv", use: IntegrityPages.abnormalCSV)
        web.get("social-organizations", "dishonest.csv", use: IntegrityPages.dishonestCSV)
        web.get("social-organizations", ":id", "annual-reports", "new", use: IntegrityPages.newReport)
        web.post("social-organizations", ":id", "annual-reports", use: PageDoor.submit(IntegrityAPIController.fileReport, back: IntegrityPages.back))
        web.post("social-organizations", ":id", "integrity-entries", use: PageDoor.submit(IntegrityAPIController.record, back: IntegrityPages.back))
        web.post("social-organizations", ":id", "list-removals", use: PageDoor.submit(IntegrityAPIController.remove, back: IntegrityPages.back))
        web.get("organization-filings", use: FilingPages.queue)
        web.get("organization-filings", "new", use: FilingPages.new)
        web.get("organization-filings", "mine", use: FilingPages.mine)
        web.post("organization-filings", use: PageDoor.submit(FilingsAPIController.file, back: { _ in "/organization-filings/mine" }))
        web.get("organization-filings", ":id", use: FilingPages.show)
        web.post("organization-filings", ":id", "approve", use: PageDoor.submit(FilingsAPIController.approve, back: FilingPages.back))
        web.post("organization-filings", ":id", "refuse", use: PageDoor.submit(FilingsAPIController.refuse, back: FilingPages.back))
        web.post("organization-filings", ":id", "return", use: PageDoor.submit(FilingsAPIController.sendBack, back: FilingPages.back))

        api.schema(FilingsAPIController.FilingInput.self)
        api.schema(FilingsAPIController.DecisionInput.self)
        let tag = "social-organizations"
        let decided: [Int: String] = [200: "Decided", 403: "Not the filing's street or district (logged)", 404: "No such filing within reach (logged)",
                                      409: "Already decided", 422: "Invalid input"]
        api.on(.GET, "social-organizations", doc: .init("The public registry of approved community social organisations, a page at a time, by category if asked (contact phones masked)",
                                                        tag: tag, isPublic: true, query: QueryParameter.paging + [FilingsAPIController.categoryQuery]),
               use: FilingsAPIController.registry)
        api.on(.GET, "social-organizations/{id}", doc: .init("One organisation of the registry, by its directory id (public; contact phone masked)",
                                                             tag: tag, isPublic: true, responses: [200: "OK", 404: "Not in the registry"]),
               use: FilingsAPIController.entry)
        try integrityRoutes(api: api, tag: tag)
        api.on(.POST, "organization-filings", doc: .init("File a community social organisation (C1, residents): name, category, street, communities served, purpose, contact, members, Hong Kong / Macao partner",
                                                         tag: tag, requestBody: "OrganizationFilingInput",
                                                         responses: [201: "Filed, waiting for the street's review", 403: "Not a resident (logged)",
                                                                     409: "An organisation of this name is registered or waiting", 422: "Invalid input"]),
               use: FilingsAPIController.file)
        api.on(.GET, "organization-filings", doc: .init("The review queue: filings based in the reviewer's streets (street and district officials), submitted ones unless state is given",
                                                        tag: tag, query: QueryParameter.paging + [FilingsAPIController.stateQuery]),
               use: FilingsAPIController.queue)
        api.on(.GET, "me/organization-filings", doc: .init("The signed-in account's own filings, newest first", tag: tag, query: QueryParameter.paging),
               use: FilingsAPIController.mine)
        api.on(.GET, "organization-filings/{id}", doc: .init("One filing: for its reviewers and its filer", tag: tag,
                                                             responses: [200: "OK", 404: "No such filing within reach (logged)"]),
               use: FilingsAPIController.show)
        api.on(.POST, "organization-filings/{id}/approve", doc: .init("Approve a submitted filing: the organisation enters the registry and the directory (street or district official)",
                                                                      tag: tag, requestBody: "OrganizationFilingDecisionInput", responses: decided),
               use: FilingsAPIController.approve)
        api.on(.POST, "organization-filings/{id}/refuse", doc: .init("Refuse a submitted filing, with the reason (street or district official)",
                                                                     tag: tag, requestBody: "OrganizationFilingDecisionInput", responses: decided),
               use: FilingsAPIController.refuse)
        api.on(.POST, "organization-filings/{id}/return", doc: .init("Return a submitted filing for more documents, with the reason (street or district official)",
                                                                     tag: tag, requestBody: "OrganizationFilingDecisionInput", responses: decided),
               use: FilingsAPIController.sendBack)
    }
}
