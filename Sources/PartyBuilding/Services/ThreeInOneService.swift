import Fluent
import Foundation
import SelfGovernance
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

/// P3 from the records, by the rule stated in `ThreeInOne` (ShequKernel): the community party organisation's
/// officers, the residents' committee's serving members and the station's staff, compared as residents.
enum ThreeInOneService {
    struct Person: Content, Sendable {
        var name: String
        var partyPosition: PartyOfficerPosition?
        var committeeRole: MemberRole?
        var stationStaff: Bool
    }

    struct Community: Content, Sendable {
        var code: String
        var name: String
        var partyOrganizationID: UUID?
        var partyOrganization: String?
        var holds: Bool
        var conditions: [String: Bool]
        /// The one team: everyone who holds a post in any of the three, cross-appointed people first.
        var team: [Person]
    }

    /// The community-level party organisation of each community (the highest kind if there are several).
    static func communityOrganizations(under prefix: String, on db: any Database) async throws -> [String: PartyOrganization] {
        let orgs = try await PartyOrganization.query(on: db).filter(\.$hostKind == .division).inScopes([prefix], \.$divisionCode).all()
            .filter(\.isCommunityLevel)
        let order = PartyOrganizationKind.allCases
        var out: [String: PartyOrganization] = [:]
        for o in orgs.sorted(by: { (order.firstIndex(of: $0.kind) ?? 9) < (order.firstIndex(of: $1.kind) ?? 9) }) where out[o.divisionCode] == nil {
            out[o.divisionCode] = o
        }
        return out
    }

    struct OrganizationRef: Sendable {
        var id: UUID
        var name: String
    }

    /// The same as `communityOrganizations`, reading only what the share needs (a city has a thousand organisations
    /// at community level; whole models took most of the city's answer).
    static func organizationRefs(under prefix: String, on db: any Database) async throws -> [String: OrganizationRef] {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT id, kind, name, division_code FROM \(ident: PartyOrganization.schema)
            WHERE host_kind = \(bind: PartyHostKind.division.rawValue) AND kind <> \(bind: PartyOrganizationKind.streetWorkingCommittee.rawValue)
              AND division_code >= \(bind: prefix) AND division_code < \(bind: prefix + "~")
            """).all()
        let order = PartyOrganizationKind.allCases
        var best: [String: (Int, OrganizationRef)] = [:]
        for row in rows {
            let code = try row.decode(column: "division_code", as: String.self)
            guard code.count == 12 else { continue }
            let rank = PartyOrganizationKind(rawValue: try row.decode(column: "kind", as: String.self)).flatMap { order.firstIndex(of: $0) } ?? 9
            let ref = OrganizationRef(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self))
            if best[code].map({ rank < $0.0 || (rank == $0.0 && ref.name < $0.1.name) }) ?? true { best[code] = (rank, ref) }
        }
        return best.mapValues(\.1)
    }

    static func communities(under prefix: String, on day: LocalDate, db: any Database) async throws -> [Community] {
        let divisions = try await (db as! any SQLDatabase).raw("""
            SELECT code, name FROM \(ident: Division.schema)
            WHERE level = \(bind: DivisionLevel.community.rawValue) AND code >= \(bind: prefix) AND code < \(bind: prefix + "~") ORDER BY code
            """).all().map { (code: try $0.decode(column: "code", as: String.self), name: try $0.decode(column: "name", as: String.self)) }
        guard !divisions.isEmpty else { return [] }
        let orgs = try await organizationRefs(under: prefix, on: db)
        let officers = try await PartyOfficer.query(on: db).filter(\.$organizationID ~~ orgs.values.map(\.id)).all()
        let committees = try await GovernanceBody.query(on: db).filter(\.$kind == .residentsCommittee).inScopes([prefix], \.$divisionCode).all()
        let today = day.description
        let seats = try await BodyMember.query(on: db).filter(\.$bodyID ~~ committees.compactMap(\.id)).all().filter { $0.serves(on: today) }
        let station = try await Grant.query(on: db).filter(\.$role == .stationStaff).filter(\.$scope >= prefix).filter(\.$scope < prefix + "~").all()
            .filter { $0.scope.count == 12 }
        let accountIDs = Set(officers.map(\.accountID) + station.map { $0.$account.id })
        let accounts = try await Account.query(on: db).filter(\.$id ~~ Array(accountIDs)).all()
        let accountByID = Dictionary(accounts.compactMap { a in a.id.map { ($0, a) } }, uniquingKeysWith: { a, _ in a })
        let committeeCode = Dictionary(committees.compactMap { b in b.id.map { ($0, b.divisionCode) } }, uniquingKeysWith: { a, _ in a })

        let officersByOrg = Dictionary(grouping: officers, by: \.organizationID)
        let seatsByCode = Dictionary(grouping: seats) { committeeCode[$0.bodyID] ?? "" }
        let stationByCode = Dictionary(grouping: station, by: \.scope)
        return divisions.map { d in
            let code = d.code
            let org = orgs[code]
            // A person is their resident record; an account without one is shown by its name and matches no one.
            var people: [String: Person] = [:]
            func key(_ account: Account) -> String { account.residentID?.uuidString ?? "account:" + (account.id?.uuidString ?? "") }
            var officerKeys: Set<String> = [], memberKeys: Set<String> = [], stationKeys: Set<String> = []
            var secretary: String?, chair: String?
            for o in org.map({ officersByOrg[$0.id] ?? [] }) ?? [] {
                guard let a = accountByID[o.accountID] else { continue }
                let k = key(a)
                people[k, default: Person(name: a.displayName, stationStaff: false)].partyPosition = o.position
                officerKeys.insert(k)
                if o.position == .secretary { secretary = k }
            }
            for s in seatsByCode[code] ?? [] {
                let k = s.residentID.uuidString
                var p = people[k] ?? Person(name: s.displayName, stationStaff: false)
                p.name = s.displayName
                p.committeeRole = s.role
                people[k] = p
                memberKeys.insert(k)
                if s.role == .chair { chair = k }
            }
            for g in stationByCode[code] ?? [] {
                guard let a = accountByID[g.$account.id] else { continue }
                let k = key(a)
                people[k, default: Person(name: a.displayName, stationStaff: false)].stationStaff = true
                stationKeys.insert(k)
            }
            let facts = ThreeInOneFacts(hasPartyOrganization: org != nil, secretary: secretary, committeeChair: chair,
                                        partyOfficers: officerKeys, committeeMembers: memberKeys, stationStaff: stationKeys)
            let met = ThreeInOne.met(facts)
            let team = people.values.sorted { a, b in
                let ca = [a.partyPosition != nil, a.committeeRole != nil, a.stationStaff].filter { $0 }.count
                let cb = [b.partyPosition != nil, b.committeeRole != nil, b.stationStaff].filter { $0 }.count
                return (cb, a.name) < (ca, b.name)
            }
            return Community(code: code, name: d.name, partyOrganizationID: org?.id, partyOrganization: org?.name,
                             holds: ThreeInOne.holds(facts),
                             conditions: Dictionary(met.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: { a, _ in a }), team: team)
        }
    }

    struct ShareRow: Content, Sendable {
        var code: String
        var name: String
        var share: CommunityShare
        var percent: String
    }

    struct Shares: Content, Sendable {
        var division: String
        var name: String
        var asOf: String
        var total: CommunityShare
        var percent: String
        var rule: String
        var children: [ShareRow]
    }

    static func shares(of division: Division, on day: LocalDate, db: any Database) async throws -> Shares {
        let code = division.code
        let all = try await communities(under: code, on: day, db: db)
        var total = CommunityShare()
        var byChild: [String: CommunityShare] = [:]
        let length = PartyCoverage.childLength(of: code)
        for c in all {
            total.communities += 1
            if c.holds { total.holding += 1 }
            if let length {
                byChild[String(c.code.prefix(length)), default: CommunityShare()].communities += 1
                if c.holds { byChild[String(c.code.prefix(length)), default: CommunityShare()].holding += 1 }
            }
        }
        var rows: [ShareRow] = []
        if length != nil {
            let below = try await Division.query(on: db).filter(\.$parentCode == code).sort(\.$id).all()
            rows = below.map { d in
                let s = byChild[d.code] ?? CommunityShare()
                return ShareRow(code: d.code, name: d.name, share: s, percent: CommunityShare.percent(s.permille))
            }
        }
        return Shares(division: code, name: division.name, asOf: day.description, total: total, percent: CommunityShare.percent(total.permille),
                      rule: Phrase.pbThreeInOneRule.en, children: rows)
    }
}
