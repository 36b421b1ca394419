import Fluent
import Vapor

public struct OrganizationInput: Content, Sendable {
    public var kind: OrganizationKind
    public var name: String
    public var category: String
    public var contact: String
    public var divisionCode: String
    public var servedCommunities: [String]?
}

public struct OrganizationSummary: Content, Sendable {
    public var id: UUID
    public var kind: OrganizationKind
    public var name: String
    public var category: String
    public var contact: String
    public var divisionCode: String
    public var servedCommunities: [String]
}

public enum OrganizationService {
    static func text(_ raw: String, field: String, max: Int, required: Bool = true) throws -> String {
        let v = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && v.isEmpty { throw ShequError.invalid(.errorMissingField, field, code: "missing_field") }
        guard v.count <= max else { throw ShequError.invalid(.errorTooLong, "\(field) ≤ \(max)", code: "too_long") }
        return v
    }

    static func requireDivision(_ raw: String, on db: any Database) async throws -> Division {
        guard let d = try await Division.find(raw.trimmingCharacters(in: .whitespaces), on: db) else {
            throw ShequError.invalid(.errorUnknownDivision, String(raw.prefix(20)), code: "unknown_division")
        }
        return d
    }

    public static func create(_ input: OrganizationInput, on db: any Database) async throws -> OrganizationSummary {
        // A community social organisation enters the directory only through its filing's approval (C1): the registry
        // then knows it, its staff act for it and its contact is masked. A row made here would be none of these.
        guard input.kind != .socialOrganization else {
            throw ShequError.invalid(.errorSocialOrganizationByFiling, code: "file_through_registry")
        }
        let home = try await requireDivision(input.divisionCode, on: db)
        let served = Array(Set(input.servedCommunities ?? []))
        for code in served { _ = try await DivisionDirectory.requireCommunity(code, on: db) }
        let org = Organization()
        org.kind = input.kind
        org.name = try text(input.name, field: "name", max: 100)
        org.category = try text(input.category, field: "category", max: 100)
        org.contact = try text(input.contact, field: "contact", max: 200)
        org.divisionCode = home.code
        try await org.create(on: db)
        for code in served { try await OrganizationCommunity(organizationID: org.requireID(), divisionCode: code).create(on: db) }
        return OrganizationSummary(id: try org.requireID(), kind: org.kind, name: org.name, category: org.category,
                                   contact: org.contact, divisionCode: org.divisionCode, servedCommunities: served.sorted())
    }

    public static func list(scopes: [String], kind: OrganizationKind?, paging: ListPageRequest, on db: any Database) async throws -> ListPage<OrganizationSummary> {
        let q = Organization.query(on: db).inScopes(scopes, \.$divisionCode)
        if let kind { q.filter(\.$kind == kind) }
        return try await q.sort(\.$name).sort(\.$id).paged(paging, rows: { orgs in
            let ids = orgs.compactMap(\.id)
            let links = ids.isEmpty ? [] : try await OrganizationCommunity.query(on: db).filter(\.$organizationID ~~ ids).all()
            let served = Dictionary(grouping: links, by: \.organizationID)
            return try orgs.map { o in
                let id = try o.requireID()
                return OrganizationSummary(id: id, kind: o.kind, name: o.name, category: o.category, contact: o.contact,
                                           divisionCode: o.divisionCode, servedCommunities: (served[id] ?? []).map(\.divisionCode).sorted())
            }
        })
    }
}
