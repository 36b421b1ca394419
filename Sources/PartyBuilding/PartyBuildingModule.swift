import Fluent
import ShequPlatform
import Vapor

/// Party organisation (P1–P3): the organisations and their officers, members' dual affiliation with sealed records,
/// activities and the yearly certificate, coverage of qualifying owners' committees and 三位一体, from records only.
public struct PartyBuildingModule: ShequModule {
    public init() {}
    public var name: String { "partyBuilding" }
    public var migrations: [any Migration] { [CreatePartyBuilding(), AddPartyVersion(), AddPartyMemberEntries(), AddPartyOfficerOffers()] }

    public var menu: [MenuEntry] { [MenuEntry(.pbTitle, path: "/party-building", action: nil)] }

    public var commands: [(String, any AsyncCommand)] { [("generate-party", GeneratePartyCommand())] }

    public func boot(_ app: Application) async throws {
        app.partyMemo = PartyMemo()
        app.partyReportCache = VersionedCache()
    }

    public func demo(_ app: Application) async throws -> String? { try await PartyBuildingDemo.fill(app) }

    public func routes(web: any RoutesBuilder, api: APIRoutes) throws {
        webRoutes(web)
        apiRoutes(api)
    }

    func webRoutes(_ web: any RoutesBuilder) {
        web.get("party-building", use: PartyReportPages.overview)
        web.get("party-building", "coverage", use: PartyReportPages.coverage)
        web.get("party-building", "coverage.csv", use: PartyReportsController.coverageCSV)
        web.get("party-building", "three-in-one", use: PartyReportPages.threeInOne)
        web.get("party-building", "three-in-one.csv", use: PartyReportsController.threeInOneCSV)
        web.get("party-building", "three-in-one", ":code", use: PartyReportPages.team)
        web.get("party-building", "me", use: PartyMemberPages.mine)
        web.post("party-building", "me", "registration", use: PageDoor.submit(PartyMembersController.register, back: { _ in "/party-building/me" }))
        web.post("party-building", "me", "entries", ":id", "confirm", use: PageDoor.submit(PartyMembersController.confirm, back: { _ in "/party-building/me" }))
        web.post("party-building", "me", "entries", ":id", "decline", use: PageDoor.submit(PartyMembersController.decline, back: { _ in "/party-building/me" }))
        web.post("party-building", "me", "offers", ":id", "accept", use: PageDoor.submit(PartyOfficerOffersController.accept, back: { _ in "/party-building/me" }))
        web.post("party-building", "me", "offers", ":id", "decline", use: PageDoor.submit(PartyOfficerOffersController.decline, back: { _ in "/party-building/me" }))
        web.post("party-building", "me", "certificates", use: PageDoor.submit(PartyMembersController.requestCertificate, back: { _ in "/party-building/me" }))
        web.get("party-organizations", use: PartyOrganizationPages.index)
        web.get("party-organizations.csv", use: PartyOrganizationPages.csv)
        web.post("party-organizations", use: PageDoor.submit(PartyOrganizationsController.create, back: { _ in "/party-organizations" }))
        web.get("party-organizations", ":id", use: PartyOrganizationPages.show)
        web.post("party-organizations", ":id", "officers", use: PageDoor.submit(PartyOrganizationsController.appoint, back: PartyOrganizationPages.back))
        web.post("party-organizations", ":id", "officers", ":accountID", "remove",
                 use: PageDoor.submit(PartyOrganizationsController.remove, back: PartyOrganizationPages.back))
        web.get("party-organizations", ":id", "members", use: PartyOrganizationPages.members)
        web.get("party-organizations", ":id", "members.csv", use: PartyMembersController.csv)
        web.post("party-organizations", ":id", "members", use: PageDoor.submit(PartyMembersController.enter, back: PartyOrganizationPages.membersBack))
        web.post("party-organizations", ":id", "activities", use: PageDoor.submit(PartyActivitiesController.offer, back: PartyOrganizationPages.back))
        web.get("party-organizations", ":id", "certificates", use: PartyOrganizationPages.certificates)
        web.get("party-activities", ":id", use: PartyMemberPages.activity)
        web.get("party-activities", ":id", "participants.csv", use: PartyActivitiesController.participantsCSV)
        web.post("party-activities", ":id", "sign-up", use: PageDoor.submit(PartyActivitiesController.signUp, back: PartyMemberPages.activityBack))
        web.post("party-activities", ":id", "attendance", use: PageDoor.submit(PartyActivitiesController.attendance, back: PartyMemberPages.activityBack))
        web.get("party-memberships", ":id", use: PartyMemberPages.membership)
        web.get("party-certificates", ":id", use: PartyMemberPages.certificate)
        web.post("party-certificates", ":id", "issue", use: PageDoor.submit(PartyActivitiesController.issue, back: PartyMemberPages.certificateBack))
    }

    func apiRoutes(_ api: APIRoutes) {
        for schema in [PartyInputs.Organization.inputSchema, PartyInputs.Officer.inputSchema, PartyInputs.Member.inputSchema,
                       PartyInputs.Registration.inputSchema, PartyInputs.Activity.inputSchema, PartyInputs.Attendance.inputSchema,
                       PartyInputs.CertificateRequest.inputSchema] {
            api.schema(schema)
        }
        let tag = "party-building"
        let division = [PartyInputs.divisionQuery]
        let hidden: [Int: String] = [200: "OK", 404: "No such record, or not the officers' of the organisation concerned or above (logged)"]
        api.on(.GET, "party-building/coverage", doc: .init("P2: owners' committees, qualifying ones and those with a party organisation, for a division (default the city) and each division below it; for a community, each compound. Counted from the records",
                                                      tag: tag, isPublic: true, query: division), use: PartyReportsController.coverage)
        api.on(.GET, "party-building/three-in-one", doc: .init("P3: the share of communities where the party organisation, residents' committee and station are one cross-appointed office, for a division and each below it",
                                                          tag: tag, isPublic: true, query: division), use: PartyReportsController.threeInOne)
        api.on(.GET, "party-building/three-in-one/{code}", doc: .init("P3 for one community: the rule's conditions and the one team with each person's posts",
                                                                 tag: tag, isPublic: true, responses: [200: "OK", 404: "Not a community"]), use: PartyReportsController.community)
        api.on(.GET, "party-building/qualification-rules", doc: .init("P2's rule as data: the minimum of full members, each from its effective date",
                                                                 tag: tag, isPublic: true), use: PartyReportsController.rules)
        api.on(.GET, "party-organizations", doc: .init("Party organisations (public: kind, place, officers), within a division if asked", tag: tag, isPublic: true,
                                                  query: QueryParameter.paging + division), use: PartyOrganizationsController.list)
        api.on(.POST, "party-organizations", doc: .init("Set up a party organisation (the street's or district's officials; officers of the organisation above)",
                                                   tag: tag, requestBody: "PartyOrganizationInput",
                                                   responses: [201: "Created", 403: "Not the street's, nor an officer above (logged)", 409: "Name taken, or the body has one",
                                                               422: "Invalid input"]), use: PartyOrganizationsController.create)
        api.on(.GET, "party-organizations/{id}", doc: .init("One party organisation with its officers (public)", tag: tag, isPublic: true,
                                                       responses: [200: "OK", 404: "No such organisation"]), use: PartyOrganizationsController.show)
        api.on(.POST, "party-organizations/{id}/officers", doc: .init("Offer an account a post (secretary, deputy, committee member). The appointee accepts it on their own page; the post then becomes a partyOfficer grant naming the organisation. Whether the appointee is a member is checked at acceptance and told to them alone",
                                                                 tag: tag, requestBody: "PartyOfficerInput",
                                                                 responses: [202: "Offered; waits for the appointee", 403: "Not the street's, nor an officer above; or oneself (logged)",
                                                                             409: "Already an officer, or a secretary already", 422: "No enabled account of that name"]),
               use: PartyOrganizationsController.appoint)
        api.on(.GET, "me/party-officer-offers", doc: .init("The posts offered to the signed-in account, waiting for its answer", tag: tag),
               use: PartyOfficerOffersController.waiting)
        api.on(.POST, "me/party-officer-offers/{id}/accept", doc: .init("Accept a post offered to one: one must be a full member of the organisation", tag: tag,
                                                                   responses: [201: "Officer", 404: "No such offer waiting for you (logged)",
                                                                               409: "Already an officer, or the secretary's post taken meanwhile",
                                                                               422: "Not a full member of the organisation"]),
               use: PartyOfficerOffersController.accept)
        api.on(.POST, "me/party-officer-offers/{id}/decline", doc: .init("Decline a post offered to one", tag: tag,
                                                                    responses: [204: "Declined", 404: "No such offer waiting for you (logged)"]),
               use: PartyOfficerOffersController.decline)
        api.on(.POST, "party-organizations/{id}/officers/{accountID}/remove", doc: .init("Remove an officer and the grant the post made", tag: tag,
                                                                                     responses: [200: "Removed; the organisation", 403: "Not the street's, nor an officer above (logged)", 404: "No such officer"]),
               use: PartyOrganizationsController.remove)
        api.on(.GET, "party-organizations/{id}/members", doc: .init("The members of the organisation's workplace and those registered with it (its officers and those above only; every reading audited)",
                                                               tag: tag, query: QueryParameter.paging, responses: hidden), use: PartyMembersController.list)
        api.on(.POST, "party-organizations/{id}/members", doc: .init("Enter a member, by ID number, of this (workplace) organisation (its officers and those above). Every well-formed number gets the same answer, an entry waiting for the person to confirm it: whether anyone holds the number is never said",
                                                                tag: tag, requestBody: "PartyMemberInput",
                                                                responses: [202: "Entered; waits for the person's confirmation", 403: "Not its officers (logged)", 422: "Invalid input"]),
               use: PartyMembersController.enter)
        api.on(.GET, "party-organizations/{id}/entries", doc: .init("The organisation's entries (masked ID number, standing, state), never a name (its officers and those above)",
                                                               tag: tag, query: QueryParameter.paging, responses: hidden), use: PartyMembersController.entries)
        api.on(.GET, "me/party-membership/entries", doc: .init("The entries waiting for the signed-in resident's confirmation", tag: tag),
               use: PartyMembersController.waiting)
        api.on(.POST, "me/party-membership/entries/{id}/confirm", doc: .init("Confirm an entry: the membership is made in the organisation that entered one", tag: tag,
                                                                        responses: [201: "Member; one's record", 404: "No such entry waiting for you (logged)",
                                                                                    409: "Already a member, or the entry was decided"]),
               use: PartyMembersController.confirm)
        api.on(.POST, "me/party-membership/entries/{id}/decline", doc: .init("Decline an entry that is not one's own", tag: tag,
                                                                        responses: [204: "Declined", 404: "No such entry waiting for you (logged)", 409: "The entry was decided"]),
               use: PartyMembersController.decline)
        api.on(.GET, "party-organizations/{id}/activities", doc: .init("The activities the organisation offers (public)", tag: tag, isPublic: true,
                                                                  query: QueryParameter.paging), use: PartyActivitiesController.list)
        api.on(.POST, "party-organizations/{id}/activities", doc: .init("Offer an activity (the organisation's officers and those above)", tag: tag,
                                                                   requestBody: "PartyActivityInput", responses: [201: "Offered", 403: "Not its officers (logged)", 422: "Invalid input"]),
               use: PartyActivitiesController.offer)
        api.on(.GET, "party-organizations/{id}/certificates", doc: .init("Certificate requests to the organisation (its officers and those above; audited)", tag: tag,
                                                                    responses: hidden), use: PartyActivitiesController.requests)
        api.on(.GET, "party-activities/{id}/participants", doc: .init("Who signed up and who came (the organisation's officers and those above; audited)", tag: tag,
                                                                 responses: hidden), use: PartyActivitiesController.participants)
        api.on(.POST, "party-activities/{id}/sign-up", doc: .init("Sign up for an activity of one's workplace or registered community organisation (the member)", tag: tag,
                                                             responses: [201: "Signed up", 403: "Not a member, or not registered there (logged)", 409: "Already signed up, or already held"]),
               use: PartyActivitiesController.signUp)
        api.on(.POST, "party-activities/{id}/attendance", doc: .init("Record whether a member came (the organisation's officers and those above)", tag: tag,
                                                                requestBody: "PartyAttendanceInput",
                                                                responses: [200: "Recorded; the participants", 403: "Not its officers (logged)", 409: "Not yet held",
                                                                            422: "Not a member of this organisation"]),
               use: PartyActivitiesController.attendance)
        api.on(.GET, "me/party-membership", doc: .init("The signed-in member's own record, participation and certificates", tag: tag,
                                                  responses: [200: "OK", 404: "Not a member"]), use: PartyMembersController.mine)
        api.on(.POST, "me/party-membership/registration", doc: .init("到社区报到: register with the community party organisation where one lives, naming one's compound if one likes",
                                                                tag: tag, requestBody: "PartyRegistrationInput",
                                                                responses: [200: "Registered", 403: "Not a member (logged)", 409: "Already registered there",
                                                                            422: "Not the community of residence"]), use: PartyMembersController.register)
        api.on(.POST, "me/party-membership/certificates", doc: .init("Ask the registered community for the year's participation certificate", tag: tag,
                                                                requestBody: "PartyCertificateRequestInput",
                                                                responses: [201: "Requested", 403: "Not a member (logged)", 409: "Not registered, or already requested"]),
               use: PartyMembersController.requestCertificate)
        api.on(.GET, "party-memberships/{id}", doc: .init("One member's record and participation (the member; officers of either organisation and above; audited)",
                                                     tag: tag, responses: hidden), use: PartyMembersController.show)
        api.on(.GET, "party-certificates/{id}", doc: .init("A participation certificate (the member; the officers concerned)", tag: tag, responses: hidden),
               use: PartyActivitiesController.certificate)
        api.on(.POST, "party-certificates/{id}/issue", doc: .init("Issue a requested certificate (the community organisation's officers and those above)", tag: tag,
                                                             responses: [200: "Issued", 403: "Not its officers (logged)", 409: "Already issued"]),
               use: PartyActivitiesController.issue)
    }
}
