import Fluent
import Foundation
import SelfGovernance
import ShequKernel
import ShequPlatform
import Vapor

/// `shequ generate-party [--seed S] [--members 120000] [--compounds 3000]`: party records at city scale for load tests
/// (after `shequ demo`): a working committee per street and a committee and two branches per community, compounds with
/// owners' committees of five spread over every community (a third with a party organisation), and the members, sealed
/// as the records' own rules seal them: most full, most registered with a community, half of those naming a compound,
/// some seated on an owners' committee. Same seed, same shape. Rows go in batches straight to the tables.
struct GeneratePartyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "seed", help: "Random seed (default 1)") var seed: Int?
        @Option(name: "members", help: "Members in all (default 120000, at most 500000)") var members: Int?
        @Option(name: "compounds", help: "Compounds with an owners' committee (default 3000, at most 50000)") var compounds: Int?
    }

    var help: String { "Creates synthetic party organisations, members and owners' committees for load tests (after demo)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let members = signature.members ?? 120_000, compounds = signature.compounds ?? 3000
        guard (1...500_000).contains(members), (1...50_000).contains(compounds) else {
            context.console.error("usage: shequ generate-party [--seed S] [--members 1…500000] [--compounds 1…50000]")
            throw CommandExit(2)
        }
        let started = Date()
        let made = try await generate(context.application, members: members, compounds: compounds, seed: UInt64(max(0, signature.seed ?? 1)))
        context.console.print("generated \(made.0) members, \(made.1) compounds and \(made.2) party organisations in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }

    func generate(_ app: Vapor.Application, members total: Int, compounds compoundCount: Int, seed: UInt64) async throws -> (Int, Int, Int) {
        let db = app.db
        var rng = SeededGenerator(seed: seed)
        let vault = PersonalDataVault(secrets: app.secrets)
        let communities = try await Division.query(on: db).filter(\.$level == .community).sort(\.$id).all().compactMap(\.id)
        guard !communities.isEmpty else { return (0, 0, 0) }
        let today = LocalDate(instant: Date())
        var orgs: [PartyOrganization] = []
        func org(_ kind: PartyOrganizationKind, _ name: String, _ code: String, parent: UUID?, host: PartyHostKind = .division, hostID: UUID? = nil) -> PartyOrganization {
            let o = PartyOrganization()
            o.id = UUID()
            o.kind = kind
            o.name = name
            o.divisionCode = code
            o.parentID = parent
            o.hostKind = host
            o.hostID = hostID
            orgs.append(o)
            return o
        }
        var streets: [String: UUID] = [:], communityOrg: [String: UUID] = [:], branches: [UUID] = []
        for code in communities {
            let street = String(code.prefix(9))
            let streetID = streets[street] ?? org(.streetWorkingCommittee, "生成街道党工委 \(street)", street, parent: nil).id!
            streets[street] = streetID
            let c = org(.communityCommittee, "生成社区党委 \(code)", code, parent: streetID).id!
            communityOrg[code] = c
            branches += [org(.branch, "生成第一党支部 \(code)", code, parent: c).id!, org(.branch, "生成第二党支部 \(code)", code, parent: c).id!]
        }
        // Compounds, their owners' committees and five seats each, over every community in turn.
        var compounds: [Compound] = [], bodies: [GovernanceBody] = [], seats: [BodyMember] = []
        var compoundsOf: [String: [UUID]] = [:], seated: [UUID] = []
        for i in 0..<compoundCount {
            let code = communities[i % communities.count]
            let body = GovernanceBody()
            body.id = UUID()
            body.divisionCode = code
            body.kind = .ownersCommittee
            body.name = "生成小区\(i)业主委员会"
            bodies.append(body)
            let c = Compound()
            c.id = UUID()
            c.divisionCode = code
            c.name = "生成小区\(i)"
            c.ownersCommitteeID = body.id
            compounds.append(c)
            compoundsOf[code, default: []].append(c.id!)
            for s in 0..<5 {
                let m = BodyMember()
                m.id = UUID()
                m.bodyID = body.id!
                m.residentID = UUID()
                m.displayName = "委员"
                m.role = s == 0 ? .chair : .member
                m.termStart = today.adding(days: -400).description
                m.termEnd = today.adding(days: 800).description
                seats.append(m)
                seated.append(m.residentID)
            }
            if Int.random(in: 0..<3, using: &rng) == 0 {
                _ = org(.branch, "生成小区\(i)党支部", code, parent: communityOrg[code], host: .ownersCommittee, hostID: c.id)
            }
        }
        let (allOrgs, allBodies, allCompounds, allSeats) = (orgs, bodies, compounds, seats)
        try await app.writeGate.transaction(on: db) { tx in
            // Parents before children: the working committees, then the rest.
            try await allOrgs.filter { $0.parentID == nil }.create(on: tx)
            for chunk in stride(from: 0, to: allOrgs.count, by: 500) {
                let rows = allOrgs[chunk..<min(chunk + 500, allOrgs.count)].filter { $0.parentID != nil && $0.kind == .communityCommittee }
                if !rows.isEmpty { try await Array(rows).create(on: tx) }
            }
            for chunk in stride(from: 0, to: allOrgs.count, by: 500) {
                let rows = allOrgs[chunk..<min(chunk + 500, allOrgs.count)].filter { $0.parentID != nil && $0.kind != .communityCommittee }
                if !rows.isEmpty { try await Array(rows).create(on: tx) }
            }
            for chunk in stride(from: 0, to: allBodies.count, by: 500) {
                try await Array(allBodies[chunk..<min(chunk + 500, allBodies.count)]).create(on: tx)
                try await Array(allCompounds[chunk..<min(chunk + 500, allCompounds.count)]).create(on: tx)
            }
            for chunk in stride(from: 0, to: allSeats.count, by: 500) { try await Array(allSeats[chunk..<min(chunk + 500, allSeats.count)]).create(on: tx) }
            try await PartyVersion.bump(on: tx)
        }
        // Members, in batches: one in forty sits on an owners' committee.
        var made = 0, batch: [PartyMembership] = []
        var seatIndex = 0
        while made < total {
            let m = PartyMembership()
            let resident: UUID
            if Int.random(in: 0..<40, using: &rng) == 0, seatIndex < seated.count {
                resident = seated[seatIndex]
                seatIndex += 1
            } else {
                resident = UUID()
            }
            m.id = UUID()
            m.workplaceOrganizationID = branches[Int.random(in: 0..<branches.count, using: &rng)]
            m.standing = Int.random(in: 0..<20, using: &rng) < 17 ? .full : .probationary
            m.residentSealed = try vault.seal(resident.uuidString.lowercased())
            m.residentIndex = PartyMemberships.index(of: resident, vault)
            if Int.random(in: 0..<10, using: &rng) < 7 {
                let code = communities[Int.random(in: 0..<communities.count, using: &rng)]
                m.communityOrganizationID = communityOrg[code]
                m.registeredOn = today.adding(days: -Int.random(in: 0..<1000, using: &rng)).description
                if let here = compoundsOf[code], Bool.random(using: &rng) { m.compoundID = here[Int.random(in: 0..<here.count, using: &rng)] }
            }
            batch.append(m)
            made += 1
            if batch.count == 1000 || made == total {
                let rows = batch
                try await app.writeGate.transaction(on: db) { tx in
                    try await rows.create(on: tx)
                    try await PartyVersion.bump(on: tx)
                }
                batch = []
            }
        }
        return (made, compounds.count, orgs.count)
    }
}
