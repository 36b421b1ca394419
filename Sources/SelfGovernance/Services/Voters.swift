import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit

/// Who may vote in an assembly and how they are counted, read from the
/// charter's rules: one vote per adult, per household, or per representative.
enum Voters {
    /// The key a voter is counted under, or a refusal naming the rule.
    static func key(for residentID: UUID, in assembly: Assembly, vault: PersonalDataVault, on db: any Database) async throws -> String {
        let rules = assembly.rules
        guard let resident = try await Resident.find(residentID, on: db), resident.divisionCode == assembly.divisionCode else {
            throw ShequError(.forbidden, .errorNotAVoterHere, code: "not_a_voter")
        }
        let day = LocalDate(instant: assembly.startsAt)
        guard try isOfAge(resident, on: day, rules: rules, vault: vault) else {
            throw ShequError(.forbidden, .errorTooYoungToVote, detail: "\(rules.minimumAge)", code: "too_young")
        }
        if resident.residency == .migrant {
            // S5: migrants take part on equal terms once the charter's residence period has
            // passed, counted from the day residence began, not from when the record was keyed in.
            guard let months = rules.migrantsVoteAfterMonths, let since = LocalDate(resident.residentSince),
                  since <= day.monthsEarlier(months) else {
                throw ShequError(.forbidden, .errorMigrantNotYet, detail: rules.migrantsVoteAfterMonths.map(String.init) ?? "—", code: "migrant_period")
            }
        }
        switch base(of: assembly) {
        case .adults:
            return "r:" + residentID.uuidString
        case .households:
            guard let household = resident.householdID else { throw ShequError(.forbidden, .errorNoHousehold, code: "no_household") }
            return "h:" + household.uuidString
        case .groupRepresentatives:
            guard try await isRepresentative(residentID, community: assembly.divisionCode, on: day, db: db) else {
                throw ShequError(.forbidden, .errorNotARepresentative, code: "not_a_representative")
            }
            return "r:" + residentID.uuidString
        }
    }

    /// The birth year decides all but the residents born in the year that turns
    /// voting age during it; for them the day is read from the sealed ID number,
    /// the only place the full birth date is kept.
    static func isOfAge(_ resident: Resident, on day: LocalDate, rules: CharterRules, vault: PersonalDataVault) throws -> Bool {
        let adultBorn = day.yearsEarlier(rules.minimumAge)
        let borderYear = adultBorn.components.year
        if resident.birthYear != borderYear { return resident.birthYear < borderYear }
        guard let birth = try ResidentService.birthDate(of: resident, vault: vault) else { return false }
        return birth <= adultBorn
    }

    static func base(of assembly: Assembly) -> AssemblyBase {
        assembly.kind == .representatives ? .groupRepresentatives : assembly.rules.residentsAssemblyBase
    }

    /// The quorum's base, counted when voting opens.
    static func eligibleCount(for assembly: Assembly, vault: PersonalDataVault, on db: any Database) async throws -> Int {
        let rules = assembly.rules
        let day = LocalDate(instant: assembly.startsAt)
        let adultBorn = day.yearsEarlier(rules.minimumAge)
        let borderYear = adultBorn.components.year
        let sql = db as! any SQLDatabase
        let migrants: SQLQueryString
        if let months = rules.migrantsVoteAfterMonths {
            migrants = "(residency = 'registered' OR resident_since <= \(bind: day.monthsEarlier(months).description))"
        } else {
            migrants = "residency = 'registered'"
        }
        // Born in the border year: of age only from their birthday, which only the sealed number tells.
        var borderAdults: [UUID] = []
        let border = try await Resident.query(on: db).filter(\.$divisionCode == assembly.divisionCode).filter(\.$birthYear == borderYear).all()
        for resident in border where try isOfAge(resident, on: day, rules: rules, vault: vault) {
            borderAdults.append(try resident.requireID())
        }
        let adults: SQLQueryString = borderAdults.isEmpty ? "birth_year < \(bind: borderYear)"
            : "(birth_year < \(bind: borderYear) OR id IN (\(borderAdults.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", "))))"
        let count: SQLQueryString
        switch base(of: assembly) {
        case .adults:
            count = "COUNT(*)"
        case .households:
            count = "COUNT(DISTINCT household_id)"
        case .groupRepresentatives:
            return try await representatives(community: assembly.divisionCode, on: day, db: db).count
        }
        guard let row = try await sql.raw("""
            SELECT \(count) AS n FROM residents WHERE division_code = \(bind: assembly.divisionCode)
            AND \(adults) AND \(migrants)
            """).first() else { return 0 }
        return try row.decode(column: "n", as: Int.self)
    }

    static func representatives(community: String, on day: LocalDate, db: any Database) async throws -> Set<UUID> {
        let bodies = try await GovernanceBody.query(on: db).filter(\.$divisionCode == community)
            .filter(\.$kind == .representativesAssembly).all(\.$id)
        guard !bodies.isEmpty else { return [] }
        let members = try await BodyMember.query(on: db).filter(\.$bodyID ~~ bodies).filter(\.$role == .representative).all()
        return Set(members.filter { $0.serves(on: day.description) }.map(\.residentID))
    }

    static func isRepresentative(_ residentID: UUID, community: String, on day: LocalDate, db: any Database) async throws -> Bool {
        try await representatives(community: community, on: day, db: db).contains(residentID)
    }
}
