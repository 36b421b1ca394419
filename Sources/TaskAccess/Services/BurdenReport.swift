import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

/// One committee's burden in one year (A3): the tasks it carries, the work they mean,
/// and the money promised against the money that reached it.
public struct CommitteeBurden: Content, Sendable {
    public var community: String
    public var name: String
    public var year: Int
    public var tasks: Int
    public var hours: Int
    public var promised: Money
    public var received: Money
    public var outstanding: Money
}

public struct CarriedTask: Content, Sendable {
    public var taskID: UUID
    public var title: String
    public var legalBasis: String
    public var department: String
    public var classification: TaskClassification
    public var hoursPerYear: Int
}

enum BurdenReport {
    /// Agreements that cover the community and whose term touches the year (ISO dates compare as text).
    static func agreements(covering community: String, year: Int, on db: any Database) async throws -> [(TaskAgreement, Money)] {
        let rows = try await AgreementCommunity.query(on: db).filter(\.$divisionCode == community).all()
        guard !rows.isEmpty else { return [] }
        let promised = Dictionary(rows.map { ($0.agreementID, Money(fen: $0.promisedFen)) }, uniquingKeysWith: { a, _ in a })
        let agreements = try await TaskAgreement.query(on: db).filter(\.$id ~~ Array(promised.keys))
            .filter(\.$state != .converted)
            .filter(\.$termStart <= "\(year)-12-31").filter(\.$termEnd >= "\(year)-01-01").sort(\.$termStart).all()
        return agreements.compactMap { a in a.id.flatMap { promised[$0] }.map { (a, $0) } }
    }

    static func carried(by community: String, year: Int, on db: any Database) async throws -> [CarriedTask] {
        let assignments = try await TaskAssignment.query(on: db).filter(\.$divisionCode == community).filter(\.$year == year).all()
        let tasks = try await AdministrativeTask.query(on: db).filter(\.$id ~~ assignments.map(\.taskID)).sort(\.$title).all()
            .filter { $0.isInForce(in: year) }
        let departments = try await Department.query(on: db).filter(\.$id ~~ Set(tasks.map(\.departmentID))).all()
        let names = Dictionary(departments.compactMap { d in d.id.map { ($0, d.name) } }, uniquingKeysWith: { a, _ in a })
        return tasks.compactMap { t in
            t.id.map { CarriedTask(taskID: $0, title: t.title, legalBasis: t.legalBasis, department: names[t.departmentID] ?? "",
                                   classification: t.classification, hoursPerYear: t.hoursPerYear) }
        }
    }

    static func burden(of community: String, name: String, year: Int, on db: any Database) async throws -> CommitteeBurden {
        let all = try await burdens(of: [(community, name)], year: year, on: db)
        guard let one = all.first else { throw ShequError.notFound }
        return one
    }

    /// The figures of many committees in three grouped reads (tasks and hours, promised, received), however many
    /// there are. Measured at city scale (343 communities, 5 years, 100,000 ledger entries): reading them committee
    /// by committee cost five queries plus one per covering agreement each, about 500 for a page of 50, and the
    /// city-wide list missed its 50 ms p99 by far. Same rules as before: tasks assigned for the year and in force
    /// in it; promised by agreements (not converted letters) whose term touches the year; received from the ledger,
    /// by the committee's accounts, citing such an agreement with a fund.
    static func burdens(of divisions: [(code: String, name: String)], year: Int, on db: any Database) async throws -> [CommitteeBurden] {
        guard !divisions.isEmpty else { return [] }
        guard let sql = db as? any SQLDatabase else { throw ShequError.notFound }
        let codes: [any Encodable & Sendable] = divisions.map(\.code)
        let first = "\(year)-01-01", last = "\(year)-12-31"
        let converted = AgreementState.converted.rawValue
        var work: [String: (tasks: Int, hours: Int)] = [:]
        for row in try await sql.raw("""
            SELECT a.division_code, COUNT(*) AS tasks, CAST(COALESCE(SUM(t.hours_per_year), 0) AS BIGINT) AS hours
            FROM ta_assignments a JOIN ta_tasks t ON t.id = a.task_id
            WHERE a.division_code IN (\(binds: codes)) AND a.year = \(bind: year)
              AND t.in_force = \(true) AND t.from_year <= \(bind: year) AND (t.to_year IS NULL OR t.to_year >= \(bind: year))
            GROUP BY a.division_code
            """).all() {
            work[try row.decode(column: "division_code", as: String.self)] =
                (try row.decode(column: "tasks", as: Int.self), Int(clamping: try row.decode(column: "hours", as: Int64.self)))
        }
        var promised: [String: Int64] = [:]
        for row in try await sql.raw("""
            SELECT ac.division_code, CAST(SUM(ac.promised) AS BIGINT) AS promised
            FROM ta_agreement_communities ac JOIN ta_agreements g ON g.id = ac.agreement_id
            WHERE ac.division_code IN (\(binds: codes)) AND g.state <> \(bind: converted)
              AND g.term_start <= \(bind: last) AND g.term_end >= \(bind: first)
            GROUP BY ac.division_code
            """).all() {
            promised[try row.decode(column: "division_code", as: String.self)] = try row.decode(column: "promised", as: Int64.self)
        }
        var received: [String: Int64] = [:]
        for row in try await sql.raw("""
            SELECT ac.division_code, CAST(SUM(e.amount_fen) AS BIGINT) AS received
            FROM ta_agreement_communities ac
            JOIN ta_agreements g ON g.id = ac.agreement_id
            JOIN ledger_accounts la ON la.kind = \(bind: LedgerAccountKind.committee.rawValue) AND la.division_code = ac.division_code
            JOIN ledger_entries e ON e.citation_reference_id = g.id AND e.account_id = la.id
            WHERE ac.division_code IN (\(binds: codes)) AND g.fund_id IS NOT NULL AND g.state <> \(bind: converted)
              AND g.term_start <= \(bind: last) AND g.term_end >= \(bind: first)
            GROUP BY ac.division_code
            """).all() {
            received[try row.decode(column: "division_code", as: String.self)] = try row.decode(column: "received", as: Int64.self)
        }
        return divisions.map { d in
            let w = work[d.code] ?? (0, 0)
            let p = Money(fen: promised[d.code] ?? 0), r = Money(fen: received[d.code] ?? 0)
            let outstanding = p > r ? (p.subtracting(r) ?? .zero) : .zero
            return CommitteeBurden(community: d.code, name: d.name, year: year, tasks: w.tasks, hours: w.hours,
                                   promised: p, received: r, outstanding: outstanding)
        }
    }

    /// Every community in the scopes, a page at a time, with its burden.
    static func page(scopes: [String], year: Int, page: ListPageRequest, on db: any Database) async throws -> ListPage<CommitteeBurden> {
        let q = Division.query(on: db).filter(\.$level == .community)
        if scopes.isEmpty {
            q.filter(\.$id == "-no-scope")
        } else {
            q.group(.or) { or in
                for prefix in scopes { or.group(.and) { $0.filter(\.$id >= prefix).filter(\.$id < prefix + "~") } }
            }
        }
        return try await q.sort(\.$id)
            .paged(page) { rows in try await burdens(of: rows.map { ($0.code, $0.name) }, year: year, on: db) }
    }

    static let csvHeader = "community_code,community,year,tasks,hours_per_year,promised_yuan,received_yuan,outstanding_yuan"

    static func csvLine(_ b: CommitteeBurden) -> String {
        [b.community, b.name, String(b.year), String(b.tasks), String(b.hours), b.promised.yuanText, b.received.yuanText, b.outstanding.yuanText]
            .map(CSVTable.field).joined(separator: ",")
    }
}
