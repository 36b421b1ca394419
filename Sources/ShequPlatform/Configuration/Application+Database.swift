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
                                    connectionPoolTimeout: .seconds(30), sqlLogLevel: .debug), as: .psql)
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

extension Database {
    public var isPostgres: Bool { self is any SQLDatabase && (self as! any SQLDatabase).dialect.name == "postgresql" }
}
