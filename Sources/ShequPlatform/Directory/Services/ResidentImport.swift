import Fluent
import ShequKernel
import Vapor

/// CSV import of residents. Every bad row is reported with its line number and
/// reason; nothing is imported until the file is clean, unless the caller
/// explicitly asks for the good rows only.
public enum ResidentImport {
    public static let columns = ["community_code", "name", "id_number", "phone", "residency", "household_address", "relation_to_head", "resident_since"]

    public struct RowError: Content, Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    public struct Report: Content, Sendable {
        public var imported: Int
        public var householdsCreated: Int
        public var errors: [RowError]
        public var committed: Bool
        /// Set when the file held more already-registered ID numbers than the account may look up now.
        public var lookupLimitReached: Bool?
    }

    struct Candidate {
        let line: Int
        let input: ResidentInput
        let id: ResidentID
        let phone: String?
        let name: String
        let address: String?
    }

    /// Decodes the upload: UTF-8 only (a BOM is fine). Spreadsheet programs in China
    /// often save GBK, which must be refused with advice rather than imported as mojibake.
    public static func decode(_ data: Data) throws -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8), !text.contains("\u{FFFD}") else {
            throw ShequError(.unprocessableEntity, .errorEncoding, code: "encoding")
        }
        return text
    }

    public static func run(text: String, onlyGoodRows: Bool, actor: Actor, language: Language,
                           vault: PersonalDataVault, on db: any Database,
                           recordDuplicate: @Sendable (_ existing: Resident, _ admitted: Bool, _ db: any Database) async throws -> Void)
        async throws -> Report {
        let table: CSVTable
        do { table = try CSVTable(parsing: text) } catch {
            throw ShequError.invalid(.errorBadRequest, " (CSV)", code: "csv")
        }
        let header = table.header.map { $0.lowercased() }
        let missing = columns.prefix(5).filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw ShequError.invalid(.errorMissingField, missing.joined(separator: ", "), code: "csv_header")
        }
        func column(_ row: CSVTable.Row, _ name: String) -> String {
            guard let i = header.firstIndex(of: name), i < row.fields.count else { return "" }
            return row.fields[i].trimmingCharacters(in: .whitespaces)
        }

        let communities = Set(try await Division.query(on: db).filter(\.$level == .community).all(\.$id).compactMap { $0 })
        var errors: [RowError] = []
        var candidates: [Candidate] = []
        var seenIDs: [String: Int] = [:]
        for row in table.rows {
            do {
                let code = column(row, "community_code")
                guard communities.contains(code) else { throw ShequError.invalid(.errorUnknownDivision, code, code: "unknown_division") }
                guard Policy.may(actor, .residentImport, at: code) else { throw ShequError.invalid(.errorOutOfScope, code, code: "out_of_scope") }
                let name = try ResidentService.cleanName(column(row, "name"))
                let id = try ResidentService.parseID(column(row, "id_number"))
                let phone = try ResidentService.cleanPhone(column(row, "phone"))
                let residency: Residency
                switch column(row, "residency").lowercased() {
                case "registered", "户籍": residency = .registered
                case "migrant", "流动", "流动人口": residency = .migrant
                default: throw ShequError.invalid(.errorInvalidValue, "residency", code: "invalid_value")
                }
                let relationRaw = column(row, "relation_to_head")
                guard relationRaw.isEmpty || RelationToHead(rawValue: relationRaw) != nil else {
                    throw ShequError.invalid(.errorInvalidValue, "relation_to_head", code: "invalid_value")
                }
                if let first = seenIDs[id.rawValue] {
                    throw ShequError(.conflict, .errorDuplicateID, detail: " (line \(first))", code: "duplicate_id")
                }
                seenIDs[id.rawValue] = row.line
                let sinceRaw = column(row, "resident_since")
                var since: LocalDate? = nil
                if !sinceRaw.isEmpty {
                    guard let day = LocalDate(sinceRaw) else { throw ShequError.invalid(.errorInvalidValue, "resident_since", code: "invalid_value") }
                    try ResidentService.checkResidentSince(day, bornOn: LocalDate(id.birthDateString))
                    since = day
                }
                let address = column(row, "household_address")
                guard address.count <= 200 else { throw ShequError.invalid(.errorTooLong, "household_address", code: "too_long") }
                let input = ResidentInput(divisionCode: code, name: name, idNumber: id.rawValue, phone: phone, residency: residency,
                                          householdID: nil, relationToHead: RelationToHead(rawValue: relationRaw), residentSince: since)
                candidates.append(Candidate(line: row.line, input: input, id: id, phone: phone, name: name,
                                            address: address.isEmpty ? nil : address))
            } catch let e as ShequError {
                errors.append(RowError(line: row.line, message: e.message(language)))
            }
        }
        // Already registered: checked in one query per thousand rows rather than one per row.
        let indexes = candidates.map { vault.index($0.id.rawValue, kind: "id") }
        var taken: [String: Resident] = [:]
        for chunk in stride(from: 0, to: indexes.count, by: 1000) {
            let slice = Array(indexes[chunk..<min(chunk + 1000, indexes.count)])
            for r in try await Resident.query(on: db).filter(\.$idNumberIndex ~~ slice).all() { taken[r.idNumberIndex] = r }
        }
        // A duplicate answers "registered somewhere in the city", so each one is an exact lookup under
        // the account's limit. Past the limit nothing more is answered: every row left is marked unchecked
        // (duplicate or not, so the marks reveal nothing) and the file is not imported.
        var unanswered = false
        var kept: [Candidate] = []
        for c in candidates {
            if unanswered {
                errors.append(RowError(line: c.line, message: ShequError.exactLookupLimit.message(language)))
                continue
            }
            guard let existing = taken[vault.index(c.id.rawValue, kind: "id")] else { kept.append(c); continue }
            let admitted = try await ResidentSearchThrottle.take(account: actor.accountID, within: db)
            try await recordDuplicate(existing, admitted, db)
            if admitted {
                errors.append(RowError(line: c.line, message: ShequError(.conflict, .errorDuplicateID, code: "duplicate_id").message(language)))
            } else {
                unanswered = true
                errors.append(RowError(line: c.line, message: ShequError.exactLookupLimit.message(language)))
            }
        }
        candidates = kept
        if unanswered {
            errors.sort { $0.line < $1.line }
            return Report(imported: 0, householdsCreated: 0, errors: errors, committed: false, lookupLimitReached: true)
        }
        errors.sort { $0.line < $1.line }
        if !errors.isEmpty && !onlyGoodRows {
            return Report(imported: 0, householdsCreated: 0, errors: errors, committed: false)
        }

        var households: [String: UUID] = [:]
        var created = 0
        for c in candidates {
            var input = c.input
            if let address = c.address {
                let key = input.divisionCode + "\u{1f}" + address
                if households[key] == nil {
                    if let existing = try await Household.query(on: db).filter(\.$divisionCode == input.divisionCode)
                        .filter(\.$address == address).first() {
                        households[key] = existing.id
                    } else {
                        let h = Household(divisionCode: input.divisionCode, address: address)
                        try await h.create(on: db)
                        households[key] = h.id
                        created += 1
                    }
                }
                input.householdID = households[key]
                if input.relationToHead == nil { input.relationToHead = .other }
            }
            let resident = try ResidentService.make(input, id: c.id, phone: c.phone, name: c.name, vault: vault)
            try await resident.create(on: db)
            try await ResidentService.adoptAsHead(resident, on: db)
        }
        return Report(imported: candidates.count, householdsCreated: created, errors: errors, committed: true)
    }
}
