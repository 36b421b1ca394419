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

    struct Detail: Sendable {
        var burden: CommitteeBurden
        var tasks: [CarriedTask]
        var agreements: [TaskAgreement]
    }

    /// One committee's figures with the tasks and agreements behind them, each read once.
    static func detail(of community: String, name: String, year: Int, on db: any Database) async throws -> Detail {
        let tasks = try await carried(by: community, year: year, on: db)
        let covering = try await agreements(covering: community, year: year, on: db)
        let received = try await receivedByCommittees([community], year: year, on: db)[community] ?? 0
        let burden = summary(community: community, name: name, year: year, tasks: tasks.count, hours: total(tasks.map(\.hoursPerYear)),
                             promised: Money.sum(covering.map(\.1)) ?? Money.largest, received: Money(fen: received))
        return Detail(burden: burden, tasks: tasks, agreements: covering.map(\.0))
    }

    /// Every community in the scopes, a page at a time, with its burden: three grouped reads for the whole page
    /// (tasks and hours, promises, receipts), one row per community each, rather than every assignment and promise.
    static func page(scopes: [String], year: Int, page: ListPageRequest, on db: any Database) async throws -> ListPage<CommitteeBurden> {
        let q = Division.query(on: db).filter(\.$level == .community)
        if scopes.isEmpty {
            q.filter(\.$id == "-no-scope")
        } else {
            q.group(.or) { or in
                for prefix in scopes { or.group(.and) { $0.filter(\.$id >= prefix).filter(\.$id < prefix + "~") } }
            }
        }
        return try await q.sort(\.$id).paged(page) { rows in
            let codes = rows.map(\.code)
            guard !codes.isEmpty else { return [] }
            let carried = try await carriedByCommittees(codes, year: year, on: db)
            let promised = try await promisedToCommittees(codes, year: year, on: db)
            let received = try await receivedByCommittees(codes, year: year, on: db)
            return rows.map { d in
                let work = carried[d.code] ?? (0, 0)
                return summary(community: d.code, name: d.name, year: year, tasks: work.tasks, hours: work.hours,
                               promised: Money(fen: promised[d.code] ?? 0), received: Money(fen: received[d.code] ?? 0))
            }
        }
    }

    /// The tasks in force each committee carries in the year and their hours, grouped: the figures `carried(by:)`
    /// gives one committee (a city page of 50 carries about 4,000 assignments).
    static func carriedByCommittees(_ codes: [String], year: Int, on db: any Database) async throws -> [String: (tasks: Int, hours: Int)] {
        guard !codes.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        let list: [any Encodable & Sendable] = codes
        var out: [String: (tasks: Int, hours: Int)] = [:]
        for row in try await sql.raw("""
            SELECT a.division_code, CAST(COUNT(*) AS BIGINT) AS tasks, CAST(SUM(t.hours_per_year) AS BIGINT) AS hours
            FROM ta_assignments a JOIN ta_tasks t ON t.id = a.task_id
            WHERE a.division_code IN (\(binds: list)) AND a.year = \(bind: year)
              AND t.in_force AND t.from_year <= \(bind: year) AND (t.to_year IS NULL OR t.to_year >= \(bind: year))
            GROUP BY a.division_code
            """).all() {
            out[try row.decode(column: "division_code", as: String.self)] =
                (Int(try row.decode(column: "tasks", as: Int64.self)), Int(try row.decode(column: "hours", as: Int64.self)))
        }
        return out
    }

    /// What the agreements live in the year (not converted letters) promise each committee, grouped: the sum
    /// `agreements(covering:)` gives one committee. Each promise is at most `Money.largest`, so the sum fits.
    static func promisedToCommittees(_ codes: [String], year: Int, on db: any Database) async throws -> [String: Int64] {
        guard !codes.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        let list: [any Encodable & Sendable] = codes
        var out: [String: Int64] = [:]
        for row in try await sql.raw("""
            SELECT ac.division_code, CAST(SUM(ac.promised) AS BIGINT) AS promised
            FROM ta_agreement_communities ac JOIN ta_agreements g ON g.id = ac.agreement_id
            WHERE ac.division_code IN (\(binds: list)) AND g.state <> \(bind: AgreementState.converted.rawValue)
              AND g.term_start <= \(bind: "\(year)-12-31") AND g.term_end >= \(bind: "\(year)-01-01")
            GROUP BY ac.division_code
            """).all() {
            out[try row.decode(column: "division_code", as: String.self)] = try row.decode(column: "promised", as: Int64.self)
        }
        return out
    }

    /// What each committee received, in one grouped read, citing the agreements that cover it in the year (those with a
    /// fund, not converted letters): the same sum as `FundsLedger.receivedByCommittee` per covering agreement. Measured
    /// with `shequ generate-access` (343 communities, 5 years, 100,000 entries): one ledger query per committee and
    /// agreement, about 260 for a page of 50, kept the city-wide list at p99 80-90 ms. CROSS JOIN keeps SQLite's join
    /// order (PostgreSQL plans freely): the committee's accounts, then their entries by the (citation, account) index;
    /// left to itself SQLite read every entry citing a district-wide agreement (16 ms instead of 3.5 ms for 50).
    /// `la.fund_id = g.fund_id` says nothing new (an agreement pays only from its own fund) but lets PostgreSQL find the
    /// one committee account per agreement instead of filtering every entry citing it: 15 → 8 ms for 50 committees.
    static func receivedByCommittees(_ codes: [String], year: Int, on db: any Database) async throws -> [String: Int64] {
        guard !codes.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        let list: [any Encodable & Sendable] = codes
        var out: [String: Int64] = [:]
        for row in try await sql.raw("""
            SELECT ac.division_code, CAST(SUM(e.amount_fen) AS BIGINT) AS received
            FROM ta_agreement_communities ac CROSS JOIN ta_agreements g CROSS JOIN ledger_accounts la CROSS JOIN ledger_entries e
            WHERE g.id = ac.agreement_id AND la.kind = \(bind: LedgerAccountKind.committee.rawValue) AND la.division_code = ac.division_code
              AND la.fund_id = g.fund_id
              AND e.citation_reference_id = g.id AND e.account_id = la.id
              AND ac.division_code IN (\(binds: list)) AND g.fund_id IS NOT NULL AND g.state <> \(bind: AgreementState.converted.rawValue)
              AND g.term_start <= \(bind: "\(year)-12-31") AND g.term_end >= \(bind: "\(year)-01-01")
            GROUP BY ac.division_code
            """).all() {
            out[try row.decode(column: "division_code", as: String.self)] = try row.decode(column: "received", as: Int64.self)
        }
        return out
    }

    static func summary(community: String, name: String, year: Int, tasks: Int, hours: Int, promised: Money, received: Money) -> CommitteeBurden {
        let outstanding = promised > received ? (promised.subtracting(received) ?? .zero) : .zero
        return CommitteeBurden(community: community, name: name, year: year, tasks: tasks, hours: hours,
                               promised: promised, received: received, outstanding: outstanding)
    }

    /// Hours are bounded per task (10,000) and tasks per committee are few; the clamp only guards the type.
    static func total(_ hours: [Int]) -> Int {
        hours.reduce(0) { sum, h in sum.addingReportingOverflow(h).overflow ? Int.max : sum + h }
    }

    static let csvHeader = "community_code,community,year,tasks,hours_per_year,promised_yuan,received_yuan,outstanding_yuan"

    static func csvLine(_ b: CommitteeBurden) -> String {
        CSVTable.line([b.community, b.name, String(b.year), String(b.tasks), String(b.hours),
                       b.promised.yuanText, b.received.yuanText, b.outstanding.yuanText])
    }
}
