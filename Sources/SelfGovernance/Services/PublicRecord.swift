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
        let head = try await heads.lock(draft.community, on: db)
        let (previousSequence, previousHash) = (head.sequence, head.hash)
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
        entry.hash = try heads.link(previous: previousHash, content: entry.canonicalContent)
        try await entry.create(on: db)
        try await heads.advance(draft.community, from: head, to: entry.sequence, hash: entry.hash, on: db)
    }

    public struct Finding: Sendable, Equatable {
        public let community: String
        public let sequence: Int
        public let problem: String
    }

    /// Every community's chain (or one), returning the first thing that does not hold: an
    /// entry, a head, or a community's record the checkpoint names that is no longer there.
    public static func verify(community: String? = nil, on db: any Database) async throws -> (checked: Int, finding: Finding?) {
        let sql = try db.sql()
        let (checked, finding) = try await heads.verify(only: community, on: db) { code, from, through in
            // Rows decoded straight into links: a walk of a long chain spent most of its time building models.
            try await StoredRows.read {
                try await sql.select().columns(PublicRecordRow.columns.map { SQLIdentifier($0) }).from(PublicRecordEntry.schema)
                    .where("division_code", .equal, code).where("sequence", .greaterThanOrEqual, from).where("sequence", .lessThanOrEqual, through)
                    .orderBy("sequence").limit(5000).all(decoding: PublicRecordRow.self, with: .columns)
            }.map { ($0.id, $0.link) }
        }
        return (checked, finding.map { Finding(community: $0.chain, sequence: $0.sequence, problem: $0.problem) })
    }

    /// The verdict a public page shows: one community's chain, walked again once its head moves or the kept
    /// verdict is a minute old (`ChainVerdicts`).
    static func shownVerdict(community: String, head: String, on db: any Database, kept: ChainVerdicts<Finding?>) async throws -> Finding? {
        try await kept.verdict(chain: community, head: head) {
            try await verify(community: community, on: db).finding
        }
    }
}
