import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SocialOrganizations

extension PurchaseProjects {
    static let passMark = 60

    /// The performance evaluation closes the contract: what the contract did not use returns to the district's
    /// allocation, and the result enters the organisation's integrity record (C3).
    static func evaluate(_ p: PurchaseProject, score: Int, summary: String, by actor: String, on db: any Database) async throws -> PurchaseProject {
        let next = try step(.evaluate, p)
        guard (0...100).contains(score) else { throw ShequError.invalid(.errorInvalidValue, "score", code: "out_of_range") }
        p.evaluationScore = score
        p.evaluationSummary = try ProcurementText.clean(summary, field: "summary", max: ProcurementInputs.textMax)
        p.evaluatedBy = actor
        p.evaluatedAt = Date()
        p.stage = next
        try await p.update(on: db)
        try await ProcurementMoney.release(p, by: actor, on: db)
        if let winnerID = p.winnerApplicationID, let winner = try await ProcurementApplication.find(winnerID, on: db) {
            let passed = score >= passMark
            let summary = String("政府购买服务绩效评价 \(passed ? "合格" : "不合格")（\(score)分）：\(p.title)".prefix(200))
            try await IntegrityRecord.add(IntegrityRecord.NewEntry(
                organizationID: winner.organizationID, kind: passed ? .good : .bad, source: .serviceEvaluation, summary: summary,
                evidence: String(p.evaluationSummary?.prefix(2000) ?? ""), sourceReference: "procurement-project:\(try p.requireID().uuidString)",
                recordedBy: actor, occurredOn: LocalDate(instant: Date())), on: db)
        }
        try await OCDSPublisher.publish(projectID: p.requireID(), tag: .contractTermination, on: db)
        return p
    }
}
