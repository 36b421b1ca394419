import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit
import TaskAccess
import Vapor

/// One committee's workload in a year: the tasks it carries (the access system's assignments of tasks in force,
/// A2) against the staff serving it now (the staff records). Per worker figures are in tenths, integers throughout.
public struct WorkloadRow: Content, Sendable {
    public var community: String
    public var name: String
    public var year: Int
    public var tasks: Int
    public var hours: Int
    public var staff: Int
    /// Nil when no one serves the community: the load has no one to fall on, which the page says.
    public var tasksPerWorkerTenths: Int?
    public var hoursPerWorker: Int?
}

enum WorkloadAPIController {
    static let entity = "workforce_workload"

    static func year(_ req: Request) throws -> Int {
        guard let raw = req.queryValue("year"), !raw.isEmpty else { return Grading.today.components.year }
        guard let y = Int(raw), WorkforceInputs.yearRange.contains(y) else { throw ShequError.invalid(.errorInvalidValue, "year") }
        return y
    }

    static func scopes(_ req: Request) async throws -> [String] {
        let actor = try await req.authorize(.workforceRead, entity: entity)
        return Policy.scopes(of: actor, for: .workforceRead)
    }

    static func list(_ req: Request) async throws -> ListPage<WorkloadRow> {
        try await page(scopes: try await scopes(req), year: try year(req), page: try ListPageRequest(req), on: req.db)
    }

    /// Every community in the scopes, a page at a time: two grouped reads for the page (tasks, staff).
    static func page(scopes: [String], year: Int, page: ListPageRequest, on db: any Database) async throws -> ListPage<WorkloadRow> {
        let q = Division.query(on: db).filter(\.$level == .community)
        if scopes.isEmpty {
            q.filter(\.$id == "-no-scope")
        } else {
            q.group(.or) { or in
                for prefix in scopes { or.group(.and) { $0.filter(\.$id >= prefix).filter(\.$id < prefix + "~") } }
            }
        }
        return try await q.sort(\.$id).paged(page) { rows in
            let codes = rows.compactMap(\.id)
            let tasks = try await carried(codes, year: year, on: db)
            let staff = try await staffCounts(codes, on: db)
            return rows.compactMap { d in
                guard let code = d.id else { return nil }
                let work = tasks[code] ?? (0, 0), people = staff[code] ?? 0
                return WorkloadRow(community: code, name: d.name, year: year, tasks: work.tasks, hours: work.hours, staff: people,
                                   tasksPerWorkerTenths: people > 0 && work.tasks <= Int.max / 10 ? work.tasks * 10 / people : nil,
                                   hoursPerWorker: people > 0 ? work.hours / people : nil)
            }
        }
    }

    /// The tasks in force each committee carries in the year, and their hours (the access system's own rule).
    static func carried(_ codes: [String], year: Int, on db: any Database) async throws -> [String: (tasks: Int, hours: Int)] {
        guard !codes.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        let list: [any Encodable & Sendable] = codes
        var out: [String: (tasks: Int, hours: Int)] = [:]
        for row in try await sql.raw("""
            SELECT a.division_code, CAST(COUNT(*) AS BIGINT) AS tasks, CAST(COALESCE(SUM(t.hours_per_year), 0) AS BIGINT) AS hours
            FROM \(ident: TaskAssignment.schema) a JOIN \(ident: AdministrativeTask.schema) t ON t.id = a.task_id
            WHERE a.division_code IN (\(binds: list)) AND a.year = \(bind: year)
              AND t.in_force AND t.from_year <= \(bind: year) AND (t.to_year IS NULL OR t.to_year >= \(bind: year))
            GROUP BY a.division_code
            """).all() {
            // Each task's hours are bounded by the access system; the sum of a committee's is far inside Int64.
            out[try row.decode(column: "division_code", as: String.self)] =
                (Int(clamping: try row.decode(column: "tasks", as: Int64.self)), Int(clamping: try row.decode(column: "hours", as: Int64.self)))
        }
        return out
    }

    static func staffCounts(_ codes: [String], on db: any Database) async throws -> [String: Int] {
        guard !codes.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        let list: [any Encodable & Sendable] = codes
        let today = Grading.today.description
        var out: [String: Int] = [:]
        for row in try await sql.raw("""
            SELECT division_code, CAST(COUNT(*) AS BIGINT) AS n FROM \(ident: StaffRecord.schema)
            WHERE division_code IN (\(binds: list))
              AND (contract_start IS NULL OR contract_start <= \(bind: today)) AND (contract_end IS NULL OR contract_end >= \(bind: today))
            GROUP BY division_code
            """).all() {
            out[try row.decode(column: "division_code", as: String.self)] = Int(clamping: try row.decode(column: "n", as: Int64.self))
        }
        return out
    }

    static let yearQuery = QueryParameter.integer("year", WorkforceInputs.yearRange)
}
