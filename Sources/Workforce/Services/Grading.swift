import Fluent
import SQLKit
import Vapor
import Foundation
import SelfGovernance
import ShequKernel
import ShequPlatform

/// The grade of every worker is computed when it is read, from the table in force for their city and their records
/// (post, service start, education, social-worker certificates, appraisals): nothing stores or accepts a grade, so a
/// rule change or a new certificate moves it at once and no one can type it.
public enum Grading {
    /// The table in force for a city, and its row (nil: none adopted, the default 三岗十八级 applies).
    public static func inForce(city: String, on db: any Database) async throws -> (GradeRuleSet?, WorkerGradeRules) {
        guard let row = try await GradeRuleSet.query(on: db).filter(\.$scope == city).filter(\.$state == .inForce)
            .sort(\.$adoptedAt, .descending).first() else { return (nil, .sanGangShiBaJi) }
        return (row, try decode(row))
    }

    public static func decode(_ row: GradeRuleSet) throws -> WorkerGradeRules {
        try JSONDecoder().decode(WorkerGradeRules.self, from: Data(row.rulesJSON.utf8))
    }

    public static func encode(_ rules: WorkerGradeRules) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(rules), as: UTF8.self)
    }

    static var today: LocalDate { LocalDate(instant: Date()) }

    /// What each record's grade is computed from: its certificates and appraisals read in two queries for all of them.
    static func facts(_ records: [StaffRecord], today: LocalDate, on db: any Database) async throws -> [UUID: WorkerFacts] {
        let ids = records.compactMap(\.id)
        guard !ids.isEmpty else { return [:] }
        // Two columns each, read with SQL: building whole models by reflection took a third of a grade list's time.
        let sql = try db.sql()
        var certificates: [UUID: [SocialWorkerCertificate]] = [:]
        for chunk in ids.chunked(500) {
            for row in try await sql.raw("""
                SELECT staff_id, level FROM \(ident: StaffCertificate.schema) WHERE level IS NOT NULL AND staff_id IN (\(binds: Array(chunk)))
                """).all() {
                certificates[try row.decode(column: "staff_id", as: UUID.self), default: []]
                    .append(try row.known("level", SocialWorkerCertificate.self))
            }
        }
        var appraisals: [UUID: [AppraisalResult]] = [:]
        for chunk in ids.chunked(500) {
            for row in try await sql.raw("""
                SELECT staff_id, result FROM \(ident: StaffAppraisal.schema) WHERE staff_id IN (\(binds: Array(chunk)))
                """).all() {
                appraisals[try row.decode(column: "staff_id", as: UUID.self), default: []]
                    .append(try row.known("result", AppraisalResult.self))
            }
        }
        var out: [UUID: WorkerFacts] = [:]
        for r in records {
            guard let id = r.id else { continue }
            let since = LocalDate(r.serviceSince) ?? today
            out[id] = WorkerFacts(post: r.post, serviceYears: WorkerGradeRules.fullYears(from: since, to: today), education: r.education,
                                  certificates: certificates[id] ?? [], appraisals: appraisals[id] ?? [])
        }
        return out
    }

    /// The table in force for each city the records sit in, read once per city.
    static func tables(for records: [StaffRecord], on db: any Database) async throws -> [String: WorkerGradeRules] {
        var tables: [String: WorkerGradeRules] = [:]
        for city in Set(records.map { String($0.divisionCode.prefix(4)) }) { tables[city] = try await inForce(city: city, on: db).1 }
        return tables
    }

    /// Each record's grade under the table in force for its city (absent where the table has no such post).
    static func grades(_ records: [StaffRecord], tables: [String: WorkerGradeRules], on db: any Database) async throws -> [UUID: WorkerGrading] {
        let facts = try await facts(records, today: today, on: db)
        var out: [UUID: WorkerGrading] = [:]
        for r in records {
            guard let id = r.id, let f = facts[id] else { continue }
            out[id] = try? tables[String(r.divisionCode.prefix(4))]?.grade(f)
        }
        return out
    }

    /// Who moves under a draft: every worker of its city whose grade or band differs from the table in force.
    public struct Move: Content, Sendable {
        public var staffID: UUID
        public var name: String
        public var divisionCode: String
        public var post: String
        public var gradeNow: Int?
        public var bandNowFen: Int64?
        public var gradeDraft: Int?
        public var bandDraftFen: Int64?
    }

    static func preview(draft: WorkerGradeRules, city: String, on db: any Database) async throws -> (workers: Int, moves: [Move]) {
        let current = try await inForce(city: city, on: db).1
        let records = try await StaffQueries.current(in: [city], on: db).sort(\.$divisionCode).sort(\.$name).all()
        let facts = try await facts(records, today: today, on: db)
        var moves: [Move] = []
        for r in records {
            guard let id = r.id, let f = facts[id] else { continue }
            let now = try? current.grade(f), next = try? draft.grade(f)
            guard now?.grade != next?.grade || now?.payBandFen != next?.payBandFen else { continue }
            moves.append(Move(staffID: id, name: r.name, divisionCode: r.divisionCode, post: r.post, gradeNow: now?.grade,
                              bandNowFen: now?.payBandFen, gradeDraft: next?.grade, bandDraftFen: next?.payBandFen))
        }
        return (records.count, moves)
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
