import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit

/// A community's public record (S1): append-only, one hash chain per
/// community, written in the same transaction as the step it records.
public enum PublicRecord {
    static let heads = ChainHead(table: "public_record_heads", keyColumn: "division_code")

    public struct Draft: Sendable {
        public let community: String
        public let matterID: UUID?
        /// What happened, e.g. "matter.raised", "assembly.result".
        public let kind: String
        /// The body that acted, by name (or "resident" for a resident's own act).
        public let body: String
        public let summary: String
    }

    public static func append(_ draft: Draft, on db: any Database, now: Date = Date()) async throws {
        let (previousSequence, previousHash) = try await heads.lock(draft.community, on: db)
        let entry = PublicRecordEntry()
        entry.id = UUID()
        entry.divisionCode = draft.community
        entry.sequence = previousSequence + 1
        entry.recordedAt = now.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        entry.matterID = draft.matterID
        entry.kind = draft.kind
        entry.body = draft.body
        entry.summary = String(draft.summary.prefix(4000))
        entry.previousHash = previousHash
        entry.hash = HashChain.link(previous: previousHash, content: entry.canonicalContent)
        try await entry.create(on: db)
        try await heads.advance(draft.community, to: entry.sequence, hash: entry.hash, on: db)
    }

    public struct Finding: Sendable, Equatable {
        public let community: String
        public let sequence: Int
        public let problem: String
    }

    /// Every community's chain (or one), returning the first entry that does not hold.
    public static func verify(community: String? = nil, on db: any Database) async throws -> (checked: Int, finding: Finding?) {
        var query = (db as! any SQLDatabase).select().columns("division_code", "sequence", "hash").from("public_record_heads")
        if let community { query = query.where("division_code", .equal, community) }
        let heads = try await query.orderBy("division_code").all()
        for head in heads {
            let code = try head.decode(column: "division_code", as: String.self)
            let broken = try await ChainWalk.firstBreak(headSequence: try head.decode(column: "sequence", as: Int.self),
                                                        headHash: try head.decode(column: "hash", as: String.self)) { from in
                try await PublicRecordEntry.query(on: db).filter(\.$divisionCode == code).filter(\.$sequence >= from)
                    .sort(\.$sequence).limit(5000).all().map { ($0.id, $0.link) }
            }
            if let broken { return (heads.count, Finding(community: code, sequence: broken.sequence, problem: broken.problem)) }
        }
        return (heads.count, nil)
    }
}
