import Fluent
import Foundation
import ShequKernel

public enum AssemblyKind: String, Codable, Sendable, CaseIterable {
    case residents, representatives
}

public enum AssemblyState: String, Codable, Sendable, CaseIterable {
    /// Notice given; attendance may be registered.
    case scheduled
    /// Ballots are being cast.
    case voting
    case closed
}

/// 居民会议 / 居民代表会议 deciding one matter (S1 决策). The rules of the
/// charter in force when it was convened are copied in, so a later charter
/// never changes how an earlier vote was counted.
public final class Assembly: Model, @unchecked Sendable {
    public static let schema = "assemblies"

    @ID public var id: UUID?
    @Field(key: "division_code") public var divisionCode: String
    @Field(key: "matter_id") public var matterID: UUID
    @Enum(key: "kind") public var kind: AssemblyKind
    @Field(key: "title") public var title: String
    @Field(key: "place") public var place: String
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "charter_version") public var charterVersion: Int
    @Field(key: "rules") public var rulesJSON: String
    @Enum(key: "state") public var state: AssemblyState
    /// Counted when voting opens: the base the quorum is measured against.
    @OptionalField(key: "eligible") public var eligible: Int?
    @OptionalField(key: "present") public var present: Int?
    @OptionalField(key: "in_favor") public var inFavor: Int?
    @OptionalField(key: "against") public var against: Int?
    @OptionalField(key: "abstain") public var abstain: Int?
    @OptionalField(key: "quorum_met") public var quorumMet: Bool?
    @OptionalField(key: "passed") public var passed: Bool?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public var rules: CharterRules {
        (try? JSONDecoder().decode(CharterRules.self, from: Data(rulesJSON.utf8))) ?? .organicLaw
    }
}
