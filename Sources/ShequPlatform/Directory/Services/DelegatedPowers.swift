import Fluent
import Foundation
import Vapor
import ShequKernel

/// A grant as anyone may read it: the decision and its dates, no person named.
public struct DelegatedPowerSummary: Content, Sendable {
    public var id: UUID
    public var power: DistrictPower
    public var powerName: String
    public var streetCode: String
    public var streetName: String
    public var districtCode: String
    public var decisionDocument: String
    public var decidedOn: String
    public var effectiveFrom: String
    public var revokedOn: String?
    public var revocationReason: String?
    public var inForce: Bool
}

public struct DelegatedPowerInput: Content, Sendable {
    public var power: DistrictPower
    public var streetCode: String
    public var decisionDocument: String
    public var decidedOn: String
    /// The decision's day when absent.
    public var effectiveFrom: String?
}

public struct DelegatedPowerRevocation: Content, Sendable {
    public var reason: String
    /// Today when absent.
    public var revokedOn: String?
}

/// O2: the district-level powers granted to streets, and the one question the
/// service hall asks before a centre exercises one.
public enum DelegatedPowers {
    /// Whether `street` holds `power` on `day`. A street only: a community (a station) never holds a district's power.
    public static func holds(_ power: DistrictPower, street: String, on day: LocalDate, db: any Database) async throws -> Bool {
        guard street.count == DivisionLevel.street.codeLength else { return false }
        return try await DelegatedPower.query(on: db).filter(\.$streetCode == street).filter(\.$power == power).all()
            .contains { $0.isInForce(on: day) }
    }

    /// The streets holding `power` on `day`, by code.
    public static func holders(of power: DistrictPower, on day: LocalDate, db: any Database) async throws -> [String] {
        Array(Set(try await DelegatedPower.query(on: db).filter(\.$power == power).all()
            .filter { $0.isInForce(on: day) }.map(\.streetCode))).sorted()
    }

    /// The same streets as divisions, by code: what a page or a refusal names.
    public static func holdingStreets(of power: DistrictPower, on day: LocalDate, db: any Database) async throws -> [Division] {
        let codes = try await holders(of: power, on: day, db: db)
        return codes.isEmpty ? [] : try await Division.query(on: db).filter(\.$id ~~ codes).sort(\.$id).all()
    }

    static func date(_ raw: String, field: String) throws -> LocalDate {
        guard let d = LocalDate(raw.trimmingCharacters(in: .whitespaces)) else {
            throw ShequError.invalid(.errorInvalidValue, field, code: "invalid_date")
        }
        return d
    }

    /// The street named by a grant: a known division at street level.
    static func street(_ raw: String, on db: any Database) async throws -> Division {
        // Checked as a code before it reaches the database (PostgreSQL refuses a NUL in text with an error).
        guard let code = DivisionCode(raw), code.level == .street, let street = try await Division.find(code.rawValue, on: db),
              street.level == .street, street.parentCode != nil else {
            throw ShequError.invalid(.errorPowerNeedsStreet, String(raw.prefix(20)), code: "not_a_street")
        }
        return street
    }

    /// Records a grant. Call it inside the audited write; the caller has authorised the actor at the street.
    static func grant(_ input: DelegatedPowerInput, today: LocalDate, on db: any Database) async throws -> DelegatedPower {
        let street = try await street(input.streetCode, on: db)
        let document = try OrganizationService.text(input.decisionDocument, field: "decisionDocument", max: 100)
        let decided = try date(input.decidedOn, field: "decidedOn")
        let effective = try input.effectiveFrom.flatMap { $0.isEmpty ? nil : $0 }.map { try date($0, field: "effectiveFrom") } ?? decided
        guard decided <= today else { throw ShequError.invalid(.errorDecisionInFuture, decided.description, code: "decision_in_future") }
        guard effective >= decided else {
            throw ShequError.invalid(.errorEffectiveBeforeDecision, effective.description, code: "effective_before_decision")
        }
        // One standing grant per power and street: a second would make revoking the first say nothing.
        let standing = try await DelegatedPower.query(on: db).filter(\.$streetCode == street.code).filter(\.$power == input.power)
            .filter(\.$revokedOn == nil).count()
        guard standing == 0 else { throw ShequError(.conflict, .errorPowerAlreadyGranted, detail: input.power.rawValue, code: "already_granted") }
        let p = DelegatedPower()
        p.power = input.power
        p.streetCode = street.code
        p.districtCode = street.parentCode ?? ""
        p.decisionDocument = document
        p.decidedOn = decided.description
        p.effectiveFrom = effective.description
        do {
            try await p.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two grants sent at once both found none standing; the unique index lets one land.
            throw ShequError(.conflict, .errorPowerAlreadyGranted, detail: input.power.rawValue, code: "already_granted")
        }
        return p
    }

    static func revoke(_ p: DelegatedPower, _ input: DelegatedPowerRevocation, today: LocalDate, on db: any Database) async throws {
        let reason = try OrganizationService.text(input.reason, field: "reason", max: 500)
        let on = try input.revokedOn.flatMap { $0.isEmpty ? nil : $0 }.map { try date($0, field: "revokedOn") } ?? today
        guard p.revokedOn == nil else { throw ShequError(.conflict, .errorPowerAlreadyRevoked, code: "already_revoked") }
        guard on.description >= p.effectiveFrom else {
            throw ShequError.invalid(.errorRevokedBeforeEffective, on.description, code: "revoked_before_effective")
        }
        p.revokedOn = on.description
        p.revocationReason = reason
        try await p.save(on: db)
    }

    static func summaries(_ rows: [DelegatedPower], today: LocalDate, language: Language, on db: any Database) async throws -> [DelegatedPowerSummary] {
        let codes = Array(Set(rows.map(\.streetCode)))
        let names = codes.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Division.query(on: db).filter(\.$id ~~ codes).all().map { ($0.code, $0.name) })
        return rows.map { p in
            DelegatedPowerSummary(id: p.id ?? UUID(), power: p.power, powerName: p.power.phrase.text(language), streetCode: p.streetCode,
                                  streetName: names[p.streetCode] ?? p.streetCode, districtCode: p.districtCode,
                                  decisionDocument: p.decisionDocument, decidedOn: p.decidedOn, effectiveFrom: p.effectiveFrom,
                                  revokedOn: p.revokedOn, revocationReason: p.revocationReason, inForce: p.isInForce(on: today))
        }
    }

    /// The demo's grant: Xiangzhou district delegates part of social-assistance approval to Cuixiang street.
    public static func demo(on db: any Database) async throws -> Bool {
        let street = "440402001"
        guard try await Division.find(street, on: db) != nil,
              try await DelegatedPower.query(on: db).filter(\.$streetCode == street).filter(\.$power == .socialAssistanceApproval).count() == 0
        else { return false }
        let p = DelegatedPower()
        p.power = .socialAssistanceApproval
        p.streetCode = street
        p.districtCode = "440402"
        p.decisionDocument = "珠香府〔2011〕36号"
        p.decidedOn = "2011-03-15"
        p.effectiveFrom = "2011-04-01"
        try await p.create(on: db)
        return true
    }
}

extension DelegatedPower: Content {}
