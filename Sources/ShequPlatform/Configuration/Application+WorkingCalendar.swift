import Foundation
import ShequKernel
import Vapor

extension Application {
    private struct CalendarKey: StorageKey { typealias Value = WorkingCalendar }

    /// China's working-day calendar: the holiday notices shipped with the
    /// product, with `SHEQU_HOLIDAYS_FILE` laid over them. Loaded at configure.
    public var workingCalendar: WorkingCalendar {
        get throws {
            if let calendar = storage[CalendarKey.self] { return calendar }
            return try Self.loadWorkingCalendar(extraFile: shequSettings.holidaysFile)
        }
    }

    /// The last year the notices shipped with this release cover.
    public var shippedCalendarYear: Int {
        get throws { try Self.loadWorkingCalendar(extraFile: nil).coveredThrough }
    }

    /// From which day due dates may have been counted without a notice the
    /// operator added: the first day that notice lists, or else the first day
    /// past the shipped years.
    public var recountFrom: LocalDate {
        get throws {
            let shippedEnd = LocalDate("\(try shippedCalendarYear + 1)-01-01")!
            guard let file = shequSettings.holidaysFile,
                  let first = try WorkingCalendar(csv: String(contentsOfFile: file, encoding: .utf8)).firstListedDay else { return shippedEnd }
            return min(first, shippedEnd)
        }
    }

    func pinWorkingCalendar() throws {
        storage[CalendarKey.self] = try Self.loadWorkingCalendar(extraFile: shequSettings.holidaysFile)
    }

    /// The State Council publishes a year's notice in November or December,
    /// after a release may have shipped; the operator adds it as a file in the
    /// shipped format (`date,name,is_off_day`) and runs `shequ calendar recompute`.
    static func loadWorkingCalendar(extraFile: String?) throws -> WorkingCalendar {
        guard let url = Bundle.module.url(forResource: "cn-holidays", withExtension: "csv", subdirectory: "Resources") else {
            throw Abort(.internalServerError, reason: "cn-holidays.csv is missing from the bundle")
        }
        let shipped = try WorkingCalendar(csv: String(contentsOf: url, encoding: .utf8))
        guard let extraFile else { return shipped }
        do {
            return shipped.adding(try WorkingCalendar(csv: String(contentsOfFile: extraFile, encoding: .utf8)))
        } catch {
            throw Abort(.internalServerError, reason: "SHEQU_HOLIDAYS_FILE \(extraFile) cannot be read: \(error)")
        }
    }
}
