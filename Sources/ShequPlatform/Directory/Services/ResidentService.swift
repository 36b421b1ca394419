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
}

public struct ResidentUpdate: Content, Sendable {
    public var name: String?
    public var phone: String?
    public var residency: Residency?
    public var relationToHead: RelationToHead?
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
    public var birthDate: String
    public var idNumber: String
    public var phone: String?
    public var residency: Residency

    init(_ r: Resident) throws {
        id = try r.requireID()
        divisionCode = r.divisionCode
        householdID = r.householdID
        relationToHead = r.relationToHead
        name = r.name
        sex = r.sex
        birthDate = r.birthDate
        idNumber = r.idNumberMasked
        phone = r.phoneMasked
        residency = r.residency
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
        r.birthDate = residentID.birthDateString
        r.idNumberSealed = try vault.seal(residentID.rawValue)
        r.idNumberIndex = vault.index(residentID.rawValue, kind: "id")
        r.idNumberMasked = residentID.masked
        try setPhone(phone, on: r, vault: vault)
        r.residency = input.residency
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
