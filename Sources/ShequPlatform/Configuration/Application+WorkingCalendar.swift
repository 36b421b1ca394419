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
