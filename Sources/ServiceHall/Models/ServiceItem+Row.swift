import Foundation
import ShequPlatform
import SQLKit

extension ServiceItem {
    static let listColumns = ["id", "code", "parent_code", "name_zh", "name_en", "item_type", "service_area", "exercised_at", "legal_basis",
                              "handled_by", "statutory_days", "promised_days", "fee_kind", "fee_fen", "public_interest", "required_power",
                              "version", "retired"]

    /// An item filled from its row's columns by hand, for lists and guides, to be read only: Fluent does not
    /// know it exists, so saving it would try an insert and updating it would stop the process. Fluent builds a model
    /// by reflection, which took most of each catalogue request in a profile (release build).
    static func fromRow(_ row: any SQLRow) throws -> ServiceItem {
        let item = ServiceItem()
        item.id = try row.decode(column: "id", as: UUID.self)
        item.code = try row.decode(column: "code", as: String.self)
        item.parentCode = try row.decode(column: "parent_code", as: String?.self)
        item.nameZh = try row.decode(column: "name_zh", as: String.self)
        item.nameEn = try row.decode(column: "name_en", as: String.self)
        item.itemType = try row.known("item_type", ServiceItemType.self)
        item.serviceArea = try row.known("service_area", ServiceArea.self)
        item.exercisedAt = try row.decode(column: "exercised_at", as: String.self)
        item.legalBasis = try row.decode(column: "legal_basis", as: String.self)
        item.handledBy = try row.known("handled_by", HandlingBody.self)
        item.statutoryDays = try row.decode(column: "statutory_days", as: Int.self)
        item.promisedDays = try row.decode(column: "promised_days", as: Int.self)
        item.feeKind = try row.known("fee_kind", FeeKind.self)
        item.storedFeeFen = try row.decode(column: "fee_fen", as: Int64.self)
        item.publicInterest = try row.decode(column: "public_interest", as: Bool.self)
        item.requiredPowerCode = try row.decode(column: "required_power", as: String?.self)
        item.version = try row.decode(column: "version", as: Int.self)
        item.retired = try row.decode(column: "retired", as: Bool.self)
        return item
    }
}
