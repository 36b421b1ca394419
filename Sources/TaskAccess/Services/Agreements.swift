import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform

struct AgreementTerms: Sendable {
    var kind: AgreementKind
    var termStart: LocalDate
    var termEnd: LocalDate
    var deliverables: String
    var inspectionSchedule: String

    func checked() throws -> AgreementTerms {
        if kind == .responsibilityLetter { throw ShequError.invalid(.ruleA4NoResponsibilityLetters, code: "rule_a4_responsibility_letter") }
        guard termStart <= termEnd else { throw ShequError.invalid(.errorInvalidValue, "termEnd") }
        var t = self
        t.deliverables = try TaskRules.clean(deliverables, field: "deliverables", max: 4000)
        t.inspectionSchedule = try TaskRules.clean(inspectionSchedule, field: "inspectionSchedule", max: 500)
        return t
    }
}

/// A4: agreements that follow an approved plan, legacy letters' only ways out, inspections and payments.
enum Agreements {
    /// One agreement per district or per committee as the plan says; each takes its share of the plan's
    /// reserved money into its own account, citing the agreement.
    static func make(from plan: TaskPlan, terms input: AgreementTerms, by actor: String, on db: any Database) async throws -> [TaskAgreement] {
        guard plan.state == .approved else { throw ShequError(.conflict, .agreementNeedsApprovedPlan, code: "plan_not_approved") }
        let terms = try input.checked()
        let planID = try plan.requireID()
        guard try await TaskAgreement.query(on: db).filter(\.$planID == planID).count() == 0 else {
            throw ShequError(.conflict, .agreementsExist, code: "agreements_exist")
        }
        let communities = try await Plans.communities(of: planID, on: db)
        let groups: [(String, [String])] = switch plan.grouping {
        case .perCommittee: communities.map { ($0, [$0]) }
        case .perDistrict: Dictionary(grouping: communities) { String($0.prefix(DivisionLevel.district.codeLength)) }
            .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        var made: [TaskAgreement] = []
        for (party, members) in groups {
            guard let funding = plan.amountPerCommittee.multiplied(by: Int64(members.count)) else {
                throw ShequError.invalid(.errorInvalidValue, "amountPerCommittee")
            }
            let a = TaskAgreement()
            a.planID = planID
            a.departmentID = plan.departmentID
            a.kind = terms.kind
            a.state = .active
            a.divisionCode = party
            a.title = plan.title
            a.termStart = terms.termStart.description
            a.termEnd = terms.termEnd.description
            a.deliverables = terms.deliverables
            a.inspectionSchedule = terms.inspectionSchedule
            a.fundID = plan.fundID
            a.fundingFen = funding.fen
            try await a.create(on: db)
            let id = try a.requireID()
            for c in members { try await AgreementCommunity(agreementID: id, divisionCode: c, promised: plan.amountPerCommittee).create(on: db) }
            try await FundsLedger.transfer(funding, from: .plan(plan.fundID, plan: planID, department: plan.departmentID, reach: plan.reach),
                                           to: .agreement(plan.fundID, agreement: id, department: plan.departmentID, divisionCode: party),
                                           cites: LedgerCitation(kind: .agreement, referenceID: id, document: plan.title),
                                           memo: "\(terms.kind.rawValue) agreement with \(party)", actor: actor, on: db)
            made.append(a)
        }
        return made
    }

    /// A legacy letter becomes an entrustment or purchase-of-service agreement with the same party and term.
    static func convert(_ letter: TaskAgreement, to kind: AgreementKind, reason: String, on db: any Database) async throws -> TaskAgreement {
        guard letter.kind == .responsibilityLetter, letter.state == .active else {
            throw ShequError(.conflict, .agreementNotConvertible, code: "not_convertible")
        }
        if kind == .responsibilityLetter { throw ShequError.invalid(.ruleA4NoResponsibilityLetters, code: "rule_a4_responsibility_letter") }
        let reason = try TaskRules.clean(reason, field: "reason", max: 2000)
        let a = TaskAgreement()
        a.planID = letter.planID
        a.departmentID = letter.departmentID
        a.kind = kind
        a.state = .active
        a.divisionCode = letter.divisionCode
        a.title = letter.title
        a.termStart = letter.termStart
        a.termEnd = letter.termEnd
        a.deliverables = letter.deliverables
        a.inspectionSchedule = letter.inspectionSchedule
        a.fundID = letter.fundID
        a.fundingFen = 0
        a.convertedFrom = try letter.requireID()
        try await a.create(on: db)
        let id = try a.requireID()
        for c in try await AgreementCommunity.query(on: db).filter(\.$agreementID == letter.requireID()).all() {
            try await AgreementCommunity(agreementID: id, divisionCode: c.divisionCode, promised: Money(fen: c.promisedFen)).create(on: db)
        }
        letter.state = .converted
        letter.closingReason = reason
        try await letter.update(on: db)
        return a
    }

    static func terminate(_ agreement: TaskAgreement, reason: String, on db: any Database) async throws -> TaskAgreement {
        guard agreement.state == .active else { throw ShequError(.conflict, .agreementNotActive, code: "not_active") }
        agreement.state = .terminated
        agreement.closingReason = try TaskRules.clean(reason, field: "reason", max: 2000)
        try await agreement.update(on: db)
        return agreement
    }

    static func inspect(_ agreement: TaskAgreement, on date: LocalDate, result: InspectionResult, findings: String, by actor: String,
                        on db: any Database) async throws -> AgreementInspection {
        guard agreement.kind != .responsibilityLetter else { throw ShequError(.conflict, .agreementNotActive, code: "not_active") }
        let i = AgreementInspection()
        i.agreementID = try agreement.requireID()
        i.inspectedOn = date.description
        i.result = result
        i.findings = try TaskRules.clean(findings, field: "findings", max: 4000)
        i.recordedBy = actor
        try await i.create(on: db)
        return i
    }

    /// Pays a committee the agreement covers from the agreement's account; the ledger refuses an overdraft.
    static func disburse(_ agreement: TaskAgreement, amount: Money, to community: String, memo: String, by actor: String,
                         on db: any Database) async throws -> AgreementDisbursement {
        guard agreement.state == .active, agreement.kind != .responsibilityLetter, let fund = agreement.fundID else {
            throw ShequError(.conflict, .agreementNotActive, code: "not_active")
        }
        let id = try agreement.requireID()
        guard try await AgreementCommunity.query(on: db).filter(\.$agreementID == id).filter(\.$divisionCode == community).count() > 0 else {
            throw ShequError.invalid(.disbursementOutsideAgreement, community, code: "not_covered")
        }
        let memo = try TaskRules.clean(memo, field: "memo", max: 500, required: false)
        let tx = try await FundsLedger.transfer(amount, from: .agreement(fund, agreement: id, department: agreement.departmentID,
                                                                         divisionCode: agreement.divisionCode),
                                                to: .committee(fund, community: community),
                                                cites: LedgerCitation(kind: .agreement, referenceID: id, document: agreement.title),
                                                memo: memo.isEmpty ? "disbursement to \(community)" : memo, actor: actor, on: db)
        let d = AgreementDisbursement()
        d.agreementID = id
        d.divisionCode = community
        d.amountFen = amount.fen
        d.ledgerTransactionID = tx
        d.memo = memo
        d.paidBy = actor
        try await d.create(on: db)
        return d
    }
}
