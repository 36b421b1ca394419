import Fluent
import SQLKit

/// One row counting the writes that change P2's inputs in this module (organisations, memberships, registrations), so
/// an instance can tell in one statement whether the coverage it worked out last is still the records' answer.
struct AddPartyVersion: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(PartyVersion.schema).field("id", .int, .identifier(auto: false)).field("version", .int64, .required).create()
        let sql = database as! any SQLDatabase
        try await sql.raw("INSERT INTO \(ident: PartyVersion.schema) (id, version) VALUES (1, 0)").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(PartyVersion.schema).delete()
    }
}

enum PartyVersion {
    static let schema = "party_versions"

    /// Inside the write's own transaction: the change and the new version land together.
    static func bump(on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("UPDATE \(ident: schema) SET version = version + 1 WHERE id = 1").run()
    }

    /// What the coverage depends on, read in one statement: this module's version, and the size of SelfGovernance's
    /// compounds and seats (both only ever added to: neither module updates or deletes a compound or a seat).
    static func key(day: String, rules: [PartyQualificationRuleKey], on db: any Database) async throws -> String {
        let row = try await (db as! any SQLDatabase).raw("""
            SELECT (SELECT version FROM \(ident: schema) WHERE id = 1) AS v,
                   (SELECT COUNT(*) FROM \(ident: "compounds")) AS c, (SELECT COUNT(*) FROM \(ident: "body_members")) AS b
            """).first()
        let v = try row?.decode(column: "v", as: Int.self) ?? -1
        let c = try row?.decode(column: "c", as: Int.self) ?? -1
        let b = try row?.decode(column: "b", as: Int.self) ?? -1
        return "\(day)|\(v)|\(c)|\(b)|" + rules.map { "\($0.from)=\($0.minimum)" }.joined(separator: ",")
    }
}

struct PartyQualificationRuleKey: Sendable {
    let from: String
    let minimum: Int
}
