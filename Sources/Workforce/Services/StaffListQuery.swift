import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit

/// The grade list's rows read with SQL and the columns a row shows. Profiled at city scale (6,000 workers, SQLite,
/// release build, `?per=200`): half the request went to Fluent building models by reflection, a fifth of it for the
/// records and a third for their appraisals and certificates (`Grading.facts`). The predicate is the one
/// `StaffQueries.current` states: a scope is a code-prefix range; serving means the contract covers the day.
enum StaffListQuery {
    static let columns = "id, kind, name, username, division_code, place_id, post, body_member_id, contract_start, contract_end, weekly_minutes, service_since, education"

    static func predicate(_ f: StaffAPIController.ListFilter, day: LocalDate) -> SQLQueryString {
        guard !f.scopes.isEmpty else { return "1 = 0" }
        let scopes: [SQLQueryString] = f.scopes.map { "(division_code >= \(bind: $0) AND division_code < \(bind: $0 + "~"))" }
        var clauses: [SQLQueryString] = ["(" + scopes.joined(separator: " OR ") + ")"]
        if f.currentOnly {
            let text = day.description
            clauses.append("(contract_start IS NULL OR contract_start <= \(bind: text))")
            clauses.append("(contract_end IS NULL OR contract_end >= \(bind: text))")
        }
        if let kind = f.kind { clauses.append("kind = \(bind: kind.rawValue)") }
        return clauses.joined(separator: " AND ")
    }

    static func page(_ f: StaffAPIController.ListFilter, _ page: ListPageRequest, day: LocalDate = Grading.today,
                     on db: any Database) async throws -> ListPage<StaffRow> {
        let sql = try db.sql(), condition = predicate(f, day: day)
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: StaffRecord.schema) WHERE \(condition)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM \(ident: StaffRecord.schema) WHERE \(condition)
            ORDER BY division_code, name, id LIMIT \(bind: page.perPage) OFFSET \(bind: page.offset)
            """).all()
        let records = try rows.map(record)
        return ListPage(items: try await StaffViews.rows(records, on: db), total: total, page: page.page, perPage: page.perPage)
    }

    /// Every row, for the spreadsheet.
    static func all(_ f: StaffAPIController.ListFilter, day: LocalDate = Grading.today, on db: any Database) async throws -> [StaffRecord] {
        let sql = try db.sql()
        return try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM \(ident: StaffRecord.schema) WHERE \(predicate(f, day: day)) ORDER BY division_code, name, id
            """).all().map(record)
    }

    /// A record filled from its row's columns by hand (what the list shows and grades from), never saved.
    static func record(_ row: any SQLRow) throws -> StaffRecord {
        let r = StaffRecord()
        r.id = try row.decode(column: "id", as: UUID.self)
        r.kind = try row.known("kind", StaffKind.self)
        r.name = try row.decode(column: "name", as: String.self)
        r.username = try row.decode(column: "username", as: String?.self)
        r.divisionCode = try row.decode(column: "division_code", as: String.self)
        r.placeID = try row.decode(column: "place_id", as: UUID?.self)
        r.post = try row.decode(column: "post", as: String.self)
        r.bodyMemberID = try row.decode(column: "body_member_id", as: UUID?.self)
        r.contractStart = try row.decode(column: "contract_start", as: String?.self)
        r.contractEnd = try row.decode(column: "contract_end", as: String?.self)
        r.weeklyMinutes = try row.decode(column: "weekly_minutes", as: Int.self)
        r.serviceSince = try row.decode(column: "service_since", as: String.self)
        r.education = try row.known("education", WorkerEducation.self)
        return r
    }
}
