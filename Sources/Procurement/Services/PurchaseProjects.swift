import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform
import SocialOrganizations

/// B1–B3's commands, callable without HTTP (the API route, the page form and the demo all run these). Each runs
/// inside the caller's write transaction, with its audit entry; authorisation is the caller's.
public enum PurchaseProjects {
    public struct PlanDraft: Sendable {
        var title: String
        var area: ServiceArea
        var scopeCode: String
        var description: String
        var fundID: UUID
        var budget: Money
        var termMonths: Int
        var longTermReason: String?
        /// Art. 10: the buyer states this is a service, not goods, works, financing or its own hiring.
        var isService: Bool
    }

    static func plan(_ d: PlanDraft, by actor: String, on db: any Database) async throws -> PurchaseProject {
        guard d.isService else { throw ShequError.invalid(.procArt10, code: "art10_not_a_service") }
        let title = try ProcurementText.clean(d.title, field: "title", max: ProcurementInputs.titleMax)
        let description = try ProcurementText.clean(d.description, field: "description", max: ProcurementInputs.textMax)
        let scope = d.scopeCode.trimmingCharacters(in: .whitespaces)
        guard ProcurementText.isDigits(scope), scope.count == 6 || scope.count == 9, let division = try await Division.find(scope, on: db),
              division.level == .street || division.level == .district else {
            throw ShequError.invalid(.procScopeNotBuyer, ProcurementText.shown(scope), code: "invalid_scope")
        }
        guard try await Fund.find(d.fundID, on: db) != nil else { throw ShequError.invalid(.procUnknownFund, code: "unknown_fund") }
        guard d.budget > .zero, d.budget <= Money.largest else { throw ShequError.invalid(.errorInvalidValue, "budget", code: "invalid_amount") }
        let reason = try d.longTermReason.flatMap { try ProcurementText.optional($0, field: "longTermReason", max: ProcurementInputs.reasonMax) }
        do { try PurchaseTerm.check(months: d.termMonths, longTermReason: reason) } catch {
            switch error {
            case .reasonRequired: throw ShequError.invalid(.procTermReason, " (\(d.termMonths))", code: "art24_reason_required")
            case .notPositive, .tooLong: throw ShequError.invalid(.procTermTooLong, " (\(d.termMonths))", code: "art24_term")
            }
        }
        let p = PurchaseProject()
        p.id = UUID()
        p.title = title
        p.area = d.area
        p.scopeCode = scope
        p.description = description
        p.fundID = d.fundID
        p.budgetFen = d.budget.fen
        p.termMonths = d.termMonths
        p.longTermReason = d.termMonths > PurchaseTerm.usualMonths ? reason : nil
        p.stage = .planned
        p.plannedBy = actor
        let available = try await ProcurementMoney.available(for: p, on: db)
        guard d.budget <= available else {
            throw ShequError.invalid(.procBudgetOverFund, "\(d.budget.yuanText) > \(available.yuanText)", code: "budget_over_fund")
        }
        try await p.create(on: db)
        try await OCDSPublisher.publish(projectID: p.requireID(), tag: .planning, on: db)
        return p
    }

    public struct CallDraft: Sendable {
        var method: ProcurementMethod
        var reason: String?
        var invitees: [UUID]
        var closesOn: LocalDate
        var weightQuality: Int
        var weightExperience: Int
        var weightPrice: Int
        var panel: [String]
    }

    static func publishCall(_ p: PurchaseProject, _ d: CallDraft, today: LocalDate, on db: any Database) async throws -> PurchaseProject {
        let next = try step(.publishCall, p)
        let reason = try d.reason.flatMap { try ProcurementText.optional($0, field: "reason", max: ProcurementInputs.reasonMax) }
        if d.method.needsReason, reason == nil { throw ShequError.invalid(.procDirectReason, code: "direct_reason_required") }
        let invitees = Array(Set(d.invitees)).sorted { $0.uuidString < $1.uuidString }
        guard d.method.invitees.contains(invitees.count) else {
            throw ShequError.invalid(.procInvitees, " (\(d.method.rawValue): \(d.method.invitees.lowerBound)–\(d.method.invitees.upperBound))",
                                     code: "invitees")
        }
        for id in invitees { _ = try await ProcurementEligibility.require(id, on: db) }
        guard d.closesOn >= today else { throw ShequError.invalid(.procClosesInPast, d.closesOn.description, code: "closes_in_past") }
        let criteria = [ScoringCriterion(weight: d.weightQuality, isQuality: true), ScoringCriterion(weight: d.weightExperience, isQuality: false),
                        ScoringCriterion(weight: d.weightPrice, isQuality: false)]
        do { try PanelScoring.checkWeights(criteria) } catch {
            throw ShequError.invalid(.procWeights, " (\(d.weightQuality) + \(d.weightExperience) + \(d.weightPrice))", code: "weights")
        }
        let names = Array(Set(d.panel.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })).sorted()
        guard (ProcurementInputs.panelMin...PanelScoring.maxMembers).contains(names.count) else {
            throw ShequError.invalid(.procPanelSize, " (\(ProcurementInputs.panelMin)–\(PanelScoring.maxMembers))", code: "panel_size")
        }
        let accounts = try await Account.query(on: db).filter(\.$username ~~ names).all()
        guard accounts.count == names.count else {
            let missing = Set(names).subtracting(accounts.map(\.username)).sorted().joined(separator: ", ")
            throw ShequError.invalid(.procPanelUnknown, ProcurementText.shown(missing), code: "panel_unknown")
        }
        // The panel judges for the buyer: only officials, and none who acts for an organisation (it may apply).
        let grants = try await Grant.query(on: db).filter(\.$account.$id ~~ accounts.compactMap(\.id)).all()
        let unfit = accounts.filter { a in
            let mine = grants.filter { $0.$account.id == a.id }
            return mine.contains { $0.role == .organizationStaff } || !mine.contains { $0.role != .resident && !Role.actingForABody.contains($0.role) }
        }.map(\.username).sorted()
        guard unfit.isEmpty else {
            throw ShequError.invalid(.procPanelNotOfficial, ProcurementText.shown(unfit.joined(separator: ", ")), code: "panel_not_official")
        }
        let id = try p.requireID()
        p.method = d.method
        p.methodReason = reason
        p.closesOn = d.closesOn.description
        p.weightQuality = d.weightQuality
        p.weightExperience = d.weightExperience
        p.weightPrice = d.weightPrice
        p.stage = next
        try await p.update(on: db)
        for org in invitees { try await ProcurementInvitee(projectID: id, organizationID: org).create(on: db) }
        for a in accounts { try await ProcurementPanelMember(projectID: id, accountID: try a.requireID(), username: a.username).create(on: db) }
        try await OCDSPublisher.publish(projectID: p.requireID(), tag: .tender, on: db)
        return p
    }

    static func apply(_ p: PurchaseProject, organization: UUID, proposal: String, price: Money, by actor: String, today: LocalDate,
                      on db: any Database) async throws -> ProcurementApplication {
        guard p.stage.acceptsApplications, let closes = p.closesOn.flatMap(LocalDate.init), today <= closes else {
            throw ShequError(.conflict, .procCallClosed, code: "call_closed")
        }
        let id = try p.requireID()
        if p.method?.namesInvitees == true {
            guard try await ProcurementInvitee.query(on: db).filter(\.$projectID == id).filter(\.$organizationID == organization).count() > 0 else {
                throw ShequError(.forbidden, .procNotInvited, code: "not_invited")
            }
        }
        let eligible = try await ProcurementEligibility.require(organization, on: db)
        guard price > .zero, price <= p.budget else {
            throw ShequError.invalid(.procPriceOverBudget, "\(price.yuanText) > \(p.budget.yuanText)", code: "price_over_budget")
        }
        guard try await ProcurementApplication.query(on: db).filter(\.$projectID == id).filter(\.$organizationID == organization).count() == 0 else {
            throw ShequError(.conflict, .procAlreadyApplied, code: "already_applied")
        }
        let a = ProcurementApplication()
        a.id = UUID()
        a.projectID = id
        a.organizationID = organization
        a.organizationName = eligible.name
        a.isSocialOrganization = true
        a.proposal = try ProcurementText.clean(proposal, field: "proposal", max: ProcurementInputs.textMax)
        a.priceFen = price.fen
        a.submittedBy = actor
        try await a.create(on: db)
        return a
    }

    /// The call runs through its announced closing day (applications are taken on it), so it closes only after it.
    static func closeCall(_ p: PurchaseProject, today: LocalDate, on db: any Database) async throws -> PurchaseProject {
        let next = try step(.closeCall, p)
        if let closes = p.closesOn.flatMap(LocalDate.init), today <= closes {
            throw ShequError.invalid(.procCallNotYetClosed, closes.description, code: "call_not_yet_closed")
        }
        guard try await ProcurementApplication.query(on: db).filter(\.$projectID == p.requireID()).count() > 0 else {
            throw ShequError(.conflict, .procNoApplications, code: "no_applications")
        }
        p.stage = next
        try await p.update(on: db)
        try await OCDSPublisher.publish(projectID: p.requireID(), tag: .tender, on: db)
        return p
    }

    /// One panel member's declaration and scores for one application. A member who declares a conflict of interest
    /// is excluded from that application and gives no scores; a member who is staff of the applicant must declare one.
    static func score(_ p: PurchaseProject, application a: ProcurementApplication, member: Actor, noConflict: Bool, statement: String?,
                      scores: [Int]?, on db: any Database) async throws -> ProcurementSheet {
        guard p.stage.acceptsScores else { throw ShequError(.conflict, .procNotScoring, code: "not_scoring") }
        let appID = try a.requireID()
        // Staff of any applicant (granted after the call) judge none of its rivals either.
        let applicants = try await ProcurementApplication.query(on: db).filter(\.$projectID == p.requireID()).all().map(\.organizationID)
        guard Set(applicants).isDisjoint(with: member.organizationIDs) else {
            throw ShequError(.forbidden, .procPanelStaffOfApplicant, code: "panel_staff_of_applicant")
        }
        if let earlier = try await ProcurementSheet.query(on: db).filter(\.$applicationID == appID).filter(\.$memberAccountID == member.accountID).first() {
            throw ShequError(.conflict, earlier.conflict ? .procConflictedExcluded : .procAlreadyScored, code: earlier.conflict ? "conflict_declared" : "already_scored")
        }
        let s = ProcurementSheet()
        s.projectID = try p.requireID()
        s.applicationID = appID
        s.memberAccountID = member.accountID
        s.member = member.username
        if noConflict {
            if member.organizationIDs.contains(a.organizationID) { throw ShequError.invalid(.procOwnOrganization, code: "conflict_own_organization") }
            guard let scores else { throw ShequError.invalid(.errorMissingField, "scores", code: "missing_field") }
            do { try PanelScoring.checkSheet(scores, criteria: p.criteria) } catch {
                throw ShequError.invalid(.procScoreRange, " (0–\(PanelScoring.maxScore))", code: "score_out_of_range")
            }
            s.conflict = false
            s.scoreQuality = scores[0]
            s.scoreExperience = scores[1]
            s.scorePrice = scores[2]
        } else {
            guard scores == nil || scores?.isEmpty == true else { throw ShequError.invalid(.procConflictedScoring, code: "conflicted_scoring") }
            s.conflict = true
            s.conflictStatement = try ProcurementText.clean(statement ?? "", field: "conflictStatement", max: ProcurementInputs.reasonMax)
        }
        try await s.create(on: db)
        return s
    }

    /// The award, with its reasons: every application scored by at least one member without a conflict; B2's
    /// preference followed or the pass-over explained; the winner's price reserved in the ledger.
    static func award(_ p: PurchaseProject, application winnerID: UUID, reason: String, preferenceReason: String?, by actor: String,
                      on db: any Database) async throws -> PurchaseProject {
        let next = try step(.award, p)
        let standings = try await ProcurementStandings.of(p, on: db)
        guard standings.allSatisfy({ $0.result != nil }) else { throw ShequError(.conflict, .procNotAllScored, code: "not_all_scored") }
        // Every seat hands in a sheet (scores or a declared conflict) for every application: none is skipped in silence.
        let seats = Set(try await ProcurementPanelMember.query(on: db).filter(\.$projectID == p.requireID()).all().map(\.accountID))
        guard standings.allSatisfy({ s in seats.isSubset(of: s.sheets.map(\.memberAccountID)) }) else {
            throw ShequError(.conflict, .procSheetsMissing, code: "sheets_missing")
        }
        guard let winner = standings.first(where: { $0.application.id == winnerID }) else {
            throw ShequError.invalid(.procNotAnApplicant, code: "not_an_applicant")
        }
        let reason = try ProcurementText.clean(reason, field: "reason", max: ProcurementInputs.reasonMax)
        let preference = try preferenceReason.flatMap { try ProcurementText.optional($0, field: "preferenceReason", max: ProcurementInputs.reasonMax) }
        if ProcurementStandings.passesOverPreference(winner: winnerID, standings) {
            guard preference != nil else { throw ShequError.invalid(.procPreferenceReasonRequired, code: "b2_reason_required") }
        }
        _ = try await ProcurementEligibility.require(winner.application.organizationID, on: db)
        p.winnerApplicationID = winnerID
        p.awardReason = reason
        p.preferenceReason = ProcurementStandings.passesOverPreference(winner: winnerID, standings) ? preference : nil
        p.awardValueFen = winner.application.priceFen
        p.awardedAt = Date()
        p.stage = next
        try await p.update(on: db)
        try await ProcurementMoney.reserve(Money(fen: winner.application.priceFen), for: p, by: actor, on: db)
        try await OCDSPublisher.publish(projectID: p.requireID(), tag: .award, on: db)
        return p
    }

    public struct ContractDraft: Sendable {
        var content: String
        var quantity: String
        var quality: String
        var settlement: String
        var liability: String
        var price: Money
        var termStart: LocalDate
    }

    /// Art. 23's contents, the term as planned (Art. 24), a price within the award's value.
    static func contract(_ p: PurchaseProject, _ d: ContractDraft, on db: any Database) async throws -> PurchaseProject {
        let next = try step(.contract, p)
        let award = Money(fen: p.awardValueFen ?? 0)
        guard d.price > .zero, d.price <= award else {
            throw ShequError.invalid(.procContractOverAward, "\(d.price.yuanText) > \(award.yuanText)", code: "price_over_award")
        }
        p.contractContent = try ProcurementText.clean(d.content, field: "content", max: ProcurementInputs.textMax)
        p.contractQuantity = try ProcurementText.clean(d.quantity, field: "quantity", max: ProcurementInputs.reasonMax)
        p.contractQuality = try ProcurementText.clean(d.quality, field: "quality", max: ProcurementInputs.reasonMax)
        p.contractSettlement = try ProcurementText.clean(d.settlement, field: "settlement", max: ProcurementInputs.reasonMax)
        p.contractLiability = try ProcurementText.clean(d.liability, field: "liability", max: ProcurementInputs.reasonMax)
        // A term that starts from the policy's years to a year ahead: a contract, not a date typed at random.
        let today = LocalDate(instant: Date())
        guard let earliest = LocalDate(year: 2010, month: 1, day: 1), d.termStart >= earliest, d.termStart <= today.adding(days: 366) else {
            throw ShequError.invalid(.procImplausibleDate, "termStart", code: "implausible_date")
        }
        p.contractPriceFen = d.price.fen
        p.termStart = d.termStart.description
        // The term's last day: the day before the same date `termMonths` later.
        p.termEnd = d.termStart.monthsAfter(p.termMonths).adding(days: -1).description
        p.contractedAt = Date()
        p.stage = next
        try await p.update(on: db)
        try await OCDSPublisher.publish(projectID: p.requireID(), tag: .contract, on: db)
        return p
    }

    /// A milestone paid: never past the contract's value (checked here) nor the money reserved for it (the ledger).
    static func pay(_ p: PurchaseProject, milestone: String, amount: Money, by actor: String, on db: any Database) async throws -> ProcurementPayment {
        guard p.stage.isUnderContract, let price = p.contractPriceFen, let winnerID = p.winnerApplicationID,
              let winner = try await ProcurementApplication.find(winnerID, on: db) else {
            throw ShequError(.conflict, .procNotUnderContract, code: "not_under_contract")
        }
        let id = try p.requireID()
        let paid = try await ProcurementPayment.query(on: db).filter(\.$projectID == id).all().map(\.amountFen).reduce(Int64(0)) { $0 + $1 }
        guard amount > .zero, let after = Money(fen: paid).adding(amount), after <= Money(fen: price) else {
            throw ShequError.invalid(.procPaymentOverContract, "\(amount.yuanText) + \(Money(fen: paid).yuanText) > \(Money(fen: price).yuanText)",
                                     code: "over_contract_value")
        }
        let milestone = try ProcurementText.clean(milestone, field: "milestone", max: ProcurementInputs.titleMax)
        let tx = try await ProcurementMoney.pay(amount, for: p, to: winner.organizationID, milestone: milestone, by: actor, on: db)
        let payment = ProcurementPayment()
        payment.projectID = id
        payment.milestone = milestone
        payment.amountFen = amount.fen
        payment.ledgerTransactionID = tx
        payment.paidBy = actor
        try await payment.create(on: db)
        try await OCDSPublisher.publish(projectID: p.requireID(), tag: .implementation, on: db)
        return payment
    }

    static func supervise(_ p: PurchaseProject, visitedOn: LocalDate, finding: SupervisionFinding, text: String, by actor: String,
                          on db: any Database) async throws -> ProcurementSupervision {
        guard p.stage.isUnderContract else { throw ShequError(.conflict, .procNotUnderContract, code: "not_under_contract") }
        // A visit made during the contract's term, and not in the future.
        guard let start = p.termStart.flatMap(LocalDate.init), visitedOn >= start, visitedOn <= LocalDate(instant: Date()) else {
            throw ShequError.invalid(.procImplausibleDate, "visitedOn", code: "implausible_date")
        }
        let r = ProcurementSupervision()
        r.projectID = try p.requireID()
        r.visitedOn = visitedOn.description
        r.finding = finding
        r.text = try ProcurementText.clean(text, field: "text", max: ProcurementInputs.textMax)
        r.recordedBy = actor
        try await r.create(on: db)
        try await OCDSPublisher.publish(projectID: p.requireID(), tag: .implementation, on: db)
        return r
    }

    static func step(_ step: ProcurementStep, _ p: PurchaseProject) throws -> ProcurementStage {
        do { return try step.next(from: p.stage) } catch {
            throw ShequError(.conflict, Phrase(zh: Phrase.procOutOfOrder.zh + p.stage.phrase.zh, en: Phrase.procOutOfOrder.en + p.stage.phrase.en),
                             code: "out_of_order")
        }
    }
}
