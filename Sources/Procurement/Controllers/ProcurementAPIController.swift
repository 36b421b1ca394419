import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// B1–B3's doors. Thin: decode against the declared input, authorise, run `PurchaseProjects` with the audit entry in
/// one transaction. The pages' forms post to these same handlers (PageDoor).
enum ProcurementAPIController {
    static let entity = "purchase_project"

    struct PlanInput: Content, ValidatedInput {
        var title: String
        var area: ServiceArea
        var scopeCode: String
        var description: String
        var fundID: UUID
        var termMonths: Int
        var longTermReason: String?
        var isService: Bool?
        var budgetFen: Int64?
        var budget: String?
        static var inputSchema: InputSchema { ProcurementInputs.plan }
    }

    struct CallInput: Content, ValidatedInput {
        var method: ProcurementMethod
        var reason: String?
        var invitees: [UUID]?
        var closesOn: String
        var weightQuality: Int
        var weightExperience: Int
        var weightPrice: Int
        var panel: [String]
        static var inputSchema: InputSchema { ProcurementInputs.call }
    }

    struct ApplicationInput: Content, ValidatedInput {
        var organizationID: UUID
        var proposal: String
        var priceFen: Int64?
        var price: String?
        static var inputSchema: InputSchema { ProcurementInputs.application }
    }

    struct SheetInput: Content, ValidatedInput {
        var noConflict: Bool?
        var conflictStatement: String?
        var scoreQuality: Int?
        var scoreExperience: Int?
        var scorePrice: Int?
        static var inputSchema: InputSchema { ProcurementInputs.sheet }
    }

    struct AwardInput: Content, ValidatedInput {
        var applicationID: UUID
        var reason: String
        var preferenceReason: String?
        static var inputSchema: InputSchema { ProcurementInputs.award }
    }

    struct ContractInput: Content, ValidatedInput {
        var content: String
        var quantity: String
        var quality: String
        var settlement: String
        var liability: String
        var termStart: String
        var priceFen: Int64?
        var price: String?
        static var inputSchema: InputSchema { ProcurementInputs.contract }
    }

    struct PaymentInput: Content, ValidatedInput {
        var milestone: String
        var amountFen: Int64?
        var amount: String?
        static var inputSchema: InputSchema { ProcurementInputs.payment }
    }

    struct SupervisionInput: Content, ValidatedInput {
        var visitedOn: String
        var finding: SupervisionFinding
        var text: String
        static var inputSchema: InputSchema { ProcurementInputs.supervision }
    }

    struct EvaluationInput: Content, ValidatedInput {
        var score: Int
        var summary: String
        static var inputSchema: InputSchema { ProcurementInputs.evaluation }
    }

    struct StepInput: Content, ValidatedInput {
        static var inputSchema: InputSchema { ProcurementInputs.empty }
    }

    // MARK: - Commands

    static func plan(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(PlanInput.self)
        let scope = input.scopeCode.trimmingCharacters(in: .whitespaces)
        let actor = try await req.authorize(.procurementManage, on: Resource(divisionCode: ProcurementText.isDigits(scope) ? scope : "-"), entity: entity)
        let draft = PurchaseProjects.PlanDraft(title: input.title, area: input.area, scopeCode: scope, description: input.description, fundID: input.fundID,
                                               budget: try ProcurementText.amount(fen: input.budgetFen, yuan: input.budget, field: "budget"),
                                               termMonths: input.termMonths, longTermReason: input.longTermReason, isService: input.isService ?? false)
        let view = try await req.writeProcurement("procurement.plan", entity: entity, id: nil, scope: scope) { db in
            let p = try await PurchaseProjects.plan(draft, by: actor.username, on: db)
            return Audited(try await ProjectView.make(p, on: db), id: p.id, scope: p.scopeCode, detail: "\(p.title) \(p.budget.yuanText)")
        }
        return try await view.encodeResponse(status: .created, for: req)
    }

    static func publishCall(_ req: Request) async throws -> ProjectView {
        let input = try req.validatedContent(CallInput.self)
        let draft = PurchaseProjects.CallDraft(method: input.method, reason: input.reason, invitees: input.invitees ?? [],
                                               closesOn: try ProcurementText.day(input.closesOn, field: "closesOn"),
                                               weightQuality: input.weightQuality, weightExperience: input.weightExperience,
                                               weightPrice: input.weightPrice, panel: input.panel)
        return try await manage(req, "procurement.publishCall") { p, _, db in
            let done = try await PurchaseProjects.publishCall(p, draft, today: ProcurementText.today, on: db)
            return (done, "\(input.method.rawValue) until \(input.closesOn) \(input.reason ?? "")")
        }
    }

    static func closeCall(_ req: Request) async throws -> ProjectView {
        _ = try req.validatedContent(StepInput.self)
        return try await manage(req, "procurement.closeCall") { p, _, db in (try await PurchaseProjects.closeCall(p, today: ProcurementText.today, on: db), "") }
    }

    static func award(_ req: Request) async throws -> ProjectView {
        let input = try req.validatedContent(AwardInput.self)
        return try await manage(req, "procurement.award") { p, actor, db in
            let done = try await PurchaseProjects.award(p, application: input.applicationID, reason: input.reason,
                                                        preferenceReason: input.preferenceReason, by: actor.username, on: db)
            return (done, "\(input.applicationID.uuidString): \(input.reason)" + (done.preferenceReason.map { " | B2: \($0)" } ?? ""))
        }
    }

    static func contract(_ req: Request) async throws -> ProjectView {
        let input = try req.validatedContent(ContractInput.self)
        let draft = PurchaseProjects.ContractDraft(content: input.content, quantity: input.quantity, quality: input.quality,
                                                   settlement: input.settlement, liability: input.liability,
                                                   price: try ProcurementText.amount(fen: input.priceFen, yuan: input.price, field: "price"),
                                                   termStart: try ProcurementText.day(input.termStart, field: "termStart"))
        return try await manage(req, "procurement.contract") { p, _, db in
            let done = try await PurchaseProjects.contract(p, draft, on: db)
            return (done, "\(draft.price.yuanText) \(done.termStart ?? "")–\(done.termEnd ?? "")")
        }
    }

    static func pay(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(PaymentInput.self)
        let amount = try ProcurementText.amount(fen: input.amountFen, yuan: input.amount, field: "amount")
        let view = try await manage(req, "procurement.pay") { p, actor, db in
            let paid = try await PurchaseProjects.pay(p, milestone: input.milestone, amount: amount, by: actor.username, on: db)
            return (p, "\(input.milestone): \(amount.yuanText) ledger \(paid.ledgerTransactionID.uuidString)")
        }
        return try await view.encodeResponse(status: .created, for: req)
    }

    static func supervise(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(SupervisionInput.self)
        let day = try ProcurementText.day(input.visitedOn, field: "visitedOn")
        let view = try await manage(req, "procurement.supervise") { p, actor, db in
            _ = try await PurchaseProjects.supervise(p, visitedOn: day, finding: input.finding, text: input.text, by: actor.username, on: db)
            return (p, "\(day): \(input.finding.rawValue)")
        }
        return try await view.encodeResponse(status: .created, for: req)
    }

    static func evaluate(_ req: Request) async throws -> ProjectView {
        let input = try req.validatedContent(EvaluationInput.self)
        return try await manage(req, "procurement.evaluate") { p, actor, db in
            (try await PurchaseProjects.evaluate(p, score: input.score, summary: input.summary, by: actor.username, on: db), "\(input.score)")
        }
    }

    /// The buyer's acts: the project's street or district decides; an official elsewhere is answered 403 and logged.
    static func manage(_ req: Request, _ action: String,
                       _ body: @Sendable @escaping (PurchaseProject, Actor, any Database) async throws -> (PurchaseProject, String)) async throws -> ProjectView {
        let loaded = try await load(req)
        let actor = try await req.authorize(.procurementManage, on: loaded.resource, entity: entity, entityID: loaded.id?.uuidString)
        let id = loaded.id
        return try await req.writeProcurement(action, entity: entity, id: id, scope: loaded.scopeCode) { db in
            let (p, detail) = try await body(try await ProjectLock.project(id, on: db), actor, db)
            return Audited(try await ProjectView.make(p, on: db), id: p.id, scope: p.scopeCode, detail: detail)
        }
    }

    static func apply(_ req: Request) async throws -> Response {
        let project = try await load(req)
        let input = try req.validatedContent(ApplicationInput.self)
        let actor = try await req.authorize(.procurementApply, on: Resource(organizationID: input.organizationID), entity: entity,
                                            entityID: project.id?.uuidString)
        let price = try ProcurementText.amount(fen: input.priceFen, yuan: input.price, field: "price")
        let id = project.id
        let view = try await req.writeProcurement("procurement.apply", entity: entity, id: id, scope: project.scopeCode) { db in
            let p = try await ProjectLock.project(id, on: db)
            let a = try await PurchaseProjects.apply(p, organization: input.organizationID, proposal: input.proposal, price: price,
                                                     by: actor.username, today: ProcurementText.today, on: db)
            return Audited(ApplicationView(a), id: p.id, scope: p.scopeCode, detail: "\(a.organizationName) \(price.yuanText)")
        }
        return try await view.encodeResponse(status: .created, for: req)
    }

    /// A panel member's declaration and scores for one application; anyone not on the panel is refused and logged.
    static func score(_ req: Request) async throws -> Response {
        let project = try await load(req)
        let input = try req.validatedContent(SheetInput.self)
        guard let appID = req.parameters.get("application", as: UUID.self),
              let application = try await ProcurementApplication.find(appID, on: req.db), application.projectID == project.id else { throw ShequError.notFound }
        let actor = try req.requireActor()
        let seat = try await ProcurementPanelMember.query(on: req.db).filter(\.$projectID == project.requireID())
            .filter(\.$accountID == actor.accountID).first()
        try await req.authorize(.procurementScore, on: Resource(authorAccountID: seat?.accountID), entity: entity, entityID: project.id?.uuidString)
        let scores: [Int]? = [input.scoreQuality, input.scoreExperience, input.scorePrice].allSatisfy { $0 == nil } ? nil
            : [input.scoreQuality ?? -1, input.scoreExperience ?? -1, input.scorePrice ?? -1]
        let id = project.id
        let sheet = try await req.writeProcurement("procurement.score", entity: entity, id: id, scope: project.scopeCode) { db in
            let p = try await ProjectLock.project(id, on: db)
            let s = try await PurchaseProjects.score(p, application: application, member: actor, noConflict: input.noConflict ?? false,
                                                     statement: input.conflictStatement, scores: scores, on: db)
            return Audited(SheetView(s), id: p.id, scope: p.scopeCode,
                           detail: "\(application.organizationName): " + (s.conflict ? "conflict declared" : "\(s.scores ?? [])"))
        }
        return try await sheet.encodeResponse(status: .created, for: req)
    }

    // MARK: - Reads (public)

    static func load(_ req: Request) async throws -> PurchaseProject {
        guard let id = req.parameters.get("id", as: UUID.self), let p = try await PurchaseProject.find(id, on: req.db) else { throw ShequError.notFound }
        return p
    }

    static func show(_ req: Request) async throws -> ProjectDetail { try await ProjectDetail.make(try await load(req), viewer: req.actor, on: req.db) }

    static func list(_ req: Request) async throws -> ListPage<ProjectView> {
        let stage = try stage(req)
        var q = PurchaseProject.query(on: req.db)
        if let stage { q = q.filter(\.$stage == stage) }
        return try await q.sort(\.$createdAt, .descending).sort(\.$id).paged(ListPageRequest(req), rows: { rows in
            try await ProjectView.make(rows, on: req.db)
        })
    }

    static func stage(_ req: Request) throws -> ProcurementStage? {
        guard let raw = req.queryValue("stage"), !raw.isEmpty else { return nil }
        guard let s = ProcurementStage(rawValue: raw) else { throw ShequError.invalid(.errorInvalidValue, "stage") }
        return s
    }

    static let stageQuery = QueryParameter.oneOf("stage", ProcurementStage.allCases.map(\.rawValue))
}
