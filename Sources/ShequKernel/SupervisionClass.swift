/// Good or bad, as an integrity entry (诚信记录) says.
public enum IntegrityKind: String, Sendable, Codable, CaseIterable {
    case good
    case bad
}

/// How much an entry weighs. A good entry is a commendation; a bad one a finding (notice) or a penalty.
/// `annulled` is only for a correction that withdraws the entry it corrects.
public enum IntegritySeverity: String, Sendable, Codable, CaseIterable {
    /// 表扬: a good inspection, a good evaluation of a purchased service.
    case commendation
    /// 问题通报: a finding or an upheld complaint with no penalty.
    case notice
    /// 警告
    case warning
    /// 罚款, with its amount; ¥50,000 or more is a serious penalty.
    case fine
    /// 责令停止活动 / 暂停活动
    case suspension
    /// 撤销登记
    case revocation
    /// 失信被执行人
    case judgmentDefaulter
    /// 撤销原记录 (a correction only).
    case annulled

    /// Which kinds it may go with, and whether it needs a fine amount.
    public func fits(_ kind: IntegrityKind) -> Bool {
        switch self {
        case .commendation: kind == .good
        case .annulled: true
        default: kind == .bad
        }
    }
}

/// 分类监管: the supervision class derived from an organisation's record on a day.
///
/// The rules, in order (the first that holds decides), as the public page states them:
/// - D 严重失信: on the serious-dishonesty list.
/// - C 重点监管: on the activity-abnormal list, or a bad entry in the last 12 months.
/// - A 信用良好: a good entry in the last 24 months, no bad entry in the last 24 months, and every annual
///   report due so far filed on time (by 30 June of the next year).
/// - B 一般: everything else.
public enum SupervisionClass: String, Sendable, Codable, CaseIterable, Comparable {
    case a = "A"
    case b = "B"
    case c = "C"
    case d = "D"

    public static func < (l: Self, r: Self) -> Bool { l.rawValue < r.rawValue }

    public static let recentBadMonths = 12
    public static let goodRecordMonths = 24

    /// The class and the rule that gave it.
    public static func of(_ facts: CreditFacts, on day: LocalDate) -> (SupervisionClass, SupervisionRule) {
        let standing = CreditLists.standing(facts, on: day)
        if let d = standing.dishonest { return (.d, .dishonestList(since: d.since)) }
        if let a = standing.abnormal { return (.c, .abnormalList(since: a.since)) }
        let past = facts.entries.filter { $0.occurredOn <= day }
        let recentBad = day.monthsEarlier(recentBadMonths)
        if let bad = past.filter({ $0.kind == .bad && $0.occurredOn > recentBad }).map(\.occurredOn).max() {
            return (.c, .recentBadEntry(on: bad))
        }
        let window = day.monthsEarlier(goodRecordMonths)
        let lastGood = past.filter { $0.kind == .good && $0.occurredOn > window }.map(\.occurredOn).max()
        let lastBad = past.filter { $0.kind == .bad && $0.occurredOn > window }.map(\.occurredOn).max()
        let late = CreditLists.reportYearsDue(registeredOn: facts.registeredOn, on: day).filter { year in
            guard let due = CreditLists.reportDueOn(year: year), let filed = facts.reportsFiledOn[year] else { return true }
            return filed > due
        }
        if let lastGood, lastBad == nil, late.isEmpty { return (.a, .goodRecord(lastGood: lastGood)) }
        return (.b, .general(noRecentGood: lastGood == nil, badWithin24Months: lastBad, lateReports: late))
    }

    /// Leaves out what corrections replaced: an entry another corrects is superseded by it, and a correction
    /// that annuls counts for nothing itself.
    public static func inForce<ID: Hashable>(_ entries: [(id: ID, corrects: ID?, entry: CreditFacts.Entry)]) -> [CreditFacts.Entry] {
        let superseded = Set(entries.compactMap(\.corrects))
        return entries.filter { !superseded.contains($0.id) && $0.entry.severity != .annulled }.map(\.entry)
    }
}

/// Which of the class rules decided, with the fact it rests on.
public enum SupervisionRule: Sendable, Equatable {
    case dishonestList(since: LocalDate)
    case abnormalList(since: LocalDate)
    case recentBadEntry(on: LocalDate)
    case goodRecord(lastGood: LocalDate)
    case general(noRecentGood: Bool, badWithin24Months: LocalDate?, lateReports: [Int])
}
