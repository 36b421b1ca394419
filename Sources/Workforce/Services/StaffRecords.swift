import Fluent
import Foundation
import SelfGovernance
import ServiceHall
import ShequKernel
import ShequPlatform

/// W1–W2's rules, callable without HTTP (the API route, the page form and the demo all run these), each inside the
/// caller's write transaction with its audit entry. Bad input is refused before anything is written.
public enum StaffRecords {
    public struct Draft: Sendable {
        public var kind: StaffKind
        public var name: String
        public var username: String?
        public var divisionCode: String
        public var placeID: UUID?
        public var post: String
        public var bodyMemberID: UUID?
        public var contractStart: String?
        public var contractEnd: String?
        public var weeklyHours: Double
        public var serviceSince: String
        public var education: WorkerEducation

        public init(kind: StaffKind, name: String, username: String? = nil, divisionCode: String, placeID: UUID? = nil, post: String,
                    bodyMemberID: UUID? = nil, contractStart: String? = nil, contractEnd: String? = nil, weeklyHours: Double,
                    serviceSince: String, education: WorkerEducation) {
            self.kind = kind
            self.name = name
            self.username = username
            self.divisionCode = divisionCode
            self.placeID = placeID
            self.post = post
            self.bodyMemberID = bodyMemberID
            self.contractStart = contractStart
            self.contractEnd = contractEnd
            self.weeklyHours = weeklyHours
            self.serviceSince = serviceSince
            self.education = education
        }
    }

    /// Adds a worker and opens their first posting. An elected member's term is read from their seat on the residents'
    /// committee (typing one is refused); everyone else's contract starts on a day given.
    /// `reach`: the acting official's workforceManage scopes (nil for the demo, which acts for no office).
    public static func create(_ d: Draft, by actor: String, reach: [String]? = nil, on db: any Database) async throws -> StaffRecord {
        let name = try PlainText.clean(d.name, field: "name", max: WorkforceInputs.nameMax)
        let division = try await requireDivision(d.divisionCode, elected: d.kind == .elected, on: db)
        let placeID = try await requirePlace(d.placeID, in: division, on: db)
        try await requirePost(d.post, in: division, on: db)
        let minutes = try weeklyMinutes(d.weeklyHours)
        let since = try pastDay(d.serviceSince, field: "serviceSince")
        var start: String?, end: String?
        if d.kind == .elected {
            guard d.contractStart == nil, d.contractEnd == nil else {
                throw ShequError.invalid(.wfTermFromSeat, code: "term_from_body_record")
            }
            guard let seatID = d.bodyMemberID else { throw ShequError.invalid(.errorMissingField, "bodyMemberID", code: "missing_field") }
            let term = try await seatTerm(seatID, community: division, on: db)
            start = term.start
            end = term.end
            if try await StaffRecord.query(on: db).filter(\.$bodyMemberID == seatID).count() > 0 {
                throw ShequError(.conflict, .wfSeatTaken, code: "seat_has_record")
            }
        } else {
            guard d.bodyMemberID == nil else { throw ShequError.invalid(.wfSeatOnlyElected, code: "seat_only_for_elected") }
            (start, end) = try contractDates(d.contractStart, d.contractEnd, serviceSince: since, required: true)
        }
        let username = try await requireAccount(d.username, division: division, seatID: d.kind == .elected ? d.bodyMemberID : nil, reach: reach, on: db)
        let record = StaffRecord()
        record.id = UUID()
        record.kind = d.kind
        record.name = name
        record.username = username
        record.divisionCode = division
        record.placeID = placeID
        record.post = d.post
        record.bodyMemberID = d.kind == .elected ? d.bodyMemberID : nil
        record.contractStart = start
        record.contractEnd = end
        record.weeklyMinutes = minutes
        record.serviceSince = since.description
        record.education = d.education
        record.createdBy = actor
        do {
            try await record.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw ShequError(.conflict, .wfAccountHasRecord, detail: username ?? "", code: "account_has_record")
        }
        try await openPosting(record, startsOn: start ?? since.description, reason: Phrase.wfFirstPosting.zh, by: actor, on: db)
        return record
    }

    /// A contract's dates and hours change, or a degree is obtained; an elected member's term stays their seat's.
    public static func changeContract(_ record: StaffRecord, start: String?, end: String?, weeklyHours: Double, education: WorkerEducation?,
                                      by actor: String, on db: any Database) async throws -> StaffRecord {
        if record.kind == .elected {
            guard start == nil, end == nil else { throw ShequError.invalid(.wfTermFromSeat, code: "term_from_body_record") }
        } else if start != nil || end != nil {
            let since = LocalDate(record.serviceSince) ?? earliest
            let (s, e) = try contractDates(start ?? record.contractStart, end ?? record.contractEnd, serviceSince: since, required: true)
            record.contractStart = s
            record.contractEnd = e
        }
        let minutes = try weeklyMinutes(weeklyHours)
        try await requireRosterFits(record, weeklyMinutes: minutes, stays: record.placeID, on: db)
        record.weeklyMinutes = minutes
        if let education {
            // A degree is obtained, never lost: a lower one typed by mistake would quietly lower the grade.
            guard education >= record.education else { throw ShequError.invalid(.wfEducationLower, code: "education_lower") }
            record.education = education
        }
        try await record.save(on: db)
        return record
    }

    /// 交流: the worker moves to another post or place on a day; the current posting ends the day before, so the history
    /// has no gap and no overlap, and follows them.
    public static func rotate(_ record: StaffRecord, to code: String, placeID: UUID?, post: String, startsOn raw: String, reason: String,
                              by actor: String, on db: any Database) async throws -> StaffPosting {
        let reason = try PlainText.clean(reason, field: "reason", max: WorkforceInputs.reasonMax)
        let division = try await requireDivision(code, elected: record.kind == .elected, on: db)
        let place = try await requirePlace(placeID, in: division, on: db)
        try await requirePost(post, in: division, on: db)
        guard let day = LocalDate(raw) else { throw ShequError.invalid(.errorInvalidValue, "startsOn", code: "invalid_value") }
        // No scheduler applies a posting later: one dated ahead would move the worker (place, post, grade, reach, the
        // public page) today, so a rotation is recorded on or after its first day.
        guard day <= Grading.today else { throw ShequError.invalid(.wfRotationInFuture, day.description, code: "rotation_in_future") }
        guard day >= earliest else { throw ShequError.invalid(.wfImplausibleDate, "startsOn", code: "implausible_date") }
        // An elected member serves the community that elected them; 交流 is for hired workers, and the term is still
        // read from the seat there.
        if record.kind == .elected, division != record.divisionCode {
            throw ShequError.invalid(.wfElectedStays, code: "elected_serves_where_elected")
        }
        if record.divisionCode == division, record.placeID == place, record.post == post {
            throw ShequError.invalid(.wfRotationSame, code: "rotation_changes_nothing")
        }
        if place != record.placeID { try await requireRosterFits(record, weeklyMinutes: record.weeklyMinutes, stays: place, on: db) }
        let id = try record.requireID()
        let open = try await StaffPosting.query(on: db).filter(\.$staffID == id).filter(\.$endsOn == nil).all()
        for p in open {
            guard let start = LocalDate(p.startsOn), start < day else {
                throw ShequError.invalid(.wfRotationBeforeCurrent, p.startsOn, code: "rotation_before_current_posting")
            }
            p.endsOn = day.adding(days: -1).description
            try await p.save(on: db)
        }
        record.divisionCode = division
        record.placeID = place
        record.post = post
        try await record.save(on: db)
        return try await openPosting(record, startsOn: day.description, reason: reason, by: actor, on: db)
    }

    @discardableResult
    static func openPosting(_ record: StaffRecord, startsOn: String, reason: String, by actor: String, on db: any Database) async throws -> StaffPosting {
        let p = StaffPosting()
        p.staffID = try record.requireID()
        p.divisionCode = record.divisionCode
        p.placeID = record.placeID
        p.post = record.post
        p.startsOn = startsOn
        p.reason = reason
        p.recordedBy = actor
        try await p.create(on: db)
        return p
    }

    public static func addTraining(_ record: StaffRecord, title: String, provider: String, hours: Int, completedOn: String,
                                   by actor: String, on db: any Database) async throws -> StaffTraining {
        let t = StaffTraining()
        t.staffID = try record.requireID()
        t.title = try PlainText.clean(title, field: "title", max: WorkforceInputs.titleMax)
        t.provider = try PlainText.clean(provider, field: "provider", max: WorkforceInputs.titleMax)
        guard WorkforceInputs.trainingHours.contains(hours) else { throw ShequError.invalid(.errorOutOfRange, "hours", code: "out_of_range") }
        t.hours = hours
        t.completedOn = try pastDay(completedOn, field: "completedOn").description
        t.recordedBy = actor
        try await t.create(on: db)
        return t
    }

    public static func addCertificate(_ record: StaffRecord, level: SocialWorkerCertificate?, title: String, number: String, issuedOn: String,
                                      by actor: String, on db: any Database) async throws -> StaffCertificate {
        let c = StaffCertificate()
        c.staffID = try record.requireID()
        c.level = level
        c.title = try PlainText.clean(title, field: "title", max: WorkforceInputs.titleMax)
        c.number = try PlainText.clean(number, field: "number", max: WorkforceInputs.numberMax)
        c.issuedOn = try pastDay(issuedOn, field: "issuedOn").description
        c.recordedBy = actor
        try await c.create(on: db)
        return c
    }

    /// One appraisal a year, for a year that is over and in which the worker served: an appraisal moves the grade,
    /// so one for a year before their service began would be a pay rise (or cut) typed for years never worked.
    public static func addAppraisal(_ record: StaffRecord, year: Int, result: AppraisalResult, note: String?, by actor: String,
                                    on db: any Database) async throws -> StaffAppraisal {
        guard WorkforceInputs.yearRange.contains(year), year < Grading.today.components.year else {
            throw ShequError.invalid(.wfYearNotOver, String(year), code: "year_not_over")
        }
        guard let since = LocalDate(record.serviceSince), year >= since.components.year else {
            throw ShequError.invalid(.wfAppraisalOutsideService, "\(year) < \(record.serviceSince.prefix(4))", code: "appraisal_outside_service")
        }
        let id = try record.requireID()
        guard try await StaffAppraisal.query(on: db).filter(\.$staffID == id).filter(\.$year == year).count() == 0 else {
            throw ShequError(.conflict, .wfAppraisalExists, detail: String(year), code: "appraisal_exists")
        }
        let a = StaffAppraisal()
        a.staffID = id
        a.year = year
        a.result = result
        a.note = try note.map { try PlainText.clean($0, field: "note", max: WorkforceInputs.noteMax) } ?? ""
        a.recordedBy = actor
        do {
            try await a.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw ShequError(.conflict, .wfAppraisalExists, detail: String(year), code: "appraisal_exists")
        }
        return a
    }

    // MARK: - Checks

    /// A community, or (not for an elected member) a street; digits only reach the database.
    static func requireDivision(_ raw: String, elected: Bool, on db: any Database) async throws -> String {
        let code = raw.trimmingCharacters(in: .whitespaces)
        let levels: [DivisionLevel] = elected ? [.community] : [.community, .street]
        guard code.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let d = try await Division.find(code, on: db), levels.contains(d.level) else {
            throw ShequError.invalid(elected ? .wfNotCommunity : .wfNotCommunityOrStreet, String(code.prefix(12)), code: "not_community")
        }
        return code
    }

    /// An open service place serving the division itself.
    static func requirePlace(_ id: UUID?, in division: String, on db: any Database) async throws -> UUID? {
        guard let id else { return nil }
        guard let place = try await ServicePlace.find(id, on: db), place.closedAt == nil, place.divisionCode == division else {
            throw ShequError.invalid(.wfPlaceNotThere, code: "place_not_in_division")
        }
        return id
    }

    static func requirePost(_ code: String, in division: String, on db: any Database) async throws {
        let rules = try await Grading.inForce(city: String(division.prefix(4)), on: db).1
        guard rules.post(code) != nil else {
            throw ShequError.invalid(.wfUnknownPost, "\(code.prefix(20)) (\(rules.posts.map(\.code).joined(separator: ", ")))", code: "unknown_post")
        }
    }

    /// The roles an office rosters at a window; a record bound to an account opens the roster and the worker's own
    /// record (education, pay band, appraisals) to it, so only such an account is bound.
    static let windowRoles: Set<Role> = [.communityStaff, .stationStaff, .centerStaff]
    /// Roles that keep or oversee records: an account holding one is never a worker's, or it would keep its own.
    static let officeRoles: Set<Role> = [.streetOfficial, .districtOfficial, .cityAdministrator, .departmentStaff, .leadingGroupOffice]

    /// An account an office would roster: enabled, holding no office role, and either a window-staff grant at or below
    /// the record's division inside the official's reach (`reach` nil: the demo, which acts for no office), or, for an
    /// elected member, the seat's resident's account. "No such account" and "not eligible" are one answer, and an
    /// account already bound elsewhere out of the caller's reach answers the same, so the route probes no usernames.
    static func requireAccount(_ raw: String?, division: String, seatID: UUID?, reach: [String]?, on db: any Database) async throws -> String? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces).lowercased(), !raw.isEmpty else { return nil }
        let refusal = ShequError.invalid(.wfNoStaffAccount, String(raw.prefix(64)), code: "no_such_staff_account")
        func within(_ code: String) -> Bool { reach.map { r in r.contains { code.hasPrefix($0) } } ?? true }
        guard let account = try await Account.query(on: db).filter(\.$username == raw).first(), !account.disabled,
              let accountID = account.id else { throw refusal }
        let grants = try await Grant.query(on: db).filter(\.$account.$id == accountID).all()
        guard !grants.contains(where: { officeRoles.contains($0.role) }) else { throw refusal }
        // The demo (no reach) opens a worker's history at an earlier place and rotates them to where their account
        // serves now, so for it a window grant anywhere suffices; an official's record binds only where the grant is.
        let atWindow = grants.contains { windowRoles.contains($0.role) && (reach == nil || ($0.scope.hasPrefix(division) && within($0.scope))) }
        var seatHolder = false
        if let seatID, let residentID = account.residentID, let seat = try await BodyMember.find(seatID, on: db) {
            seatHolder = seat.residentID == residentID
        }
        guard atWindow || seatHolder else { throw refusal }
        if let other = try await StaffRecord.query(on: db).filter(\.$username == raw).first() {
            guard within(other.divisionCode) else { throw refusal }
            throw ShequError(.conflict, .wfAccountHasRecord, detail: raw, code: "account_has_record")
        }
        return raw
    }

    /// The seat must be on the residents' committee of the community the record is for.
    static func seatTerm(_ id: UUID, community: String, on db: any Database) async throws -> (start: String, end: String) {
        guard let seat = try await BodyMember.find(id, on: db), let body = try await GovernanceBody.find(seat.bodyID, on: db),
              body.kind == .residentsCommittee, body.divisionCode == community else {
            throw ShequError.invalid(.wfNoSeat, code: "not_a_committee_seat")
        }
        return (seat.termStart, seat.termEnd)
    }

    /// The longest contract taken as plausible: a fixed-term contract longer than ten years is a typing slip, and the
    /// contract decides whether the worker is current (roster, workload, public page).
    static let contractMaxDays = 3653

    /// The contract starts within the worker's service (not before it began), in 1950…a year ahead, and runs at most
    /// ten years; otherwise the worker would be current for ever or never, silently.
    static func contractDates(_ start: String?, _ end: String?, serviceSince: LocalDate, required: Bool) throws -> (String?, String?) {
        guard let startText = start else {
            if required { throw ShequError.invalid(.errorMissingField, "contractStart", code: "missing_field") }
            return (nil, nil)
        }
        guard let s = LocalDate(startText), s >= earliest, s >= serviceSince else {
            throw ShequError.invalid(.wfContractImplausible, "contractStart", code: "implausible_date")
        }
        guard s <= Grading.today.adding(days: 366) else { throw ShequError.invalid(.wfDateTooFar, "contractStart", code: "implausible_date") }
        guard let endText = end else { return (s.description, nil) }
        guard let e = LocalDate(endText), e >= s else { throw ShequError.invalid(.wfContractEndsBeforeStart, code: "contract_ends_before_start") }
        guard e <= s.adding(days: contractMaxDays) else { throw ShequError.invalid(.wfContractImplausible, "contractEnd", code: "implausible_date") }
        return (s.description, e.description)
    }

    static let earliest = LocalDate(year: 1950, month: 1, day: 1) ?? LocalDate(ordinal: 0)

    static func pastDay(_ raw: String, field: String) throws -> LocalDate {
        guard let day = LocalDate(raw), day >= earliest, day <= Grading.today else {
            throw ShequError.invalid(.wfImplausibleDate, field, code: "implausible_date")
        }
        return day
    }

    static func weeklyMinutes(_ hours: Double) throws -> Int {
        guard hours <= WorkforceInputs.weeklyHoursMax, let minutes = RosterRule.contractedMinutes(weeklyHours: hours) else {
            throw ShequError.invalid(.errorOutOfRange, "weeklyHours (0…60)", code: "out_of_range")
        }
        return minutes
    }
}
