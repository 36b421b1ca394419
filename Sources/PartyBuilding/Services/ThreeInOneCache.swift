import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

/// P3's answers, worked out once per state of everything they read and kept per instance. They read this module's
/// organisations and officers, SelfGovernance's committee seats, the station's grants and the accounts behind them:
/// every write to those is audited in its own transaction, so the audit chains' heads move with each of them, and the
/// key (the day, this module's version, the sum of the heads' sequences) changes before anyone could read the
/// change. The city's share counted every community's team on every request (421 ms at p99 under load).
enum ThreeInOneCache {
    static func token(day: LocalDate, on db: any Database) async throws -> String {
        guard let sql = db as? any SQLDatabase else { throw ShequError(.internalServerError, .errorServer, code: "report_needs_sql") }
        let row = try await sql.raw("""
            SELECT (SELECT version FROM \(ident: PartyVersion.schema) WHERE id = 1) AS v,
                   (SELECT CAST(COALESCE(SUM(sequence), 0) AS BIGINT) FROM \(ident: "audit_chain_heads")) AS s
            """).first()
        let v = try row?.decode(column: "v", as: Int64?.self) ?? -1
        let s = try row?.decode(column: "s", as: Int64?.self) ?? -1
        return "\(day)|\(v)|\(s)"
    }

    static func communities(under prefix: String, on day: LocalDate, _ req: Request) async throws -> [ThreeInOneService.Community] {
        try await req.application.partyReportCache.answer(token: try await token(day: day, on: req.db), key: "communities|\(prefix)") {
            try await ThreeInOneService.communities(under: prefix, on: day, db: req.db)
        }
    }

    static func shares(of division: Division, on day: LocalDate, _ req: Request) async throws -> ThreeInOneService.Shares {
        try await req.application.partyReportCache.answer(token: try await token(day: day, on: req.db), key: "shares|\(division.code)") {
            try await ThreeInOneService.shares(of: division, on: day, db: req.db)
        }
    }
}

extension Application {
    private struct PartyReportCacheKey: StorageKey { typealias Value = VersionedCache }

    /// Set when the module boots, before any request, so requests only read it.
    var partyReportCache: VersionedCache {
        get { storage[PartyReportCacheKey.self] ?? VersionedCache() }
        set { storage[PartyReportCacheKey.self] = newValue }
    }
}
