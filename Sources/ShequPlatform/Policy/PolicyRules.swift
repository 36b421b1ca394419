import Foundation

/// One module's share of the policy, declared in the module's own target:
/// which roles may take each of its actions anywhere inside their grant's
/// scope, and which acts belong to a person rather than an office.
public struct PolicyRules: Sendable {
    public var byRole: [Action: Set<Role>]
    public var byRelation: [Action: Set<Relation>]

    public init(byRole: [Action: Set<Role>] = [:], byRelation: [Action: Set<Relation>] = [:]) {
        self.byRole = byRole
        self.byRelation = byRelation
    }

    /// Two modules may both name an action (a shared read); their grants add up.
    mutating func merge(_ other: PolicyRules) {
        byRole.merge(other.byRole) { $0.union($1) }
        byRelation.merge(other.byRelation) { $0.union($1) }
    }

    /// A module's rules put together from its parts' (each part of a module declares its own actions' rules).
    public func merging(_ other: PolicyRules) -> PolicyRules {
        var merged = self
        merged.merge(other)
        return merged
    }
}

/// What ties an actor to one record, for the acts that are a person's own.
public enum Relation: Sendable, Hashable {
    /// The resident the record is about: their own record, their application,
    /// their ballot or post in the community they live in. Only an account
    /// holding the resident role and linked to that resident has it.
    case ownRecord
    /// The account that wrote the record.
    case author
    /// Staff of the organisation the record belongs to: an organisation acts for itself (C1) through the
    /// accounts it names, whatever division they live in.
    case organizationMember
    /// Officers of the party organisation the record belongs to or of any organisation above it (P1): the
    /// resource names the organisation and its superiors in `partyOrganizationPath`.
    case partyOfficer
}

/// What the policy needs to know about the record an action touches.
public struct Resource: Sendable {
    public var divisionCode: String?
    public var residentID: UUID?
    public var authorAccountID: UUID?
    public var organizationID: UUID?
    /// A party organisation and every organisation above it, nearest first (the `.partyOfficer` relation).
    public var partyOrganizationPath: [UUID]

    public init(divisionCode: String? = nil, residentID: UUID? = nil, authorAccountID: UUID? = nil, organizationID: UUID? = nil,
                partyOrganizationPath: [UUID] = []) {
        self.divisionCode = divisionCode
        self.residentID = residentID
        self.authorAccountID = authorAccountID
        self.organizationID = organizationID
        self.partyOrganizationPath = partyOrganizationPath
    }
}
