import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

extension Fund: Content {}

/// F1's routes: funds, contributions, allocations (the leading-group office), the ledger's entries (officials
/// in scope) and the reports. Thin: the rules are in `Funds` and `FundsLedger`, the arithmetic in `FundsSnapshot`.
enum FundsAPIController {
    struct FundInput: Content, ValidatedInput {
        var name: String
        var kind: FundKind
        var firstYear: Int
        var lastYear: Int
        var document: String
        var divisionCode: String?
        static var inputSchema: InputSchema { FundsInputs.fund }
    }

    struct ContributionInput: Content, ValidatedInput {
        var amountFen: Int64?
        var amount: String?
        var divisionCode: String
        var document: String
        var memo: String?
        static var inputSchema: InputSchema { FundsInputs.contribution }
    }

    struct AllocationInput: Content, ValidatedInput {
        var amountFen: Int64?
        var amount: String?
        var district: String
        var document: String
        var memo: String?
        /// A form's "from the pot" choice sends it empty: text, read by `BudgetLines.id`.
        var budgetLineID: String?
        static var inputSchema: InputSchema { FundsInputs.allocation }
    }

    struct Movement: Content {
        var transactionID: UUID
        var fundID: UUID
        /// In fen.
        var amount: Money
        var from: LedgerAccountKey
        var to: LedgerAccountKey
    }

    /// The city a fund belongs to when the request names none: the demo city and F1's, Zhuhai.
    static let defaultCity = "4404"

    static func create(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(FundInput.self)
        let level = input.divisionCode ?? defaultCity
        let actor = try await req.authorize(.fundCreate, at: level, entity: "fund")
        guard level.count == 4, try await Division.find(level, on: req.db) != nil else {
            throw ShequError.invalid(.errorUnknownDivision, level, code: "invalid_division")
        }
        let fund = try await req.writeAudited("fund.create", entity: "fund") { db in
            let fund = try await Funds.create(name: input.name, kind: input.kind, firstYear: input.firstYear, lastYear: input.lastYear,
                                              document: input.document, divisionCode: level, by: actor.username, on: db)
            return Audited(fund, id: fund.id, scope: level, detail: "\(fund.name) \(fund.document)")
        }
        return try await fund.encodeResponse(status: .created, for: req)
    }

    static func load(_ req: Request) async throws -> Fund {
        guard let id = req.parameters.get("id", as: UUID.self), let fund = try await Fund.find(id, on: req.db) else { throw ShequError.notFound }
        return fund
    }

    static func contribute(_ req: Request) async throws -> Response {
        let fund = try await load(req)
        let input = try req.validatedContent(ContributionInput.self)
        let actor = try await req.authorize(.fundContribute, at: input.divisionCode, entity: "fund", entityID: fund.id?.uuidString)
        let amount = try Funds.amount(fen: input.amountFen, yuan: input.amount)
        try await Funds.requireGovernment(input.divisionCode, of: fund, on: req.db)
        let fundID = try fund.requireID()
        let movement = try await req.writeAudited("fund.contribute", entity: "fund") { db in
            let tx = try await Funds.contribute(amount, to: fund, by: input.divisionCode, document: input.document, memo: input.memo ?? "",
                                                actor: actor.username, on: db)
            return Audited(Movement(transactionID: tx, fundID: fundID, amount: amount, from: .contribution(fundID, by: input.divisionCode), to: .fund(fundID)),
                           id: fundID, scope: input.divisionCode, detail: "\(amount.fen) fen \(input.document) tx \(tx.uuidString)")
        }
        return try await movement.encodeResponse(status: .created, for: req)
    }

    static func allocate(_ req: Request) async throws -> Response {
        let fund = try await load(req)
        let input = try req.validatedContent(AllocationInput.self)
        let actor = try await req.authorize(.fundAllocate, at: fund.divisionCode, entity: "fund", entityID: fund.id?.uuidString)
        let amount = try Funds.amount(fen: input.amountFen, yuan: input.amount)
        try await Funds.requireDistrict(input.district, of: fund, on: req.db)
        let line = try await BudgetLines.find(input.budgetLineID, of: fund, on: req.db)
        let fundID = try fund.requireID()
        let source: LedgerAccountKey = try line.map { .budgetLine(fundID, line: try $0.requireID()) } ?? .fund(fundID)
        let movement = try await req.writeAudited("fund.allocate", entity: "fund") { db in
            let tx = try await Funds.allocate(amount, of: fund, to: input.district, from: line, document: input.document,
                                              memo: input.memo ?? "", actor: actor.username, on: db)
            let from = line.map { " from \($0.code)" } ?? ""
            return Audited(Movement(transactionID: tx, fundID: fundID, amount: amount, from: source,
                                    to: .districtAllocation(fundID, district: input.district)),
                           id: fundID, scope: input.district,
                           detail: "\(amount.fen) fen\(from) → \(input.district) \(input.document) tx \(tx.uuidString)")
        }
        return try await movement.encodeResponse(status: .created, for: req)
    }

    // MARK: - Read side

    static func list(_ req: Request) async throws -> [FundsReport.FundRow] {
        try await FundsReport.funds(from: snapshot(req, fund: nil), on: req.db)
    }

    /// The net flows as of now, from this instance's running sums (caught up with every instance's writes).
    static func snapshot(_ req: Request, fund: UUID?) async throws -> FundsSnapshot {
        try await req.application.fundsFlowCache.snapshot(fund: fund, on: req.db)
    }

    struct FundDetail: Content {
        var fund: FundsReport.FundRow
        var districts: [FundsReport.Row]
        var budgetLines: [BudgetLineReport.Row]
    }

    static func show(_ req: Request) async throws -> FundDetail {
        let fundID = try await load(req).requireID()
        // One snapshot serves the fund's figures and its districts'.
        let figures = try await snapshot(req, fund: fundID)
        guard let row = try await FundsReport.funds(only: fundID, from: figures, on: req.db).first else { throw ShequError.notFound }
        return FundDetail(fund: row, districts: try await FundsReport.districts(from: figures, on: req.db),
                          budgetLines: try await BudgetLineReport.rows(of: fundID, from: figures, on: req.db))
    }

    /// `?fund=`: one fund, or all when absent.
    static func fundFilter(_ req: Request) throws -> UUID? {
        guard let raw = req.query[String.self, at: "fund"], !raw.isEmpty else { return nil }
        guard raw.count <= 36, let id = UUID(uuidString: raw) else { throw ShequError.invalid(.errorInvalidValue, "fund") }
        return id
    }

    static func districtReport(_ req: Request) async throws -> [FundsReport.Row] {
        try await FundsReport.districts(from: snapshot(req, fund: fundFilter(req)), on: req.db)
    }

    static func committeeReport(_ req: Request) async throws -> [FundsReport.Row] {
        let district = req.query[String.self, at: "district"]
        if let district, !(district.count == 6 && district.allSatisfy(\.isNumber)) { throw ShequError.invalid(.errorInvalidValue, "district") }
        return try await FundsReport.committees(district: district, from: snapshot(req, fund: fundFilter(req)), on: req.db)
    }

    static func departmentReport(_ req: Request) async throws -> [FundsReport.Row] {
        let actor = try await req.authorize(.fundRead, entity: "fund")
        return try await FundsReport.departments(reader: FundsReader(actor), from: snapshot(req, fund: fundFilter(req)), on: req.db)
    }

    static func entries(_ req: Request) async throws -> ListPage<FundsReport.EntryRow> {
        let fund = try await load(req)
        let actor = try await req.authorize(.fundRead, entity: "fund", entityID: fund.id?.uuidString)
        return try await FundsReport.entries(of: fund, reader: FundsReader(actor), page: ListPageRequest(req), on: req.db)
    }
}

/// What one reader may see of the ledger: accounts in the places their office covers, or their department's.
struct FundsReader: Sendable {
    let scopes: [String]
    let departments: Set<UUID>

    init(_ actor: Actor) {
        let roles = Policy.roles(for: .fundRead)
        scopes = actor.grants.filter { roles.contains($0.role) && $0.role != .departmentStaff }.map(\.scope)
        departments = Set(actor.grants.filter { $0.role == .departmentStaff && roles.contains(.departmentStaff) }.compactMap(\.departmentID))
    }

    /// An account without a place of its own (the fund's pot, an organisation's receipts) is at the fund's level.
    func sees(_ key: LedgerAccountKey, fundLevel: String) -> Bool {
        let place = key.divisionCode ?? fundLevel
        if scopes.contains(where: { place.hasPrefix($0) }) { return true }
        if let d = key.departmentID, departments.contains(d) { return true }
        return false
    }
}
