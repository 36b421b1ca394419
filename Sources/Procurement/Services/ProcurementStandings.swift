import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit

/// The panel's results per application, from the sheets of members who declared no conflict (kernel arithmetic).
struct Standing: Sendable {
    let application: ProcurementApplication
    let result: PanelScoring.Result?
    let sheets: [ProcurementSheet]
}

enum ProcurementStandings {
    /// Best first; unscored applications last, in the order they came.
    static func of(_ p: PurchaseProject, on db: any Database) async throws -> [Standing] {
        let id = try p.requireID()
        let applications = try await ProcurementApplication.query(on: db).filter(\.$projectID == id).sort(\.$createdAt).sort(\.$id).all()
        let sheets = Dictionary(grouping: try await ProcurementSheet.query(on: db).filter(\.$projectID == id).sort(\.$createdAt).all(), by: \.applicationID)
        let standings = try applications.map { a in
            let own = sheets[a.id ?? UUID()] ?? []
            let scored = own.compactMap(\.scores)
            let result: PanelScoring.Result? = scored.isEmpty ? nil : try PanelScoring.result(criteria: p.criteria, sheets: scored)
            return Standing(application: a, result: result, sheets: own)
        }
        return standings.enumerated().sorted { l, r in
            switch (l.element.result, r.element.result) {
            case let (a?, b?): return (a.total, a.quality, r.offset) > (b.total, b.quality, l.offset)
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return l.offset < r.offset
            }
        }.map(\.element)
    }

    static func candidates(_ standings: [Standing]) -> [SocialOrganizationPreference.Candidate<UUID>] {
        standings.compactMap { s in
            guard let id = s.application.id, let r = s.result else { return nil }
            return .init(id: id, isSocialOrganization: s.application.isSocialOrganization, result: r)
        }
    }

    /// B2: does an award to `winner` pass over the social organisation the preference names?
    static func passesOverPreference(winner: UUID, _ standings: [Standing]) -> Bool {
        SocialOrganizationPreference.needsReason(winner: winner, among: candidates(standings))
    }

    static func preferred(winner: UUID, _ standings: [Standing]) -> Standing? {
        guard let id = SocialOrganizationPreference.preferred(winner: winner, among: candidates(standings)) else { return nil }
        return standings.first { $0.application.id == id }
    }
}

enum ProjectLock {
    /// Reads a project inside a write transaction, holding its row on PostgreSQL, so two buyers (or two clicks)
    /// on two instances cannot both move it from the same stage. SQLite's writes already take turns (WriteGate).
    static func project(_ id: UUID?, on db: any Database) async throws -> PurchaseProject {
        guard let id else { throw ShequError.notFound }
        if db.isPostgres, let sql = db as? any SQLDatabase {
            _ = try await sql.raw("SELECT id FROM \(ident: PurchaseProject.schema) WHERE id = \(bind: id) FOR UPDATE").all()
        }
        guard let p = try await PurchaseProject.find(id, on: db) else { throw ShequError.notFound }
        return p
    }
}

/// Texts as the rules take them: the platform's rule (`PlainText`), and no invisible separators, since every
/// procurement text is public.
enum ProcurementText {
    static func clean(_ raw: String, field: String, max: Int) throws -> String {
        try PlainText.clean(raw, field: field, max: max, refusing: PlainText.invisible)
    }

    static func optional(_ raw: String, field: String, max: Int) throws -> String? {
        raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : try clean(raw, field: field, max: max)
    }

    static func isDigits(_ s: String) -> Bool { !s.isEmpty && s.utf8.allSatisfy { (0x30...0x39).contains($0) } }

    static func shown(_ raw: String) -> String {
        String(String.UnicodeScalarView(raw.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(40)))
    }

    static func day(_ raw: String, field: String) throws -> LocalDate {
        guard let d = LocalDate(raw.trimmingCharacters(in: .whitespaces)) else { throw ShequError.invalid(.errorInvalidValue, field, code: "invalid_date") }
        return d
    }

    /// Fen from JSON, or yuan text from a form: one of the two, positive, no larger than the ledger takes.
    static func amount(fen: Int64?, yuan: String?, field: String) throws -> Money {
        let money: Money
        if let fen {
            money = Money(fen: fen)
        } else if let yuan = yuan?.trimmingCharacters(in: .whitespaces), !yuan.isEmpty {
            guard let parsed = Money(yuan: yuan) else { throw ShequError.invalid(.errorInvalidValue, field, code: "invalid_amount") }
            money = parsed
        } else {
            throw ShequError.invalid(.errorMissingField, "\(field)Fen / \(field)", code: "invalid_amount")
        }
        guard money > .zero, money <= Money.largest else { throw ShequError.invalid(.errorInvalidValue, field, code: "invalid_amount") }
        return money
    }

    static var today: LocalDate { LocalDate(instant: Date()) }
}
