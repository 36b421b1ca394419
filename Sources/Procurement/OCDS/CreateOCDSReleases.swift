import Fluent
import SQLKit

/// The OCDS release log and its chains' heads. The heads table has the columns
/// `ChainHead` expects (keyed links and seals from the start), and its checkpoints
/// go into the platform's `chain_checkpoints` under this table's name.
struct CreateOCDSReleases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OCDSReleaseEntry.schema)
            .id()
            .field("release_id", .string, .required)
            .field("ocid", .string, .required)
            .field("project_id", .uuid, .required)
            .field("ordinal", .int, .required)
            .field("tag", .string, .required)
            .field("date", .string, .required)
            .field("year", .int, .required)
            .field("chain", .string, .required)
            .field("sequence", .int, .required)
            .field("json", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "release_id")
            .unique(on: "chain", "sequence")
            .unique(on: "ocid", "ordinal")
            .create()
        let sql = database as! any SQLDatabase
        // A project's package and record; the yearly package's keyset pages.
        try await sql.create(index: "ocds_releases_project").on(OCDSReleaseEntry.schema).column("project_id").column("ordinal").run()
        try await sql.create(index: "ocds_releases_year").on(OCDSReleaseEntry.schema).column("year").column("date").column("id").run()
        try await database.schema(OCDSLog.heads.table)
            .field("chain", .string, .identifier(auto: false))
            .field("sequence", .int, .required)
            .field("hash", .string, .required)
            .field("keyed_from", .int)
            .field("seal", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).delete(from: "chain_checkpoints").where("chain_set", .equal, OCDSLog.heads.table).run()
        try await database.schema(OCDSLog.heads.table).delete()
        try await database.schema(OCDSReleaseEntry.schema).delete()
    }
}
