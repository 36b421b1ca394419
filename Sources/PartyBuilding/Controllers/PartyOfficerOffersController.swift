import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// The appointee's side of an appointment: the posts offered to the signed-in account, accepted or declined by it.
enum PartyOfficerOffersController {
    static let entity = "party_officer"

    static func waiting(_ req: Request) async throws -> [PartyOfficerOffers.OfferView] {
        let actor = try req.requireActor()
        return try await PartyOfficerOffers.views(try await PartyOfficerOffers.waiting(for: actor.accountID, on: req.db), on: req.db)
    }

    /// The signed-in account's own waiting offer; 409 if answered already; a 404 logged under the account if it is
    /// someone else's or none.
    static func own(_ req: Request) async throws -> (PartyOfficerOffer, PartyOrganization) {
        let actor = try req.requireActor()
        guard let id = req.parameters.get("id", as: UUID.self), let o = try await PartyOfficerOffer.find(id, on: req.db),
              o.accountID == actor.accountID, let org = try await PartyOrganization.find(o.organizationID, on: req.db) else {
            try await req.refuseParty(.partyMemberSelf, ShequError.notFound, entity: entity, id: nil, scope: nil)
        }
        guard o.state == .pending else { throw ShequError(.conflict, .pbErrorOfferDecided, code: "offer_decided") }
        return (o, org)
    }

    static func accept(_ req: Request) async throws -> Response {
        let (o, org) = try await own(req)
        let today = req.partyToday, vault = req.partyVault
        let officer = try await req.writeAudited(Action.partyOrganizationManage.name + ".appoint", entity: entity) { db in
            let officer = try await PartyOfficerOffers.accept(o, today: today, vault, on: db)
            return Audited(officer, id: org.id, scope: org.divisionCode, detail: "\(org.name): + \(o.position.rawValue), accepted")
        }
        return try await officer.encodeResponse(status: .created, for: req)
    }

    static func decline(_ req: Request) async throws -> HTTPStatus {
        let (o, org) = try await own(req)
        let today = req.partyToday
        try await req.writeAudited(Action.partyOrganizationManage.name + ".declineOffer", entity: entity) { db in
            try await PartyOfficerOffers.decline(o, today: today, on: db)
            return Audited((), id: org.id, scope: org.divisionCode, detail: "\(org.name): \(o.position.rawValue) declined")
        }
        return .noContent
    }
}
