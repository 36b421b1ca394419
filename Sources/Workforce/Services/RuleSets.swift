import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit

/// Grading tables are drafted, previewed (who moves) and adopted by the city; adopting retires the table in force in
/// one transaction, and only a draft can be adopted, once.
public enum RuleSets {
    public static func draft(_ rules: WorkerGradeRules, name: String, city: String, by actor: String, on db: any Database) async throws -> GradeRuleSet {
        do { try rules.validate() } catch {
            throw ShequError.invalid(.wfRulesInvalid, describe(error), code: "rules_invalid")
        }
        guard city.count == 4, city.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let d = try await Division.find(city, on: db), d.level == .city else {
            throw ShequError.invalid(.wfNotCity, String(city.prefix(4)), code: "not_city")
        }
        let row = GradeRuleSet()
        row.id = UUID()
        row.scope = city
        row.name = try PlainText.clean(name, field: "name", max: WorkforceInputs.ruleSetNameMax)
        row.rulesJSON = try Grading.encode(rules)
        row.state = .draft
        row.draftedBy = actor
        try await row.create(on: db)
        return row
    }

    /// The draft comes into force; the table it replaces retires. A conditional update, so two adoptions at once
    /// cannot both win.
    public static func adopt(_ row: GradeRuleSet, by actor: String, on db: any Database) async throws -> GradeRuleSet {
        let id = try row.requireID()
        // A table that leaves a current worker without a grade (their post dropped) is not adopted.
        let ungraded = try await Grading.preview(draft: try Grading.decode(row), city: row.scope, on: db).moves.filter { $0.gradeDraft == nil }
        guard ungraded.isEmpty else {
            throw ShequError(.conflict, .wfRulesLeaveUngraded, detail: ungraded.prefix(5).map(\.name).joined(separator: ", "), code: "workers_left_ungraded")
        }
        guard let sql = db as? any SQLDatabase else { throw ShequError.notFound }
        let won = try await sql.raw("""
            UPDATE \(ident: GradeRuleSet.schema) SET state = \(bind: RuleSetState.inForce.rawValue)
            WHERE id = \(bind: id) AND state = \(bind: RuleSetState.draft.rawValue) RETURNING id
            """).all()
        guard !won.isEmpty else { throw ShequError(.conflict, .wfRuleSetNotDraft, code: "not_a_draft") }
        try await GradeRuleSet.query(on: db).filter(\.$scope == row.scope).filter(\.$state == .inForce).filter(\.$id != id)
            .set(\.$state, to: .retired).update()
        guard let adopted = try await GradeRuleSet.find(id, on: db) else { throw ShequError.notFound }
        adopted.adoptedBy = actor
        adopted.adoptedAt = Date()
        try await adopted.save(on: db)
        return adopted
    }

    static func describe(_ p: WorkerGradeRules.Problem) -> String {
        switch p {
        case .noPosts: "posts"
        case .tooManyPosts: "posts (≤ \(WorkerGradeRules.postsMax))"
        case .badPost(let c): "posts: \(c.prefix(20))"
        case .duplicatePost(let c): "posts: \(c.prefix(20)) ×2"
        case .gradeOutOfRange(let c): "posts: \(c.prefix(20)) lowest ≤ highest, \(WorkerGradeRules.gradeRange)"
        case .noBandFor(let g): "payBandsFen: grade \(g)"
        case .bandOutOfRange(let g): "payBandsFen: grade \(g)"
        case .bandsDecrease(let g): "payBandsFen: grade \(g) < grade \(g - 1)"
        case .stepYearsOutOfRange: "stepYears"
        case .valueOutOfRange(let f), .unknownKey(let f), .unknownPost(let f): f
        case .overflow: "overflow"
        }
    }
}
