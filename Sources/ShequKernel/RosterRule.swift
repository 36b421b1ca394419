/// Flexible and staggered hours (H6: 弹性工作制、错时上下班): opening can reach
/// into evenings and weekends, but no worker may be rostered past their
/// contracted weekly hours or in two places at once.
public enum RosterRule {
    public struct Shift: Hashable, Sendable, Codable {
        public let worker: String
        public let window: Int
        /// 1 = Monday … 7 = Sunday.
        public let weekday: Int
        /// Minutes after midnight.
        public let start: Int
        public let end: Int

        public init(worker: String, window: Int, weekday: Int, start: Int, end: Int) {
            self.worker = worker
            self.window = window
            self.weekday = weekday
            self.start = start
            self.end = end
        }

        public var minutes: Int { end - start }
    }

    public enum Violation: Equatable, Sendable {
        case invalidShift(Shift)
        case overContract(worker: String, rosteredMinutes: Int, contractedMinutes: Int)
        case overlapping(worker: String, weekday: Int)
        case windowDoubleBooked(window: Int, weekday: Int)
        case noContract(worker: String)
    }

    /// A week has 168 hours; nothing beyond that (or not a number at all) is a contract.
    public static let maxWeeklyHours = 168.0

    /// Contracted weekly hours as minutes, or nil when the hours cannot be a contract. The
    /// conversion is checked here because an unchecked `Int(hours * 60)` traps on 1e300 or NaN.
    public static func contractedMinutes(weeklyHours: Double) -> Int? {
        guard weeklyHours.isFinite, weeklyHours >= 0, weeklyHours <= maxWeeklyHours else { return nil }
        return Int((weeklyHours * 60).rounded())
    }

    /// Every violation, in a stable order, so a person can fix them all at once.
    public static func check(_ shifts: [Shift], contractedMinutes: [String: Int]) -> [Violation] {
        var violations: [Violation] = []
        for s in shifts where !(1...7).contains(s.weekday) || s.start < 0 || s.end > 24 * 60 || s.start >= s.end {
            violations.append(.invalidShift(s))
        }
        let valid = shifts.filter { (1...7).contains($0.weekday) && $0.start >= 0 && $0.end <= 24 * 60 && $0.start < $0.end }
        for worker in Set(valid.map(\.worker)).sorted() {
            let mine = valid.filter { $0.worker == worker }
            guard let contract = contractedMinutes[worker] else { violations.append(.noContract(worker: worker)); continue }
            // Valid shifts are at most a day long, but their number is the caller's: saturate rather than trap.
            let total = mine.reduce(0) { sum, s in
                let (next, overflow) = sum.addingReportingOverflow(s.minutes)
                return overflow ? Int.max : next
            }
            if total > contract { violations.append(.overContract(worker: worker, rosteredMinutes: total, contractedMinutes: contract)) }
            for day in 1...7 where overlaps(mine.filter { $0.weekday == day }) {
                violations.append(.overlapping(worker: worker, weekday: day))
            }
        }
        for window in Set(valid.map(\.window)).sorted() {
            for day in 1...7 where overlaps(valid.filter { $0.window == window && $0.weekday == day }) {
                violations.append(.windowDoubleBooked(window: window, weekday: day))
            }
        }
        return violations
    }

    static func overlaps(_ shifts: [Shift]) -> Bool {
        let sorted = shifts.sorted { $0.start < $1.start }
        return zip(sorted, sorted.dropFirst()).contains { $0.end > $1.start }
    }

    /// The hours the place is open: per weekday, the union of every staffed span.
    public static func openingHours(_ shifts: [Shift]) -> [Int: [ClosedRange<Int>]] {
        var result: [Int: [ClosedRange<Int>]] = [:]
        for day in 1...7 {
            var merged: [ClosedRange<Int>] = []
            for s in shifts.filter({ $0.weekday == day }).sorted(by: { $0.start < $1.start }) {
                if let last = merged.last, s.start <= last.upperBound {
                    merged[merged.count - 1] = last.lowerBound...max(last.upperBound, s.end)
                } else {
                    merged.append(s.start...s.end)
                }
            }
            if !merged.isEmpty { result[day] = merged }
        }
        return result
    }

    /// "08:30" → 510.
    public static func minutes(_ hhmm: String) -> Int? {
        let parts = hhmm.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0...59).contains(m),
              h * 60 + m <= 24 * 60 else { return nil }
        return h * 60 + m
    }

    public static func hhmm(_ minutes: Int) -> String {
        String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }
}

import Foundation
