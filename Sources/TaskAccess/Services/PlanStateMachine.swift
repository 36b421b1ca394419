import Foundation

/// What can be done to a plan, and by whom: the department submits, the office decides.
public enum PlanStep: String, Codable, Sendable, CaseIterable {
    case submit, approve, requestChanges, reject

    /// draft → submitted → (changesRequested → submitted)* → approved | rejected. Nothing leaves approved or rejected.
    public func next(from state: PlanState) -> PlanState? {
        switch (self, state) {
        case (.submit, .draft), (.submit, .changesRequested): .submitted
        case (.approve, .submitted): .approved
        case (.requestChanges, .submitted): .changesRequested
        case (.reject, .submitted): .rejected
        default: nil
        }
    }

    public var isReview: Bool { self != .submit }
}

extension PlanState {
    /// A department may change its plan only while it is in its own hands.
    public var isEditable: Bool { self == .draft || self == .changesRequested }
}
