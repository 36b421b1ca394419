import Fluent
import Foundation
import NIOConcurrencyHelpers
import SelfGovernance
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

/// P2 from the records: for each owners' committee, the full members counted for it, whether that qualifies under
/// the rule in force, and whether an organisation sits in it. No figure is stored; every answer is counted again.
enum PartyCoverageService {
    struct CompoundRef: Sendable {
        var id: UUID
        var name: String
        var divisionCode: String
    }

    struct CompoundFact: Sendable {
        var compound: CompoundRef
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
    static func facts(under prefix: String, on day: LocalDate, _ vault: PersonalDataVault, memo: PartyMemo, db: any Database) async throws -> [CompoundFact] {
        let rows = try await PartyQualificationRuleRow.query(on: db).sort(\.$effectiveFrom).all()
        let key = try await PartyVersion.key(day: day.description, rules: rows.map { PartyQualificationRuleKey(from: $0.effectiveFrom, minimum: $0.minimumFullMembers) },
                                             on: db)
        if let hit = memo.facts.withLockedValue({ $0[prefix] }), hit.key == key { return hit.facts }
        let facts = try await count(under: prefix, on: day, vault, memo: memo, db: db)
        memo.facts.withLockedValue { facts0 in
            // A handful of levels are asked for most; bounded so a crawl over every community cannot grow it without end.
            if facts0.count >= 2_000 { facts0.removeAll(keepingCapacity: true) }
            facts0[prefix] = (key, facts)
        }
        return facts
    }

    static func count(under prefix: String, on day: LocalDate, _ vault: PersonalDataVault, memo: PartyMemo, db: any Database) async throws -> [CompoundFact] {
        let rule = PartyQualificationRule.inForce(on: day, among: try await rules(on: db))
        let sql = db as! any SQLDatabase
        let compounds = try await sql.raw("""
            SELECT id, name, division_code FROM \(ident: Compound.schema)
            WHERE owners_committee_id IS NOT NULL AND division_code >= \(bind: prefix) AND division_code < \(bind: prefix + "~")
            """).all().map { row in
            CompoundRef(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                        divisionCode: try row.decode(column: "division_code", as: String.self))
        }
        guard !compounds.isEmpty else { return [] }

        // Full members who gave the compound as their residence: counted in the database, no one opened.
        var counts: [UUID: Int] = [:]
        let rows = try await sql.raw("""
            SELECT m.compound_id AS compound_id, COUNT(*) AS n FROM \(ident: PartyMembership.schema) m
            JOIN \(ident: Compound.schema) c ON c.id = m.compound_id
            WHERE m.standing = \(bind: PartyStanding.full.rawValue) AND c.division_code >= \(bind: prefix) AND c.division_code < \(bind: prefix + "~")
            GROUP BY m.compound_id
            """).all()
        for row in rows {
            counts[try row.decode(column: "compound_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }

        // Full members serving on the committee who registered elsewhere (or nowhere): found by their index, each once.
        // The seats come in one statement (only the two ids a seat needs), the members in a few.
        let today = day.description
        let seatRows = try await sql.raw("""
            SELECT c.id AS compound_id, m.resident_id AS resident_id FROM \(ident: BodyMember.schema) m
            JOIN \(ident: Compound.schema) c ON c.owners_committee_id = m.body_id
            WHERE c.division_code >= \(bind: prefix) AND c.division_code < \(bind: prefix + "~")
              AND m.term_start <= \(bind: today) AND m.term_end >= \(bind: today)
            """).all()
        var seatsByIndex: [String: Set<UUID>] = [:]
        for row in seatRows {
            let compound = try row.decode(column: "compound_id", as: UUID.self), resident = try row.decode(column: "resident_id", as: UUID.self)
            seatsByIndex[memo.index(of: resident, vault), default: []].insert(compound)
        }
        let indexes = Array(seatsByIndex.keys)
        for start in stride(from: 0, to: indexes.count, by: 1000) {
            let chunk = indexes[start..<min(start + 1000, indexes.count)]
            let found = try await sql.raw("""
                SELECT resident_index, compound_id FROM \(ident: PartyMembership.schema)
                WHERE standing = \(bind: PartyStanding.full.rawValue) AND resident_index IN (\(binds: Array(chunk)))
                """).all()
            for row in found {
                let index = try row.decode(column: "resident_index", as: String.self)
                let registered = try row.decode(column: "compound_id", as: UUID?.self)
                for compound in seatsByIndex[index] ?? [] where registered != compound {
                    counts[compound, default: 0] += 1
                }
            }
        }

        let hosted = try await PartyOrganization.query(on: db).filter(\.$hostKind == .ownersCommittee).inScopes([prefix], \.$divisionCode).all()
        let orgOf = Dictionary(hosted.compactMap { o in o.hostID.flatMap { h in o.id.map { (h, $0) } } }, uniquingKeysWith: { a, _ in a })
        return compounds.map { c in
            let id = c.id
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
        /// The compounds are there but not for this reader: the page says so instead of "none".
        var compoundsWithheld = false
    }

    static func coverage(of division: Division, on day: LocalDate, _ vault: PersonalDataVault, memo: PartyMemo, db: any Database) async throws -> Coverage {
        let code = division.code
        let facts = try await facts(under: code, on: day, vault, memo: memo, db: db)
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
        let compounds = code.count == 12 ? facts.map { f in
            CompoundRow(compoundID: f.compound.id, name: f.compound.name, community: f.compound.divisionCode,
                        qualifies: f.fact.qualifies, hasOrganization: f.fact.hasOrganization, organizationID: f.organizationID)
        } : []
        return Coverage(division: code, name: division.name, asOf: day.description, minimumFullMembers: rule.minimumFullMembers,
                        total: total, coverage: CommunityShare.percent(total.coveragePermille), targetMet: total.targetMet,
                        children: rows, compounds: compounds)
    }
}

/// What one application remembers between requests, each entry checked against the records before it is used: the
/// keyed index of a seat's resident id (the same until the key changes, and the key is the application's), and the
/// coverage facts per prefix with the key of the records they came from (`PartyVersion.key`).
final class PartyMemo: Sendable {
    let indexes = NIOLockedValueBox<[UUID: String]>([:])
    let facts = NIOLockedValueBox<[String: (key: String, facts: [PartyCoverageService.CompoundFact])]>([:])

    func index(of residentID: UUID, _ vault: PersonalDataVault) -> String {
        if let known = indexes.withLockedValue({ $0[residentID] }) { return known }
        let index = PartyMemberships.index(of: residentID, vault)
        indexes.withLockedValue { memo in
            // Bounded: a city's owners' committees seat tens of thousands; past the bound it starts again.
            if memo.count >= 200_000 { memo.removeAll(keepingCapacity: true) }
            memo[residentID] = index
        }
        return index
    }
}

extension Application {
    private struct PartyMemoKey: StorageKey { typealias Value = PartyMemo }

    /// Set when the module boots, before any request, so requests only read it.
    var partyMemo: PartyMemo {
        get { storage[PartyMemoKey.self] ?? PartyMemo() }
        set { storage[PartyMemoKey.self] = newValue }
    }
}
