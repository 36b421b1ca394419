import Fluent
import Foundation
import ShequKernel
import SQLKit

/// Takes the birth date out of the clear and shortens the ID mask to the area
/// code (see `ResidentID.mask`). Together the two let anyone who could list
/// residents, or who held a copy of the database, rebuild every ID number.
///
/// Forward needs no key: the year is the date's first four characters and the
/// new mask is a prefix of the old. Back needs the personal-data key, since
/// the date and the last four exist only inside the sealed number.
struct ConcealBirthDates: AsyncMigration {
    let vault: PersonalDataVault
    static let page = 1000

    // Each direction is one transaction: no row is left half converted, and the
    // schema changes and updates run on one connection.
    func prepare(on database: Database) async throws {
        try await database.transaction { try await conceal($0) }
    }

    func revert(on database: Database) async throws {
        try await database.transaction { try await restore($0) }
    }

    func conceal(_ database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema(Resident.schema).field("birth_year", .int).update()
        try await sql.raw("UPDATE residents SET birth_year = CAST(substr(birth_date, 1, 4) AS INTEGER)").run()
        try await sql.raw("UPDATE residents SET id_number_masked = substr(id_number_masked, 1, 6) || '************'").run()
        try await database.schema(Resident.schema).deleteField("birth_date").update()
    }

    func restore(_ database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema(Resident.schema).field("birth_date", .string).update()
        var after: UUID?
        while true {
            let from: SQLQueryString = after.map { "WHERE id > \(bind: $0)" } ?? "WHERE 1 = 1"
            let rows = try await sql.raw("SELECT id, id_number_sealed FROM residents \(from) ORDER BY id LIMIT \(literal: Self.page)").all()
            guard !rows.isEmpty else { break }
            for row in rows {
                let id = try row.decode(column: "id", as: UUID.self)
                let number = try vault.open(try row.decode(column: "id_number_sealed", as: String.self))
                guard let birth = ResidentService.birthDate(inNumber: number)?.description else { continue }
                let oldMask = number.prefix(6) + String(repeating: "*", count: 8) + number.suffix(4)
                try await sql.raw("""
                    UPDATE residents SET birth_date = \(bind: birth), id_number_masked = \(bind: String(oldMask)) WHERE id = \(bind: id)
                    """).run()
            }
            after = try rows.last?.decode(column: "id", as: UUID.self)
        }
        try await database.schema(Resident.schema).deleteField("birth_year").update()
    }
}
