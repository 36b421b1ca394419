import Fluent
import Foundation
import ShequKernel

/// 自治章程: a community's charter, versioned. The version in force decides
/// who votes and what counts as quorum and majority (S2).
public final class Charter: Model, @unchecked Sendable {
    public static let schema = "charters"

    @ID public var id: UUID?
    @Field(key: "division_code") public var divisionCode: String
    @Field(key: "version") public var version: Int
    @Field(key: "title") public var title: String
    @Field(key: "text") public var text: String
    /// `CharterRules` as JSON, so a rule is data a community changes by adopting a new version.
    @Field(key: "rules") public var rulesJSON: String
    /// yyyy-MM-dd from which this version governs.
    @Field(key: "in_force_from") public var inForceFrom: String
    @Field(key: "adopted_by") public var adoptedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public var rules: CharterRules {
        (try? JSONDecoder().decode(CharterRules.self, from: Data(rulesJSON.utf8))) ?? .organicLaw
    }
}
