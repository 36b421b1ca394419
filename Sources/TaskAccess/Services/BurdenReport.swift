import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform
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
            let got = try await FundsLedger.receivedByCommittee(community, agreement: a.id, on: db)
            received = received.adding(got) ?? Money.largest
        }
        let promised = Money.sum(covering.map(\.1)) ?? Money.largest
        let outstanding = promised > received ? (promised.subtracting(received) ?? .zero) : .zero
        let hours = tasks.reduce(0) { $0.addingReportingOverflow($1.hoursPerYear).overflow ? Int.max : $0 + $1.hoursPerYear }
        return CommitteeBurden(community: community, name: name, year: year, tasks: tasks.count, hours: hours,
                               promised: promised, received: received, outstanding: outstanding)
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
            .paged(page) { rows in
                var out: [CommitteeBurden] = []
                for d in rows { out.append(try await burden(of: d.code, name: d.name, year: year, on: db)) }
                return out
            }
    }

    static let csvHeader = "community_code,community,year,tasks,hours_per_year,promised_yuan,received_yuan,outstanding_yuan"

    static func csvLine(_ b: CommitteeBurden) -> String {
        [b.community, b.name, String(b.year), String(b.tasks), String(b.hours), b.promised.yuanText, b.received.yuanText, b.outstanding.yuanText]
            .map(CSVTable.field).joined(separator: ",")
    }
}
