import Fluent
import Foundation
import ShequKernel
import ShequPlatform

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
        try await OCDSPublisher.publish(projectID: p.requireID(), tag: .contractTermination, on: db)
        return p
    }
}
