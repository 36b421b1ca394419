import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// Offering a post and the appointee's answer (PartyOfficerOffer), callable without HTTP.
enum PartyOfficerOffers {
    /// The official is told only what `PartyOrganizations.postOpen` says; never whether the person is a member.
    static func offer(username raw: String, as position: PartyOfficerPosition, to org: PartyOrganization, by offeredBy: String, today: LocalDate,
                      on db: any Database) async throws -> PartyOfficerOffer {
        let (_, accountID, orgID, _) = try await PartyOrganizations.postOpen(username: raw, as: position, in: org, on: db)
        if let waiting = try await PartyOfficerOffer.query(on: db).filter(\.$organizationID == orgID).filter(\.$accountID == accountID)
            .filter(\.$state == .pending).first() {
            waiting.position = position
            waiting.offeredOn = today.description
            waiting.offeredBy = offeredBy
            try await waiting.save(on: db)
            return waiting
        }
        let o = PartyOfficerOffer()
        o.organizationID = orgID
        o.accountID = accountID
        o.position = position
        o.offeredOn = today.description
        o.offeredBy = offeredBy
        o.state = .pending
        try await o.create(on: db)
        return o
    }

    static func waiting(for accountID: UUID, on db: any Database) async throws -> [PartyOfficerOffer] {
        try await PartyOfficerOffer.query(on: db).filter(\.$accountID == accountID).filter(\.$state == .pending).sort(\.$offeredOn).sort(\.$id).all()
    }

    static func of(_ orgID: UUID, on db: any Database) async throws -> [PartyOfficerOffer] {
        try await PartyOfficerOffer.query(on: db).filter(\.$organizationID == orgID).sort(\.$offeredOn, .descending).sort(\.$id).range(0..<50).all()
    }

    /// The appointee accepts: the post is made by the rules in force now (a full member of the organisation, the
    /// secretary's post free), each refusal told to the appointee alone.
    static func accept(_ o: PartyOfficerOffer, today: LocalDate, _ vault: PersonalDataVault, on db: any Database) async throws -> PartyOrganizations.OfficerView {
        try await PendingAnswer.claim(PartyOfficerOffer.schema, id: try o.requireID(), as: PartyOfficerOfferState.accepted.rawValue, today: today,
                                      decided: ShequError(.conflict, .pbErrorOfferDecided, code: "offer_decided"), on: db)
        guard let org = try await PartyOrganization.find(o.organizationID, on: db),
              let account = try await Account.find(o.accountID, on: db) else { throw ShequError.notFound }
        return try await PartyOrganizations.appoint(username: account.username, as: o.position, to: org, today: today, vault, on: db)
    }

    static func decline(_ o: PartyOfficerOffer, today: LocalDate, on db: any Database) async throws {
        try await PendingAnswer.claim(PartyOfficerOffer.schema, id: try o.requireID(), as: PartyOfficerOfferState.declined.rawValue, today: today,
                                      decided: ShequError(.conflict, .pbErrorOfferDecided, code: "offer_decided"), on: db)
    }

    public struct OfferView: Content, Sendable {
        var id: UUID
        var organizationID: UUID
        var organization: String
        var accountID: UUID
        var username: String
        var position: PartyOfficerPosition
        var offeredOn: String
        var offeredBy: String
        var state: PartyOfficerOfferState

        init(_ o: PartyOfficerOffer, organization: String, username: String) throws {
            id = try o.requireID()
            organizationID = o.organizationID
            self.organization = organization
            accountID = o.accountID
            self.username = username
            position = o.position
            offeredOn = o.offeredOn
            offeredBy = o.offeredBy
            state = o.state
        }
    }

    static func views(_ offers: [PartyOfficerOffer], on db: any Database) async throws -> [OfferView] {
        guard !offers.isEmpty else { return [] }
        let orgs = try await PartyOrganization.query(on: db).filter(\.$id ~~ Array(Set(offers.map(\.organizationID)))).all()
        let accounts = try await Account.query(on: db).filter(\.$id ~~ Array(Set(offers.map(\.accountID)))).all()
        let orgNames = Dictionary(orgs.compactMap { o in o.id.map { ($0, o.name) } }, uniquingKeysWith: { a, _ in a })
        let usernames = Dictionary(accounts.compactMap { a in a.id.map { ($0, a.username) } }, uniquingKeysWith: { a, _ in a })
        return try offers.map { try OfferView($0, organization: orgNames[$0.organizationID] ?? "—", username: usernames[$0.accountID] ?? "—") }
    }
}
