import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// The last days to submit and to review a year's plans: a row set by the city's
/// leading-group office, else the environment's month-day (SHEQU_PLAN_SUBMIT_BY,
/// SHEQU_PLAN_REVIEW_BY as MM-DD), else the end of March and of April.
public struct PlanDeadlineDates: Sendable, Codable {
    public var year: Int
    public var submitBy: LocalDate
    public var reviewBy: LocalDate
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
