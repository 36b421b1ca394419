/// Where a matter (议题) stands on the chain of S1: deliberation 议事 →
/// decision 决策 → execution 执行 (with assistance 协助) → supervision 监督.
public enum MatterStage: String, Codable, Sendable, CaseIterable {
    case raised, deliberation, decision, execution, supervision, closed, rejected

    public var isFinal: Bool { self == .closed || self == .rejected }
}

/// The steps that move a matter, each the act of one body.
public enum MatterStep: String, Codable, Sendable, CaseIterable {
    /// The deliberation committee takes the matter up.
    case takeUp
    /// The deliberation committee declines it, with reasons.
    case decline
    /// The deliberation committee's recommendation sends it to an assembly.
    case recommend
    /// An assembly passed it (taken by the vote count, never by hand).
    case adopt
    /// An assembly voted it down.
    case reject
    /// The residents' committee reports its tasks done.
    case finishExecution
    /// The supervision committee finds it not done as decided.
    case sendBack
    /// The supervision committee's concluding finding.
    case close

    public enum Refusal: Error, Equatable {
        case outOfOrder(stage: MatterStage, step: MatterStep)
    }

    /// The only legal moves; anything else is refused, naming where the matter stands.
    public func next(from stage: MatterStage) throws -> MatterStage {
        switch (stage, self) {
        case (.raised, .takeUp): return .deliberation
        case (.raised, .decline), (.deliberation, .decline): return .rejected
        case (.deliberation, .recommend): return .decision
        case (.decision, .adopt): return .execution
        case (.decision, .reject): return .rejected
        case (.execution, .finishExecution): return .supervision
        case (.supervision, .sendBack): return .execution
        case (.supervision, .close): return .closed
        default: throw Refusal.outOfOrder(stage: stage, step: self)
        }
    }
}
