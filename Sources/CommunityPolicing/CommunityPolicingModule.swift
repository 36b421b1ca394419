import Fluent
import ShequPlatform
import Vapor

/// Community policing (O5): police officers attached to communities, shown to residents on the community page, and
/// the hotline calls and mailbox letters about public security the residents' committee refers to them, answered
/// through SelfGovernance's `Channels.answer` so each answer is tracked like any other.
public struct CommunityPolicingModule: ShequModule {
    public init() {}
    public var name: String { "communityPolicing" }
    public var migrations: [any Migration] { [CreateCommunityPolicing()] }

    public var menu: [MenuEntry] {
        [MenuEntry(.policingOfficers, path: "/police-officers", action: nil),
         MenuEntry(.policingMyReferrals, path: "/police/referrals", action: .policeReferralAnswer)]
    }

    public func demo(_ app: Application) async throws -> String? { try await PolicingDemo.fill(app) }

    public func routes(web: any RoutesBuilder, api: APIRoutes) throws {
        web.get("police-officers", use: PolicingPages.officers)
        web.get("police-officers.csv", use: PolicingPages.officersCSV)
        web.get("police-officers", ":id", use: PolicingPages.officer)
        web.post("police-officers", use: PageDoor.submit(PoliceOfficersAPIController.record, back: { _ in "/police-officers" }))
        web.post("police-officers", ":id", use: PageDoor.submit(PoliceOfficersAPIController.update, back: PolicingPages.officerBack))
        web.get("police", "referrals", use: PolicingPages.mine)
        web.get("police", "referrals.csv", use: PolicingPages.mineCSV)
        web.get("communities", ":code", "police-referrals", use: PolicingPages.community)
        web.get("communities", ":code", "police-referrals.csv", use: PolicingPages.communityCSV)
        web.post("communities", ":code", "police-referrals", use: PageDoor.submit(PoliceReferralsAPIController.refer, back: PolicingPages.communityBack))
        web.get("police-referrals", ":id", use: PolicingPages.referral)
        web.on(.POST, "police-referrals", ":id", "answer", body: .collect(maxSize: PolicingInputs.answerBodyLimit),
               use: PageDoor.submit(PoliceReferralsAPIController.answer, back: PolicingPages.referralBack)).formBody(limit: PolicingInputs.answerBodyLimit)

        api.schema(PoliceOfficersAPIController.OfficerInput.self)
        api.schema(PoliceOfficersAPIController.OfficerUpdateInput.self)
        api.schema(PoliceReferralsAPIController.ReferralInput.self)
        api.schema(PoliceReferralsAPIController.AnswerInput.self)
        let tag = "community-policing"
        api.on(.GET, "police-officers", doc: .init("Community police officers: name, police number, work phone, duty hours, communities served (public)",
                                                   tag: tag, isPublic: true, query: QueryParameter.paging + [PoliceOfficersAPIController.communityQuery]),
               use: PoliceOfficersAPIController.list)
        api.on(.GET, "police-officers/{id}", doc: .init("One community police officer (public)", tag: tag, isPublic: true,
                                                        responses: [200: "OK", 404: "No such officer"]),
               use: PoliceOfficersAPIController.show)
        api.on(.POST, "police-officers", doc: .init("Record a community police officer and the communities they serve (district official or city administrator, over every community named)",
                                                    tag: tag, requestBody: "PoliceOfficerInput",
                                                    responses: [201: "Recorded", 403: "A community outside the recorder's scope (logged)",
                                                                409: "The account or the police number is already recorded",
                                                                422: "Invalid input, an account without the communityPolice role, or a community outside its grant"]),
               use: PoliceOfficersAPIController.record)
        api.on(.POST, "police-officers/{id}", doc: .init("Change an officer's record and communities (district official or city administrator, over the old and new communities)",
                                                         tag: tag, requestBody: "PoliceOfficerUpdateInput",
                                                         responses: [200: "Changed", 403: "A community outside the recorder's scope (logged)", 404: "No such officer",
                                                                     409: "Police number taken, or a community with unanswered referrals taken away",
                                                                     422: "Invalid input"]),
               use: PoliceOfficersAPIController.update)
        api.on(.POST, "communities/{code}/police-referrals",
               doc: .init("Refer an unanswered hotline call or mailbox letter of the community to an officer attached to it (residents' committee)",
                          tag: tag, requestBody: "PoliceReferralInput",
                          responses: [201: "Referred", 403: "Not the community's committee (logged)", 404: "No such message in this community",
                                      409: "Already answered or already referred", 422: "Not a call or letter, or an officer not attached here"]),
               use: PoliceReferralsAPIController.refer)
        api.on(.GET, "communities/{code}/police-referrals",
               doc: .init("The community's referrals to its police officers, newest first (residents' committee); authors masked", tag: tag,
                          query: QueryParameter.paging + [PoliceReferralsAPIController.stateQuery],
                          responses: [200: "OK", 403: "Not the community's committee (logged)"]),
               use: PoliceReferralsAPIController.community)
        api.on(.GET, "me/police-referrals", doc: .init("The signed-in officer's referrals, newest first (community police)", tag: tag,
                                                       query: QueryParameter.paging + [PoliceReferralsAPIController.stateQuery],
                                                       responses: [200: "OK", 403: "Not a community police officer (logged)"]),
               use: PoliceReferralsAPIController.mine)
        api.on(.GET, "police-referrals/{id}", doc: .init("One referral with its message and answer (the community's committee, or the officer named)", tag: tag,
                                                         responses: [200: "OK", 404: "No such referral within reach (logged)"]),
               use: PoliceReferralsAPIController.show)
        api.on(.POST, "police-referrals/{id}/answer",
               doc: .init("Answer a referral: the answer becomes the message's answer, dated, tracked against its due date (the officer named only)",
                          tag: tag, requestBody: "PoliceReferralAnswerInput",
                          responses: [200: "Answered", 403: "The community's committee, not the officer it was referred to (logged)",
                                      404: "No such referral within reach (logged when it exists)",
                                      409: "Already answered", 422: "Invalid input"]),
               body: .collect(maxSize: PolicingInputs.answerBodyLimit), use: PoliceReferralsAPIController.answer)
    }
}
