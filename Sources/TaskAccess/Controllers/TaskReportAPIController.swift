import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// F1 "per task": each administrative task's share of the money its year's approved plans reserved, committed
/// and paid out, for the leading-group office (every department its grant covers) and department staff (their own).
enum TaskReportAPIController {
    static func routes(_ api: APIRoutes) {
        let tag = "task-access"
        let year: [QueryParameter] = [.integer("year", 2000...2100)]
        api.on(.GET, "task-access/task-funds", doc: .init(
            "Money per task in a year: each task's share, by its estimated hours, of what the year's approved plans reserved, committed to agreements and paid to committees; with the year's totals over the plans in scope (the leading-group office for the departments it covers, department staff for their own), a page at a time",
            tag: tag, query: QueryParameter.paging + year, responses: [200: "OK", 403: "Not the office or a department (refusal logged)", 422: "Year or paging out of bounds"]),
               use: list)
        api.on(.GET, "task-access/task-funds.csv", doc: .init("The same, every task in scope, as CSV", tag: tag, query: year,
                                                              responses: [200: "text/csv", 403: "Not the office or a department (refusal logged)"]),
               use: csv)
    }

    /// The departments whose tasks the caller reads: the role check (a refusal audited) first, then the departments
    /// a grant opens, as every department record is opened (`TaskAccessAuthority.may`).
    static func departments(_ req: Request) async throws -> [UUID] {
        let actor = try await req.authorize(.taskFundsRead, entity: "task-funds")
        return try await Department.query(on: req.db).all()
            .filter { TaskAccessAuthority.may(actor, .taskFundsRead, for: $0) }.compactMap(\.id)
    }

    static func list(_ req: Request) async throws -> TaskFundsReport {
        let departments = try await departments(req)
        return try await TaskAccessReports.taskFunds(req, departments: departments, year: try await req.reportYear(), page: try ListPageRequest(req))
    }

    /// Every task in scope, read a page at a time as the list is, the plans' figures once.
    static func csv(_ req: Request) async throws -> Response {
        let departments = try await departments(req)
        let year = try await req.reportYear()
        let figures = try await TaskReport.figures(departments: departments, year: year, on: req.db)
        var rows: [[String]] = []
        var page = 1
        while page <= ListPageRequest.maxPage {
            let report = try await TaskReport.page(departments: departments, year: year, page: ListPageRequest(page: page, perPage: ListPageRequest.maxPerPage),
                                                   figures: figures, on: req.db)
            rows += report.items.map(TaskReport.csvRow)
            if page >= report.listPage.pageCount { break }
            page += 1
        }
        return .csv(filename: "task-funds-\(year).csv", header: TaskReport.csvHeader, rows: rows)
    }
}
