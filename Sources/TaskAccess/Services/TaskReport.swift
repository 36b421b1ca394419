import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

/// One administrative task in one year (F1 "per task"): the work it means and the money that follows it.
public struct TaskFunds: Content, Sendable {
    public var taskID: UUID
    public var title: String
    public var departmentID: UUID
    public var department: String
    public var classification: TaskClassification
    public var hoursPerYear: Int
    /// Committees that carry it in the year.
    public var committees: Int
    /// The year's approved plans that fund it.
    public var plans: Int
    /// Its share of what those plans' approvals reserved, of what went on to their agreements, and of what the
    /// agreements paid out to committees (and organisations).
    public var promised: Money
    public var committed: Money
    public var disbursed: Money
}

/// A page of tasks, with the year's totals over every approved plan in the reader's scope: the page's shares
/// are parts of these, and all pages' shares add up to them exactly.
public struct TaskFundsReport: Content, Sendable {
    public var year: Int
    public var items: [TaskFunds]
    public var total: Int
    public var page: Int
    public var perPage: Int
    public var approvedPlans: Int
    public var promised: Money
    public var committed: Money
    public var disbursed: Money

    var listPage: ListPage<TaskFunds> { ListPage(items: items, total: total, page: page, perPage: perPage) }
}

/// The money of one plan, read from the ledger: credits into its account (the reservation at approval), credits
/// into its agreements' accounts (committed), and what left those accounts (paid to committees or organisations:
/// an agreement's account pays out nothing else).
struct PlanMoney: Sendable, Equatable {
    var reserved: Int64 = 0
    var committed: Int64 = 0
    var disbursed: Int64 = 0
}

enum TaskReport {
    /// The tasks of `departments` whose years cover `year`, a page at a time, each with its share of the money of
    /// the year's approved plans. Seven reads for any page: the count and the page, department names, committees
    /// per task, every approved plan's tasks and hours, and the plans' and agreements' ledger sums (two grouped
    /// queries over all the year's plans in scope, so the totals and every task's share come from the same figures).
    static func page(departments: [UUID], year: Int, page request: ListPageRequest, on db: any Database) async throws -> TaskFundsReport {
        try await page(departments: departments, year: year, page: request, figures: try await figures(departments: departments, year: year, on: db), on: db)
    }

    /// The year's plan figures in scope, split per task and totalled: read once, whatever the pages (the CSV reads
    /// every page with the same figures).
    struct YearFigures: Sendable {
        var approvedPlans: Int
        var shares: [UUID: TaskShare]
        var totals: PlanMoney
    }

    static func figures(departments: [UUID], year: Int, on db: any Database) async throws -> YearFigures {
        let composition = try await planTasks(departments: departments, year: year, on: db)
        let money = try await planMoney(departments: departments, year: year, on: db)
        var totals = PlanMoney()
        for m in money.values {
            totals.reserved = try add(totals.reserved, m.reserved)
            totals.committed = try add(totals.committed, m.committed)
            totals.disbursed = try add(totals.disbursed, m.disbursed)
        }
        return YearFigures(approvedPlans: composition.count, shares: try attribute(composition, money), totals: totals)
    }

    static func page(departments: [UUID], year: Int, page request: ListPageRequest, figures: YearFigures,
                     on db: any Database) async throws -> TaskFundsReport {
        let q = AdministrativeTask.query(on: db)
            .filter(\.$departmentID ~~ departments)
            .filter(\.$fromYear <= year)
            .group(.or) { $0.filter(\.$toYear == nil).filter(\.$toYear >= year) }
            .sort(\.$title).sort(\.$id)
        let shares = figures.shares
        let totals = figures.totals
        let listed = try await q.paged(request) { tasks -> [TaskFunds] in
            let ids = tasks.compactMap(\.id)
            let carried = try await committees(carrying: ids, year: year, on: db)
            let names = try await TaskAccessPages.departmentNames(tasks.map(\.departmentID), on: db)
            return tasks.compactMap { t in
                guard let id = t.id else { return nil }
                let share = shares[id] ?? TaskShare()
                return TaskFunds(taskID: id, title: t.title, departmentID: t.departmentID, department: names[t.departmentID] ?? "",
                                 classification: t.classification, hoursPerYear: t.hoursPerYear, committees: carried[id] ?? 0,
                                 plans: share.plans, promised: Money(fen: share.money.reserved), committed: Money(fen: share.money.committed),
                                 disbursed: Money(fen: share.money.disbursed))
            }
        }
        return TaskFundsReport(year: year, items: listed.items, total: listed.total, page: listed.page, perPage: listed.perPage,
                               approvedPlans: figures.approvedPlans, promised: Money(fen: totals.reserved),
                               committed: Money(fen: totals.committed), disbursed: Money(fen: totals.disbursed))
    }

    struct TaskShare: Sendable, Equatable {
        var plans = 0
        var money = PlanMoney()
    }

    /// Each plan's three figures split over its tasks by their hours (`TaskShares`), tasks in the order of their ids
    /// so the remainder fen fall the same way every time, then added up per task.
    static func attribute(_ composition: [UUID: [(task: UUID, hours: Int)]], _ money: [UUID: PlanMoney]) throws -> [UUID: TaskShare] {
        var out: [UUID: TaskShare] = [:]
        for (plan, members) in composition {
            let tasks = members.sorted { $0.task.uuidString < $1.task.uuidString }
            let m = money[plan] ?? PlanMoney()
            let hours = tasks.map(\.hours)
            let reserved = TaskShares.split(m.reserved, weights: hours)
            let committed = TaskShares.split(m.committed, weights: hours)
            let disbursed = TaskShares.split(m.disbursed, weights: hours)
            for (i, t) in tasks.enumerated() {
                var s = out[t.task] ?? TaskShare()
                s.plans += 1
                s.money.reserved = try add(s.money.reserved, reserved[i])
                s.money.committed = try add(s.money.committed, committed[i])
                s.money.disbursed = try add(s.money.disbursed, disbursed[i])
                out[t.task] = s
            }
        }
        return out
    }

    /// Every approved plan of the year from the departments, with its tasks and their hours (plans list 1–200 tasks).
    static func planTasks(departments: [UUID], year: Int, on db: any Database) async throws -> [UUID: [(task: UUID, hours: Int)]] {
        guard !departments.isEmpty else { return [:] }
        let sql = try sqlDatabase(db)
        let list: [any Encodable & Sendable] = departments
        var out: [UUID: [(task: UUID, hours: Int)]] = [:]
        for row in try await sql.raw("""
            SELECT pt.plan_id, pt.task_id, t.hours_per_year
            FROM ta_plans p JOIN ta_plan_tasks pt ON pt.plan_id = p.id JOIN ta_tasks t ON t.id = pt.task_id
            WHERE p.year = \(bind: year) AND p.state = \(bind: PlanState.approved.rawValue) AND p.department_id IN (\(binds: list))
            """).all() {
            let plan = try row.decode(column: "plan_id", as: UUID.self)
            out[plan, default: []].append((try row.decode(column: "task_id", as: UUID.self), try row.decode(column: "hours_per_year", as: Int.self)))
        }
        return out
    }

    /// The ledger's figures for every approved plan of the year from the departments, in two grouped reads that start
    /// from the plan and agreement accounts of the funds those plans draw on (the (fund, kind) index) and sum their
    /// entries through the (account, counter, amount) index, never touching the entries table. CROSS JOIN keeps
    /// SQLite to that order. Measured on `shequ generate-access` (5,834 agreements, 100,000 entries): starting from
    /// every agreement account took 16 ms, from the year's funds' about 5.
    static func planMoney(departments: [UUID], year: Int, on db: any Database) async throws -> [UUID: PlanMoney] {
        guard !departments.isEmpty else { return [:] }
        let sql = try sqlDatabase(db)
        let list: [any Encodable & Sendable] = departments
        let approved = PlanState.approved.rawValue
        var out: [UUID: PlanMoney] = [:]
        for row in try await sql.raw("""
            SELECT p.id AS plan_id, CAST(COALESCE(SUM(CASE WHEN e.amount_fen > 0 THEN e.amount_fen ELSE 0 END), 0) AS BIGINT) AS reserved
            FROM ledger_accounts la CROSS JOIN ta_plans p CROSS JOIN ledger_entries e
            WHERE la.fund_id IN (SELECT fund_id FROM ta_plans WHERE year = \(bind: year) AND state = \(bind: approved) AND department_id IN (\(binds: list)))
              AND la.kind = \(bind: LedgerAccountKind.plan.rawValue) AND p.id = la.reference_id AND e.account_id = la.id
              AND p.year = \(bind: year) AND p.state = \(bind: approved) AND p.department_id IN (\(binds: list))
            GROUP BY p.id
            """).all() {
            out[try row.decode(column: "plan_id", as: UUID.self), default: PlanMoney()].reserved = try row.decode(column: "reserved", as: Int64.self)
        }
        for row in try await sql.raw("""
            SELECT g.plan_id AS plan_id,
                   CAST(COALESCE(SUM(CASE WHEN e.amount_fen > 0 THEN e.amount_fen ELSE 0 END), 0) AS BIGINT) AS committed,
                   CAST(COALESCE(SUM(CASE WHEN e.amount_fen < 0 THEN 0 - e.amount_fen ELSE 0 END), 0) AS BIGINT) AS disbursed
            FROM ledger_accounts la CROSS JOIN ta_agreements g CROSS JOIN ta_plans p CROSS JOIN ledger_entries e
            WHERE la.fund_id IN (SELECT fund_id FROM ta_plans WHERE year = \(bind: year) AND state = \(bind: approved) AND department_id IN (\(binds: list)))
              AND la.kind = \(bind: LedgerAccountKind.agreement.rawValue) AND g.id = la.reference_id AND p.id = g.plan_id AND e.account_id = la.id
              AND p.year = \(bind: year) AND p.state = \(bind: approved) AND p.department_id IN (\(binds: list))
            GROUP BY g.plan_id
            """).all() {
            let plan = try row.decode(column: "plan_id", as: UUID.self)
            out[plan, default: PlanMoney()].committed = try row.decode(column: "committed", as: Int64.self)
            out[plan, default: PlanMoney()].disbursed = try row.decode(column: "disbursed", as: Int64.self)
        }
        return out
    }

    /// How many committees carry each task in the year, through the (task, community, year) unique index.
    static func committees(carrying tasks: [UUID], year: Int, on db: any Database) async throws -> [UUID: Int] {
        guard !tasks.isEmpty else { return [:] }
        let sql = try sqlDatabase(db)
        let list: [any Encodable & Sendable] = tasks
        var out: [UUID: Int] = [:]
        for row in try await sql.raw("""
            SELECT task_id, CAST(COUNT(*) AS BIGINT) AS committees FROM ta_assignments
            WHERE task_id IN (\(binds: list)) AND year = \(bind: year) GROUP BY task_id
            """).all() {
            out[try row.decode(column: "task_id", as: UUID.self)] = Int(try row.decode(column: "committees", as: Int64.self))
        }
        return out
    }

    /// A sum of money must never read as zero because it could not be asked: without SQL, an error, never a figure.
    static func sqlDatabase(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw ShequError(.internalServerError, .errorServer, code: "report_needs_sql") }
        return sql
    }

    /// Ledger sums are bounded by the funds' size; an overflow would be a corrupt ledger, reported, never wrapped.
    static func add(_ a: Int64, _ b: Int64) throws -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw ShequError(.internalServerError, .errorServer, code: "report_overflow") }
        return sum
    }

    static let csvHeader = ["task_id", "task", "department", "classification", "hours_per_year", "committees", "plans",
                            "promised_yuan", "committed_yuan", "disbursed_yuan"]

    static func csvRow(_ t: TaskFunds) -> [String] {
        [t.taskID.uuidString, t.title, t.department, t.classification.rawValue, String(t.hoursPerYear), String(t.committees), String(t.plans),
         t.promised.yuanText, t.committed.yuanText, t.disbursed.yuanText]
    }
}
