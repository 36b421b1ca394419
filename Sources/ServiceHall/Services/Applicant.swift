import Fluent
import Foundation
import PostgresNIO
import ShequPlatform
import SQLKit

/// The few resident columns an application needs, read with one narrow
/// statement instead of a full `Resident` model: submissions are the service
/// hall's busiest write, and decoding whole models was most of their cost.
public struct Applicant: Sendable {
    public let id: UUID
    public let divisionCode: String
    public let idNumberSealed: String
    public let phoneSealed: String?

    static func find(id: UUID, on db: any Database) async throws -> Applicant? {
        if let pg = db as? any PostgresDatabase { return try await ApplicantStatement.run(id: id, on: pg) }
        return try await find(where: "id = \(bind: id)", on: db)
    }

    static func find(idNumberIndex: String, on db: any Database) async throws -> Applicant? {
        try await find(where: "id_number_index = \(bind: idNumberIndex)", on: db)
    }

    private static func find(where condition: SQLQueryString, on db: any Database) async throws -> Applicant? {
        guard let row = try await (db as! any SQLDatabase)
            .raw("SELECT id, division_code, id_number_sealed, phone_sealed FROM residents WHERE \(condition)").first() else { return nil }
        return Applicant(id: try row.decode(column: "id", as: UUID.self),
                         divisionCode: try row.decode(column: "division_code", as: String.self),
                         idNumberSealed: try row.decode(column: "id_number_sealed", as: String.self),
                         phoneSealed: try row.decode(column: "phone_sealed", as: String?.self))
    }
}

/// A keyed digest of "tracking number + last four of the ID number or phone",
/// so an anonymous lookup compares digests instead of decrypting.
enum LookupDigest {
    static func make(trackingNumber: String, last4: String, vault: PersonalDataVault) -> String {
        vault.index(trackingNumber + ":" + last4.uppercased(), kind: "lookup")
    }
}
