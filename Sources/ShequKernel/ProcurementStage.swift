import Foundation

/// Where a government purchase-of-service project stands (B3): planned → call published → scoring →
/// awarded → under contract (milestones, payments and supervision happen here) → evaluated.
public enum ProcurementStage: String, Codable, Sendable, CaseIterable {
    case planned, callOpen, scoring, awarded, contracted, evaluated

    /// Organisations apply only while the call is open (and before its closing day).
    public var acceptsApplications: Bool { self == .callOpen }
    /// The panel scores once the call has closed and before the award.
    public var acceptsScores: Bool { self == .scoring }
    /// Payments and supervision reports follow the contract until the evaluation closes it.
    public var isUnderContract: Bool { self == .contracted }
}

/// The steps that move a project, each the buyer's act.
public enum ProcurementStep: String, Codable, Sendable, CaseIterable {
    case publishCall, closeCall, award, contract, evaluate

    public enum Refusal: Error, Equatable {
        case outOfOrder(stage: ProcurementStage, step: ProcurementStep)
    }

    /// The only legal moves; anything else is refused, naming where the project stands.
    public func next(from stage: ProcurementStage) throws(Refusal) -> ProcurementStage {
        switch (stage, self) {
        case (.planned, .publishCall): return .callOpen
        case (.callOpen, .closeCall): return .scoring
        case (.scoring, .award): return .awarded
        case (.awarded, .contract): return .contracted
        case (.contracted, .evaluate): return .evaluated
        default: throw .outOfOrder(stage: stage, step: self)
        }
    }
}

/// How the call is made: open to every eligible organisation, selective (only the named invitees), or direct
/// (one named organisation, with the reason recorded, as single-source procurement needs one).
public enum ProcurementMethod: String, Codable, Sendable, CaseIterable {
    case open, selective, direct

    public var needsReason: Bool { self == .direct }
    public var namesInvitees: Bool { self != .open }
    /// How many invitees the method takes.
    public var invitees: ClosedRange<Int> {
        switch self {
        case .open: 0...0
        case .selective: 1...20
        case .direct: 1...1
        }
    }
}

/// 政府购买服务管理办法 Art. 24: a contract runs at most one year, or up to three for stable, continuous,
/// steadily funded services, which the buyer must say.
public enum PurchaseTerm {
    public static let usualMonths = 12
    public static let longestMonths = 36

    public enum Refusal: Error, Equatable {
        case notPositive
        case tooLong(months: Int)
        case reasonRequired(months: Int)
    }

    public static func check(months: Int, longTermReason: String?) throws(Refusal) {
        guard months >= 1 else { throw .notPositive }
        guard months <= longestMonths else { throw .tooLong(months: months) }
        let reason = longTermReason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if months > usualMonths, reason.isEmpty { throw .reasonRequired(months: months) }
    }
}
