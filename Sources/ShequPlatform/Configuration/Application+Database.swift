import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

extension Application {
    /// SQLite in the data directory unless `DATABASE_URL` names a PostgreSQL server.
    func configureDatabase(_ settings: ShequSettings) throws {
        if let url = settings.databaseURL {
            var config = try SQLPostgresConfiguration(url: url)
            config.searchPath = settings.postgresSchema.map { [$0] }
            databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: settings.postgresConnectionsPerLoop,
                                    connectionPoolTimeout: .seconds(Self.poolTimeoutSeconds), sqlLogLevel: .debug), as: .psql)
        } else if settings.inMemory {
            databases.use(.sqlite(.memory, sqlLogLevel: .debug), as: .sqlite)
        } else {
            try FileManager.default.createDirectory(at: settings.dataDirectory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let path = settings.dataDirectory.appendingPathComponent("shequ.sqlite").path
            databases.use(.sqlite(.file(path), sqlLogLevel: .debug), as: .sqlite)
        }
    }
}

extension Application {
    /// How long a request waits for a pooled connection before it is answered 503 "try again": 30 s, unless
    /// SHEQU_PG_POOL_TIMEOUT says otherwise (the test suite on two cores: see scripts/with-postgres.sh).
    static var poolTimeoutSeconds: Int64 {
        Environment.get("SHEQU_PG_POOL_TIMEOUT").flatMap(Int64.init).map { min(max($0, 1), 3600) } ?? 30
    }
}

extension Database {
    public var isPostgres: Bool { self is any SQLDatabase && (self as! any SQLDatabase).dialect.name == "postgresql" }
}
