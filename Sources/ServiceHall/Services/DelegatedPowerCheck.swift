import Fluent
import Foundation
import ShequKernel
import ShequPlatform

/// Where the one taking a step stands, as O2 asks it: the offices (division-code prefixes)
/// through which they reach the application, or a transfer to their department.
public struct ActingOffice: Sendable {
    let scopes: [String]
    let viaDepartment: Bool

    public init(scopes: [String], viaDepartment: Bool = false) {
        self.scopes = scopes
        self.viaDepartment = viaDepartment
    }

    /// The actor's offices that reach this application for handling, by the same rule as every other service-hall check.
    init(_ actor: Actor, on a: Application) {
        let reach = ApplicationReach(actor, for: .applicationHandle)
        scopes = reach.divisions.filter { a.divisionCode.hasPrefix($0) }
        viaDepartment = a.transferDepartmentID.map { id in
            reach.departments.contains { $0.departmentID == id && a.divisionCode.hasPrefix($0.scope) }
        } ?? false
    }
}

/// O2 in the service hall: an item that needs a district-level power is handled only where a
/// street holding that power, in force that day, does the handling. Community stations are a
/// community's and never hold one. The district itself (its departments, or an office above the
/// street) exercises its own powers. Both doors (API and pages) reach this through
/// `ApplicationService.prepare` and `ApplicationService.take`.
enum DelegatedPowerCheck {
    /// Steps that exercise the power. Declining (不予受理, "not ours"), withdrawing and transferring
    /// it on are how a place without the power passes the matter to one that has it.
    static let exercising: Set<ApplicationStep> = [.accept, .requestSupplement, .receiveSupplement, .process, .complete, .refuse]

    /// At submission: at the centre named, or, when none is named, at the applicant's own street's centre.
    static func atSubmission(_ item: ServiceItem, applicantDivision: String, place: ServicePlace?, today: LocalDate,
                             on db: any Database) async throws {
        guard let power = item.requiredPower else { return }
        if try await admits(item, applicantDivision: applicantDivision, place: place, today: today, on: db) { return }
        try await refuse(power, today: today, on: db)
    }

    /// The submission rule as a question, so the item's page offers the form only where the command would take it.
    static func admits(_ item: ServiceItem, applicantDivision: String, place: ServicePlace?, today: LocalDate,
                       on db: any Database) async throws -> Bool {
        guard let power = item.requiredPower else { return true }
        let street: String?
        switch place?.kind {
        case .center?: street = place?.divisionCode
        case .station?: street = nil
        case nil: street = String(applicantDivision.prefix(DivisionLevel.street.codeLength))
        }
        guard let street else { return false }
        return try await DelegatedPowers.holds(power, street: street, on: today, db: db)
    }

    /// Before a step: by the office taking it.
    static func atStep(_ step: ApplicationStep, item: ServiceItem, office: ActingOffice, today: LocalDate, on db: any Database) async throws {
        guard let power = item.requiredPower, exercising.contains(step) else { return }
        if office.viaDepartment { return }
        for scope in office.scopes {
            if scope.count < DivisionLevel.street.codeLength { return }
            if scope.count == DivisionLevel.street.codeLength, try await DelegatedPowers.holds(power, street: scope, on: today, db: db) { return }
        }
        try await refuse(power, today: today, on: db)
    }

    /// A transfer to a centre sends the matter to be handled there: that centre's street must hold the power.
    static func atTransfer(_ destination: TransferDestination, item: ServiceItem, today: LocalDate, on db: any Database) async throws {
        guard let power = item.requiredPower, let id = destination.centerID else { return }
        if let centre = try await ServicePlace.find(id, on: db),
           try await DelegatedPowers.holds(power, street: centre.divisionCode, on: today, db: db) { return }
        try await refuse(power, today: today, on: db)
    }

    /// 422 naming the power and the streets that hold it today, so the applicant knows where to go.
    static func refuse(_ power: DistrictPower, today: LocalDate, on db: any Database) async throws -> Never {
        let streets = try await DelegatedPowers.holdingStreets(of: power, on: today, db: db)
        let held = streets.isEmpty ? "—" : streets.map { "\($0.name) \($0.code)" }.joined(separator: "、")
        throw ShequError.invalid(.errorPowerNotHeld, "\(power.phrase.zh) / \(power.phrase.en) → \(held)", code: "power_not_held")
    }
}
