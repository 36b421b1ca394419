import Fluent
import Foundation
import SelfGovernance
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

/// P2 from the records: for each owners' committee, the full members counted for it, whether that qualifies under
/// the rule in force, and whether an organisation sits in it. No figure is stored; every answer is counted again.
enum PartyCoverageService {
    struct CompoundFact: Sendable {
        var compound: Compound
        var fullMembers: Int
        var fact: CompoundPartyFact
        var organizationID: UUID?
    }

    static func rules(on db: any Database) async throws -> [PartyQualificationRule] {
        try await PartyQualificationRuleRow.query(on: db).all().compactMap { row in
            LocalDate(row.effectiveFrom).map { PartyQualificationRule(effectiveFrom: $0, minimumFullMembers: row.minimumFullMembers) }
        }
    }

    /// Every compound with an owners' committee under `prefix`, judged on `day`.
    static func facts(under prefix: String, on day: LocalDate, _ vault: PersonalDataVault, db: any Database) async throws -> [CompoundFact] {
        let rule = PartyQualificationRule.inForce(on: day, among: try await rules(on: db))
        let compounds = try await Compound.query(on: db).inScopes([prefix], \.$divisionCode).filter(\.$ownersCommitteeID != nil).all()
        guard !compounds.isEmpty else { return [] }
        let compoundIDs = Set(compounds.compactMap(\.id))

        // Full members who gave the compound as their residence: counted in the database, no one opened.
        var counts: [UUID: Int] = [:]
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT compound_id, COUNT(*) AS n FROM \(ident: PartyMembership.schema)
            WHERE compound_id IS NOT NULL AND standing = \(bind: PartyStanding.full.rawValue) GROUP BY compound_id
            """).all()
        for row in rows {
            if let id = try? row.decode(column: "compound_id", as: UUID.self), compoundIDs.contains(id) {
                counts[id] = try row.decode(column: "n", as: Int.self)
            }
        }

        // Full members serving on the committee who registered elsewhere (or nowhere): found by their index, each once.
        let committeeOf = Dictionary(compounds.compactMap { c in c.ownersCommitteeID.flatMap { b in c.id.map { (b, $0) } } },
                                     uniquingKeysWith: { a, _ in a })
        let today = day.description
        let seats = try await BodyMember.query(on: db).filter(\.$bodyID ~~ Array(committeeOf.keys)).all().filter { $0.serves(on: today) }
        var seatsByIndex: [String: Set<UUID>] = [:]
        for seat in seats {
            guard let compound = committeeOf[seat.bodyID] else { continue }
            seatsByIndex[PartyMemberships.index(of: seat.residentID, vault), default: []].insert(compound)
        }
        let indexes = Array(seatsByIndex.keys)
        for start in stride(from: 0, to: indexes.count, by: 500) {
            let chunk = Array(indexes[start..<min(start + 500, indexes.count)])
            for m in try await PartyMembership.query(on: db).filter(\.$residentIndex ~~ chunk).filter(\.$standing == .full).all() {
                for compound in seatsByIndex[m.residentIndex] ?? [] where m.compoundID != compound {
                    counts[compound, default: 0] += 1
                }
            }
        }

        let hosted = try await PartyOrganization.query(on: db).filter(\.$hostKind == .ownersCommittee).inScopes([prefix], \.$divisionCode).all()
        let orgOf = Dictionary(hosted.compactMap { o in o.hostID.flatMap { h in o.id.map { (h, $0) } } }, uniquingKeysWith: { a, _ in a })
        return compounds.compactMap { c in
            guard let id = c.id else { return nil }
            let n = counts[id] ?? 0
            return CompoundFact(compound: c, fullMembers: n,
                                fact: CompoundPartyFact(divisionCode: c.divisionCode, qualifies: rule.qualifies(fullMembers: n),
                                                        hasOrganization: orgOf[id] != nil),
                                organizationID: orgOf[id])
        }.sorted { ($0.compound.divisionCode, $0.compound.name) < ($1.compound.divisionCode, $1.compound.name) }
    }

    struct CoverageRow: Content, Sendable {
        var code: String
        var name: String
        var figure: PartyCoverageFigure
        var coverage: String
    }

    struct CompoundRow: Content, Sendable {
        var compoundID: UUID
        var name: String
        var community: String
        var qualifies: Bool
        var hasOrganization: Bool
        var organizationID: UUID?
    }

    struct Coverage: Content, Sendable {
        var division: String
        var name: String
        var asOf: String
        var minimumFullMembers: Int
        var total: PartyCoverageFigure
        var coverage: String
        var targetMet: Bool
        /// One row per division one level below (none for a community).
        var children: [CoverageRow]
        /// For a community: each owners' committee, whether it qualifies and whether it has an organisation.
        var compounds: [CompoundRow]
    }

    static func coverage(of division: Division, on day: LocalDate, _ vault: PersonalDataVault, db: any Database) async throws -> Coverage {
        let code = division.code
        let facts = try await facts(under: code, on: day, vault, db: db)
        let (total, children) = PartyCoverage.breakdown(facts.map(\.fact), under: code)
        let rule = PartyQualificationRule.inForce(on: day, among: try await rules(on: db))
        var rows: [CoverageRow] = []
        if PartyCoverage.childLength(of: code) != nil {
            let below = try await Division.query(on: db).filter(\.$parentCode == code).sort(\.$id).all()
            rows = below.map { d in
                let f = children[d.code] ?? PartyCoverageFigure()
                return CoverageRow(code: d.code, name: d.name, figure: f, coverage: CommunityShare.percent(f.coveragePermille))
            }
        }
        let compounds = code.count == 12 ? facts.compactMap { f in
            f.compound.id.map { CompoundRow(compoundID: $0, name: f.compound.name, community: f.compound.divisionCode,
                                            qualifies: f.fact.qualifies, hasOrganization: f.fact.hasOrganization, organizationID: f.organizationID) }
        } : []
        return Coverage(division: code, name: division.name, asOf: day.description, minimumFullMembers: rule.minimumFullMembers,
                        total: total, coverage: CommunityShare.percent(total.coveragePermille), targetMet: total.targetMet,
                        children: rows, compounds: compounds)
    }
}
