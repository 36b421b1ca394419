/// The life of an application (办件), with the only moves the service-hall rules allow.
public enum ApplicationState: String, Codable, Sendable, CaseIterable {
    case submitted          // 已提交
    case accepted           // 已受理
    case notAccepted        // 不予受理
    case awaitingSupplement // 待补正
    case inProgress         // 办理中
    case transferred        // 已转办
    case completed          // 已办结
    case refused            // 不予许可/办结不通过
    case withdrawn          // 已撤回

    public var isFinal: Bool { [.notAccepted, .completed, .refused, .withdrawn].contains(self) }

    /// While the clock runs, working days count against the limit.
    public var clockRuns: Bool { [.accepted, .inProgress, .transferred].contains(self) }

    /// Finished by a decision (not by the applicant walking away): the applicant may rate it.
    public var canBeRated: Bool { [.completed, .refused, .notAccepted].contains(self) }

    public static let running = allCases.filter(\.clockRuns)
    /// `state IN (...)` with literal values, identical wherever it is used: the
    /// partial index `applications_running_due` is chosen only for this exact text.
    static let runningSQL = "state IN (" + running.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
    public static let final = allCases.filter(\.isFinal)
}

public enum ApplicationStep: String, Codable, Sendable, CaseIterable {
    case accept, decline, requestSupplement, receiveSupplement, process, transfer, complete, refuse, withdraw

    /// Steps that must say why (一次性告知 for supplements; a reason for every refusal).
    public var needsReason: Bool { [.decline, .requestSupplement, .refuse].contains(self) }
}

public enum ApplicationWorkflow {
    public enum Refusal: Error, Equatable, Sendable {
        case notAllowed(from: ApplicationState, step: ApplicationStep)
        case reasonRequired(ApplicationStep)
    }

    /// Where `step` leads from `state`. `resumeTo` is where a supplement returns to.
    public static func next(from state: ApplicationState, step: ApplicationStep,
                            resumeTo: ApplicationState? = nil) throws(Refusal) -> ApplicationState {
        switch (state, step) {
        case (.submitted, .accept): return .accepted
        case (.submitted, .decline): return .notAccepted
        case (.submitted, .requestSupplement), (.accepted, .requestSupplement), (.inProgress, .requestSupplement):
            return .awaitingSupplement
        case (.awaitingSupplement, .receiveSupplement): return resumeTo ?? .accepted
        case (.accepted, .process), (.transferred, .process): return .inProgress
        case (.accepted, .transfer), (.inProgress, .transfer): return .transferred
        case (.accepted, .complete), (.inProgress, .complete), (.transferred, .complete): return .completed
        case (.accepted, .refuse), (.inProgress, .refuse), (.transferred, .refuse): return .refused
        case (let s, .withdraw) where !s.isFinal: return .withdrawn
        default: throw .notAllowed(from: state, step: step)
        }
    }
}
