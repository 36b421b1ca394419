import Vapor

/// How pressing an item on a workbench is: what is late is shown first and marked.
public enum WorkbenchUrgency: String, Sendable, Comparable {
    case normal, dueSoon, overdue

    private var rank: Int { self == .overdue ? 0 : self == .dueSoon ? 1 : 2 }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// One line of a workbench: what waits, how many, and the list that shows them.
/// The count must come from the same scope as the list it links to, so it never
/// tells a role more than the list would.
public struct WorkbenchItem: Sendable {
    public let label: Phrase
    /// Where, when a role's items are split by place (a community's name).
    public let place: String?
    public let count: Int?
    public let link: String?
    public let urgency: WorkbenchUrgency

    public init(_ label: Phrase, place: String? = nil, count: Int? = nil, link: String?, urgency: WorkbenchUrgency = .normal) {
        self.label = label
        self.place = place
        self.count = count
        self.link = link
        self.urgency = urgency
    }
}

/// A module's share of a role's workbench, under one heading. `key` names it for
/// tests and for the page's anchors; it stays the same in both languages.
public struct WorkbenchSection: Sendable {
    public let key: String
    public let title: Phrase
    public let items: [WorkbenchItem]

    public init(key: String, title: Phrase, items: [WorkbenchItem]) {
        self.key = key
        self.title = title
        self.items = items
    }
}

extension ShequModule {
    /// A module with nothing waiting for anyone adds no section.
    public func workbench(for actor: Actor, on req: Request) async throws -> [WorkbenchSection] { [] }
}

extension Actor {
    /// The scopes of this actor's grants of one of `roles`, without those another already covers.
    public func scopes(of roles: Set<Role>) -> [String] {
        let prefixes = grants.filter { roles.contains($0.role) }.map(\.scope)
        return prefixes.filter { p in !prefixes.contains { $0 != p && p.hasPrefix($0) } }.uniqued()
    }
}
