import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// W3's doors: the grading tables are public (the rules are policy, not personal); drafting, the preview of who
/// moves (names, grades and bands) and adopting are the city's.
enum RuleSetsAPIController {
    static let entity = "workforce_rule_set"

    struct RuleSetInput: Content, ValidatedInput {
        var name: String
        var scope: String?
        var posts: [WorkerGradeRules.Post]
        var stepYears: Int
        var educationYears: [String: Int]
        var certificateBonus: [String: Int]
        var appraisalYears: [String: Int]
        var payBandsFen: [Int64]
        static var inputSchema: InputSchema { WorkforceInputs.ruleSet }

        var rules: WorkerGradeRules {
            WorkerGradeRules(posts: posts, stepYears: stepYears, educationYears: educationYears, certificateBonus: certificateBonus,
                             appraisalYears: appraisalYears, payBandsFen: payBandsFen)
        }
    }

    struct RuleSetView: Content, Sendable {
        var id: UUID?
        var scope: String
        var name: String
        var state: RuleSetState
        var draftedBy: String
        var adoptedBy: String?
        var adoptedAt: Date?
        var rules: WorkerGradeRules
    }

    struct PreviewView: Content, Sendable {
        var ruleSet: RuleSetView
        var inForce: String
        var workers: Int
        var moves: [Grading.Move]
    }

    static func view(_ row: GradeRuleSet) throws -> RuleSetView {
        RuleSetView(id: row.id, scope: row.scope, name: row.name, state: row.state, draftedBy: row.draftedBy, adoptedBy: row.adoptedBy,
                    adoptedAt: row.adoptedAt, rules: try Grading.decode(row))
    }

    /// The default table, as a view, for a city with none adopted.
    static func defaultView(city: String) -> RuleSetView {
        RuleSetView(id: nil, scope: city, name: Phrase.wfDefaultRules.zh, state: .inForce, draftedBy: "—", rules: .sanGangShiBaJi)
    }

    static func draft(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(RuleSetInput.self)
        return try await draft(input, req: req).encodeResponse(status: .created, for: req)
    }

    /// The one drafting command, for the API route and the rules page (whose form lists the posts and bands as lines).
    static func draft(_ input: RuleSetInput, req: Request) async throws -> RuleSetView {
        let actor = try req.requireActor()
        let city = input.scope?.nilIfEmpty ?? Policy.scopes(of: actor, for: .workforceRules).first.map { String($0.prefix(4)) } ?? "4404"
        try await req.authorize(.workforceRules, on: Resource(divisionCode: city), entity: entity)
        let rules = input.rules
        let row = try await req.writeAudited("workforce.ruleSetDraft", entity: entity) { db in
            let r = try await RuleSets.draft(rules, name: input.name, city: city, by: actor.username, on: db)
            return Audited(r, id: r.id, scope: r.scope, detail: r.name)
        }
        return try view(row)
    }

    static func load(_ req: Request) async throws -> GradeRuleSet {
        guard let id = req.parameters.get("id", as: UUID.self), let row = try await GradeRuleSet.find(id, on: req.db) else { throw ShequError.notFound }
        return row
    }

    static func preview(_ req: Request) async throws -> PreviewView {
        let row = try await load(req)
        try await req.authorize(.workforceRules, on: Resource(divisionCode: row.scope), entity: entity, entityID: row.id?.uuidString)
        let result = try await Grading.preview(draft: try Grading.decode(row), city: row.scope, on: req.db)
        let current = try await Grading.inForce(city: row.scope, on: req.db).0
        return PreviewView(ruleSet: try view(row), inForce: current?.name ?? Phrase.wfDefaultRules.zh, workers: result.workers, moves: result.moves)
    }

    static func adopt(_ req: Request) async throws -> RuleSetView {
        let row = try await load(req)
        let actor = try await req.authorize(.workforceRules, on: Resource(divisionCode: row.scope), entity: entity, entityID: row.id?.uuidString)
        let adopted = try await req.writeAudited("workforce.ruleSetAdopt", entity: entity) { db in
            let r = try await RuleSets.adopt(row, by: actor.username, on: db)
            return Audited(r, id: r.id, scope: r.scope, detail: r.name)
        }
        return try view(adopted)
    }

    /// Every table of a city (the default when none was adopted first), newest first: public.
    static func list(_ req: Request) async throws -> [RuleSetView] {
        let city = try cityQuery(req)
        let rows = try await GradeRuleSet.query(on: req.db).filter(\.$scope == city).sort(\.$createdAt, .descending).limit(200).all()
        var views = try rows.map(view)
        if !rows.contains(where: { $0.state == .inForce }) { views.insert(defaultView(city: city), at: 0) }
        return views
    }

    static func cityQuery(_ req: Request) throws -> String {
        guard let raw = req.queryValue("city"), !raw.isEmpty else { return "4404" }
        guard raw.count == 4, raw.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { throw ShequError.invalid(.errorInvalidValue, "city") }
        return raw
    }

    static let cityParameter = QueryParameter("city", .string(maxLength: 4, minLength: 4))
}
