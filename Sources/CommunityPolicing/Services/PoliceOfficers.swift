import Fluent
import Foundation
import ShequKernel
import ShequPlatform

/// O5's rules for the officers, callable without HTTP (the API route, the page form and the demo all run these): an
/// officer is an account that holds the communityPolice role, recorded once, serving communities its grant covers.
public enum PoliceOfficers {
    public struct Draft: Sendable {
        public var name: String
        public var policeNumber: String
        public var workPhone: String
        public var dutyHours: String
        public var communities: [String]

        public init(name: String, policeNumber: String, workPhone: String, dutyHours: String, communities: [String]) {
            self.name = name
            self.policeNumber = policeNumber
            self.workPhone = workPhone
            self.dutyHours = dutyHours
            self.communities = communities
        }
    }

    /// Records the officer behind `account`: the account must hold the role, may be recorded once, and a badge
    /// number belongs to one officer.
    public static func record(_ draft: Draft, account: Account, by username: String, on db: any Database) async throws -> PoliceOfficer {
        let accountID = try account.requireID()
        let clean = try await checked(draft, account: accountID, on: db)
        guard try await PoliceOfficer.query(on: db).filter(\.$accountID == accountID).count() == 0 else {
            throw ShequError(.conflict, .policingOfficerRecorded, detail: account.username, code: "officer_recorded")
        }
        try await requireFreeNumber(clean.policeNumber, except: nil, on: db)
        let officer = PoliceOfficer()
        officer.id = UUID()
        officer.accountID = accountID
        apply(clean, to: officer)
        officer.recordedBy = username
        do {
            try await officer.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw ShequError(.conflict, .policingOfficerRecorded, detail: account.username, code: "officer_recorded")
        }
        for code in clean.communities {
            try await PoliceOfficerCommunity(officerID: try officer.requireID(), divisionCode: code).create(on: db)
        }
        return officer
    }

    /// Changes what residents are told and the communities served. A community is not taken from an officer
    /// while a referral there waits for their answer: it would be left with no one to answer it.
    public static func update(_ officer: PoliceOfficer, _ draft: Draft, by username: String, on db: any Database) async throws {
        let officerID = try officer.requireID()
        try await PolicingLock.officer(officerID, on: db)
        let clean = try await checked(draft, account: officer.accountID, on: db)
        try await requireFreeNumber(clean.policeNumber, except: officerID, on: db)
        let before = try await communities(of: [officerID], on: db)[officerID] ?? []
        let removed = Set(before).subtracting(clean.communities)
        if !removed.isEmpty {
            let waiting = try await PoliceReferrals.waitingQuery(on: db).filter(\.$officerID == officerID)
                .filter(\.$divisionCode ~~ Array(removed)).count()
            guard waiting == 0 else { throw ShequError(.conflict, .policingOpenReferrals, detail: removed.sorted().joined(separator: ", "), code: "open_referrals") }
            try await PoliceOfficerCommunity.query(on: db).filter(\.$officerID == officerID).filter(\.$divisionCode ~~ Array(removed)).delete()
        }
        for code in clean.communities where !before.contains(code) {
            try await PoliceOfficerCommunity(officerID: officerID, divisionCode: code).create(on: db)
        }
        apply(clean, to: officer)
        officer.recordedBy = username
        try await officer.save(on: db)
    }

    static func apply(_ d: Draft, to officer: PoliceOfficer) {
        officer.name = d.name
        officer.policeNumber = d.policeNumber
        officer.workPhone = d.workPhone
        officer.dutyHours = d.dutyHours
    }

    /// The draft as stored: texts cleaned, the number and phone in their forms, each community a community on file
    /// that the officer's own communityPolice grant covers.
    static func checked(_ d: Draft, account: UUID, on db: any Database) async throws -> Draft {
        let grants = try await Grant.query(on: db).filter(\.$account.$id == account).filter(\.$role == .communityPolice).all().map(\.scope)
        guard !grants.isEmpty else { throw ShequError.invalid(.policingNotPolice, code: "not_community_police") }
        let name = try PlainText.clean(d.name, field: "name", max: PolicingInputs.nameMax, refusing: invisible)
        let number = d.policeNumber.trimmingCharacters(in: .whitespaces)
        guard number.count == 6, number.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else {
            throw ShequError.invalid(.policingPoliceNumber, number, code: "invalid_police_number")
        }
        let phone = d.workPhone.trimmingCharacters(in: .whitespaces)
        let digits = phone.unicodeScalars.filter { ("0"..."9").contains($0) }.count
        guard (3...PolicingInputs.phoneMax).contains(phone.count), digits >= 3,
              phone.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "-" }) else {
            throw ShequError.invalid(.policingWorkPhoneInvalid, phone, code: "invalid_work_phone")
        }
        let duty = try PlainText.clean(d.dutyHours, field: "dutyHours", max: PolicingInputs.dutyMax, refusing: invisible)
        let codes = Array(Set(d.communities.map { $0.trimmingCharacters(in: .whitespaces) })).sorted()
        guard !codes.isEmpty, codes.count <= PolicingInputs.communitiesMax else {
            throw ShequError.invalid(.errorMissingField, "communities", code: "missing_field")
        }
        let known = try await Division.query(on: db).filter(\.$id ~~ codes).filter(\.$level == .community).all().compactMap(\.id)
        if let unknown = codes.first(where: { !known.contains($0) }) {
            throw ShequError.invalid(.policingNotACommunity, unknown, code: "unknown_community")
        }
        if let outside = codes.first(where: { code in !grants.contains { code.hasPrefix($0) } }) {
            throw ShequError.invalid(.policingOutsideGrant, outside, code: "outside_police_grant")
        }
        return Draft(name: name, policeNumber: number, workPhone: phone, dutyHours: duty, communities: codes)
    }

    /// What a public officer's name and hours may not hide: besides the platform's invisible separators, the
    /// zero-width joiners and direction marks, with which "陈‍建华" shows exactly as another officer's name.
    static let invisible = PlainText.invisible.union([0x200C, 0x200D, 0x200E, 0x200F])

    static func requireFreeNumber(_ number: String, except id: UUID?, on db: any Database) async throws {
        let q = PoliceOfficer.query(on: db).filter(\.$policeNumber == number)
        if let id { q.filter(\.$id != id) }
        guard try await q.count() == 0 else { throw ShequError(.conflict, .policingNumberTaken, detail: number, code: "police_number_taken") }
    }

    /// The communities each officer serves, in code order.
    public static func communities(of officers: [UUID], on db: any Database) async throws -> [UUID: [String]] {
        guard !officers.isEmpty else { return [:] }
        let rows = try await PoliceOfficerCommunity.query(on: db).filter(\.$officerID ~~ officers).sort(\.$divisionCode).all()
        return Dictionary(grouping: rows, by: \.officerID).mapValues { $0.map(\.divisionCode) }
    }

    /// The officers attached to one community.
    public static func attached(to code: String, on db: any Database) async throws -> [PoliceOfficer] {
        let ids = try await PoliceOfficerCommunity.query(on: db).filter(\.$divisionCode == code).all().map(\.officerID)
        guard !ids.isEmpty else { return [] }
        return try await PoliceOfficer.query(on: db).filter(\.$id ~~ ids).sort(\.$name).sort(\.$id).all()
    }

    /// The officer record of a signed-in account, if it is one.
    public static func officer(of actor: Actor, on db: any Database) async throws -> PoliceOfficer? {
        guard actor.roles.contains(.communityPolice) else { return nil }
        return try await PoliceOfficer.query(on: db).filter(\.$accountID == actor.accountID).first()
    }

    /// Officers serving any community under the given scopes (a district official's reach), by name.
    public static func inScopes(_ scopes: [String], on db: any Database) async throws -> QueryBuilder<PoliceOfficer> {
        let q = PoliceOfficerCommunity.query(on: db)
        q.group(.or) { or in
            for scope in scopes {
                or.group(.and) { $0.filter(\.$divisionCode >= scope).filter(\.$divisionCode < scope + "~") }
            }
        }
        let ids = Array(Set(try await q.all().map(\.officerID)))
        return PoliceOfficer.query(on: db).filter(\.$id ~~ ids).sort(\.$name).sort(\.$id)
    }
}
