import Fluent
import ShequPlatform
import Vapor

/// Special funds (F1, A3): a double-entry ledger in fen whose rules are the
/// kernel's, so money can only follow an approved plan or agreement and no
/// fund, allocation or plan is ever spent below zero.
public struct FundsModule: ShequModule {
    public init() {}
    public var name: String { "funds" }
    public var migrations: [any Migration] { [CreateFundsLedger(), CreateFundBudgetLines(), AddCitationAmountIndex()] }
    public var commands: [(String, any AsyncCommand)] { [("funds", FundsCommand())] }

    /// Public: the per-fund, per-district and per-committee summaries are for everyone; the
    /// page shows each role the reports and forms it may use.
    public var menu: [MenuEntry] { [MenuEntry(.funds, path: "/funds", action: nil)] }

    public func boot(_ app: Application) async throws {
        let cache = FundsFlowCache()
        app.fundsFlowCache = cache
        // Summed once now, so the first report after a start does not pay for the whole ledger;
        // a failure here only means the first report sums it instead.
        _ = try? await cache.snapshot(fund: nil, on: app.db)
    }

    public func demo(_ app: Application) async throws -> String? {
        try await FundsDemo.fill(app)
    }

    public func routes(web: any RoutesBuilder, api: APIRoutes) throws {
        web.get("funds", use: FundsPages.start)
        web.post("funds", use: PageDoor.submit(FundsAPIController.create, back: { _ in "/funds" }))
        web.get("funds", ":id", use: FundsPages.fund)
        web.get("funds", ":id", "entries", use: FundsPages.entries)
        web.post("funds", ":id", "contributions", use: PageDoor.submit(FundsAPIController.contribute, back: FundsPages.back))
        web.post("funds", ":id", "allocations", use: PageDoor.submit(FundsAPIController.allocate, back: FundsPages.back))
        web.post("funds", ":id", "budget-lines", use: PageDoor.submit(BudgetLinesAPIController.create, back: FundsPages.back))
        web.post("funds", ":id", "appropriations", use: PageDoor.submit(BudgetLinesAPIController.appropriate, back: FundsPages.back))
        web.get("funds", ":id", "budget-lines.csv", use: FundsCSV.budgetLines)
        web.get("fund-reports", "districts", use: FundsPages.districts)
        web.get("fund-reports", "committees", use: FundsPages.committees)
        web.get("fund-reports", "departments", use: FundsPages.departments)
        web.get("fund-reports", "funds.csv", use: FundsCSV.funds)
        web.get("fund-reports", "districts.csv", use: FundsCSV.districts)
        web.get("fund-reports", "committees.csv", use: FundsCSV.committees)
        web.get("fund-reports", "departments.csv", use: FundsCSV.departments)

        api.schema(FundsAPIController.FundInput.self)
        api.schema(FundsAPIController.ContributionInput.self)
        api.schema(FundsAPIController.AllocationInput.self)
        api.schema(BudgetLinesAPIController.BudgetLineInput.self)
        api.schema(BudgetLinesAPIController.AppropriationInput.self)
        let tag = "funds"
        let fundQuery: [QueryParameter] = [QueryParameter("fund", .string(maxLength: 36, format: .uuid))]
        api.on(.GET, "funds", doc: .init("Every fund with what was contributed, allocated to districts, unallocated, disbursed and remaining, in fen (public)",
                                         tag: tag, isPublic: true),
               use: FundsAPIController.list)
        api.on(.POST, "funds", doc: .init("Set up a fund (leading-group office at the city)", tag: tag, requestBody: "FundInput",
                                          responses: [201: "Created", 409: "A fund with this name exists", 422: "Invalid"]),
               use: FundsAPIController.create)
        api.on(.GET, "funds/{id}", doc: .init("One fund's figures, its per-district report and its budget lines, in fen (public)", tag: tag, isPublic: true),
               use: FundsAPIController.show)
        api.on(.POST, "funds/{id}/contributions", doc: .init("Record a government's contribution, citing its funding decision (leading-group office at that government's level)",
                                                             tag: tag, requestBody: "ContributionInput", responses: [201: "Recorded", 422: "Invalid amount, government or citation"]),
               use: FundsAPIController.contribute)
        api.on(.POST, "funds/{id}/allocations", doc: .init("Allocate the fund's unallocated money (its pot, or one of its budget lines) to a district, citing the allocation decision (leading-group office holding the fund)",
                                                           tag: tag, requestBody: "AllocationInput",
                                                           responses: [201: "Allocated", 422: "Overdraft (F1/A3), invalid amount or district"]),
               use: FundsAPIController.allocate)
        api.on(.GET, "funds/{id}/budget-lines", doc: .init("The fund's budget lines: appropriated, allocated onward to districts, remaining, in fen (public)",
                                                           tag: tag, isPublic: true),
               use: BudgetLinesAPIController.report)
        api.on(.POST, "funds/{id}/budget-lines", doc: .init("Set up a budget line of the fund: code (unique in the fund), purpose, years within the fund's, budget document (leading-group office holding the fund)",
                                                            tag: tag, requestBody: "BudgetLineInput",
                                                            responses: [201: "Created", 409: "The fund has a line with this code", 422: "Invalid name, code, years or document"]),
               use: BudgetLinesAPIController.create)
        api.on(.POST, "funds/{id}/appropriations", doc: .init("Appropriate the fund's unallocated money to one of its budget lines, citing the budget decision (leading-group office holding the fund)",
                                                              tag: tag, requestBody: "AppropriationInput",
                                                              responses: [201: "Appropriated", 422: "Overdraft (F1/A3), invalid amount or budget line"]),
               use: BudgetLinesAPIController.appropriate)
        api.on(.GET, "funds/{id}/entries", doc: .init("The fund's ledger entries, newest first, a page at a time: those of accounts in the reader's scope (officials, department staff)",
                                                      tag: tag, query: QueryParameter.paging),
               use: FundsAPIController.entries)
        api.on(.GET, "fund-reports/districts", doc: .init("Per district: allocated, disbursed, remaining, in fen (public)", tag: tag, isPublic: true, query: fundQuery),
               use: FundsAPIController.districtReport)
        api.on(.GET, "fund-reports/committees", doc: .init("Per residents' committee: allocated to its agreements, received, remaining, in fen (public)", tag: tag,
                                                          isPublic: true, query: fundQuery + [QueryParameter("district", .string(maxLength: 6, minLength: 6))]),
               use: FundsAPIController.committeeReport)
        api.on(.GET, "fund-reports/departments", doc: .init("Per department: allocated to its plans and agreements, disbursed, remaining, in fen (officials in scope; department staff: their own)",
                                                           tag: tag, query: fundQuery),
               use: FundsAPIController.departmentReport)
    }
}
