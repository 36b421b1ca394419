import Fluent
import ShequKernel
import Vapor

public struct ResidentInput: Content, Sendable {
    public var divisionCode: String
    public var name: String
    public var idNumber: String
    public var phone: String?
    public var residency: Residency
    public var householdID: UUID?
    public var relationToHead: RelationToHead?
    /// The day residence in the community began; today when not given.
    public var residentSince: LocalDate?

    public init(divisionCode: String, name: String, idNumber: String, phone: String? = nil, residency: Residency,
                householdID: UUID? = nil, relationToHead: RelationToHead? = nil, residentSince: LocalDate? = nil) {
        self.divisionCode = divisionCode
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.residency = residency
        self.householdID = householdID
        self.relationToHead = relationToHead
        self.residentSince = residentSince
    }
}

public struct ResidentUpdate: Content, Sendable {
    public var name: String?
    public var phone: String?
    public var residency: Residency?
    public var relationToHead: RelationToHead?
    public var residentSince: LocalDate?

    public init(name: String? = nil, phone: String? = nil, residency: Residency? = nil, relationToHead: RelationToHead? = nil,
                residentSince: LocalDate? = nil) {
        self.name = name
        self.phone = phone
        self.residency = residency
        self.relationToHead = relationToHead
        self.residentSince = residentSince
    }
}

public struct ResidentMove: Content, Sendable {
    public var divisionCode: String
    public var householdID: UUID?
    public var relationToHead: RelationToHead?
}

/// What staff see of a resident: ID number and phone masked, always.
public struct ResidentSummary: Content, Sendable {
    public var id: UUID
    public var divisionCode: String
    public var householdID: UUID?
    public var relationToHead: RelationToHead?
    public var name: String
    public var sex: Sex
    /// The year only: the full date beside the masked number rebuilt it.
    public var birthYear: Int
    public var idNumber: String
    public var phone: String?
    public var residency: Residency
    public var residentSince: String

    init(_ r: Resident) throws {
        id = try r.requireID()
        divisionCode = r.divisionCode
        householdID = r.householdID
        relationToHead = r.relationToHead
        name = r.name
        sex = r.sex
        birthYear = r.birthYear
        idNumber = r.idNumberMasked
        phone = r.phoneMasked
        residency = r.residency
        residentSince = r.residentSince
    }
}

/// The rules for people in the directory, callable without HTTP.
public enum ResidentService {
    static let maxNameLength = 50

    public static func cleanName(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw ShequError.invalid(.errorMissingField, "name", code: "missing_field") }
        guard name.count <= maxNameLength else { throw ShequError.invalid(.errorTooLong, "name ≤ \(maxNameLength)", code: "too_long") }
        guard !name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
            throw ShequError.invalid(.errorInvalidValue, "name", code: "invalid_value")
        }
        return name
    }

    public static func parseID(_ raw: String) throws -> ResidentID {
        do { return try ResidentID(raw) } catch { throw error.shequError }
    }

    static func cleanPhone(_ raw: String?) throws -> String? {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let phone = Phone.normalize(raw) else { throw ShequError.invalid(.errorPhone, code: "invalid_phone") }
        return phone
    }

    /// The full birth date, read from the sealed ID number: it is not kept in clear
    /// anywhere, so only code holding the personal-data key can know it.
    public static func birthDate(of resident: Resident, vault: PersonalDataVault) throws -> LocalDate? {
        birthDate(inNumber: try vault.open(resident.idNumberSealed))
    }

    /// Characters 7–14 of an ID number (GB 11643).
    static func birthDate(inNumber number: String) -> LocalDate? {
        let digits = number.dropFirst(6).prefix(8)
        guard digits.count == 8 else { return nil }
        return LocalDate(digits.prefix(4) + "-" + digits.dropFirst(4).prefix(2) + "-" + digits.suffix(2))
    }

    /// Residence cannot begin before birth or after today (Beijing time).
    static func checkResidentSince(_ day: LocalDate, bornOn birth: LocalDate?, today: LocalDate = LocalDate(instant: Date())) throws {
        guard day <= today, birth.map({ $0 <= day }) ?? true else {
            throw ShequError.invalid(.errorResidentSince, "residentSince", code: "invalid_resident_since")
        }
    }

    /// Checks a household belongs to the community; returns nothing when none is given.
    static func checkHousehold(_ id: UUID?, in community: String, on db: any Database) async throws {
        guard let id else { return }
        guard let household = try await Household.find(id, on: db) else {
            throw ShequError.invalid(.errorHouseholdElsewhere, code: "unknown_household")
        }
        guard household.divisionCode == community else {
            throw ShequError.invalid(.errorHouseholdElsewhere, code: "household_elsewhere")
        }
    }

    /// Builds a resident from input that has already passed validation.
    public static func make(_ input: ResidentInput, id residentID: ResidentID, phone: String?, name: String,
                            vault: PersonalDataVault) throws -> Resident {
        let r = Resident()
        r.id = UUID()
        r.divisionCode = input.divisionCode
        r.householdID = input.householdID
        r.relationToHead = input.householdID == nil ? nil : (input.relationToHead ?? .other)
        r.name = name
        r.sex = residentID.sex
        r.birthYear = residentID.birthYear
        r.idNumberSealed = try vault.seal(residentID.rawValue)
        r.idNumberIndex = vault.index(residentID.rawValue, kind: "id")
        r.idNumberMasked = residentID.masked
        try setPhone(phone, on: r, vault: vault)
        r.residency = input.residency
        r.residentSince = (input.residentSince ?? LocalDate(instant: Date())).description
        return r
    }

    static func setPhone(_ phone: String?, on r: Resident, vault: PersonalDataVault) throws {
        r.phoneSealed = try phone.map(vault.seal)
        r.phoneIndex = phone.map { vault.index($0, kind: "phone") }
        r.phoneMasked = phone.map(Phone.mask)
    }

    public static func create(_ input: ResidentInput, vault: PersonalDataVault, on db: any Database) async throws -> Resident {
        let community = try await DivisionDirectory.requireCommunity(input.divisionCode, on: db)
        let name = try cleanName(input.name)
        let residentID = try parseID(input.idNumber)
        let phone = try cleanPhone(input.phone)
        if let since = input.residentSince { try checkResidentSince(since, bornOn: LocalDate(residentID.birthDateString)) }
        try await checkHousehold(input.householdID, in: community.code, on: db)
        let index = vault.index(residentID.rawValue, kind: "id")
        if try await Resident.query(on: db).filter(\.$idNumberIndex == index).count() > 0 {
            throw ShequError(.conflict, .errorDuplicateID, code: "duplicate_id")
        }
        var normalized = input
        normalized.divisionCode = community.code
        let resident = try make(normalized, id: residentID, phone: phone, name: name, vault: vault)
        try await resident.create(on: db)
        try await adoptAsHead(resident, on: db)
        return resident
    }

    public static func update(_ resident: Resident, with change: ResidentUpdate, vault: PersonalDataVault, on db: any Database) async throws {
        if let name = change.name { resident.name = try cleanName(name) }
        if let phone = change.phone { try setPhone(try cleanPhone(phone), on: resident, vault: vault) }
        if let residency = change.residency { resident.residency = residency }
        if let relation = change.relationToHead, resident.householdID != nil { resident.relationToHead = relation }
        if let since = change.residentSince {
            try checkResidentSince(since, bornOn: try birthDate(of: resident, vault: vault))
            resident.residentSince = since.description
        }
        try await resident.save(on: db)
        try await adoptAsHead(resident, on: db)
    }

    public static func move(_ resident: Resident, to move: ResidentMove, on db: any Database) async throws {
        let community = try await DivisionDirectory.requireCommunity(move.divisionCode, on: db)
        try await checkHousehold(move.householdID, in: community.code, on: db)
        if let old = resident.householdID, old != move.householdID,
           let household = try await Household.find(old, on: db), household.headOfHouseholdID == resident.id {
            household.headOfHouseholdID = nil
            try await household.save(on: db)
        }
        resident.divisionCode = community.code
        resident.householdID = move.householdID
        resident.relationToHead = move.householdID == nil ? nil : (move.relationToHead ?? .other)
        try await resident.save(on: db)
        try await adoptAsHead(resident, on: db)
    }

    /// A resident recorded as head becomes the household's head of household.
    static func adoptAsHead(_ resident: Resident, on db: any Database) async throws {
        guard resident.relationToHead == .head, let hid = resident.householdID,
              let household = try await Household.find(hid, on: db), household.headOfHouseholdID != resident.id else { return }
        household.headOfHouseholdID = resident.id
        try await household.save(on: db)
    }

    /// What an exact search looks for: "id_number" or "phone" when `q` is one, nil for a name.
    /// Exact searches confirm who a number belongs to, so they are audited and limited.
    public static func exactKind(of q: String?) -> String? {
        guard let q = q?.trimmingCharacters(in: .whitespaces), !q.isEmpty else { return nil }
        if (try? ResidentID(q)) != nil { return "id_number" }
        if q.allSatisfy({ $0.isNumber || $0 == "-" || $0 == " " }), Phone.normalize(q) != nil { return "phone" }
        return nil
    }

    /// Residents inside `scopes`, optionally matching `q`: an exact ID number, an exact phone, or part of a name.
    public static func search(scopes: [String], q: String?, community: String? = nil, page: Int, perPage: Int = 50,
                              vault: PersonalDataVault, on db: any Database) async throws -> (items: [Resident], total: Int) {
        let query = Resident.query(on: db).inScopes(scopes, \.$divisionCode)
        if let community, !community.isEmpty { query.filter(\.$divisionCode >= community).filter(\.$divisionCode < community + "~") }
        if let q = q?.trimmingCharacters(in: .whitespaces), !q.isEmpty {
            if let id = try? ResidentID(q) {
                query.filter(\.$idNumberIndex == vault.index(id.rawValue, kind: "id"))
            } else if q.allSatisfy({ $0.isNumber || $0 == "-" || $0 == " " }), let phone = Phone.normalize(q) {
                query.filter(\.$phoneIndex == vault.index(phone, kind: "phone"))
            } else {
                let safe = String(q.filter { $0 != "%" && $0 != "_" && $0 != "\\" }.prefix(maxNameLength))
                query.filter(\.$name, .custom("LIKE"), "%\(safe)%")
            }
        }
        let total = try await query.count()
        let items = try await query.sort(\.$name).sort(\.$id).range(((page - 1) * perPage)..<(page * perPage)).all()
        return (items, total)
    }
}

extension QueryBuilder {
    /// Keeps rows whose division code starts with one of `scopes`: the jurisdiction filter.
    /// Each prefix is a range, so the division-code index answers it.
    @discardableResult
    public func inScopes(_ scopes: [String], _ field: KeyPath<Model, FieldProperty<Model, String>>) -> Self {
        // No division code is this; and no NUL, which PostgreSQL refuses in text (a 500 for every role without reach).
        guard !scopes.isEmpty else { return filter(field == "-no-scope") }
        return group(.or) { or in
            for prefix in scopes {
                or.group(.and) { $0.filter(field >= prefix).filter(field < prefix + "~") }
            }
        }
    }
}
