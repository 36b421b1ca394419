import Foundation
import Logging
import PostgresNIO

/// The applicant read by id on PostgreSQL as a prepared statement. Every
/// submission on someone's behalf runs it, and PostgreSQL spent nearly three
/// times as long planning it as running it (pg_stat_statements, BENCHMARKS.md).
/// Same SQL as the SQLite path in `Applicant.find(where:on:)`.
struct ApplicantStatement: PostgresPreparedStatement {
    static let sql = "SELECT id, division_code, id_number_sealed, phone_sealed FROM residents WHERE id = $1"
    typealias Row = (UUID, String, String, String?)

    var id: UUID
    static let logger = Logger(label: "shequ.applicant")

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(id)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }

    static func run(id: UUID, on db: any PostgresDatabase) async throws -> Applicant? {
        try await db.rows(of: ApplicantStatement(id: id), logger: Self.logger).first.map { Applicant(id: $0.0, divisionCode: $0.1, idNumberSealed: $0.2, phoneSealed: $0.3) }
    }
}
