import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

/// The last days to submit and to review a year's plans: a row set by the city's
/// leading-group office, else the environment's month-day (SHEQU_PLAN_SUBMIT_BY,
/// SHEQU_PLAN_REVIEW_BY as MM-DD), else the end of March and of April.
public struct PlanDeadlineDates: Sendable, Codable {
    public var year: Int
    public var submitBy: LocalDate
    public var reviewBy: LocalDate

    /// A plan still waiting for the office's decision after the year's last day to review it.
    func isOverdue(_ state: PlanState, today: LocalDate) -> Bool { state == .submitted && today > reviewBy }
}

enum PlanDeadlines {
    static func monthDay(_ name: String, default value: (Int, Int)) -> (Int, Int) {
        guard let raw = Environment.get(name), raw.count == 5 else { return value }
        let parts = raw.split(separator: "-")
        guard parts.count == 2, let m = Int(parts[0]), let d = Int(parts[1]) else { return value }
        return (m, d)
    }

    static func defaults(for year: Int) -> PlanDeadlineDates {
        let (sm, sd) = monthDay("SHEQU_PLAN_SUBMIT_BY", default: (3, 31))
        let (rm, rd) = monthDay("SHEQU_PLAN_REVIEW_BY", default: (4, 30))
        let submit = LocalDate(year: year, month: sm, day: sd) ?? LocalDate(year: year, month: 3, day: 31) ?? LocalDate(ordinal: 0)
        let review = LocalDate(year: year, month: rm, day: rd) ?? LocalDate(year: year, month: 4, day: 30) ?? LocalDate(ordinal: 0)
        return PlanDeadlineDates(year: year, submitBy: submit, reviewBy: review)
    }

    static func dates(for year: Int, on db: any Database) async throws -> PlanDeadlineDates {
        guard let row = try await PlanDeadline.query(on: db).filter(\.$year == year).first(),
              let s = LocalDate(row.submitBy), let r = LocalDate(row.reviewBy) else { return defaults(for: year) }
        return PlanDeadlineDates(year: year, submitBy: s, reviewBy: r)
    }

    /// Several years' deadlines in one read (a list or a queue spans a year or two).
    static func dates(for years: Set<Int>, on db: any Database) async throws -> [Int: PlanDeadlineDates] {
        var out = Dictionary(uniqueKeysWithValues: years.map { ($0, defaults(for: $0)) })
        guard !years.isEmpty else { return out }
        for row in try await PlanDeadline.query(on: db).filter(\.$year ~~ years).all() {
            if let s = LocalDate(row.submitBy), let r = LocalDate(row.reviewBy) {
                out[row.year] = PlanDeadlineDates(year: row.year, submitBy: s, reviewBy: r)
            }
        }
        return out
    }

    /// The years in which a plan still awaiting review is overdue on `today`. Only years that have such plans
    /// are looked at, so the list stays short enough to name in a query.
    static func overdueYears(today: LocalDate, on db: any Database) async throws -> [Int] {
        let years = Set(try await TaskPlan.query(on: db).filter(\.$state == .submitted).unique().all(\.$year))
        return try await dates(for: years, on: db).values.filter { $0.isOverdue(.submitted, today: today) }.map(\.year).sorted()
    }

    /// What a decision taken after the review deadline carries in the plan's history: the record is read in
    /// either language, so it says so in both.
    static func lateNote(_ reviewBy: LocalDate) -> String {
        "\(Phrase.planDecidedLate.zh)（\(reviewBy)） / \(Phrase.planDecidedLate.en) (\(reviewBy))"
    }

    /// The city whose leading-group office sets the deadlines.
    static func city(on db: any Database) async throws -> String {
        try await Division.query(on: db).filter(\.$level == .city).sort(\.$id).first()?.code ?? "4404"
    }

    /// A year's deadlines: review cannot close before submission does.
    static func set(year: Int, submitBy: LocalDate, reviewBy: LocalDate, by actor: String, on db: any Database) async throws -> PlanDeadline {
        let year = try TaskRules.year(year)
        guard submitBy <= reviewBy else { throw ShequError.invalid(.errorInvalidValue, "reviewBy") }
        let row = try await PlanDeadline.query(on: db).filter(\.$year == year).first() ?? PlanDeadline()
        row.year = year
        row.submitBy = submitBy.description
        row.reviewBy = reviewBy.description
        row.setBy = actor
        try await row.save(on: db)
        return row
    }
}

extension QueryBuilder where Model == TaskPlan {
    /// Plans overdue for review first: the office sees first what it is late on. The years come from
    /// `PlanDeadlines.overdueYears` (computed, never user input), so they are written as literals.
    func overdueFirst(_ years: [Int]) -> Self {
        guard !years.isEmpty else { return self }
        let list = SQLList(years.map { SQLLiteral.numeric(String($0)) })
        let late = SQLQueryString("CASE WHEN \(ident: "state") = \(literal: PlanState.submitted.rawValue) AND \(ident: "year") IN (\(list)) THEN 0 ELSE 1 END")
        return sort(.custom(late))
    }
}
