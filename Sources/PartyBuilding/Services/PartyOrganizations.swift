import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SelfGovernance
import Vapor

/// The party organisations' tree and officers: rules callable without HTTP, inside the caller's audited write.
public enum PartyOrganizations {
    /// How deep a tree may go: street → community → general branch → branch, with room to spare; a longer chain is a loop.
    static let maxDepth = 8

    /// The organisation and its superiors, nearest first (the `.partyOfficer` relation's path).
    public static func path(of id: UUID, on db: any Database) async throws -> [UUID] {
        var path: [UUID] = []
        var next: UUID? = id
        while let current = next, path.count < maxDepth, !path.contains(current) {
            guard let org = try await PartyOrganization.find(current, on: db) else { break }
            path.append(current)
            next = org.parentID
        }
        return path
    }

    public struct Draft: Sendable {
        var kind: PartyOrganizationKind
        var name: String
        var parentID: UUID?
        var divisionCode: String
        var hostKind: PartyHostKind
        var hostID: UUID?
    }

    /// Checks what the organisation sits in and where, before anything is written.
    static func check(_ d: Draft, on db: any Database) async throws -> Draft {
        var d = d
        d.name = try PlainText.clean(d.name, field: "name", max: 100, refusing: PlainText.invisible)
        guard let code = DivisionCode(d.divisionCode), let division = try await Division.find(code.rawValue, on: db),
              division.level == .street || division.level == .community else {
            throw ShequError.invalid(.errorUnknownDivision, String(d.divisionCode.prefix(20)), code: "unknown_division")
        }
        switch d.hostKind {
        case .division:
            guard d.hostID == nil else { throw ShequError.invalid(.errorInvalidValue, "hostID", code: "invalid") }
            guard (d.kind == .streetWorkingCommittee) == (division.level == .street) else {
                throw ShequError.invalid(.pbErrorKindLevel, code: "kind_level")
            }
        case .ownersCommittee:
            guard let id = d.hostID, let c = try await Compound.find(id, on: db), c.ownersCommitteeID != nil, c.divisionCode == d.divisionCode else {
                throw ShequError.invalid(.pbErrorHost, "hostID", code: "invalid_host")
            }
            guard d.kind != .streetWorkingCommittee else { throw ShequError.invalid(.pbErrorKindLevel, code: "kind_level") }
        case .organization:
            guard let id = d.hostID, let o = try await Organization.find(id, on: db), o.kind != .propertyManager,
                  o.divisionCode.hasPrefix(d.divisionCode) || d.divisionCode.hasPrefix(o.divisionCode) else {
                throw ShequError.invalid(.pbErrorHost, "hostID", code: "invalid_host")
            }
            guard d.kind != .streetWorkingCommittee else { throw ShequError.invalid(.pbErrorKindLevel, code: "kind_level") }
        }
        if let parentID = d.parentID {
            // A superior sits at or above the place: a community's committee under its street's, never another street's.
            guard let parent = try await PartyOrganization.find(parentID, on: db), d.divisionCode.hasPrefix(parent.divisionCode) else {
                throw ShequError.invalid(.pbErrorParent, "parentID", code: "invalid_parent")
            }
        } else if d.kind != .streetWorkingCommittee {
            throw ShequError.invalid(.errorMissingField, "parentID", code: "missing_field")
        }
        if d.hostKind != .division, let hostID = d.hostID,
           try await PartyOrganization.query(on: db).filter(\.$hostID == hostID).count() > 0 {
            throw ShequError(.conflict, .pbErrorHostTaken, code: "host_has_organization")
        }
        if try await PartyOrganization.query(on: db).filter(\.$divisionCode == d.divisionCode).filter(\.$name == d.name).count() > 0 {
            throw ShequError(.conflict, .pbErrorNameTaken, detail: d.name, code: "name_taken")
        }
        return d
    }

    static func create(_ d: Draft, on db: any Database) async throws -> PartyOrganization {
        let org = PartyOrganization()
        org.kind = d.kind
        org.name = d.name
        org.parentID = d.parentID
        org.divisionCode = d.divisionCode
        org.hostKind = d.hostKind
        org.hostID = d.hostID
        try await org.create(on: db)
        try await PartyVersion.bump(on: db)
        return org
    }

    public struct OfficerView: Content, Sendable {
        public var accountID: UUID
        public var displayName: String
        public var position: PartyOfficerPosition
        public var since: String
    }

    public static func officers(of ids: [UUID], on db: any Database) async throws -> [UUID: [OfficerView]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await PartyOfficer.query(on: db).filter(\.$organizationID ~~ ids).all()
        let accounts = try await Account.query(on: db).filter(\.$id ~~ rows.map(\.accountID)).all()
        let names = Dictionary(accounts.compactMap { a in a.id.map { ($0, a.displayName) } }, uniquingKeysWith: { a, _ in a })
        let order = PartyOfficerPosition.allCases
        return Dictionary(grouping: rows, by: \.organizationID).mapValues { rows in
            rows.map { OfficerView(accountID: $0.accountID, displayName: names[$0.accountID] ?? "—", position: $0.position, since: $0.since) }
                .sorted { (order.firstIndex(of: $0.position) ?? 0, $0.displayName) < (order.firstIndex(of: $1.position) ?? 0, $1.displayName) }
        }
    }

    /// What may be said of a post before anyone takes it: the account exists and is enabled, it holds no post here,
    /// the secretary's post is free (posts are public). Never whether the person is a member.
    static func postOpen(username raw: String, as position: PartyOfficerPosition, in org: PartyOrganization,
                         on db: any Database) async throws -> (Account, UUID, UUID, String) {
        let username = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard let account = try await Account.query(on: db).filter(\.$username == username).first(), !account.disabled,
              let accountID = account.id, let orgID = org.id else {
            throw ShequError.invalid(.pbErrorNoAccount, String(username.prefix(32)), code: "no_such_account")
        }
        guard try await PartyOfficer.query(on: db).filter(\.$organizationID == orgID).filter(\.$accountID == accountID).count() == 0 else {
            throw ShequError(.conflict, .pbErrorAlreadyOfficer, detail: username, code: "already_officer")
        }
        if position == .secretary,
           try await PartyOfficer.query(on: db).filter(\.$organizationID == orgID).filter(\.$position == .secretary).count() > 0 {
            throw ShequError(.conflict, .pbErrorSecretaryTaken, code: "secretary_taken")
        }
        return (account, accountID, orgID, username)
    }

    /// Appoints an existing, enabled account by its username; one post per account per organisation, one secretary.
    /// An officer is a full member of the organisation (entered in it, or registered with it), reached through the
    /// account's resident: an office held by role over a place never becomes a party office by itself (review F1).
    static func appoint(username raw: String, as position: PartyOfficerPosition, to org: PartyOrganization, today: LocalDate,
                        _ vault: PersonalDataVault, on db: any Database) async throws -> OfficerView {
        let (account, accountID, orgID, username) = try await postOpen(username: raw, as: position, in: org, on: db)
        guard try await isFullMember(account.residentID, of: orgID, vault, on: db) else {
            throw ShequError.invalid(.pbErrorOfficerNotMember, String(username.prefix(32)), code: "officer_not_member")
        }
        let grant = Grant(accountID: accountID, role: .partyOfficer, scope: org.divisionCode, organizationID: orgID)
        try await grant.create(on: db)
        let officer = PartyOfficer()
        officer.organizationID = orgID
        officer.accountID = accountID
        officer.grantID = try grant.requireID()
        officer.position = position
        officer.since = today.description
        do {
            try await officer.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Accepted twice at once, or two secretaries accepted at once: the unique indexes decide.
            if position == .secretary { throw ShequError(.conflict, .pbErrorSecretaryTaken, code: "secretary_taken") }
            throw ShequError(.conflict, .pbErrorAlreadyOfficer, detail: username, code: "already_officer")
        }
        return OfficerView(accountID: accountID, displayName: account.displayName, position: position, since: officer.since)
    }

    /// Whether the resident is a full member entered in the organisation or registered with it.
    static func isFullMember(_ residentID: UUID?, of orgID: UUID, _ vault: PersonalDataVault, on db: any Database) async throws -> Bool {
        guard let m = try await PartyMemberships.own(residentID, vault, on: db), m.standing == .full else { return false }
        return m.workplaceOrganizationID == orgID || m.communityOrganizationID == orgID
    }

    /// Removes the post and the grant it made; returns the account's username for the audit entry.
    static func remove(_ accountID: UUID, from orgID: UUID, on db: any Database) async throws -> String {
        guard let officer = try await PartyOfficer.query(on: db).filter(\.$organizationID == orgID).filter(\.$accountID == accountID).first() else {
            throw ShequError.notFound
        }
        try await Grant.query(on: db).filter(\.$id == officer.grantID).delete()
        try await officer.delete(on: db)
        return try await Account.find(accountID, on: db)?.username ?? accountID.uuidString
    }
}
