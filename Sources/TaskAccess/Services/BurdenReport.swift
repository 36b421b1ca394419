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
        let tasks = try await carried(by: community, year: year, on: db)
        let covering = try await agreements(covering: community, year: year, on: db)
        var received = Money.zero
        for (a, _) in covering where a.fundID != nil {
            received = received.adding(try await FundsLedger.receivedByCommittee(community, agreement: a.id, on: db)) ?? Money.largest
        }
        return summary(community: community, name: name, year: year, hours: tasks.map(\.hoursPerYear), promised: covering.map(\.1), received: received)
    }

    /// Every community in the scopes, a page at a time, with its burden: a few queries for the whole page
    /// (assignments, tasks, agreements), then the ledger only for the committees an agreement covers.
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
            let assignments = try await TaskAssignment.query(on: db).filter(\.$divisionCode ~~ codes).filter(\.$year == year).all()
            let tasks = Dictionary(try await AdministrativeTask.query(on: db).filter(\.$id ~~ Set(assignments.map(\.taskID))).all()
                .filter { $0.isInForce(in: year) }.compactMap { t in t.id.map { ($0, t) } }, uniquingKeysWith: { a, _ in a })
            let covering = try await AgreementCommunity.query(on: db).filter(\.$divisionCode ~~ codes).all()
            let live = Dictionary(try await TaskAgreement.query(on: db).filter(\.$id ~~ Set(covering.map(\.agreementID)))
                .filter(\.$state != .converted).filter(\.$termStart <= "\(year)-12-31").filter(\.$termEnd >= "\(year)-01-01").all()
                .compactMap { a in a.id.map { ($0, a) } }, uniquingKeysWith: { a, _ in a })
            let received = try await receivedByCommittees(codes, year: year, on: db)
            var out: [CommitteeBurden] = []
            for d in rows {
                let carried = assignments.filter { $0.divisionCode == d.code }.compactMap { tasks[$0.taskID] }
                let mine = covering.filter { $0.divisionCode == d.code && live[$0.agreementID] != nil }
                out.append(summary(community: d.code, name: d.name, year: year, hours: carried.map(\.hoursPerYear),
                                   promised: mine.map { Money(fen: $0.promisedFen) }, received: Money(fen: received[d.code] ?? 0)))
            }
            return out
        }
    }

    /// What each committee received, in one grouped read, citing the agreements that cover it in the year (those with a
    /// fund, not converted letters): the same sum as `FundsLedger.receivedByCommittee` per covering agreement. Measured
    /// with `shequ generate-access` (343 communities, 5 years, 100,000 entries): one ledger query per committee and
    /// agreement, about 260 for a page of 50, kept the city-wide list at p99 80-90 ms. CROSS JOIN keeps SQLite's join
    /// order (PostgreSQL plans freely): the committee's accounts, then their entries by the (citation, account) index;
    /// left to itself SQLite read every entry citing a district-wide agreement (16 ms instead of 3.5 ms for 50).
    static func receivedByCommittees(_ codes: [String], year: Int, on db: any Database) async throws -> [String: Int64] {
        guard !codes.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        let list: [any Encodable & Sendable] = codes
        var out: [String: Int64] = [:]
        for row in try await sql.raw("""
            SELECT ac.division_code, CAST(SUM(e.amount_fen) AS BIGINT) AS received
            FROM ta_agreement_communities ac CROSS JOIN ta_agreements g CROSS JOIN ledger_accounts la CROSS JOIN ledger_entries e
            WHERE g.id = ac.agreement_id AND la.kind = \(bind: LedgerAccountKind.committee.rawValue) AND la.division_code = ac.division_code
              AND e.citation_reference_id = g.id AND e.account_id = la.id
              AND ac.division_code IN (\(binds: list)) AND g.fund_id IS NOT NULL AND g.state <> \(bind: AgreementState.converted.rawValue)
              AND g.term_start <= \(bind: "\(year)-12-31") AND g.term_end >= \(bind: "\(year)-01-01")
            GROUP BY ac.division_code
            """).all() {
            out[try row.decode(column: "division_code", as: String.self)] = try row.decode(column: "received", as: Int64.self)
        }
        return out
    }

    static func summary(community: String, name: String, year: Int, hours: [Int], promised: [Money], received: Money) -> CommitteeBurden {
        let promisedTotal = Money.sum(promised) ?? Money.largest
        let outstanding = promisedTotal > received ? (promisedTotal.subtracting(received) ?? .zero) : .zero
        // Hours are bounded per task (10,000) and tasks per committee are few; the clamp only guards the type.
        let total = hours.reduce(0) { sum, h in sum.addingReportingOverflow(h).overflow ? Int.max : sum + h }
        return CommitteeBurden(community: community, name: name, year: year, tasks: hours.count, hours: total,
                               promised: promisedTotal, received: received, outstanding: outstanding)
    }

    static let csvHeader = "community_code,community,year,tasks,hours_per_year,promised_yuan,received_yuan,outstanding_yuan"

    static func csvLine(_ b: CommitteeBurden) -> String {
        [b.community, b.name, String(b.year), String(b.tasks), String(b.hours), b.promised.yuanText, b.received.yuanText, b.outstanding.yuanText]
            .map(CSVTable.field).joined(separator: ",")
    }
}
