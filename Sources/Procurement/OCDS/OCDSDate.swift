import Foundation
import ShequKernel

/// OCDS dates are RFC 3339 date-times; Shequ writes them at Beijing's offset
/// (+08:00, no daylight saving), as people in Zhuhai read them, whatever zone
/// the server runs in. Whole seconds: two releases in the same second are
/// ordered by the log, not by their dates.
public enum OCDSDate {
    static let zone = TimeZone(secondsFromGMT: 8 * 3600)!

    public static func text(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(seconds)))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d+08:00", c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// A calendar day (a contract's start, a milestone's due date) as the start of that day in Beijing.
    public static func text(_ day: LocalDate) -> String {
        let (y, m, d) = day.components
        return String(format: "%04d-%02d-%02dT00:00:00+08:00", y, m, d)
    }

    /// The year a release belongs to in the yearly package: its date's year in Beijing.
    public static func year(_ date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.component(.year, from: date)
    }
}
