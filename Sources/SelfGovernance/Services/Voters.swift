import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit

/// Who may vote in an assembly and how they are counted, read from the
/// charter's rules: one vote per adult, per household, or per representative.
enum Voters {
    /// The key a voter is counted under, or a refusal naming the rule.
    static func key(for residentID: UUID, in assembly: Assembly, on db: any Database) async throws -> String {
        let rules = assembly.rules
        guard let resident = try await Resident.find(residentID, on: db), resident.divisionCode == assembly.divisionCode else {
            throw ShequError(.forbidden, .errorNotAVoterHere, code: "not_a_voter")
        }
        let day = LocalDate(instant: assembly.startsAt)
        guard resident.birthDate <= day.yearsEarlier(rules.minimumAge).description else {
            throw ShequError(.forbidden, .errorTooYoungToVote, detail: "\(rules.minimumAge)", code: "too_young")
        }
        if resident.residency == .migrant {
            // S5: migrants take part on equal terms once the charter's residence period has passed.
            guard let months = rules.migrantsVoteAfterMonths, let since = resident.createdAt,
                  since <= assembly.startsAt.addingTimeInterval(-Double(months) * 30.44 * 86_400) else {
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

    static func base(of assembly: Assembly) -> AssemblyBase {
        assembly.kind == .representatives ? .groupRepresentatives : assembly.rules.residentsAssemblyBase
    }

    /// The quorum's base, counted when voting opens.
    static func eligibleCount(for assembly: Assembly, on db: any Database) async throws -> Int {
        let rules = assembly.rules
        let day = LocalDate(instant: assembly.startsAt)
        let adultBorn = day.yearsEarlier(rules.minimumAge).description
        let sql = db as! any SQLDatabase
        let migrants: SQLQueryString
        if let months = rules.migrantsVoteAfterMonths {
            migrants = "(residency = 'registered' OR created_at <= \(bind: assembly.startsAt.addingTimeInterval(-Double(months) * 30.44 * 86_400)))"
        } else {
            migrants = "residency = 'registered'"
        }
        switch base(of: assembly) {
        case .adults:
            return try await sql.raw("""
                SELECT COUNT(*) AS n FROM residents WHERE division_code = \(bind: assembly.divisionCode)
                AND birth_date <= \(bind: adultBorn) AND \(migrants)
                """).first()!.decode(column: "n", as: Int.self)
        case .households:
            return try await sql.raw("""
                SELECT COUNT(DISTINCT household_id) AS n FROM residents WHERE division_code = \(bind: assembly.divisionCode)
                AND household_id IS NOT NULL AND birth_date <= \(bind: adultBorn) AND \(migrants)
                """).first()!.decode(column: "n", as: Int.self)
        case .groupRepresentatives:
            return try await representatives(community: assembly.divisionCode, on: day, db: db).count
        }
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
