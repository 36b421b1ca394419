import Crypto
import Fluent
import Foundation
import ShequKernel
import SQLKit

/// Keyed seals over every head of one heads table at a moment. A chain a recent
/// checkpoint names must still be there, at least as long: deleting a chain
/// with its head, or a tail below the checkpoint, is found by `verify` even
/// when the head is forged to match.
///
/// Checkpoints are rows added, never a row updated: a writer that makes one
/// waits for no other writer, whatever the number of instances, and two made at
/// once are both kept. `verify` reads the latest few together, so a chain begun
/// while another writer was sealing is still found in its own creator's seal.
struct ChainCheckpoint: Sendable {
    static let schema = "chain_checkpoints"
    /// How many of the latest checkpoints `verify` combines, and how many are kept.
    static let window = 10
    static let kept = 20

    let table: String
    let keyColumn: String

    struct Head: Codable, Sendable {
        var chain: String
        var sequence: Int
    }

    enum Latest {
        case none
        case forged
        case sealed([String: Int])
    }

    func sealIfDue(force: Bool, interval: TimeInterval, on db: any Database, now: Date = Date()) async throws {
        if !force {
            let sql = db as! any SQLDatabase
            let last = try await sql.raw("SELECT MAX(sealed_at) AS at FROM \(ident: Self.schema) WHERE chain_set = \(bind: table)").first()?
                .decode(column: "at", as: Double?.self)
            if let last, now.timeIntervalSince1970 - last < interval { return }
        }
        try await seal(on: db, now: now)
    }

    func seal(on db: any Database, now: Date = Date()) async throws {
        let sql = db as! any SQLDatabase
        var heads: [Head] = []
        for row in try await sql.raw("SELECT \(ident: keyColumn) AS chain, sequence FROM \(ident: table) ORDER BY \(ident: keyColumn)").all() {
            heads.append(Head(chain: try row.decode(column: "chain", as: String.self), sequence: try row.decode(column: "sequence", as: Int.self)))
        }
        let json = String(decoding: try JSONEncoder().encode(heads), as: UTF8.self)
        let sealedAt = now.timeIntervalSince1970
        let seal = Self.seal(table: table, sealedAt: sealedAt, heads: json, key: try ChainKey.current())
        try await sql.raw("""
            INSERT INTO \(ident: Self.schema) (id, chain_set, sealed_at, heads, seal)
            VALUES (\(bind: UUID()), \(bind: table), \(bind: sealedAt), \(bind: json), \(bind: seal))
            """).run()
        // Older checkpoints add nothing the latest do not; rows another writer is removing are skipped, not waited for.
        let older: SQLQueryString = db.isPostgres
            ? "SELECT id FROM \(ident: Self.schema) WHERE chain_set = \(bind: table) ORDER BY sealed_at DESC OFFSET \(unsafeRaw: String(Self.kept)) FOR UPDATE SKIP LOCKED"
            : "SELECT id FROM \(ident: Self.schema) WHERE chain_set = \(bind: table) ORDER BY sealed_at DESC LIMIT -1 OFFSET \(unsafeRaw: String(Self.kept))"
        try await sql.raw("DELETE FROM \(ident: Self.schema) WHERE id IN (\(older))").run()
    }

    static func seal(table: String, sealedAt: Double, heads: String, key: SymmetricKey) -> String {
        HashChain.seal(["checkpoint", table, String(sealedAt), heads], key: key)
    }

    /// The latest checkpoints combined: each chain at the furthest entry any of them records.
    func latest(on db: any Database, key: SymmetricKey) async throws -> Latest {
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT sealed_at, heads, seal FROM \(ident: Self.schema) WHERE chain_set = \(bind: table)
            ORDER BY sealed_at DESC LIMIT \(unsafeRaw: String(Self.window))
            """).all()
        guard !rows.isEmpty else { return .none }
        var recorded: [String: Int] = [:]
        for row in rows {
            let json = try row.decode(column: "heads", as: String.self)
            let expected = Self.seal(table: table, sealedAt: try row.decode(column: "sealed_at", as: Double.self), heads: json, key: key)
            guard HashChain.sealsMatch(try row.decode(column: "seal", as: String.self), expected),
                  let heads = try? JSONDecoder().decode([Head].self, from: Data(json.utf8)) else {
                return .forged
            }
            for head in heads { recorded[head.chain] = max(recorded[head.chain] ?? 0, head.sequence) }
        }
        return .sealed(recorded)
    }
}
