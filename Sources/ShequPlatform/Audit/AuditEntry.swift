import Fluent
import Foundation
import ShequKernel

/// One line of the tamper-evident audit log. Append-only: no code path updates or deletes it.
public final class AuditEntry: Model, @unchecked Sendable {
    public static let schema = "audit_entries"

    @ID public var id: UUID?
    @Field(key: "chain") public var chain: String
    @Field(key: "sequence") public var sequence: Int
    /// Kept as text so the hashed content round-trips exactly through any database.
    @Field(key: "recorded_at") public var recordedAt: String
    @Field(key: "actor") public var actor: String
    @Field(key: "action") public var action: String
    @Field(key: "entity") public var entity: String
    @OptionalField(key: "entity_id") public var entityID: String?
    @OptionalField(key: "scope") public var scope: String?
    @Field(key: "outcome") public var outcome: String
    @OptionalField(key: "ip") public var ip: String?
    @Field(key: "detail") public var detail: String
    @Field(key: "previous_hash") public var previousHash: String
    @Field(key: "hash") public var hash: String

    public init() {}

    /// The exact bytes the hash covers. Changing this changes every hash: never edit it.
    var canonicalContent: String {
        [chain, String(sequence), recordedAt, actor, action, entity, entityID ?? "", scope ?? "", outcome, ip ?? "", detail]
            .joined(separator: "\u{1e}")
    }

    var link: HashChain.Link {
        HashChain.Link(sequence: sequence, content: canonicalContent, previousHash: previousHash, hash: hash)
    }
}

/// The last link of each chain, so an append reads one row instead of the chain's tail.
final class AuditChainHead: Model, @unchecked Sendable {
    static let schema = "audit_chain_heads"

    @ID(custom: "chain", generatedBy: .user) var id: String?
    @Field(key: "sequence") var sequence: Int
    @Field(key: "hash") var hash: String

    init() {}

    init(chain: String, sequence: Int, hash: String) {
        self.id = chain
        self.sequence = sequence
        self.hash = hash
    }
}
