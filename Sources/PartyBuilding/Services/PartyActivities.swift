import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// Activities, sign-ups, attendance and the yearly certificate (P1), callable without HTTP.
enum PartyActivities {
    static func offer(title: String, heldOn: LocalDate, place: String, by org: PartyOrganization, today: LocalDate,
                      on db: any Database) async throws -> PartyActivity {
        // A month back (an activity recorded late) to a year ahead: a date beyond would fill members' certificates
        // with activities nobody could have attended (review F14).
        guard heldOn >= today.adding(days: -30), heldOn <= today.adding(days: 365) else {
            throw ShequError.invalid(.pbErrorActivityDate, heldOn.description, code: "activity_date")
        }
        let a = PartyActivity()
        a.organizationID = try org.requireID()
        a.title = title
        a.heldOn = heldOn.description
        a.place = place
        try await a.create(on: db)
        return a
    }

    /// Whether the activity's organisation is one of the member's two (where they work, where they registered).
    static func concerns(_ activity: PartyActivity, _ m: PartyMembership) -> Bool {
        activity.organizationID == m.workplaceOrganizationID || activity.organizationID == m.communityOrganizationID
    }

    static func signUp(_ m: PartyMembership, to activity: PartyActivity, on db: any Database) async throws -> PartyParticipation {
        let mid = try m.requireID(), aid = try activity.requireID()
        if let p = try await PartyParticipation.query(on: db).filter(\.$activityID == aid).filter(\.$membershipID == mid).first() {
            guard !p.signedUp else { throw ShequError(.conflict, .pbErrorAlreadySignedUp, code: "already_signed_up") }
            p.signedUp = true
            try await p.save(on: db)
            return p
        }
        let p = PartyParticipation()
        p.activityID = aid
        p.membershipID = mid
        p.signedUp = true
        try await p.create(on: db)
        return p
    }

    /// Attendance is the organisation's record of what happened, so it is recorded only once the day has come.
    static func record(_ m: PartyMembership, at activity: PartyActivity, attended: Bool, today: LocalDate, on db: any Database) async throws -> PartyParticipation {
        guard concerns(activity, m) else { throw ShequError.invalid(.pbErrorNotRegisteredHere, code: "not_registered_here") }
        guard activity.heldOn <= today.description else { throw ShequError(.conflict, .pbErrorNotYetHeld, code: "not_yet_held") }
        let mid = try m.requireID(), aid = try activity.requireID()
        // An issued certificate counted this year's attendance: changing it would make the printed figure wrong.
        if let year = Int(activity.heldOn.prefix(4)),
           try await PartyCertificate.query(on: db).filter(\.$membershipID == mid).filter(\.$organizationID == activity.organizationID)
               .filter(\.$year == year).filter(\.$issuedOn != nil).count() > 0 {
            throw ShequError(.conflict, .pbErrorCertificateIssued, code: "certificate_issued")
        }
        let p = try await PartyParticipation.query(on: db).filter(\.$activityID == aid).filter(\.$membershipID == mid).first() ?? {
            let p = PartyParticipation()
            p.activityID = aid
            p.membershipID = mid
            p.signedUp = false
            return p
        }()
        p.attended = attended
        try await p.save(on: db)
        return p
    }

    struct ParticipationRow: Content, Sendable {
        var activityID: UUID
        var title: String
        var heldOn: String
        var organizationID: UUID
        var organization: String
        var signedUp: Bool
        var attended: Bool?
    }

    /// A member's participation record, newest first, optionally within one year.
    static func record(of membershipID: UUID, year: Int? = nil, on db: any Database) async throws -> [ParticipationRow] {
        let ps = try await PartyParticipation.query(on: db).filter(\.$membershipID == membershipID).all()
        guard !ps.isEmpty else { return [] }
        var activities = try await PartyActivity.query(on: db).filter(\.$id ~~ ps.map(\.activityID)).all()
        if let year { activities = activities.filter { $0.heldOn.hasPrefix(String(year) + "-") } }
        let orgs = try await PartyOrganization.query(on: db).filter(\.$id ~~ Array(Set(activities.map(\.organizationID)))).all()
        let orgNames = Dictionary(orgs.compactMap { o in o.id.map { ($0, o.name) } }, uniquingKeysWith: { a, _ in a })
        let byActivity = Dictionary(ps.map { ($0.activityID, $0) }, uniquingKeysWith: { a, _ in a })
        return activities.compactMap { a in
            guard let id = a.id, let p = byActivity[id] else { return nil }
            return ParticipationRow(activityID: id, title: a.title, heldOn: a.heldOn, organizationID: a.organizationID, organization: orgNames[a.organizationID] ?? "—",
                                    signedUp: p.signedUp, attended: p.attended)
        }.sorted { ($0.heldOn, $0.title) > ($1.heldOn, $1.title) }
    }

    /// The member asks for the year's certificate from the community organisation they registered with.
    static func request(year: Int, for m: PartyMembership, today: LocalDate, on db: any Database) async throws -> PartyCertificate {
        guard let org = m.communityOrganizationID else { throw ShequError(.conflict, .pbErrorNotRegistered, code: "not_registered") }
        guard year <= today.components.year else { throw ShequError.invalid(.pbErrorFutureYear, String(year), code: "future_year") }
        let mid = try m.requireID()
        guard try await PartyCertificate.query(on: db).filter(\.$membershipID == mid).filter(\.$organizationID == org).filter(\.$year == year).count() == 0 else {
            throw ShequError(.conflict, .pbErrorCertificateRequested, code: "already_requested")
        }
        let c = PartyCertificate()
        c.membershipID = mid
        c.organizationID = org
        c.year = year
        c.requestedOn = today.description
        try await c.create(on: db)
        return c
    }

    static func issue(_ c: PartyCertificate, by username: String, today: LocalDate, on db: any Database) async throws -> PartyCertificate {
        guard c.issuedOn == nil else { throw ShequError(.conflict, .pbErrorCertificateIssued, code: "already_issued") }
        c.attended = try await record(of: c.membershipID, year: c.year, on: db).filter { $0.attended == true && $0.organizationID == c.organizationID }.count
        c.issuedOn = today.description
        c.issuedBy = username
        try await c.save(on: db)
        return c
    }
}
