import Crypto
import Fluent
import Foundation
import ShequKernel
import SQLKit

/// The last link of a hash chain, one row per chain in a heads table: an
/// append reads one row instead of the chain's tail, and comparing the head
/// with the chain's end shows entries removed from the tail. Shared by the
/// audit log and the communities' public records.
///
/// Each head carries a keyed seal, so a head moved back over a truncated tail
/// no longer matches it; and the heads of a table are sealed together into a
/// checkpoint (`ChainCheckpoint`) when a chain begins and then at most every
/// `checkpointInterval` while chains are written, so a chain deleted whole,
/// head and all, is missed by the checkpoint. No write waits for a checkpoint:
/// the writer that finds one due makes it if no one else is making one.
public struct ChainHead: Sendable {
    public let table: String
    public let keyColumn: String
    public let checkpointInterval: TimeInterval

    public init(table: String, keyColumn: String, checkpointInterval: TimeInterval = 60) {
        self.table = table
        self.keyColumn = keyColumn
        self.checkpointInterval = checkpointInterval
    }

    public struct State: Sendable {
        public let sequence: Int
        public let hash: String
        /// The first sequence linked with the key; earlier entries predate keyed chains.
        public let keyedFrom: Int
        /// The chain began in this transaction.
        public let isNew: Bool
    }

    /// Reads the head and, on PostgreSQL, locks it until the transaction ends;
    /// on SQLite the caller already holds the one writer (`WriteGate`).
    public func lock(_ key: String, on db: any Database) async throws -> State {
        let sql = db as! any SQLDatabase
        let lock: SQLQueryString = db.isPostgres ? " FOR UPDATE" : ""
        let select: SQLQueryString = "SELECT sequence, hash, keyed_from FROM \(ident: table) WHERE \(ident: keyColumn) = \(bind: key)\(lock)"
        var isNew = false
        var head = try await sql.raw(select).first()
        if head == nil {
            let seal = try sealOfHead(key, sequence: 0, hash: HashChain.genesis, keyedFrom: 1)
            isNew = try await sql.raw("""
                INSERT INTO \(ident: table) (\(ident: keyColumn), sequence, hash, keyed_from, seal)
                VALUES (\(bind: key), 0, \(bind: HashChain.genesis), 1, \(bind: seal))
                ON CONFLICT (\(ident: keyColumn)) DO NOTHING RETURNING \(ident: keyColumn)
                """).first() != nil
            head = try await sql.raw(select).first()
        }
        guard let head else { throw AuditError.headMissing(key) }
        let sequence = try head.decode(column: "sequence", as: Int.self)
        return State(sequence: sequence, hash: try head.decode(column: "hash", as: String.self),
                     keyedFrom: try head.decode(column: "keyed_from", as: Int?.self) ?? sequence + 1, isNew: isNew)
    }

    /// Where one chain's head stands, as a token for what was worked out from the chain (`ChainVerdicts`):
    /// its sequence, hash and seal, so any change to the head row changes it. "none" before the first entry.
    public func token(_ key: String, on db: any Database) async throws -> String {
        let row = try await db.sql().raw("""
            SELECT sequence, hash, seal FROM \(ident: table) WHERE \(ident: keyColumn) = \(bind: key)
            """).first()
        guard let row else { return "none" }
        return "\(try row.decode(column: "sequence", as: Int.self))|\(try row.decode(column: "hash", as: String.self))|"
            + (try row.decode(column: "seal", as: String?.self) ?? "")
    }

    /// The keyed link of the next entry.
    public func link(previous: String, content: String) throws -> String {
        HashChain.link(previous: previous, content: content, key: try ChainKey.current())
    }

    public func advance(_ key: String, from state: State, to sequence: Int, hash: String, on db: any Database) async throws {
        let seal = try sealOfHead(key, sequence: sequence, hash: hash, keyedFrom: state.keyedFrom)
        try await (db as! any SQLDatabase).raw("""
            UPDATE \(ident: table) SET sequence = \(bind: sequence), hash = \(bind: hash), keyed_from = \(bind: state.keyedFrom), seal = \(bind: seal)
            WHERE \(ident: keyColumn) = \(bind: key)
            """).run()
        try await checkpoint.sealIfDue(force: state.isNew, interval: checkpointInterval, on: db)
    }

    var checkpoint: ChainCheckpoint { ChainCheckpoint(table: table, keyColumn: keyColumn) }

    func sealOfHead(_ key: String, sequence: Int, hash: String, keyedFrom: Int) throws -> String {
        HashChain.seal(["head", table, key, String(sequence), hash, String(keyedFrom)], key: try ChainKey.current())
    }

    /// The one-time upgrade of heads written before chains were keyed: their
    /// entries keep their plain links, and the seal taken now over each head (and
    /// the checkpoint over all) covers them, so they keep verifying and can no
    /// longer be rewritten without the key. Run by a migration; idempotent.
    public func upgradeToKeyed(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("UPDATE \(ident: table) SET keyed_from = sequence + 1 WHERE keyed_from IS NULL").run()
        for row in try await sql.raw("SELECT \(ident: keyColumn) AS chain, sequence, hash, keyed_from FROM \(ident: table) WHERE seal IS NULL").all() {
            let chain = try row.decode(column: "chain", as: String.self)
            let seal = try sealOfHead(chain, sequence: try row.decode(column: "sequence", as: Int.self), hash: try row.decode(column: "hash", as: String.self),
                                      keyedFrom: try row.decode(column: "keyed_from", as: Int.self))
            try await sql.raw("UPDATE \(ident: table) SET seal = \(bind: seal) WHERE \(ident: keyColumn) = \(bind: chain)").run()
        }
        try await checkpoint.seal(on: db)
    }

    public struct Finding: Sendable, Equatable {
        public let chain: String
        public let sequence: Int
        public let entryID: UUID?
        public let problem: String
    }

    /// Checks every chain of the table (or one) against the latest checkpoint,
    /// its head's seal and its links, and names the first thing that does not hold.
    /// `page(chain, from, through)` returns up to a page of entries in sequence order.
    public func verify(only: String? = nil, on db: any Database,
                       page: @Sendable (String, Int, Int) async throws -> [(id: UUID?, link: HashChain.Link)]) async throws -> (checked: Int, finding: Finding?) {
        let key = try ChainKey.current()
        let sql = db as! any SQLDatabase
        // The checkpoint first, then the heads: a head read later can only be further along.
        let latest = try await checkpoint.latest(on: db, key: key)
        var query = sql.select().column(SQLAlias(SQLIdentifier(keyColumn), as: SQLIdentifier("chain")))
            .columns("sequence", "hash", "keyed_from", "seal").from(table)
        if let only { query = query.where(SQLIdentifier(keyColumn), .equal, only) }
        let heads = try await query.orderBy(SQLIdentifier(keyColumn)).all()
        let checkpointed: [String: Int]
        switch latest {
        case .sealed(let recorded): checkpointed = recorded
        case .forged:
            return (heads.count, Finding(chain: table, sequence: 0, entryID: nil, problem: "the checkpoint of the chains' heads does not match its seal: it was edited"))
        case .none:
            // The first chain of a table makes its checkpoint, so chains without one lost it.
            guard heads.isEmpty else {
                return (heads.count, Finding(chain: table, sequence: 0, entryID: nil, problem: "the checkpoint of the chains' heads is missing: it was deleted"))
            }
            checkpointed = [:]
        }
        var present: Set<String> = []
        for head in heads { present.insert(try head.decode(column: "chain", as: String.self)) }
        for (chain, sequence) in checkpointed.sorted(by: { $0.key < $1.key })
        where sequence > 0 && !present.contains(chain) && (only == nil || only == chain) {
            return (heads.count, Finding(chain: chain, sequence: 1, entryID: nil,
                                         problem: "the chain is missing: the checkpoint of heads records it at entry #\(sequence), the database has neither its head nor its entries"))
        }
        for head in heads {
            let chain = try head.decode(column: "chain", as: String.self)
            let sequence = try head.decode(column: "sequence", as: Int.self), hash = try head.decode(column: "hash", as: String.self)
            guard let keyedFrom = try head.decode(column: "keyed_from", as: Int?.self), let seal = try head.decode(column: "seal", as: String?.self),
                  HashChain.sealsMatch(seal, HashChain.seal(["head", table, chain, String(sequence), hash, String(keyedFrom)], key: key)) else {
                return (heads.count, Finding(chain: chain, sequence: sequence, entryID: nil,
                                             problem: "the head does not match its seal: it was moved back or rewritten"))
            }
            if let recorded = checkpointed[chain], sequence < recorded {
                return (heads.count, Finding(chain: chain, sequence: sequence + 1, entryID: nil,
                                             problem: "the chain was truncated: the checkpoint of heads records it at entry #\(recorded), its head at #\(sequence)"))
            }
            if let broken = try await ChainWalk.firstBreak(headSequence: sequence, headHash: hash, key: key, keyedFrom: keyedFrom,
                                                           page: { from in try await page(chain, from, sequence) }) {
                return (heads.count, Finding(chain: chain, sequence: broken.sequence, entryID: broken.entryID, problem: broken.problem))
            }
        }
        return (heads.count, nil)
    }
}

/// Checks one stored chain against its head, reading it a page at a time so
/// a chain of millions of entries is checked in bounded memory.
public enum ChainWalk {
    public struct Break: Sendable, Equatable {
        public let sequence: Int
        public let entryID: UUID?
        public let problem: String
    }

    /// `page(from)` returns up to a page of (entry id, link) with sequence ≥ `from`, in order,
    /// and none past the head (entries appended while the walk runs belong to a later head).
    public static func firstBreak(headSequence: Int, headHash: String, key: SymmetricKey? = nil, keyedFrom: Int = 1,
                                  page: (Int) async throws -> [(id: UUID?, link: HashChain.Link)]) async throws -> Break? {
        var previous = HashChain.genesis
        var next = 1
        while true {
            let entries = try await page(next)
            guard let last = entries.last else { break }
            if let broken = HashChain.verify(entries.map(\.link), after: previous, firstSequence: next, key: key, keyedFrom: keyedFrom) {
                let sequence: Int
                switch broken {
                case .contentAltered(let s), .linkBroken(let s): sequence = s
                case .gap(let expected, _): sequence = expected
                }
                return Break(sequence: sequence, entryID: entries.first { $0.link.sequence == sequence }?.id, problem: "\(broken)")
            }
            previous = last.link.hash
            next = last.link.sequence + 1
        }
        if next - 1 != headSequence || previous != headHash {
            return Break(sequence: next, entryID: nil,
                         problem: "chain ends at \(next - 1) but its head records \(headSequence): entries were removed")
        }
        return nil
    }
}
