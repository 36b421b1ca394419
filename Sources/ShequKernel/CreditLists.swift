/// A social organisation's credit facts and the two public lists of 社会组织信用信息管理办法 (民政部令第60号):
/// the activity-abnormal list (活动异常名录) and the serious-dishonesty list (严重违法失信名单). Nothing here is
/// stored: given an organisation's integrity entries, its annual reports and the removals the street recorded,
/// `CreditLists.standing(_:on:)` replays them up to a day and says which list it is on, why, since when, and how
/// it comes off. Automatic events (the 6-month removal, 2 years on the abnormal list) are derived, so no timer runs.
///
/// The rules, as stated on the public pages:
/// - Abnormal list: an annual report not filed by 30 June of the next year (listed 1 July); a warning or a fine
///   under ¥50,000 (listed on the day of the penalty).
/// - Abnormal, off: the duty fulfilled (the missing report filed) or the matter rectified, and the removal applied
///   for: off the day the street records it (the rule gives it 5 working days); where there was nothing to
///   rectify (a penalty served), off automatically 6 months after the last listable event.
/// - Serious-dishonesty list: 2 years on the abnormal list; a suspension; a fine of ¥50,000 or more; 2 or more
///   warnings or small fines within 3 years; a judgment defaulter (失信被执行人); registration revoked.
/// - Dishonesty, off: applied for 2 years after the last listable conduct, with any unfulfilled duty (a missing
///   report) fulfilled first; a revoked registration comes off only with deregistration, never by application.
/// - Either list: a new listable event while listed restarts the clock.
public enum CreditLists {
    /// ¥50,000: at or above it a fine is a serious penalty.
    public static let seriousFine = Money(fen: 5_000_000)
    /// The month and day of the year after whose end an annual report is due.
    public static let reportDue = (month: 6, day: 30)
    public static let removalWorkingDays = 5
    public static let automaticRemovalMonths = 6
    public static let abnormalYearsToDishonest = 2
    public static let repeatedPenaltyYears = 3
    public static let repeatedPenaltyCount = 2
    public static let dishonestYearsToApply = 2

    /// The day year `year`'s report is due: 30 June of the next year.
    public static func reportDueOn(year: Int) -> LocalDate? {
        LocalDate(year: year + 1, month: reportDue.month, day: reportDue.day)
    }

    /// The years whose report was due on or before `day`, from the year the organisation was registered.
    public static func reportYearsDue(registeredOn: LocalDate, on day: LocalDate) -> [Int] {
        let first = registeredOn.components.year, last = day.components.year - 1
        guard first <= last else { return [] }
        return (first...last).filter { year in reportDueOn(year: year).map { $0 < day } ?? false }
    }

    /// Whether `facts` stood on each list on `day`, with the listings that have ended before it.
    public static func standing(_ facts: CreditFacts, on day: LocalDate) -> CreditStanding {
        var replay = Replay(facts: facts)
        replay.run(through: day)
        return CreditStanding(abnormal: replay.abnormal, dishonest: replay.dishonest, ended: replay.ended, day: day)
    }

    /// What the rules say about a removal applied for on `day`: nil when it would be granted, or why not.
    public static func removalRefusal(_ list: CreditList, _ facts: CreditFacts, on day: LocalDate) -> RemovalRefusal? {
        let now = standing(facts, on: day)
        switch list {
        case .abnormal:
            guard let listing = now.abnormal else { return .notListed }
            return listing.unfulfilledYears(facts, through: day).isEmpty ? nil : .dutyUnfulfilled
        case .dishonest:
            guard let listing = now.dishonest else { return .notListed }
            if listing.reasons.contains(where: { $0.isRevocation }) { return .onlyByDeregistration }
            if let earliest = listing.earliestApplication, day < earliest { return .tooEarly(earliest) }
            return listing.unfulfilledYears(facts, through: day).isEmpty ? nil : .dutyUnfulfilled
        }
    }
}

/// The two lists.
public enum CreditList: String, Sendable, Codable, CaseIterable {
    case abnormal
    case dishonest
}

public enum RemovalRefusal: Sendable, Equatable {
    case notListed
    /// The annual report that put it there (or that is still missing) is not filed.
    case dutyUnfulfilled
    /// Dishonesty: the day an application may first be made.
    case tooEarly(LocalDate)
    /// A revoked registration: only deregistration takes it off.
    case onlyByDeregistration
}

/// Why an organisation was listed.
public enum ListingReason: Sendable, Equatable {
    case annualReportMissing(year: Int)
    /// A warning or a fine under ¥50,000 (abnormal list).
    case penalty(IntegritySeverity, on: LocalDate)
    /// Two years on the abnormal list (dishonesty list).
    case abnormalTwoYears(since: LocalDate)
    /// A suspension, a fine of ¥50,000 or more, a judgment defaulter, a revocation (dishonesty list).
    case seriousPenalty(IntegritySeverity, on: LocalDate)
    /// Two or more warnings or small fines within three years (dishonesty list).
    case repeatedPenalties(count: Int, on: LocalDate)

    var isRevocation: Bool {
        if case .seriousPenalty(.revocation, _) = self { return true }
        return false
    }
}

/// How a listing comes off, as the rules would say it on `day`.
public enum WayOff: Sendable, Equatable {
    /// Fulfil the duty (file the missing reports) or rectify, then apply: off within 5 working days.
    case rectifyAndApply(missingYears: [Int])
    /// Off on its own on that day (6 months after the last listable event), or earlier by rectifying and applying.
    case automatic(on: LocalDate)
    /// Apply on or after that day (2 years without new listable conduct), the missing reports filed first.
    case applyFrom(LocalDate, missingYears: [Int])
    /// Revoked: only deregistration takes it off.
    case deregistration
}

public enum ListingEnd: String, Sendable, Codable {
    /// The street recorded the removal applied for.
    case removed
    /// Six months passed with nothing to rectify.
    case automatic
    /// Moved on to the dishonesty list after 2 years.
    case escalated
}

/// One stay on one list.
public struct Listing: Sendable, Equatable {
    public let list: CreditList
    public let since: LocalDate
    public internal(set) var reasons: [ListingReason]
    /// The last listable event: the clock each list's removal runs from.
    public internal(set) var clock: LocalDate
    public internal(set) var endedOn: LocalDate?
    public internal(set) var endedBy: ListingEnd?

    /// A missing report has something to rectify; a penalty served does not.
    var needsReport: Bool {
        reasons.contains { if case .annualReportMissing = $0 { return true } else { return false } }
            || reasons.contains { if case .abnormalTwoYears = $0 { return true } else { return false } }
    }

    var automaticOn: LocalDate? {
        guard list == .abnormal, !needsReport else { return nil }
        return clock.monthsLater(CreditLists.automaticRemovalMonths)
    }

    var escalatesOn: LocalDate? {
        guard list == .abnormal else { return nil }
        return since.yearsEarlier(-CreditLists.abnormalYearsToDishonest)
    }

    /// Dishonesty: the first day a removal may be applied for.
    public var earliestApplication: LocalDate? {
        guard list == .dishonest, !reasons.contains(where: { $0.isRevocation }) else { return nil }
        return clock.yearsEarlier(-CreditLists.dishonestYearsToApply)
    }

    /// The report years this listing needs filed before it comes off: those due by `day` and not filed by it.
    public func unfulfilledYears(_ facts: CreditFacts, through day: LocalDate) -> [Int] {
        guard needsReport else { return [] }
        return CreditLists.reportYearsDue(registeredOn: facts.registeredOn, on: day).filter { year in
            !(facts.reportsFiledOn[year].map { $0 <= day } ?? false)
        }
    }

    public func wayOff(_ facts: CreditFacts, on day: LocalDate) -> WayOff {
        let missing = unfulfilledYears(facts, through: day)
        switch list {
        case .abnormal:
            if let automaticOn { return .automatic(on: automaticOn) }
            return .rectifyAndApply(missingYears: missing)
        case .dishonest:
            guard let earliest = earliestApplication else { return .deregistration }
            return .applyFrom(earliest, missingYears: missing)
        }
    }
}

public struct CreditStanding: Sendable {
    public let abnormal: Listing?
    public let dishonest: Listing?
    /// Stays on either list that ended on or before the day, oldest first.
    public let ended: [Listing]
    public let day: LocalDate
}

/// What the lists are derived from.
public struct CreditFacts: Sendable {
    public struct Entry: Sendable {
        public var kind: IntegrityKind
        public var severity: IntegritySeverity
        public var fine: Money?
        public var occurredOn: LocalDate

        public init(kind: IntegrityKind, severity: IntegritySeverity, fine: Money? = nil, occurredOn: LocalDate) {
            self.kind = kind
            self.severity = severity
            self.fine = fine
            self.occurredOn = occurredOn
        }
    }

    public struct Removal: Sendable {
        public var list: CreditList
        public var on: LocalDate

        public init(list: CreditList, on: LocalDate) {
            self.list = list
            self.on = on
        }
    }

    public var registeredOn: LocalDate
    /// Entries still in force: corrected and annulled ones already left out (`SupervisionClass.inForce`).
    public var entries: [Entry]
    /// The day each year's report was filed.
    public var reportsFiledOn: [Int: LocalDate]
    public var removals: [Removal]

    public init(registeredOn: LocalDate, entries: [Entry] = [], reportsFiledOn: [Int: LocalDate] = [:], removals: [Removal] = []) {
        self.registeredOn = registeredOn
        self.entries = entries
        self.reportsFiledOn = reportsFiledOn
        self.removals = removals
    }
}

/// The replay: fixed events in date order, with the timed ones (the automatic removal, the escalation) taken
/// whenever they fall before the next fixed one.
struct Replay {
    enum Event {
        case reportMissed(year: Int)
        case entry(CreditFacts.Entry)
        case removal(CreditList)

        /// On one day: what lists comes before a removal recorded that day.
        var order: Int {
            switch self {
            case .reportMissed: 0
            case .entry: 1
            case .removal: 2
            }
        }
    }

    let facts: CreditFacts
    var abnormal: Listing?
    var dishonest: Listing?
    var ended: [Listing] = []
    /// The days of the warnings and small fines so far, for the "2 within 3 years" rule.
    var penalties: [LocalDate] = []

    init(facts: CreditFacts) { self.facts = facts }

    mutating func run(through day: LocalDate) {
        var events: [(LocalDate, Event)] = []
        for year in CreditLists.reportYearsDue(registeredOn: facts.registeredOn, on: day) {
            guard let due = CreditLists.reportDueOn(year: year) else { continue }
            if let filed = facts.reportsFiledOn[year], filed <= due { continue }
            events.append((due.adding(days: 1), .reportMissed(year: year)))
        }
        for entry in facts.entries where entry.kind == .bad && entry.occurredOn <= day { events.append((entry.occurredOn, .entry(entry))) }
        for removal in facts.removals where removal.on <= day { events.append((removal.on, .removal(removal.list))) }
        events.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.order < $1.1.order }

        for (date, event) in events {
            takeTimed(before: date)
            apply(event, on: date)
        }
        takeTimed(before: day.adding(days: 1))
    }

    /// The automatic removals and escalations falling before `limit`, in order (one may lead to the other).
    mutating func takeTimed(before limit: LocalDate) {
        while let listing = abnormal {
            let auto = listing.automaticOn, escalate = listing.escalatesOn
            if let auto, auto < limit, escalate.map({ auto <= $0 }) ?? true {
                end(.abnormal, on: auto, by: .automatic)
            } else if let escalate, escalate < limit {
                end(.abnormal, on: escalate, by: .escalated)
                list(.dishonest, .abnormalTwoYears(since: listing.since), on: escalate)
            } else {
                return
            }
        }
    }

    mutating func apply(_ event: Event, on date: LocalDate) {
        switch event {
        case .reportMissed(let year):
            list(.abnormal, .annualReportMissing(year: year), on: date)
        case .entry(let entry):
            switch entry.severity {
            case .warning, .fine where (entry.fine ?? .zero) < CreditLists.seriousFine:
                penalties.append(date)
                let window = date.yearsEarlier(CreditLists.repeatedPenaltyYears)
                let recent = penalties.filter { $0 > window }.count
                if recent >= CreditLists.repeatedPenaltyCount {
                    list(.dishonest, .repeatedPenalties(count: recent, on: date), on: date)
                } else {
                    list(.abnormal, .penalty(entry.severity, on: date), on: date)
                }
            case .fine, .suspension, .revocation, .judgmentDefaulter:
                list(.dishonest, .seriousPenalty(entry.severity, on: date), on: date)
            case .commendation, .notice, .annulled:
                break
            }
        case .removal(let which):
            // The service refuses a removal the rules do not allow; one that reached the record is taken as granted.
            end(which, on: date, by: .removed)
        }
    }

    /// Lists (or, already listed, adds the reason and restarts the clock). On the dishonesty list an organisation
    /// is not also kept on the abnormal one: the abnormal stay's missing reports travel with it.
    mutating func list(_ which: CreditList, _ reason: ListingReason, on date: LocalDate) {
        switch which {
        case .abnormal:
            if var d = dishonest {
                // Already on the graver list: the new event restarts its clock instead.
                d.reasons.append(reason)
                d.clock = date
                dishonest = d
            } else if var a = abnormal {
                a.reasons.append(reason)
                a.clock = date
                abnormal = a
            } else {
                abnormal = Listing(list: .abnormal, since: date, reasons: [reason], clock: date)
            }
        case .dishonest:
            var carried: [ListingReason] = []
            if let a = abnormal {
                carried = a.reasons.filter { if case .annualReportMissing = $0 { return true } else { return false } }
                end(.abnormal, on: date, by: .escalated)
            }
            if var d = dishonest {
                d.reasons.append(reason)
                d.clock = date
                dishonest = d
            } else {
                dishonest = Listing(list: .dishonest, since: date, reasons: [reason] + carried, clock: date)
            }
        }
    }

    mutating func end(_ which: CreditList, on date: LocalDate, by way: ListingEnd) {
        switch which {
        case .abnormal:
            guard var a = abnormal else { return }
            a.endedOn = date
            a.endedBy = way
            ended.append(a)
            abnormal = nil
        case .dishonest:
            guard var d = dishonest else { return }
            d.endedOn = date
            d.endedBy = way
            ended.append(d)
            dishonest = nil
        }
    }
}

extension LocalDate {
    /// The same day `months` calendar months later (the month's last day when it is shorter); `monthsEarlier`
    /// only counts back.
    func monthsLater(_ months: Int) -> LocalDate {
        let (y, m, d) = components
        let index = y * 12 + (m - 1) + max(0, min(months, 12 * 1000))
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        let month = index - year * 12 + 1
        return LocalDate(year: year, month: month, day: min(d, Self.daysIn(month: month, year: year))) ?? self
    }
}
