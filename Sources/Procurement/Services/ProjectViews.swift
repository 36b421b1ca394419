import Fluent
import Foundation
import ShequKernel
import Funds
import ShequPlatform
import Vapor

/// A project as lists show it (API, pages, CSV): amounts in fen and in yuan text.
struct ProjectView: Content {
    var id: UUID
    var title: String
    var area: ServiceArea
    var scopeCode: String
    var scopeName: String
    var stage: ProcurementStage
    var budgetFen: Int64
    var budget: String
    var termMonths: Int
    var method: ProcurementMethod?
    var closesOn: String?
    var winner: String?
    var contractPriceFen: Int64?
    var createdAt: Date?

    static func make(_ p: PurchaseProject, on db: any Database) async throws -> ProjectView { try await make([p], on: db)[0] }

    static func make(_ rows: [PurchaseProject], on db: any Database) async throws -> [ProjectView] {
        let codes = Array(Set(rows.map(\.scopeCode)))
        let names = codes.isEmpty ? [:] : Dictionary(try await Division.query(on: db).filter(\.$id ~~ codes).all().map { ($0.code, $0.name) },
                                                     uniquingKeysWith: { a, _ in a })
        let winners = rows.compactMap(\.winnerApplicationID)
        let winnerNames = winners.isEmpty ? [:] : Dictionary(try await ProcurementApplication.query(on: db).filter(\.$id ~~ winners).all()
            .compactMap { a in a.id.map { ($0, a.organizationName) } }, uniquingKeysWith: { a, _ in a })
        return try rows.map { p in
            ProjectView(id: try p.requireID(), title: p.title, area: p.area, scopeCode: p.scopeCode, scopeName: names[p.scopeCode] ?? p.scopeCode,
                        stage: p.stage, budgetFen: p.budgetFen, budget: p.budget.yuanText, termMonths: p.termMonths, method: p.method,
                        closesOn: p.closesOn, winner: p.winnerApplicationID.flatMap { winnerNames[$0] }, contractPriceFen: p.contractPriceFen,
                        createdAt: p.createdAt)
        }
    }
}

struct ApplicationView: Content {
    var id: UUID
    var organizationID: UUID
    var organizationName: String
    var isSocialOrganization: Bool
    var proposal: String
    var priceFen: Int64
    var price: String
    var createdAt: Date?

    init(_ a: ProcurementApplication) {
        id = a.id ?? UUID()
        organizationID = a.organizationID
        organizationName = a.organizationName
        isSocialOrganization = a.isSocialOrganization
        proposal = a.proposal
        priceFen = a.priceFen
        price = Money(fen: a.priceFen).yuanText
        createdAt = a.createdAt
    }
}

/// A conflict's free-text statement stays with the buyer and the audit log; the public sees that one was declared.
struct SheetView: Content {
    var applicationID: UUID
    var member: String
    var conflict: Bool
    var scores: [Int]?

    init(_ s: ProcurementSheet, member: String? = nil) {
        applicationID = s.applicationID
        self.member = member ?? s.member
        conflict = s.conflict
        scores = s.scores
    }
}

/// A panel seat as the public sees it once the award is made: the office that sat, not the account's username.
struct PanelSeatView: Content {
    var seat: String
    var role: Role
    var scopeCode: String
    var office: String
}

struct StandingView: Content {
    var application: ApplicationView
    /// Hundredths of a point (0…10000), nil until a member without a conflict has scored it.
    var total: Int?
    var quality: Int?
    var sheets: [SheetView]
}

struct PaymentView: Content {
    var milestone: String
    var amountFen: Int64
    var amount: String
    var ledgerTransactionID: UUID
    var paidBy: String
    var paidAt: Date?
}

struct SupervisionView: Content {
    var visitedOn: String
    var finding: SupervisionFinding
    var text: String
    /// The office that visited (`ActingOffice`), not an account.
    var recordedBy: String
}

/// Every stage of one project, public: the plan, the call (method and reason, invitees, criteria), the
/// applications with their scores, the award with its reasons (and B2's), the contract, payments, supervision and
/// the evaluation. While the call is open only the number of applications is public (an applicant's own staff
/// also see their own), so no bidder learns a rival's price; the panel is named only once the award is made, and
/// until then its sheets are by seat.
struct ProjectDetail: Content {
    var project: ProjectView
    var description: String
    var fundID: UUID
    var fundName: String
    var longTermReason: String?
    /// The office that planned it (`ActingOffice`), not an account; so are `evaluatedBy`, a report's `recordedBy` and a payment's `paidBy`.
    var plannedBy: String
    var methodReason: String?
    var invitees: [String]
    var weights: [Int]?
    var panel: [PanelSeatView]
    var applicationCount: Int
    var standings: [StandingView]
    var winnerApplicationID: UUID?
    var awardReason: String?
    var preferenceReason: String?
    /// B2: the social organisation the award passed over, when it did.
    var passedOver: String?
    var awardValueFen: Int64?
    var contract: ContractView?
    var paidFen: Int64
    var payments: [PaymentView]
    var supervision: [SupervisionView]
    var evaluationScore: Int?
    var evaluationSummary: String?
    var evaluatedBy: String?

    struct ContractView: Content {
        var content: String
        var quantity: String
        var quality: String
        var priceFen: Int64
        var price: String
        var settlement: String
        var liability: String
        var termStart: String
        var termEnd: String
    }

    static func make(_ p: PurchaseProject, viewer: Actor?, on db: any Database) async throws -> ProjectDetail {
        let id = try p.requireID()
        let all = try await ProcurementStandings.of(p, on: db)
        let sealed = p.stage == .planned || p.stage == .callOpen
        let own = Set(viewer?.organizationIDs ?? [])
        let standings = sealed ? all.filter { own.contains($0.application.organizationID) } : all
        let seats = try await ProcurementPanelMember.query(on: db).filter(\.$projectID == id).sort(\.$username).all()
        let named = p.winnerApplicationID != nil
        let seatLabel = Dictionary(seats.enumerated().map { ($1.accountID, "#\($0 + 1)") }, uniquingKeysWith: { a, _ in a })
        let inviteeIDs = try await ProcurementInvitee.query(on: db).filter(\.$projectID == id).all().map(\.organizationID)
        let inviteeNames = inviteeIDs.isEmpty ? [] : try await Organization.query(on: db).filter(\.$id ~~ inviteeIDs).sort(\.$name).all().map(\.name)
        var panel: [PanelSeatView] = []
        if named, !seats.isEmpty {
            let grants = try await Grant.query(on: db).filter(\.$account.$id ~~ seats.map(\.accountID)).all()
                .filter { $0.role != .resident && !Role.actingForABody.contains($0.role) }
            let scopes = Array(Set(grants.map(\.scope)))
            let offices = scopes.isEmpty ? [:] : Dictionary(try await Division.query(on: db).filter(\.$id ~~ scopes).all().map { ($0.code, $0.name) },
                                                            uniquingKeysWith: { a, _ in a })
            panel = seats.compactMap { s in
                guard let g = grants.first(where: { $0.$account.id == s.accountID }) else { return nil }
                return PanelSeatView(seat: seatLabel[s.accountID] ?? "#", role: g.role, scopeCode: g.scope, office: offices[g.scope] ?? g.scope)
            }
        }
        let payments = try await ProcurementPayment.query(on: db).filter(\.$projectID == id).sort(\.$createdAt).all()
        let reports = try await ProcurementSupervision.query(on: db).filter(\.$projectID == id).sort(\.$visitedOn).all()
        let office = try await ActingOffice.names(of: [p.plannedBy, p.evaluatedBy ?? ""] + reports.map(\.recordedBy) + payments.map(\.paidBy), on: db)
        let acting: (String) -> String = { office[$0] ?? "—" }
        var passedOver: String?
        if p.preferenceReason != nil, let w = p.winnerApplicationID {
            passedOver = ProcurementStandings.preferred(winner: w, all)?.application.organizationName
        }
        var contract: ContractView?
        if let price = p.contractPriceFen {
            contract = ContractView(content: p.contractContent ?? "", quantity: p.contractQuantity ?? "", quality: p.contractQuality ?? "",
                                    priceFen: price, price: Money(fen: price).yuanText, settlement: p.contractSettlement ?? "",
                                    liability: p.contractLiability ?? "", termStart: p.termStart ?? "", termEnd: p.termEnd ?? "")
        }
        return ProjectDetail(
            project: try await ProjectView.make(p, on: db), description: p.description, fundID: p.fundID,
            fundName: try await Fund.find(p.fundID, on: db)?.name ?? "", longTermReason: p.longTermReason, plannedBy: acting(p.plannedBy),
            methodReason: p.methodReason, invitees: inviteeNames, weights: p.method == nil ? nil : p.criteria.map(\.weight), panel: panel,
            applicationCount: all.count,
            standings: standings.map { s in
                StandingView(application: ApplicationView(s.application), total: s.result?.total, quality: s.result?.quality,
                             sheets: s.sheets.map { SheetView($0, member: seatLabel[$0.memberAccountID] ?? "#") })
            },
            winnerApplicationID: p.winnerApplicationID, awardReason: p.awardReason, preferenceReason: p.preferenceReason, passedOver: passedOver,
            awardValueFen: p.awardValueFen, contract: contract, paidFen: payments.reduce(0) { $0 + $1.amountFen },
            payments: payments.map { PaymentView(milestone: $0.milestone, amountFen: $0.amountFen, amount: Money(fen: $0.amountFen).yuanText,
                                                 ledgerTransactionID: $0.ledgerTransactionID, paidBy: acting($0.paidBy), paidAt: $0.createdAt) },
            supervision: reports.map { SupervisionView(visitedOn: $0.visitedOn, finding: $0.finding, text: $0.text, recordedBy: acting($0.recordedBy)) },
            evaluationScore: p.evaluationScore, evaluationSummary: p.evaluationSummary, evaluatedBy: p.evaluatedBy.map(acting))
    }
}
