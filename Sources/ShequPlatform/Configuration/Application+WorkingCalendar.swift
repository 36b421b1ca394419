import Foundation
import ShequKernel
import Vapor

/// The holiday notices the product works by: those shipped with the release
/// and, when the operator has added one, a later notice (`SHEQU_HOLIDAYS_FILE`).
/// The State Council publishes a year's notice in November or December, after
/// a release may have shipped; the operator adds it as a file in the shipped
/// format (`date,name,is_off_day`) and runs `shequ recompute-deadlines`.
public struct HolidayNotices: Sendable {
    public let shipped: WorkingCalendar
    public let added: WorkingCalendar?
    /// The one deadlines are counted on: the added notice laid over the shipped ones.
    public let calendar: WorkingCalendar

    init(addedFile: String?) throws {
        guard let url = Bundle.module.url(forResource: "cn-holidays", withExtension: "csv", subdirectory: "Resources") else {
            throw Abort(.internalServerError, reason: "cn-holidays.csv is missing from the bundle")
        }
        shipped = try WorkingCalendar(csv: String(contentsOf: url, encoding: .utf8))
        do {
            added = try addedFile.map { try WorkingCalendar(csv: String(contentsOfFile: $0, encoding: .utf8)) }
        } catch {
            throw Abort(.internalServerError, reason: "SHEQU_HOLIDAYS_FILE \(addedFile ?? "") cannot be read: \(error)")
        }
        calendar = added.map(shipped.adding) ?? shipped
    }

    /// From which day due dates may have been counted without the added
    /// notice: the first day it lists (it can reach back into December), or
    /// else the first day past the shipped years.
    public var recountFrom: LocalDate {
        let shippedEnd = LocalDate("\(shipped.coveredThrough + 1)-01-01")!
        return min(added?.firstListedDay ?? shippedEnd, shippedEnd)
    }
}

extension Application {
    private struct NoticesKey: StorageKey { typealias Value = HolidayNotices }

    /// Read once at configure; read from the files again only by code that runs before it.
    public var holidayNotices: HolidayNotices {
        get throws { try storage[NoticesKey.self] ?? HolidayNotices(addedFile: shequSettings.holidaysFile) }
    }

    /// China's working-day calendar that statutory time limits are counted on.
    public var workingCalendar: WorkingCalendar {
        get throws { try holidayNotices.calendar }
    }

    func pinHolidayNotices() throws {
        storage[NoticesKey.self] = try HolidayNotices(addedFile: shequSettings.holidaysFile)
    }
}
