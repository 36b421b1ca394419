import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit

/// Staff's due-soon and overdue lists (H4 限时办结): running applications in
/// their scopes, most urgent first. Written against the partial index
/// `applications_running_due`, which stores running applications in this
/// order with their division code, so a page costs a short index walk even
/// with millions of applications (BENCHMARKS.md).
enum DueList {
    enum Window {
        case overdue(today: LocalDate)
        case soon(today: LocalDate, horizon: LocalDate)
    }

    struct Row: Sendable {
        let trackingNumber: String
        let itemID: UUID
        let state: ApplicationState
        let channel: ApplicationChannel
        let divisionCode: String
        let acceptedOn: String?
        let dueOn: String?
        let outcome: String?
        let responsibleAccountID: UUID?
    }

    static func condition(_ window: Window) -> SQLQueryString {
        switch window {
        case .overdue(let today): "due_on < \(bind: today.description)"
        case .soon(let today, let horizon): "due_on >= \(bind: today.description) AND due_on <= \(bind: horizon.description)"
        }
    }

    /// How many the whole list holds, so a page of it can say so.
    static func count(on db: any Database, reach: ApplicationReach, window: Window) async throws -> Int {
        guard !reach.isEmpty else { return 0 }
        let scopes = reach.departments.isEmpty ? reach.divisions : []
        let row = try await (db as! any SQLDatabase).raw("""
            SELECT COUNT(*) AS n FROM applications\(unsafeRaw: indexHint(scopes: scopes, isPostgres: db.isPostgres))
            WHERE \(unsafeRaw: ApplicationState.runningSQL) AND \(condition(window)) AND \(reach.sql)
            """).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    static func query(on db: any Database, reach: ApplicationReach, window: Window, limit: Int = 200, offset: Int = 0) async throws -> [Row] {
        guard !reach.isEmpty else { return [] }
        let due = condition(window)
        // Department staff's transfers are spread over the city: walk the running applications in due order.
        let scopes = reach.departments.isEmpty ? reach.divisions : []
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT tracking_number, item_id, state, channel, division_code, accepted_on, due_on, outcome, responsible_account_id
            FROM applications\(unsafeRaw: indexHint(scopes: scopes, isPostgres: db.isPostgres))
            WHERE \(unsafeRaw: ApplicationState.runningSQL) AND \(due) AND \(reach.sql)
            ORDER BY due_on, tracking_number
            LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))
            """).all()
        return try rows.map { r in
            Row(trackingNumber: try r.decode(column: "tracking_number", as: String.self),
                itemID: try r.decode(column: "item_id", as: UUID.self),
                state: ApplicationState(rawValue: try r.decode(column: "state", as: String.self)) ?? .accepted,
                channel: ApplicationChannel(rawValue: try r.decode(column: "channel", as: String.self)) ?? .online,
                divisionCode: try r.decode(column: "division_code", as: String.self),
                acceptedOn: try r.decode(column: "accepted_on", as: String?.self),
                dueOn: try r.decode(column: "due_on", as: String?.self),
                outcome: try r.decode(column: "outcome", as: String?.self),
                responsibleAccountID: try r.decode(column: "responsible_account_id", as: UUID?.self))
        }
    }

    /// SQLite plans without knowing how a scope's rows spread, and once chose
    /// to read a whole street and sort it. A street, district or the city is
    /// best served walking running applications in due order until the page
    /// is full; a community (12 digits) holds few enough rows to read its own
    /// and sort them. PostgreSQL's planner weighs this itself from statistics.
    static func indexHint(scopes: [String], isPostgres: Bool) -> String {
        guard !isPostgres else { return "" }
        return !scopes.isEmpty && scopes.allSatisfy { $0.count >= 12 } ? " INDEXED BY applications_division_state_due" : " INDEXED BY applications_running_due"
    }
}
