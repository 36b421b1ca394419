import Foundation
import ShequKernel
import Vapor

extension Application {
    private struct CalendarKey: StorageKey { typealias Value = WorkingCalendar }

    /// China's working-day calendar from the holiday notices shipped with the product, read once.
    public var workingCalendar: WorkingCalendar {
        get throws {
            if let calendar = storage[CalendarKey.self] { return calendar }
            guard let url = Bundle.module.url(forResource: "cn-holidays", withExtension: "csv", subdirectory: "Resources") else {
                throw Abort(.internalServerError, reason: "cn-holidays.csv is missing from the bundle")
            }
            let calendar = try WorkingCalendar(csv: String(contentsOf: url, encoding: .utf8))
            storage[CalendarKey.self] = calendar
            return calendar
        }
    }
}
