import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform

/// The project's money in the ledger. The budget is checked against the district's allocation when the plan is
/// made, but reserved only at the award: a plan or a call may come to nothing, and money held for it would be
/// out of every other project's reach meanwhile; at the award the value is known (the winner's price) and moves
/// into the project's own agreement account, so the contract is paid from money that is there. Payments leave
/// that account for the organisation's; the evaluation returns what the contract did not use.
enum ProcurementMoney {
    static func district(of project: PurchaseProject) -> LedgerAccountKey {
        .districtAllocation(project.fundID, district: String(project.scopeCode.prefix(6)))
    }

    static func reserved(_ project: PurchaseProject) throws -> LedgerAccountKey {
        LedgerAccountKey(fundID: project.fundID, kind: .agreement, divisionCode: project.scopeCode, referenceID: try project.requireID())
    }

    static func citation(_ project: PurchaseProject) throws -> LedgerCitation {
        LedgerCitation(kind: .agreement, referenceID: try project.requireID(), document: String(("政府购买服务：" + project.title).prefix(200)))
    }

    static func available(for project: PurchaseProject, on db: any Database) async throws -> Money {
        try await FundsLedger.balance(of: district(of: project), on: db)
    }

    @discardableResult
    static func reserve(_ amount: Money, for project: PurchaseProject, by actor: String, on db: any Database) async throws -> UUID {
        try await FundsLedger.transfer(amount, from: district(of: project), to: try reserved(project), cites: try citation(project),
                                       memo: "award reserved", actor: actor, on: db)
    }

    static func pay(_ amount: Money, for project: PurchaseProject, to organization: UUID, milestone: String, by actor: String,
                    on db: any Database) async throws -> UUID {
        try await FundsLedger.transfer(amount, from: try reserved(project), to: .organization(project.fundID, organization: organization),
                                       cites: try citation(project), memo: milestone, actor: actor, on: db)
    }

    /// What the contract left unused goes back to the district's allocation.
    static func release(_ project: PurchaseProject, by actor: String, on db: any Database) async throws {
        let left = try await FundsLedger.balance(of: try reserved(project), on: db)
        guard left > .zero else { return }
        try await FundsLedger.transfer(left, from: try reserved(project), to: district(of: project), cites: try citation(project),
                                       memo: "unused contract value returned", actor: actor, on: db)
    }
}
