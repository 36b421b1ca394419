import Fluent
import Foundation
import ShequKernel
import SelfGovernance
import ShequPlatform
import Vapor

/// P1's records: who is a member where, sealed; callable without HTTP, inside the caller's audited write.
public enum PartyMemberships {
    /// The blind index's own space, apart from ID numbers' and phones'.
    static let indexKind = "party-member"

    static func index(of residentID: UUID, _ vault: PersonalDataVault) -> String {
        vault.index(residentID.uuidString.lowercased(), kind: indexKind)
    }

    static func resident(of m: PartyMembership, _ vault: PersonalDataVault) throws -> UUID {
        guard let id = UUID(uuidString: try vault.open(m.residentSealed)) else { throw ShequError.notFound }
        return id
    }

    /// The member's own record, found by the index of their resident id.
    static func own(_ residentID: UUID?, _ vault: PersonalDataVault, on db: any Database) async throws -> PartyMembership? {
        guard let residentID else { return nil }
        return try await PartyMembership.query(on: db).filter(\.$residentIndex == index(of: residentID, vault)).first()
    }

    /// The organisations whose officers (and superiors) reach a record: the workplace's path and the community's.
    static func path(of m: PartyMembership, on db: any Database) async throws -> [UUID] {
        var path = try await PartyOrganizations.path(of: m.workplaceOrganizationID, on: db)
        if let community = m.communityOrganizationID { path += try await PartyOrganizations.path(of: community, on: db) }
        return path
    }

    /// Makes a resident a member of the workplace organisation: the person's confirmation of an entry (PartyMemberEntries),
    /// or the demo and the generator standing for one.
    static func admit(_ residentID: UUID, standing: PartyStanding, workplace: PartyOrganization, _ vault: PersonalDataVault,
                      on db: any Database) async throws -> PartyMembership {
        let index = index(of: residentID, vault)
        guard try await PartyMembership.query(on: db).filter(\.$residentIndex == index).count() == 0 else {
            throw ShequError(.conflict, .pbErrorAlreadyMember, code: "already_member")
        }
        let m = PartyMembership()
        m.workplaceOrganizationID = try workplace.requireID()
        m.standing = standing
        m.residentSealed = try vault.seal(residentID.uuidString.lowercased())
        m.residentIndex = index
        do {
            try await m.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two entries of the same person confirmed at once: the unique index decides, the second is told.
            throw ShequError(.conflict, .pbErrorAlreadyMember, code: "already_member")
        }
        try await PartyVersion.bump(on: db)
        return m
    }

    /// 到社区报到: the member registers with the community organisation where they live, naming their compound if
    /// they like (it counts towards its owners' committee's qualification, P2).
    static func register(_ m: PartyMembership, with org: PartyOrganization, compoundID: UUID?, residence: String, today: LocalDate,
                         on db: any Database) async throws {
        guard org.isCommunityLevel, org.divisionCode == residence else {
            throw ShequError.invalid(.pbErrorNotResidence, code: "not_residence_community")
        }
        guard m.communityOrganizationID != org.id else { throw ShequError(.conflict, .pbErrorAlreadyRegistered, code: "already_registered") }
        if let compoundID {
            guard let c = try await Compound.find(compoundID, on: db), c.divisionCode == residence else {
                throw ShequError.invalid(.pbErrorHost, "compoundID", code: "invalid_compound")
            }
        }
        m.communityOrganizationID = org.id
        m.compoundID = compoundID
        m.registeredOn = today.description
        try await m.save(on: db)
        try await PartyVersion.bump(on: db)
    }

    public struct MemberRow: Content, Sendable {
        public var membershipID: UUID
        public var name: String
        public var standing: PartyStanding
        public var workplaceOrganization: String
        public var communityOrganization: String?
        public var registeredOn: String?
    }

    /// Rows for a list: each member's name from their sealed link, the organisations by name.
    static func rows(_ ms: [PartyMembership], _ vault: PersonalDataVault, on db: any Database) async throws -> [MemberRow] {
        let residentIDs = try ms.map { try resident(of: $0, vault) }
        let residents = try await Resident.query(on: db).filter(\.$id ~~ residentIDs).all()
        let names = Dictionary(residents.compactMap { r in r.id.map { ($0, r.name) } }, uniquingKeysWith: { a, _ in a })
        let orgIDs = Set(ms.map(\.workplaceOrganizationID) + ms.compactMap(\.communityOrganizationID))
        let orgs = try await PartyOrganization.query(on: db).filter(\.$id ~~ Array(orgIDs)).all()
        let orgNames = Dictionary(orgs.compactMap { o in o.id.map { ($0, o.name) } }, uniquingKeysWith: { a, _ in a })
        return zip(ms, residentIDs).compactMap { m, rid in
            m.id.map { MemberRow(membershipID: $0, name: names[rid] ?? "—", standing: m.standing,
                                 workplaceOrganization: orgNames[m.workplaceOrganizationID] ?? "—",
                                 communityOrganization: m.communityOrganizationID.flatMap { orgNames[$0] }, registeredOn: m.registeredOn) }
        }
    }

    /// The members an organisation holds: those of its workplace and those registered with it.
    static func of(_ orgID: UUID, on db: any Database) -> QueryBuilder<PartyMembership> {
        PartyMembership.query(on: db).group(.or) { $0.filter(\.$workplaceOrganizationID == orgID).filter(\.$communityOrganizationID == orgID) }
            .sort(\.$createdAt).sort(\.$id)
    }
}

