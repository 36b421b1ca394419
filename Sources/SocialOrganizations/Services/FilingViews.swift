import Fluent
import Foundation
import ShequPlatform
import Vapor

/// A filing as its filer and its reviewers see it: the contact phone masked, never in full.
public struct FilingView: Content, Sendable {
    public var id: UUID
    public var name: String
    public var category: SocialOrganizationCategory
    public var streetCode: String
    public var communities: [String]
    public var purpose: String
    public var contactName: String
    public var contactPhone: String
    public var members: Int
    public var partner: CrossBorderPartner
    public var state: FilingState
    public var reason: String?
    public var filedBy: String
    public var filedAt: Date?
    public var decidedBy: String?
    public var decidedAt: Date?
    /// The organisation's id in the registry and the directory, once approved.
    public var organizationID: UUID?

    init(_ f: Filing, communities: [String]) throws {
        id = try f.requireID()
        name = f.name
        category = f.category
        streetCode = f.streetCode
        self.communities = communities
        purpose = f.purpose
        contactName = f.contactName
        contactPhone = f.contactPhoneMasked
        members = f.members
        partner = f.partner
        state = f.state
        reason = f.reason
        filedBy = f.filedBy
        filedAt = f.filedAt
        decidedBy = f.decidedBy
        decidedAt = f.decidedAt
        organizationID = f.organizationID
    }
}

/// An organisation in the public registry: what it is, where, for whom, and how to reach it (phone masked).
/// Who filed it and who decided are the reviewers' business, not the public's.
public struct RegistryEntry: Content, Sendable {
    public var id: UUID
    public var name: String
    public var category: SocialOrganizationCategory
    public var streetCode: String
    public var communities: [String]
    public var purpose: String
    public var contactName: String
    public var contactPhone: String
    public var members: Int
    public var partner: CrossBorderPartner
    public var approvedAt: Date?

    init?(_ f: Filing, communities: [String]) {
        guard f.state == .approved, let orgID = f.organizationID else { return nil }
        id = orgID
        name = f.name
        category = f.category
        streetCode = f.streetCode
        self.communities = communities
        purpose = f.purpose
        contactName = f.contactName
        contactPhone = f.contactPhoneMasked
        members = f.members
        partner = f.partner
        approvedAt = f.decidedAt
    }
}

/// The lists: the public registry, a reviewer's queue, a filer's own filings; each paged with its total.
enum FilingQueries {
    static func registry(category: SocialOrganizationCategory?, on db: any Database) -> QueryBuilder<Filing> {
        let q = Filing.query(on: db).filter(\.$state == .approved)
        if let category { q.filter(\.$category == category) }
        return q.sort(\.$name).sort(\.$id)
    }

    static func registryPage(category: SocialOrganizationCategory?, page: ListPageRequest, on db: any Database) async throws -> ListPage<RegistryEntry> {
        try await registry(category: category, on: db).paged(page, rows: { rows in
            let served = try await Filings.communities(of: rows.compactMap(\.id), on: db)
            return rows.compactMap { f in f.id.flatMap { RegistryEntry(f, communities: served[$0] ?? []) } }
        })
    }

    /// The registry's entry for a directory organisation id: approved filings only, so a pending or refused
    /// one is not found (404), not revealed.
    static func entry(organization id: UUID, on db: any Database) async throws -> RegistryEntry? {
        guard let f = try await Filing.query(on: db).filter(\.$organizationID == id).filter(\.$state == .approved).first(),
              let filingID = f.id else { return nil }
        return RegistryEntry(f, communities: try await Filings.communities(of: [filingID], on: db)[filingID] ?? [])
    }

    /// Filings based in the reviewer's streets, in one state (submitted: the queue), oldest first.
    static func queue(scopes: [String], state: FilingState, on db: any Database) -> QueryBuilder<Filing> {
        Filing.query(on: db).inScopes(scopes, \.$streetCode).filter(\.$state == state).sort(\.$filedAt).sort(\.$id)
    }

    static func own(account: UUID, on db: any Database) -> QueryBuilder<Filing> {
        Filing.query(on: db).filter(\.$filedByAccountID == account).sort(\.$filedAt, .descending).sort(\.$id)
    }

    static func views(_ query: QueryBuilder<Filing>, page: ListPageRequest, on db: any Database) async throws -> ListPage<FilingView> {
        try await query.paged(page, rows: { rows in
            let served = try await Filings.communities(of: rows.compactMap(\.id), on: db)
            return try rows.map { f in try FilingView(f, communities: f.id.flatMap { served[$0] } ?? []) }
        })
    }

    static func view(_ f: Filing, on db: any Database) async throws -> FilingView {
        let id = try f.requireID()
        return try FilingView(f, communities: try await Filings.communities(of: [id], on: db)[id] ?? [])
    }
}
