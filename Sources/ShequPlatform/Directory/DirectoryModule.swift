import Fluent
import Vapor

/// Places, people and organizations: the directory every domain module reads.
public struct DirectoryModule: ShequModule {
    public init() {}
    public var name: String { "directory" }

    public var migrations: [any Migration] { [CreateDirectory(), CreateOrganizations(), AddResidentSince()] }

    public func migrations(in app: Application) -> [any Migration] {
        migrations + [ConcealBirthDates(vault: PersonalDataVault(secrets: app.secrets)), CreateResidentSearchCounters(), CreateDelegatedPowers()]
    }

    public var menu: [MenuEntry] {
        [MenuEntry(.residents, path: "/residents", action: .residentRead),
         MenuEntry(.households, path: "/households", action: .householdRead),
         MenuEntry(.organizations, path: "/organizations", action: .organizationRead),
         MenuEntry(.divisions, path: "/divisions/4404", action: nil),
         MenuEntry(.delegatedPowers, path: DelegatedPowerPages.path, action: nil)]
    }

    public var commands: [(String, any AsyncCommand)] {
        [("demo", DemoCommand()), ("generate", GenerateCommand()), ("generate-accounts", GenerateAccountsCommand())]
    }

    public func routes(web: any RoutesBuilder, api: APIRoutes) throws {
        web.get(use: DirectoryPagesController.home)
        web.get("divisions", ":code", use: DivisionsController.page)
        web.get("workbench", use: WorkbenchPage.show)
        web.get("residents", use: ResidentPagesController.list)
        web.get("residents", "new", use: ResidentPagesController.new)
        web.post("residents", use: ResidentPagesController.create)
        web.get("residents", "import", use: ResidentPagesController.importPage)
        web.on(.POST, "residents", "import", body: .collect(maxSize: "20mb"), use: ResidentPagesController.importUpload).formBody(limit: "20mb")
        web.get("residents", "export.csv", use: ResidentsAPIController.exportCSV)
        web.get("residents", ":id", use: ResidentPagesController.show)
        web.post("residents", ":id", use: ResidentPagesController.update)
        web.post("residents", ":id", "reveal", use: ResidentPagesController.reveal)
        web.post("residents", ":id", "move", use: ResidentPagesController.move)
        web.get("households", use: DirectoryPagesController.households)
        web.post("households", use: DirectoryPagesController.createHousehold)
        web.get("households", ":id", use: DirectoryPagesController.household)
        web.post("residents-groups", use: DirectoryPagesController.createGroup)
        web.post("buildings", use: DirectoryPagesController.createBuilding)
        web.get("organizations", use: DirectoryPagesController.organizations)
        web.post("organizations", use: DirectoryPagesController.createOrganization)
        web.get("delegated-powers", use: DelegatedPowerPages.list)
        web.get("delegated-powers.csv", use: DelegatedPowersController.csv)
        web.post("delegated-powers", use: PageDoor.submit(DelegatedPowersController.grant, back: { _ in DelegatedPowerPages.path }))
        web.post("delegated-powers", ":id", "revoke", use: PageDoor.submit(DelegatedPowersController.revoke, back: { req in
            _ = try await DelegatedPowersController.find(req)
            return DelegatedPowerPages.path
        }))

        let division = OperationDoc("A division by its NBS code (public)", tag: "divisions", isPublic: true, responses: [200: "Division", 404: "Unknown code"])
        api.on(.GET, "divisions/{code}", doc: division, use: DivisionsController.show)
        api.on(.GET, "divisions/{code}/children", doc: .init("The divisions directly under a division (public)", tag: "divisions",
                                                              isPublic: true, responses: [200: "Divisions", 404: "Unknown code"]),
               use: DivisionsController.listChildren)
        api.on(.GET, "residents", doc: .init("Residents in the caller's scope; q matches a name, an exact ID number or phone. "
                                             + "A search by ID number or phone is audited and limited per account.",
                                             tag: "residents", query: QueryParameter.paging + [.string("q", max: 50), .string("community", max: 12)],
                                             responses: [200: "Residents", 429: "Too many searches by ID number or phone"]),
               use: ResidentsAPIController.list)
        api.on(.POST, "residents", doc: .init("Register a resident", tag: "residents", requestBody: "ResidentInput",
                                              responses: [201: "Created", 409: "ID number already registered",
                                                          429: "Too many exact ID lookups (a duplicate outside the caller's area counts as one)"]),
               use: ResidentsAPIController.create)
        api.on(.POST, "residents/import", doc: .init("Import residents from UTF-8 CSV; nothing is imported while any row is bad unless onlyGoodRows=true",
                                                     tag: "residents", query: [.boolean("onlyGoodRows")], requestBody: "text/csv",
                                                     responses: [200: "Report", 422: "Report of bad rows; nothing imported",
                                                                 429: "Too many registered ID numbers met (each is an exact lookup); nothing imported"]),
               body: .collect(maxSize: "20mb"), use: ResidentsAPIController.importCSV)
        api.on(.GET, "residents/export", doc: .init("Residents in scope as CSV (masked)", tag: "residents", responses: [200: "text/csv"]),
               use: ResidentsAPIController.exportCSV)
        api.on(.GET, "residents/{id}", doc: .init("One resident (masked)", tag: "residents", responses: [200: "Resident", 404: "Not found or out of scope"]),
               use: ResidentsAPIController.show)
        api.on(.PATCH, "residents/{id}", doc: .init("Change a resident's name, phone, residency or relation", tag: "residents",
                                                    requestBody: "ResidentUpdate"), use: ResidentsAPIController.update)
        api.on(.POST, "residents/{id}/move", doc: .init("Move a resident to another community or household", tag: "residents",
                                                        requestBody: "ResidentMove"), use: ResidentsAPIController.move)
        api.on(.POST, "residents/{id}/reveal", doc: .init("Reveal the full ID number and phone; the reveal is audited", tag: "residents"),
               use: ResidentsAPIController.reveal)
        api.on(.GET, "households", doc: .init("Households in scope, a page at a time", tag: "households", query: QueryParameter.paging + [.string("community", max: 12)]), use: HouseholdsController.list)
        api.on(.POST, "households", doc: .init("Register a household", tag: "households", requestBody: "HouseholdInput",
                                               responses: [201: "Created"]), use: HouseholdsController.create)
        api.on(.GET, "households/{id}", doc: .init("A household with its members", tag: "households"), use: HouseholdsController.show)
        api.on(.PATCH, "households/{id}", doc: .init("Change a household's address or building", tag: "households",
                                                     requestBody: "HouseholdUpdate"), use: HouseholdsController.update)
        api.on(.POST, "households/{id}/move", doc: .init("Move a household and its members to another community", tag: "households",
                                                         requestBody: "HouseholdMove"), use: HouseholdsController.move)
        api.on(.GET, "residents-groups", doc: .init("Residents' groups in scope, a page at a time", tag: "households", query: QueryParameter.paging + [.string("community", max: 12)]),
               use: CommunityStructureController.groups)
        api.on(.POST, "residents-groups", doc: .init("Create a residents' group in a community", tag: "households",
                                                     requestBody: "ResidentsGroupInput", responses: [201: "Created"]),
               use: CommunityStructureController.createGroup)
        api.on(.GET, "buildings", doc: .init("Buildings in scope, a page at a time", tag: "households", query: QueryParameter.paging + [.string("community", max: 12)]),
               use: CommunityStructureController.buildings)
        api.on(.POST, "buildings", doc: .init("Create a building, optionally in a residents' group and with a building head", tag: "households",
                                              requestBody: "BuildingInput", responses: [201: "Created"]),
               use: CommunityStructureController.createBuilding)
        api.on(.GET, "organizations", doc: .init("Units, social organizations and property managers in scope", tag: "organizations",
                                                 query: QueryParameter.paging + [.oneOf("kind", OrganizationKind.allCases.map(\.rawValue))]), use: OrganizationsController.list)
        api.on(.POST, "organizations", doc: .init("Register a unit, social organization or property manager", tag: "organizations",
                                                  requestBody: "OrganizationInput", responses: [201: "Created"]), use: OrganizationsController.create)
        api.on(.GET, "departments", doc: .init("Government departments", tag: "government"), use: GovernmentController.departments)
        api.on(.POST, "departments", doc: .init("Create a department (city administrator)", tag: "government",
                                                requestBody: "DepartmentInput", responses: [201: "Created"]), use: GovernmentController.createDepartment)
        api.on(.GET, "outposts", doc: .init("Departments' outposts stationed at streets", tag: "government"), use: GovernmentController.outposts)
        api.on(.POST, "outposts", doc: .init("Station a department's outpost at a street (city administrator)", tag: "government",
                                             requestBody: "OutpostInput", responses: [201: "Created"]), use: GovernmentController.createOutpost)
        api.schema(DelegatedPowerInput.self)
        api.schema(DelegatedPowerRevocation.self)
        let powerFilters: [QueryParameter] = [.string("division", max: 12), .oneOf("power", DistrictPower.allCases.map(\.rawValue))]
        api.on(.GET, "delegated-powers", doc: .init("District-level powers granted to streets (O2), in force or revoked (public)", tag: "government",
                                                    isPublic: true, query: QueryParameter.paging + powerFilters), use: DelegatedPowersController.list)
        api.on(.GET, "delegated-powers/export", doc: .init("The same grants as CSV (public)", tag: "government", isPublic: true,
                                                           query: powerFilters, responses: [200: "text/csv"]), use: DelegatedPowersController.csv)
        api.on(.POST, "delegated-powers", doc: .init("Grant a district-level power to a street, with the decision (the district's official or the leading-group office)",
                                                     tag: "government", requestBody: "DelegatedPowerInput",
                                                     responses: [201: "Granted", 409: "The street already holds it", 422: "Not a street, or dates out of order"]),
               use: DelegatedPowersController.grant)
        api.on(.POST, "delegated-powers/{id}/revoke", doc: .init("Revoke a delegated power, with the reason and the day", tag: "government",
                                                              requestBody: "DelegatedPowerRevocation",
                                                              responses: [200: "Revoked", 404: "Unknown grant", 409: "Already revoked"]),
               use: DelegatedPowersController.revoke)
    }

    public func boot(_ app: Application) async throws {
        try await DivisionDirectory.seed(on: app.db)
    }
}
