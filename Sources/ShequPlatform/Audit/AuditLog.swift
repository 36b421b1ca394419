import Fluent
import Foundation
import ShequKernel
import SQLKit

/// What a caller records; the log adds the chain, sequence, time and hashes.
public struct AuditDraft: Sendable {
    public var actor: String
    public var action: String
    public var entity: String
    public var entityID: String?
    public var scope: String?
    public var outcome: Outcome
    public var ip: String?
    public var detail: String

    public enum Outcome: String, Sendable { case ok, denied, failed }

    public init(actor: String, action: String, entity: String, entityID: String? = nil, scope: String? = nil,
                outcome: Outcome = .ok, ip: String? = nil, detail: String = "") {
        self.actor = actor
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.scope = scope
        self.outcome = outcome
        self.ip = ip
        self.detail = detail
    }
}

public enum AuditLog {
    /// One chain per street (or the platform chain for city-wide events), so
    /// appends in different streets never wait for each other.
    public static func chain(for scope: String?) -> String {
        guard let scope, scope.count >= 9 else { return "platform" }
        return String(scope.prefix(9))
    }

    /// A version of everything the app's commands write: each audited write moves its chain's head in the write's
    /// own transaction, so the sum of the heads' sequences grows with every one of them, on every instance at once.
    /// Writes that bypass the commands (`shequ demo`, the `generate-*` commands) do not move it.
    public static func version(on db: any Database) async throws -> Int64 {
        let row = try await db.sql().raw("SELECT CAST(COALESCE(SUM(sequence), 0) AS BIGINT) AS s FROM \(ident: heads.table)").first()
        return try row?.decode(column: "s", as: Int64?.self) ?? -1
    }

    /// Appends inside the caller's write transaction (see `WriteGate`), so an
    /// audited change and its entry land together or not at all.
    public static func append(_ draft: AuditDraft, on db: any Database, now: Date = Date()) async throws {
        try await appendAll([draft], on: db, now: now)
    }

    /// Appends several entries with a few statements per chain, whatever their
    /// number: every audited write pays for this while it holds its chain's
    /// head (the row lock on PostgreSQL, the one writer on SQLite), and group
    /// commits (`SubmissionBatcher`) append a whole batch at once. Heads are
    /// locked in chain order, so two instances never wait on each other in a circle.
    public static func appendAll(_ drafts: [AuditDraft], on db: any Database, now: Date = Date()) async throws {
        let sql = db as! any SQLDatabase
        let recordedAt = timestamp(now)
        let byChain = Dictionary(grouping: drafts, by: { chain(for: $0.scope) })
        for chain in byChain.keys.sorted() {
            let head = try await heads.lock(chain, on: db)
            var (sequence, hash) = (head.sequence, head.hash)
            var rows: [SQLQueryString] = []
            for draft in byChain[chain]! {
                let entry = AuditEntry()
                entry.chain = chain
                entry.sequence = sequence + 1
                entry.recordedAt = recordedAt
                entry.actor = storable(draft.actor, limit: 200)
                entry.action = draft.action
                entry.entity = draft.entity
                entry.entityID = draft.entityID.map { storable($0, limit: 200) }
                entry.scope = draft.scope.map { storable($0, limit: 64) }
                entry.outcome = draft.outcome.rawValue
                entry.ip = draft.ip.map { storable($0, limit: 64) }
                entry.detail = storable(draft.detail, limit: 2000)
                entry.previousHash = hash
                entry.hash = try heads.link(previous: hash, content: entry.canonicalContent)
                rows.append("""
                    (\(bind: TimeOrderedID.make(at: now)), \(bind: chain), \(bind: entry.sequence), \(bind: recordedAt), \(bind: entry.actor),
                     \(bind: entry.action), \(bind: entry.entity), \(bind: entry.entityID), \(bind: entry.scope), \(bind: entry.outcome),
                     \(bind: entry.ip), \(bind: entry.detail), \(bind: entry.previousHash), \(bind: entry.hash))
                    """)
                (sequence, hash) = (entry.sequence, entry.hash)
            }
            try await sql.raw("""
                INSERT INTO audit_entries (id, chain, sequence, recorded_at, actor, action, entity, entity_id, scope, outcome, ip,
                                           detail, previous_hash, hash)
                VALUES \(rows.joined(separator: ", "))
                """).run()
            try await heads.advance(chain, from: head, to: sequence, hash: hash, on: db)
        }
    }

    static let heads = ChainHead(table: "audit_chain_heads", keyColumn: "chain")

    /// A refused attempt is recorded whatever it carried: an entity id taken from a hostile path can hold a NUL,
    /// which PostgreSQL's text refuses outright (and the refusal would then become a 500 with nothing logged).
    /// The stored text, and so the hashed content, has the NUL replaced and its length bounded.
    static func storable(_ text: String, limit: Int) -> String {
        let bounded = text.count > limit ? String(text.prefix(limit)) : text
        guard bounded.utf8.contains(0) else { return bounded }
        return String(String.UnicodeScalarView(bounded.unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : $0 }))
    }

    public struct Finding: Sendable, Equatable {
        public let chain: String
        public let sequence: Int
        public let entryID: UUID?
        public let problem: String
    }

    /// Walks every chain from its first entry and returns the first thing that does not
    /// hold: an entry, a head, or a chain the checkpoint names that is no longer there.
    public static func verify(on db: any Database) async throws -> Finding? {
        let (_, finding) = try await heads.verify(on: db) { chain, from, through in
            try await AuditEntry.query(on: db).filter(\.$chain == chain).filter(\.$sequence >= from).filter(\.$sequence <= through)
                .sort(\.$sequence).limit(5000).all().map { ($0.id, $0.link) }
        }
        return finding.map { Finding(chain: $0.chain, sequence: $0.sequence, entryID: $0.entryID, problem: $0.problem) }
    }

    /// A value-type format: building an `ISO8601DateFormatter` per entry showed up in profiles.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

enum AuditError: Error, CustomStringConvertible {
    case headMissing(String)
    case noChainKey

    var description: String {
        switch self {
        case .headMissing(let chain): "the head of chain \(chain) could not be read or made"
        case .noChainKey: "no chain key: Secrets are loaded (secrets.json or SHEQU_CHAIN_KEY) before any chain is written or checked"
        }
    }
}
