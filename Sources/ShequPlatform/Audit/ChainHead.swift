import Fluent
import Foundation
import ShequKernel
import SQLKit

/// The last link of a hash chain, one row per chain in a heads table: an
/// append reads one row instead of the chain's tail, and comparing the head
/// with the chain's end shows entries removed from the tail. Shared by the
/// audit log and the communities' public records.
public struct ChainHead: Sendable {
    public let table: String
    public let keyColumn: String

    public init(table: String, keyColumn: String) {
        self.table = table
        self.keyColumn = keyColumn
    }

    /// Reads the head and, on PostgreSQL, locks it until the transaction ends;
    /// on SQLite the caller already holds the one writer (`WriteGate`).
    public func lock(_ key: String, on db: any Database) async throws -> (sequence: Int, hash: String) {
        let sql = db as! any SQLDatabase
        let lock: SQLQueryString = db.isPostgres ? " FOR UPDATE" : ""
        let select: SQLQueryString = "SELECT sequence, hash FROM \(ident: table) WHERE \(ident: keyColumn) = \(bind: key)\(lock)"
        var head = try await sql.raw(select).first()
        if head == nil {
            try await sql.raw("""
                INSERT INTO \(ident: table) (\(ident: keyColumn), sequence, hash) VALUES (\(bind: key), 0, \(bind: HashChain.genesis))
                ON CONFLICT (\(ident: keyColumn)) DO NOTHING
                """).run()
            head = try await sql.raw(select).first()
        }
        guard let head else { throw AuditError.headMissing(key) }
        return (try head.decode(column: "sequence", as: Int.self), try head.decode(column: "hash", as: String.self))
    }

    public func advance(_ key: String, to sequence: Int, hash: String, on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("""
            UPDATE \(ident: table) SET sequence = \(bind: sequence), hash = \(bind: hash) WHERE \(ident: keyColumn) = \(bind: key)
            """).run()
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

    /// `page(from)` returns up to a page of (entry id, link) with sequence ≥ `from`, in order.
    public static func firstBreak(headSequence: Int, headHash: String,
                                  page: (Int) async throws -> [(id: UUID?, link: HashChain.Link)]) async throws -> Break? {
        var previous = HashChain.genesis
        var next = 1
        while true {
            let entries = try await page(next)
            guard let last = entries.last else { break }
            if let broken = HashChain.verify(entries.map(\.link), after: previous, firstSequence: next) {
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
