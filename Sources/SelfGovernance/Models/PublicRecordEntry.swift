import Fluent
import Foundation
import ShequKernel

/// 公开记录: one line of a community's public record, hash-chained per
/// community so that no one can rewrite it quietly and no community's
/// record waits on another's. It carries no personal data: bodies act under
/// their names, residents appear only as counts.
public final class PublicRecordEntry: Model, @unchecked Sendable {
    public static let schema = "public_record_entries"

    @ID public var id: UUID?
    @Field(key: "division_code") public var divisionCode: String
    @Field(key: "sequence") public var sequence: Int
    @Field(key: "recorded_at") public var recordedAt: String
    @OptionalField(key: "matter_id") public var matterID: UUID?
    @Field(key: "kind") public var kind: String
    @Field(key: "body") public var body: String
    @Field(key: "summary") public var summary: String
    @Field(key: "previous_hash") public var previousHash: String
    @Field(key: "hash") public var hash: String

    public init() {}

    /// The exact text the hash covers. Never edit: it would break every chain.
    var canonicalContent: String {
        Self.canonical(divisionCode, sequence, recordedAt, matterID, kind, body, summary)
    }

    /// Shared with `PublicRecordRow`, which reads entries without building this model.
    static func canonical(_ divisionCode: String, _ sequence: Int, _ recordedAt: String, _ matterID: UUID?,
                          _ kind: String, _ body: String, _ summary: String) -> String {
        [divisionCode, String(sequence), recordedAt, matterID?.uuidString ?? "", kind, body, summary].joined(separator: "\u{1e}")
    }

    var link: HashChain.Link {
        HashChain.Link(sequence: sequence, content: canonicalContent, previousHash: previousHash, hash: hash)
    }
}
