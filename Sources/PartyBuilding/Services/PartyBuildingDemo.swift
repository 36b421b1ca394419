import Fluent
import Foundation
import SelfGovernance
import ShequKernel
import ShequPlatform
import Vapor

/// `shequ demo`: 翠香街道's party tree (the street's working committee, 紫荆社区's and 翠香's second community's
/// committees, a school's and a hospital's branches, an owners' committee's branch), members of the two workplaces
/// registered with the communities they live in, an activity held and one to come, certificates, and two owners'
/// committees that qualify: 翠景苑's with its branch, 紫荆花园's still without one. party.zijing becomes secretary of
/// 紫荆社区党委 and chairs its residents' committee; station.cuixiang serves on that committee, so 紫荆社区 is
/// 三位一体. Idempotent: everything is found by its natural key first.
enum PartyBuildingDemo {
    static let street = "440402001", zijing = "440402001001", second = "440402001002"

    static func fill(_ app: Application) async throws -> String? {
        let db = app.db
        guard try await Division.find(zijing, on: db) != nil, try await Division.find(second, on: db) != nil else { return nil }
        let vault = PersonalDataVault(secrets: app.secrets)
        let today = LocalDate(instant: Date())
        let zijingAdults = try await adults(zijing, on: db)
        let secondAdults = try await adults(second, on: db)
        guard zijingAdults.count >= 4, secondAdults.count >= 3 else { return nil }

        let added: [String] = try await app.writeGate.transaction(on: db) { db in
            var added: [String] = []
            func org(_ kind: PartyOrganizationKind, _ name: String, parent: PartyOrganization?, at code: String, host: PartyHostKind = .division,
                     hostID: UUID? = nil) async throws -> PartyOrganization {
                if let o = try await PartyOrganization.query(on: db).filter(\.$divisionCode == code).filter(\.$name == name).first() { return o }
                let d = try await PartyOrganizations.check(.init(kind: kind, name: name, parentID: parent?.id, divisionCode: code, hostKind: host, hostID: hostID), on: db)
                added.append(name)
                return try await PartyOrganizations.create(d, on: db)
            }
            func compound(_ name: String, at code: String, seats: [Resident]) async throws -> Compound {
                if let c = try await Compound.query(on: db).filter(\.$divisionCode == code).filter(\.$name == name).first() { return c }
                let body = GovernanceBody()
                body.divisionCode = code
                body.kind = .ownersCommittee
                body.name = name + "业主委员会"
                try await body.create(on: db)
                for (i, r) in seats.enumerated() { try await seat(r, on: body, role: i == 0 ? .chair : .member, on: db, today: today) }
                let c = Compound()
                c.divisionCode = code
                c.name = name
                c.ownersCommitteeID = body.id
                try await c.create(on: db)
                added.append(name)
                return c
            }
            func member(_ r: Resident, of workplace: PartyOrganization, standing: PartyStanding = .full) async throws -> PartyMembership {
                let rid = try r.requireID()
                if let m = try await PartyMembership.query(on: db).filter(\.$residentIndex == PartyMemberships.index(of: rid, vault)).first() { return m }
                return try await PartyMemberships.admit(rid, standing: standing, workplace: workplace, vault, on: db)
            }

            let streetOrg = try await org(.streetWorkingCommittee, "翠香街道党工委", parent: nil, at: street)
            let zijingOrg = try await org(.communityCommittee, "紫荆社区党委", parent: streetOrg, at: zijing)
            let secondName = (try await Division.find(second, on: db)?.name ?? "").replacingOccurrences(of: "居民委员会", with: "")
            let secondOrg = try await org(.communityCommittee, (secondName.isEmpty ? second : secondName) + "党委", parent: streetOrg, at: second)
            var school = streetOrg, hospital = streetOrg
            if let unit = try await Organization.query(on: db).filter(\.$name == "珠海市第一中学").first() {
                school = try await org(.branch, "珠海市第一中学党支部", parent: streetOrg, at: street, host: .organization, hostID: unit.id)
            }
            if let unit = try await Organization.query(on: db).filter(\.$name == "珠海市人民医院").first() {
                hospital = try await org(.branch, "珠海市人民医院党支部", parent: streetOrg, at: street, host: .organization, hostID: unit.id)
            }

            // 紫荆社区: the secretary who chairs the residents' committee, and station staff serving on it (P3).
            let secretaryResident = try await linkAccount("party.zijing", to: zijingAdults[0], on: db)
            let stationResident = try await linkAccount("station.cuixiang", to: zijingAdults[1], on: db)
            var committee: GovernanceBody
            if let b = try await GovernanceBody.query(on: db).filter(\.$divisionCode == zijing).filter(\.$kind == .residentsCommittee).first() {
                committee = b
            } else {
                committee = GovernanceBody()
                committee.divisionCode = zijing
                committee.kind = .residentsCommittee
                committee.name = "紫荆社区居民委员会"
                try await committee.create(on: db)
            }
            if let r = secretaryResident { try await seat(r, on: committee, role: .chair, on: db, today: today) }
            if let r = stationResident { try await seat(r, on: committee, role: .member, on: db, today: today) }
            // The secretary is first a full member entered in the committee (an officer is one of its members).
            if let r = secretaryResident { _ = try await member(r, of: zijingOrg) }
            if let account = try await Account.query(on: db).filter(\.$username == "party.zijing").first(), let accountID = account.id,
               try await PartyOfficer.query(on: db).filter(\.$accountID == accountID).filter(\.$organizationID == zijingOrg.requireID()).count() == 0 {
                _ = try await PartyOrganizations.appoint(username: "party.zijing", as: .secretary, to: zijingOrg, today: today, vault, on: db)
                added.append("party.zijing 紫荆社区党委书记")
            }
            // P2: 紫荆花园 is home to three full members (the secretary and two of the school's), so its owners'
            // committee qualifies and has no organisation yet; 紫荆苑 has none; 翠景苑's committee has three and its branch.
            let garden = try await compound("紫荆花园", at: zijing, seats: [zijingAdults[2]])
            _ = try await compound("紫荆苑", at: zijing, seats: [])
            let jade = try await compound("翠景苑", at: second, seats: Array(secondAdults.prefix(3)))
            _ = try await org(.branch, "翠景苑业主委员会党支部", parent: secondOrg, at: second, host: .ownersCommittee, hostID: jade.id)

            if let r = secretaryResident {
                let m = try await member(r, of: zijingOrg)
                if m.communityOrganizationID == nil {
                    try await PartyMemberships.register(m, with: zijingOrg, compoundID: garden.id, residence: zijing, today: today, on: db)
                }
            }
            var registered: [PartyMembership] = []
            for (i, r) in zijingAdults[2...].prefix(3).enumerated() {
                let m = try await member(r, of: school, standing: i < 2 ? .full : .probationary)
                if m.communityOrganizationID == nil {
                    try await PartyMemberships.register(m, with: zijingOrg, compoundID: garden.id, residence: zijing, today: today, on: db)
                }
                registered.append(m)
            }
            for r in secondAdults.prefix(3) {
                let m = try await member(r, of: hospital)
                if m.communityOrganizationID == nil {
                    try await PartyMemberships.register(m, with: secondOrg, compoundID: nil, residence: second, today: today, on: db)
                }
            }

            // resident.demo finds an entry by 紫荆社区党委 waiting on their own page, to confirm or decline; party.zijing
            // sees it, masked, among the committee's entries.
            if let account = try await Account.query(on: db).filter(\.$username == "resident.demo").first(), let rid = account.residentID,
               let r = try await Resident.find(rid, on: db),
               try await PartyMembership.query(on: db).filter(\.$residentIndex == PartyMemberships.index(of: rid, vault)).count() == 0,
               let number = try? ResidentID(try vault.open(r.idNumberSealed)),
               try await PartyMemberEntry.query(on: db).filter(\.$idIndex == PartyMemberEntries.index(of: number, vault)).count() == 0 {
                _ = try await PartyMemberEntries.propose(idNumber: number.rawValue, standing: .full, by: zijingOrg, today: today, vault, on: db)
                added.append("entry for resident.demo")
            }

            // Activities: one held a month ago with attendance recorded, one to come with sign-ups open.
            func activity(_ title: String, days: Int, place: String) async throws -> PartyActivity {
                let id = try zijingOrg.requireID()
                if let a = try await PartyActivity.query(on: db).filter(\.$organizationID == id).filter(\.$title == title).first() { return a }
                added.append(title)
                return try await PartyActivities.offer(title: title, heldOn: today.adding(days: days), place: place, by: zijingOrg, today: today, on: db)
            }
            let held = try await activity("主题党日：社区环境整治", days: -30, place: "紫荆社区党群服务中心")
            let coming = try await activity("党员志愿服务：关爱独居老人", days: 10, place: "紫荆社区党群服务中心")
            for (i, m) in registered.enumerated() {
                let mid = try m.requireID()
                if try await PartyParticipation.query(on: db).filter(\.$activityID == held.requireID()).filter(\.$membershipID == mid).count() == 0 {
                    _ = try await PartyActivities.signUp(m, to: held, on: db)
                    _ = try await PartyActivities.record(m, at: held, attended: i < 2, today: today, on: db)
                }
            }
            if try await PartyParticipation.query(on: db).filter(\.$activityID == coming.requireID()).count() == 0 {
                _ = try await PartyActivities.signUp(registered[0], to: coming, on: db)
            }
            // The year's certificates: one issued, one waiting for the secretary.
            let year = today.components.year
            if try await PartyCertificate.query(on: db).filter(\.$membershipID == registered[0].requireID()).count() == 0 {
                let c = try await PartyActivities.request(year: year, for: registered[0], today: today, on: db)
                _ = try await PartyActivities.issue(c, by: "party.zijing", today: today, on: db)
                _ = try await PartyActivities.request(year: year, for: registered[1], today: today, on: db)
                added.append("certificates \(year)")
            }
            if !added.isEmpty {
                try await AuditLog.append(AuditDraft(actor: "system", action: "party.demo", entity: "party_organization", scope: street,
                                                     detail: added.joined(separator: "; ")), on: db)
            }
            return added
        }
        return added.isEmpty ? nil : "party building: " + added.joined(separator: ", ")
    }

    /// A demo account that has no resident yet is linked to one, so the cross-appointment is of the same person.
    static func linkAccount(_ username: String, to resident: Resident, on db: any Database) async throws -> Resident? {
        guard let account = try await Account.query(on: db).filter(\.$username == username).first() else { return nil }
        if let existing = account.residentID { return try await Resident.find(existing, on: db) }
        account.residentID = try resident.requireID()
        try await account.save(on: db)
        return resident
    }

    static func seat(_ r: Resident, on body: GovernanceBody, role: MemberRole, on db: any Database, today: LocalDate) async throws {
        let rid = try r.requireID(), bid = try body.requireID()
        guard try await BodyMember.query(on: db).filter(\.$bodyID == bid).filter(\.$residentID == rid).count() == 0 else { return }
        let m = BodyMember()
        m.bodyID = bid
        m.residentID = rid
        m.displayName = r.name
        m.role = role
        m.termStart = today.adding(days: -365).description
        m.termEnd = today.adding(days: 365 * 4).description
        try await m.create(on: db)
    }
}

extension PartyBuildingDemo {
    /// The adults of a community, in a stable order, leaving out those other demo accounts stand for (the demo's
    /// people are the same on every run, so the same ones are chosen every time).
    static func adults(_ code: String, on db: any Database) async throws -> [Resident] {
        let linked = Set(try await Account.query(on: db).filter(\.$username !~ ["party.zijing", "station.cuixiang"]).all().compactMap(\.residentID))
        let thisYear = LocalDate(instant: Date()).components.year
        return try await Resident.query(on: db).filter(\.$divisionCode == code).sort(\.$idNumberIndex).all()
            .filter { $0.birthYear <= thisYear - 20 && !linked.contains($0.id ?? UUID()) }
    }
}
