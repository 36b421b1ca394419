import Fluent
import Foundation
import SelfGovernance
import ServiceHall
import ShequKernel
import ShequPlatform
import Vapor

/// A row of the grade list (officials in scope): who, where, on which post, and the grade and band computed now.
public struct StaffRow: Content, Sendable {
    public var id: UUID
    public var name: String
    public var kind: StaffKind
    public var divisionCode: String
    public var divisionName: String
    public var placeID: UUID?
    public var placeName: String?
    public var post: String
    public var postName: String
    public var postNameEn: String
    public var username: String?
    public var weeklyHours: Double
    public var current: Bool
    /// Nil only when the table in force has no such post.
    public var grade: Int?
    public var payBandFen: Int64?
}

/// What a community's page shows anyone: names and posts, nothing personal (the employment kind — establishment,
/// district hire, elected — is employment data, and the CSV never carried it either).
public struct PublicStaffRow: Content, Sendable {
    public var name: String
    public var post: String
    public var postName: String
    public var postNameEn: String
}

public struct StaffDetail: Content, Sendable {
    public struct Posting: Content, Sendable {
        public var divisionCode: String
        public var divisionName: String
        public var placeName: String?
        public var post: String
        public var postName: String
        public var postNameEn: String
        public var startsOn: String
        public var endsOn: String?
        public var reason: String
    }

    public struct Training: Content, Sendable { public var title: String; public var provider: String; public var hours: Int; public var completedOn: String }
    public struct Certificate: Content, Sendable {
        public var level: SocialWorkerCertificate?
        public var title: String
        public var number: String
        public var issuedOn: String
    }
    public struct Appraisal: Content, Sendable { public var year: Int; public var result: AppraisalResult; public var note: String }

    public var record: StaffRow
    public var contractStart: String?
    public var contractEnd: String?
    /// An elected member's seat, as the residents' committee's records keep it.
    public var seat: String?
    public var serviceSince: String
    public var education: WorkerEducation
    public var grading: WorkerGrading?
    public var ruleSet: String
    public var trainingHours: Int
    public var postings: [Posting]
    public var training: [Training]
    public var certificates: [Certificate]
    public var appraisals: [Appraisal]
}

enum StaffViews {
    /// The rows of one page, with their places' and divisions' names and their grades, in a few grouped reads.
    static func rows(_ records: [StaffRecord], on db: any Database) async throws -> [StaffRow] {
        let tables = try await Grading.tables(for: records, on: db)
        let grades = try await Grading.grades(records, tables: tables, on: db)
        let names = try await divisionNames(Set(records.map(\.divisionCode)), on: db)
        let places = try await placeNames(Set(records.compactMap(\.placeID)), on: db)
        var out: [StaffRow] = []
        // Once per page: reading the clock and formatting the day for every row was 4% of a 200-row list.
        let today = Grading.today
        for r in records {
            guard let id = r.id else { continue }
            let city = String(r.divisionCode.prefix(4))
            let g = grades[id]
            out.append(StaffRow(id: id, name: r.name, kind: r.kind, divisionCode: r.divisionCode, divisionName: names[r.divisionCode] ?? r.divisionCode,
                                placeID: r.placeID, placeName: r.placeID.flatMap { places[$0] }, post: r.post,
                                postName: tables[city]?.post(r.post)?.zh ?? r.post, postNameEn: tables[city]?.post(r.post)?.en ?? r.post,
                                username: r.username,
                                weeklyHours: Double(r.weeklyMinutes) / 60, current: StaffQueries.isCurrent(r, on: today), grade: g?.grade, payBandFen: g?.payBandFen))
        }
        return out
    }

    static func detail(_ r: StaffRecord, on db: any Database) async throws -> StaffDetail {
        let id = try r.requireID()
        guard let row = try await rows([r], on: db).first else { throw ShequError.notFound }
        let facts = try await Grading.facts([r], today: Grading.today, on: db)[id]
        let (ruleRow, rules) = try await Grading.inForce(city: String(r.divisionCode.prefix(4)), on: db)
        let postings = try await StaffPosting.query(on: db).filter(\.$staffID == id).sort(\.$startsOn).all()
        let training = try await StaffTraining.query(on: db).filter(\.$staffID == id).sort(\.$completedOn, .descending).all()
        let certificates = try await StaffCertificate.query(on: db).filter(\.$staffID == id).sort(\.$issuedOn, .descending).all()
        let appraisals = try await StaffAppraisal.query(on: db).filter(\.$staffID == id).sort(\.$year, .descending).all()
        let names = try await divisionNames(Set(postings.map(\.divisionCode)), on: db)
        let places = try await placeNames(Set(postings.compactMap(\.placeID)), on: db)
        var seat: String?
        if let seatID = r.bodyMemberID, let m = try await BodyMember.find(seatID, on: db) {
            let body = try await GovernanceBody.find(m.bodyID, on: db)
            seat = "\(body?.name ?? "") · \(m.role.rawValue) · \(m.termStart)–\(m.termEnd)"
        }
        return StaffDetail(
            record: row, contractStart: r.contractStart, contractEnd: r.contractEnd, seat: seat, serviceSince: r.serviceSince, education: r.education,
            grading: facts.flatMap { try? rules.grade($0) }, ruleSet: ruleRow?.name ?? Phrase.wfDefaultRules.zh,
            // Each is at most 1,000 hours; the sum saturates rather than trap however many there are.
            trainingHours: training.reduce(0) { sum, t in sum.addingReportingOverflow(t.hours).overflow ? Int.max : sum + t.hours },
            postings: postings.map { p in
                .init(divisionCode: p.divisionCode, divisionName: names[p.divisionCode] ?? p.divisionCode, placeName: p.placeID.flatMap { places[$0] },
                      post: p.post, postName: rules.post(p.post)?.zh ?? p.post, postNameEn: rules.post(p.post)?.en ?? p.post,
                      startsOn: p.startsOn, endsOn: p.endsOn, reason: p.reason)
            },
            training: training.map { .init(title: $0.title, provider: $0.provider, hours: $0.hours, completedOn: $0.completedOn) },
            certificates: certificates.map { .init(level: $0.level, title: $0.title, number: $0.number, issuedOn: $0.issuedOn) },
            appraisals: appraisals.map { .init(year: $0.year, result: $0.result, note: $0.note) })
    }

    static func divisionNames(_ codes: Set<String>, on db: any Database) async throws -> [String: String] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await Division.query(on: db).filter(\.$id ~~ Array(codes)).all()
        return Dictionary(rows.compactMap { d in d.id.map { ($0, d.name) } }, uniquingKeysWith: { a, _ in a })
    }

    static func placeNames(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await ServicePlace.query(on: db).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(rows.compactMap { p in p.id.map { ($0, p.name) } }, uniquingKeysWith: { a, _ in a })
    }
}
