/// China's working-day calendar: weekends are off, public holidays are off,
/// and the adjusted working days (调休) that the State Council moves onto
/// weekends are on. Statutory time limits are counted on it.
public struct WorkingCalendar: Sendable {
    /// Days the State Council notice lists: `true` off, `false` an adjusted working day.
    let listed: [LocalDate: Bool]
    /// The last year the notices cover; past it only weekends are known.
    public let coveredThrough: Int

    public init(listedDays: [LocalDate: Bool]) {
        listed = listedDays
        coveredThrough = listedDays.keys.map(\.components.year).max() ?? 0
    }

    /// Reads the `date,name,is_off_day` CSV the project ships.
    public init(csv: String) throws(CSVTable.Problem) {
        let table = try CSVTable(parsing: csv)
        var days: [LocalDate: Bool] = [:]
        for row in table.rows where row.fields.count >= 3 {
            if let date = LocalDate(row.fields[0]) { days[date] = row.fields[2] == "true" }
        }
        self.init(listedDays: days)
    }

    /// This calendar with the days of a later notice laid over it (a year
    /// published after the release ships), the later notice winning.
    public func adding(_ other: WorkingCalendar) -> WorkingCalendar {
        WorkingCalendar(listedDays: listed.merging(other.listed) { _, later in later })
    }

    /// The earliest day a notice lists: a later notice can reach back into the
    /// December before its year (an adjusted working weekend before New Year).
    public var firstListedDay: LocalDate? { listed.keys.min() }

    /// Whether `day` lies past the years the notices cover. A deadline there
    /// was counted on weekends alone and may move once the year is published.
    public func isProvisional(_ day: LocalDate) -> Bool {
        day.components.year > coveredThrough
    }

    public func isWorkingDay(_ day: LocalDate) -> Bool {
        if let off = listed[day] { return !off }
        return !day.isWeekend
    }

    /// The date a limit of `workingDays` ends on when counting starts the day after `start`
    /// (the day of acceptance is not counted), skipping every day in `paused`.
    public func deadline(from start: LocalDate, workingDays: Int, paused: [ClosedRange<LocalDate>] = []) -> LocalDate {
        var day = start
        var counted = 0
        while counted < workingDays {
            day = day.adding(days: 1)
            if isWorkingDay(day) && !paused.contains(where: { $0.contains(day) }) { counted += 1 }
        }
        return day
    }

    /// Working days strictly after `start` up to and including `end`, skipping `paused`.
    public func workingDays(after start: LocalDate, through end: LocalDate, paused: [ClosedRange<LocalDate>] = []) -> Int {
        guard end > start else { return 0 }
        var count = 0
        var day = start.adding(days: 1)
        while day <= end {
            if isWorkingDay(day) && !paused.contains(where: { $0.contains(day) }) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }
}
