import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// C4's doors. Thin: decode against the declared input, authorise through the policy (the organisation's staff by
/// relation, its street's officials by scope), run `CrossBorder` with its audit entry in one transaction. The
/// pages' forms post to these same handlers (PageDoor).
enum CrossBorderAPIController {
    static let workerEntity = "partner_worker"
    static let projectEntity = "joint_project"

    struct WorkerInput: Content, ValidatedInput {
        var name: String
        var credentialKind: CrossBorderCredential.Kind
        var credentialNumber: String
        var qualification: String
        static var inputSchema: InputSchema { CrossBorderInputs.worker }
    }

    struct ProjectInput: Content, ValidatedInput {
        var title: String
        var summary: String
        var streetCode: String
        var startsOn: LocalDate
        /// Text, not a date: a page's form sends the empty field when there is no last day.
        var endsOn: String?
        static var inputSchema: InputSchema { CrossBorderInputs.project }
    }

    /// A worker as the organisation and its street see them: the permit masked, never in full.
    struct WorkerView: Content {
        var id: UUID
        var name: String
        var region: CrossBorderRegion
        var credentialKind: CrossBorderCredential.Kind
        var credentialNumber: String
        var qualification: String
        var recordedBy: String
        var recordedAt: Date?

        init(_ w: PartnerWorker) throws {
            id = try w.requireID()
            name = w.name
            region = w.region
            credentialKind = w.credentialKind
            credentialNumber = w.credentialMasked
            qualification = w.qualification
            recordedBy = w.recordedBy
            recordedAt = w.createdAt
        }
    }

    struct ProjectView: Content {
        var id: UUID
        var organizationID: UUID
        var organizationName: String
        var title: String
        var summary: String
        var streetCode: String
        var startsOn: String
        var endsOn: String?
    }

    // MARK: - Commands

    static func recordWorker(_ req: Request) async throws -> Response {
        let (id, filing) = try await load(req)
        let input = try req.validatedContent(WorkerInput.self)
        let actor = try await authorize(.crossBorderRecord, id, filing, entity: workerEntity, req)
        let vault = PersonalDataVault(secrets: req.application.secrets)
        let draft = CrossBorder.WorkerDraft(name: input.name, credentialKind: input.credentialKind, credentialNumber: input.credentialNumber,
                                            qualification: input.qualification)
        let view = try await req.writeAudited("socialOrganization.partnerWorker", entity: workerEntity) { db in
            let worker = try await CrossBorder.recordWorker(draft, organization: id, by: actor.username, vault: vault, on: db)
            return Audited(try WorkerView(worker), id: worker.id, scope: filing.streetCode,
                           detail: "\(filing.name): \(worker.name) \(worker.credentialMasked)")
        }
        return try await view.encodeResponse(status: .created, for: req)
    }

    static func recordProject(_ req: Request) async throws -> Response {
        let (id, filing) = try await load(req)
        let input = try req.validatedContent(ProjectInput.self)
        let actor = try await authorize(.crossBorderRecord, id, filing, entity: projectEntity, req)
        var endsOn: LocalDate?
        if let raw = input.endsOn?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            guard let day = LocalDate(raw) else { throw ShequError.invalid(.errorInvalidValue, "endsOn", code: "invalid_date") }
            endsOn = day
        }
        let draft = CrossBorder.ProjectDraft(title: input.title, summary: input.summary, streetCode: input.streetCode,
                                             startsOn: input.startsOn, endsOn: endsOn)
        let view = try await req.writeAudited("socialOrganization.jointProject", entity: projectEntity) { db in
            let project = try await CrossBorder.recordProject(draft, organization: id, by: actor.username, on: db)
            return Audited(try Self.view(project, name: filing.name), id: project.id, scope: project.streetCode, detail: "\(filing.name): \(project.title)")
        }
        return try await view.encodeResponse(status: .created, for: req)
    }

    // MARK: - Reads

    /// The partner's workers: its staff and its street's officials; anyone else is answered 404 (and logged).
    static func workers(_ req: Request) async throws -> ListPage<WorkerView> {
        let (id, filing) = try await load(req)
        return try await workers(id, filing, req)
    }

    static func workers(_ id: UUID, _ filing: Filing, _ req: Request) async throws -> ListPage<WorkerView> {
        _ = try await authorize(.crossBorderWorkersRead, id, filing, entity: workerEntity, req, hide: true)
        return try await PartnerWorker.query(on: req.db).filter(\.$organizationID == id).sort(\.$createdAt).sort(\.$id)
            .paged(try ListPageRequest(req)) { try WorkerView($0) }
    }

    /// Every joint project, newest first; public.
    static func projects(_ req: Request) async throws -> ListPage<ProjectView> {
        try await projectsQuery(organization: nil, on: req.db).paged(try ListPageRequest(req)) { rows in try await views(rows, on: req.db) }
    }

    /// The three places' linkage with Macao; public.
    static func linkage(_ req: Request) async throws -> [CrossBorder.Linkage] {
        try await CrossBorder.linkage(on: req.db)
    }

    static func projectsQuery(organization: UUID?, on db: any Database) -> QueryBuilder<JointProject> {
        let q = JointProject.query(on: db)
        if let organization { q.filter(\.$organizationID == organization) }
        return q.sort(\.$startsOn, .descending).sort(\.$id)
    }

    static func views(_ rows: [JointProject], on db: any Database) async throws -> [ProjectView] {
        let ids = Array(Set(rows.map(\.organizationID)))
        let names = ids.isEmpty ? [:] : Dictionary(try await Organization.query(on: db).filter(\.$id ~~ ids).all()
            .compactMap { o in o.id.map { ($0, o.name) } }, uniquingKeysWith: { a, _ in a })
        return try rows.map { try view($0, name: names[$0.organizationID] ?? "") }
    }

    static func view(_ p: JointProject, name: String) throws -> ProjectView {
        ProjectView(id: try p.requireID(), organizationID: p.organizationID, organizationName: name, title: p.title, summary: p.summary,
                    streetCode: p.streetCode, startsOn: p.startsOn, endsOn: p.endsOn)
    }

    /// The registry organisation the path names (any approved one: a non-partner is refused by the rules, with why).
    static func load(_ req: Request) async throws -> (UUID, Filing) {
        guard let id = req.parameters.get("id", as: UUID.self),
              let filing = try await Filing.query(on: req.db).filter(\.$organizationID == id).filter(\.$state == .approved).first() else {
            throw ShequError.notFound
        }
        return (id, filing)
    }

    @discardableResult
    static func authorize(_ action: Action, _ id: UUID, _ filing: Filing, entity: String, _ req: Request, hide: Bool = false) async throws -> Actor {
        try await req.authorize(action, on: Resource(divisionCode: filing.streetCode, organizationID: id), entity: entity,
                                entityID: id.uuidString, hide: hide)
    }
}
