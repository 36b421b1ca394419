import Fluent
import Foundation
import Funds
import ShequPlatform
import SQLKit
import Vapor

/// The task-access reports, each worked out once per state of the tables and ledger behind it (`AddReportVersion`,
/// `FundsLedger.transactionHeads`) and kept per instance. Who may read which scope is decided before, per request:
/// the cache only saves the reads, keyed by the scope the request was allowed.
enum TaskAccessReports {
    /// The counter of task-access changes and each fund's last transaction number, read before any figure.
    static func token(on db: any Database) async throws -> String {
        guard let sql = db as? any SQLDatabase else { throw ShequError(.internalServerError, .errorServer, code: "report_needs_sql") }
        let changes = try await sql.raw("SELECT n FROM \(ident: AddReportVersion.table) WHERE id = 1").first()?.decode(column: "n", as: Int64.self) ?? -1
        let heads = try await FundsLedger.transactionHeads(on: db)
        return "\(changes)|" + heads.sorted { $0.key.uuidString < $1.key.uuidString }.map { "\($0.key.uuidString):\($0.value)" }.joined(separator: ",")
    }

    static func answer<T: Sendable>(_ req: Request, _ key: String, _ make: () async throws -> T) async throws -> T {
        try await req.application.taskAccessReportCache.answer(token: try await token(on: req.db), key: key, make)
    }

    static func taskFunds(_ req: Request, departments: [UUID], year: Int, page: ListPageRequest) async throws -> TaskFundsReport {
        let scope = departments.map(\.uuidString).sorted().joined(separator: ",")
        return try await answer(req, "taskFunds|\(year)|\(page.page)|\(page.perPage)|\(scope)") {
            try await TaskReport.page(departments: departments, year: year, page: page, on: req.db)
        }
    }

    static func burden(_ req: Request, scopes: [String], year: Int, page: ListPageRequest) async throws -> ListPage<CommitteeBurden> {
        try await answer(req, "burden|\(year)|\(page.page)|\(page.perPage)|\(scopes.sorted().joined(separator: ","))") {
            try await BurdenReport.page(scopes: scopes, year: year, page: page, on: req.db)
        }
    }

    static func committee(_ req: Request, _ division: Division, year: Int) async throws -> BurdenReport.Detail {
        try await answer(req, "committee|\(year)|\(division.code)") {
            try await BurdenReport.detail(of: division.code, name: division.name, year: year, on: req.db)
        }
    }

    static func carried(_ req: Request, community: String, year: Int) async throws -> [CarriedTask] {
        try await answer(req, "carried|\(year)|\(community)") {
            try await BurdenReport.carried(by: community, year: year, on: req.db)
        }
    }
}

extension Application {
    private struct TaskAccessReportCacheKey: StorageKey { typealias Value = VersionedCache }

    /// Set when the module boots, before any request, so requests only read it.
    var taskAccessReportCache: VersionedCache {
        get { storage[TaskAccessReportCacheKey.self] ?? VersionedCache() }
        set { storage[TaskAccessReportCacheKey.self] = newValue }
    }
}
