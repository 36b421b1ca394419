extension LocalDate {
    /// The same day `months` calendar months earlier, the last day of that month
    /// when it is shorter: someone resident since `day.monthsEarlier(6)` has lived
    /// six months in the community on `day`. Months beyond any real rule (a charter
    /// bounds them to ten years) still give a date rather than a trap.
    public func monthsEarlier(_ months: Int) -> LocalDate {
        let (y, m, d) = components
        let clamped = max(0, min(months, 12 * 1000))
        let index = y * 12 + (m - 1) - clamped
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        let month = index - year * 12 + 1
        let day = min(d, Self.daysIn(month: month, year: year))
        return LocalDate(year: year, month: month, day: day) ?? self
    }
}

extension LocalDate {
    /// The same day `months` calendar months later, the last day of that month when it is shorter: a contract
    /// term of twelve months from 2026-10-04 runs to the day before `monthsAfter(12)`, 2027-10-03.
    /// (`monthsEarlier` clamps negative months to none, so it cannot count forward.)
    public func monthsAfter(_ months: Int) -> LocalDate {
        let (y, m, d) = components
        let clamped = max(0, min(months, 12 * 1000))
        let index = y * 12 + (m - 1) + clamped
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        let month = index - year * 12 + 1
        let day = min(d, Self.daysIn(month: month, year: year))
        return LocalDate(year: year, month: month, day: day) ?? self
    }
}
