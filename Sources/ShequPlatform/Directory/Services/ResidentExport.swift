import Fluent
import ShequKernel
import Vapor

/// Residents in scope as CSV, ID numbers and phones masked. Written in
/// keyset pages straight to the response, so a district of a million people
/// streams in constant memory.
enum ResidentExport {
    static let header = "id,community_code,name,sex,birth_year,id_number_masked,phone_masked,residency,household_id,relation_to_head,resident_since"
    static let pageSize = 2000

    static func line(_ r: Resident) -> String {
        [r.id!.uuidString, r.divisionCode, r.name, r.sex.rawValue, String(r.birthYear), r.idNumberMasked, r.phoneMasked ?? "",
         r.residency.rawValue, r.householdID?.uuidString ?? "", r.relationToHead?.rawValue ?? "", r.residentSince]
            .map(CSVTable.field).joined(separator: ",")
    }

    static func write(scopes: [String], on db: any Database, to writer: any AsyncBodyStreamWriter) async throws {
        // The BOM lets spreadsheet programs on Chinese Windows read UTF-8 correctly.
        try await writer.writeBuffer(ByteBuffer(string: "\u{FEFF}" + header + "\r\n"))
        var after: (name: String, id: UUID)? = nil
        while true {
            let query = Resident.query(on: db).inScopes(scopes, \.$divisionCode)
            if let after {
                query.group(.or) { $0.filter(\.$name > after.name).group(.and) { $0.filter(\.$name == after.name).filter(\.$id > after.id) } }
            }
            let page = try await query.sort(\.$name).sort(\.$id).limit(pageSize).all()
            guard let last = page.last else { break }
            try await writer.writeBuffer(ByteBuffer(string: page.map(line).joined(separator: "\r\n") + "\r\n"))
            after = (last.name, last.id!)
        }
        try await writer.write(.end)
    }
}
