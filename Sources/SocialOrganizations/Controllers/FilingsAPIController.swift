import Fluent
import Foundation
import ShequPlatform
import Vapor

/// C1's doors: a resident files, the street decides, the registry is public. Thin: decode against the declared
/// input, authorise, run `Filings` with the audit entry in one transaction. The pages' forms post to these same
/// handlers (PageDoor), so neither door adds or skips a step.
enum FilingsAPIController {
    static let entity = "social_organization_filing"

    struct FilingInput: Content, ValidatedInput {
        var name: String
        var category: SocialOrganizationCategory
        var streetCode: String
        var communities: [String]
        var purpose: String
        var contactName: String
        var contactPhone: String
        var members: Int
        var partner: CrossBorderPartner?
        static var inputSchema: InputSchema { FilingInputs.filing }

        var draft: Filings.Draft {
            Filings.Draft(name: name, category: category, streetCode: streetCode, communities: communities, purpose: purpose,
                          contactName: contactName, contactPhone: contactPhone, members: members, partner: partner ?? .none)
        }
    }

    struct DecisionInput: Content, ValidatedInput {
        var reason: String?
        static var inputSchema: InputSchema { FilingInputs.decision }
    }

    // MARK: - Commands

    static func file(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(FilingInput.self)
        let actor = try await req.authorize(.socialOrganizationFile, entity: entity)
        let vault = PersonalDataVault(secrets: req.application.secrets)
        let draft = input.draft
        let view = try await req.writeAudited("socialOrganization.file", entity: entity) { db in
            let filing = try await Filings.file(draft, byAccount: actor.accountID, username: actor.username, vault: vault, on: db)
            return Audited(try await FilingQueries.view(filing, on: db), id: filing.id, scope: filing.streetCode,
                           detail: "\(filing.name) \(filing.category.rawValue)")
        }
        return try await view.encodeResponse(status: .created, for: req)
    }

    static func approve(_ req: Request) async throws -> FilingView { try await decide(req, .approve) }
    static func refuse(_ req: Request) async throws -> FilingView { try await decide(req, .refuse) }
    static func sendBack(_ req: Request) async throws -> FilingView { try await decide(req, .return) }

    /// A reviewer who cannot even see the filing (another street's) is answered 404, so filings cannot be
    /// probed for; its filer, who can, is answered 403. Either refusal is logged under the review action.
    static func decide(_ req: Request, _ decision: Filings.Decision) async throws -> FilingView {
        let filing = try await load(req)
        let input = try req.validatedContent(DecisionInput.self)
        let actor = try req.requireActor()
        let id = try filing.requireID()
        let seen = Policy.may(actor, .socialOrganizationFilingRead, on: filing.resource)
        try await req.authorize(.socialOrganizationReview, on: Resource(divisionCode: filing.streetCode), entity: entity,
                                entityID: id.uuidString, hide: !seen)
        // The rule is the service's (`Filings.requireNotFiler`); the refusal is logged like any other refusal.
        do { try Filings.requireNotFiler(filing, actor) } catch {
            let draft = req.auditDraft(Action.socialOrganizationReview.name, entity: entity, entityID: id.uuidString,
                                       scope: filing.streetCode, outcome: .denied, detail: "own filing")
            try await req.write { db in try await AuditLog.append(draft, on: db) }
            throw error
        }
        return try await req.writeAudited("socialOrganization.\(decision.rawValue)", entity: entity) { db in
            let decided = try await Filings.decide(filing, decision, reason: input.reason, by: actor.username, on: db)
            let detail = [decided.name, decided.reason, decided.organizationID.map { "organization \($0.uuidString)" }].compactMap { $0 }
            return Audited(try await FilingQueries.view(decided, on: db), id: id, scope: decided.streetCode, detail: detail.joined(separator: " "))
        }
    }

    // MARK: - Reads

    static func load(_ req: Request) async throws -> Filing {
        guard let id = req.parameters.get("id", as: UUID.self), let filing = try await Filing.find(id, on: req.db) else {
            throw ShequError.notFound
        }
        return filing
    }

    /// One filing: its reviewers and its filer; anyone else is answered 404 (and logged).
    static func show(_ req: Request) async throws -> FilingView {
        let filing = try await load(req)
        try await req.authorize(.socialOrganizationFilingRead, on: filing.resource, entity: entity, entityID: filing.id?.uuidString, hide: true)
        return try await FilingQueries.view(filing, on: req.db)
    }

    /// The review queue: filings based in the reviewer's streets, submitted ones unless `?state=` names another.
    static func queue(_ req: Request) async throws -> ListPage<FilingView> {
        let actor = try await req.authorize(.socialOrganizationReview, entity: entity)
        let scopes = Policy.scopes(of: actor, for: .socialOrganizationReview)
        return try await FilingQueries.views(FilingQueries.queue(scopes: scopes, state: try state(req), on: req.db),
                                             page: ListPageRequest(req), on: req.db)
    }

    /// The signed-in account's own filings, whatever its role: a list only ever of its own.
    static func mine(_ req: Request) async throws -> ListPage<FilingView> {
        let actor = try req.requireActor()
        return try await FilingQueries.views(FilingQueries.own(account: actor.accountID, on: req.db), page: ListPageRequest(req), on: req.db)
    }

    static func registry(_ req: Request) async throws -> ListPage<RegistryEntry> {
        try await FilingQueries.registryPage(category: try category(req), page: ListPageRequest(req), on: req.db)
    }

    static func entry(_ req: Request) async throws -> RegistryEntry {
        guard let id = req.parameters.get("id", as: UUID.self), let entry = try await FilingQueries.entry(organization: id, on: req.db) else {
            throw ShequError.notFound
        }
        return entry
    }

    static func category(_ req: Request) throws -> SocialOrganizationCategory? {
        guard let raw = req.queryValue("category"), !raw.isEmpty else { return nil }
        guard let c = SocialOrganizationCategory(rawValue: raw) else { throw ShequError.invalid(.errorInvalidValue, "category") }
        return c
    }

    static func state(_ req: Request) throws -> FilingState {
        guard let raw = req.queryValue("state"), !raw.isEmpty else { return .submitted }
        guard let s = FilingState(rawValue: raw) else { throw ShequError.invalid(.errorInvalidValue, "state") }
        return s
    }

    static let categoryQuery = QueryParameter.oneOf("category", SocialOrganizationCategory.allCases.map(\.rawValue))
    static let stateQuery = QueryParameter.oneOf("state", FilingState.allCases.map(\.rawValue))
}
