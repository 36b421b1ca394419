import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit

/// Tickets and calling (H6). The counter is incremented in the same
/// transaction that stores the ticket, so a failed take leaves no gap.
public enum QueueService {
    public static func take(place: UUID, itemCode: String?, day: LocalDate, on db: any Database) async throws -> QueueTicket {
        try await ClosedPlaces.requireOpen(placeID: place, on: db)
        if let itemCode, try await ServiceItem.query(on: db).filter(\.$code == itemCode).count() == 0 {
            throw ShequError.invalid(.errorUnknownItem, itemCode, code: "unknown_item")
        }
        let sql = db as! any SQLDatabase
        try await sql.raw("""
            INSERT INTO queue_counters (place_id, day, last_number) VALUES (\(bind: place), \(bind: day.description), 0)
            ON CONFLICT (place_id, day) DO NOTHING
            """).run()
        guard let row = try await sql.raw("""
            UPDATE queue_counters SET last_number = last_number + 1
            WHERE place_id = \(bind: place) AND day = \(bind: day.description) RETURNING last_number
            """).first() else { throw QueueError.counterMissing }
        let ticket = QueueTicket()
        ticket.placeID = place
        ticket.day = day.description
        ticket.number = try row.decode(column: "last_number", as: Int.self)
        ticket.itemCode = itemCode
        ticket.state = .waiting
        try await ticket.create(on: db)
        return ticket
    }

    /// The window calls the lowest waiting number; two windows never get the same ticket
    /// (SKIP LOCKED on PostgreSQL; SQLite's writes already take turns through the write gate).
    public static func callNext(window: ServiceWindow, day: LocalDate, now: Date, on db: any Database) async throws -> QueueTicket? {
        let sql = db as! any SQLDatabase
        let lock: SQLQueryString = db.isPostgres ? " FOR UPDATE SKIP LOCKED" : ""
        let waiting = TicketState.waiting.rawValue, called = TicketState.called.rawValue
        // At a closed place only the tickets issued before it closed are still called (`ClosedPlaces`).
        let closedAt = try await ServicePlace.find(window.placeID, on: db)?.closedAt
        var issuedBefore: SQLQueryString = ""
        if let closedAt { issuedBefore = " AND created_at <= \(bind: closedAt)" }
        guard let row = try await sql.raw("""
            UPDATE queue_tickets SET state = \(bind: called), window_id = \(bind: window.requireID()), called_at = \(bind: now)
            WHERE id = (SELECT id FROM queue_tickets WHERE place_id = \(bind: window.placeID) AND day = \(bind: day.description)
                        AND state = \(bind: waiting)\(issuedBefore) ORDER BY number LIMIT 1\(lock))
            RETURNING id
            """).first() else { return nil }
        return try await QueueTicket.find(row.decode(column: "id", as: UUID.self), on: db)
    }

    /// 重呼: the window calls a ticket it called (or skipped) today once more; it moves to the top of the display.
    public static func recall(_ ticket: QueueTicket, day: LocalDate, now: Date, on db: any Database) async throws {
        let called = TicketState.called.rawValue, noShow = TicketState.noShow.rawValue
        try await move(ticket, day: day, on: db, """
            UPDATE queue_tickets SET state = \(bind: called), called_at = \(bind: now)
            WHERE id = \(bind: ticket.requireID()) AND day = \(bind: day.description) AND state IN (\(bind: called), \(bind: noShow))
            RETURNING id
            """)
        ticket.state = .called
        ticket.calledAt = now
    }

    /// 过号: a called ticket whose holder did not come; the window may recall it if they turn up later today.
    public static func skip(_ ticket: QueueTicket, day: LocalDate, on db: any Database) async throws {
        let called = TicketState.called.rawValue, noShow = TicketState.noShow.rawValue
        try await move(ticket, day: day, on: db, """
            UPDATE queue_tickets SET state = \(bind: noShow)
            WHERE id = \(bind: ticket.requireID()) AND day = \(bind: day.description) AND state = \(bind: called)
            RETURNING id
            """)
        ticket.state = .noShow
    }

    /// One conditional UPDATE, so two windows pressing at once cannot both move the same ticket.
    private static func move(_ ticket: QueueTicket, day: LocalDate, on db: any Database, _ statement: SQLQueryString) async throws {
        guard try await (db as! any SQLDatabase).raw(statement).first() == nil else { return }
        let now = try await QueueTicket.find(ticket.requireID(), on: db)
        let detail = now.map { $0.day == day.description ? $0.state.rawValue : $0.day } ?? ticket.state.rawValue
        throw ShequError(.conflict, .errorIllegalStep, detail: detail, code: "illegal_step")
    }

    /// The tickets a place's windows called or skipped today, newest call first: what a window may recall or skip.
    public static func calledToday(place: UUID, day: LocalDate, limit: Int, on db: any Database) async throws -> [QueueTicket] {
        try await QueueTicket.query(on: db).filter(\.$placeID == place).filter(\.$day == day.description)
            .filter(\.$state ~~ [.called, .noShow]).sort(\.$calledAt, .descending).limit(limit).all()
    }

    public static func recentlyCalled(place: UUID, day: LocalDate, on db: any Database) async throws -> [QueueTicket] {
        try await QueueTicket.query(on: db).filter(\.$placeID == place).filter(\.$day == day.description)
            .filter(\.$state == .called).sort(\.$calledAt, .descending).limit(8).all()
    }

    public static func waiting(place: UUID, day: LocalDate, on db: any Database) async throws -> Int {
        try await QueueTicket.query(on: db).filter(\.$placeID == place).filter(\.$day == day.description).filter(\.$state == .waiting).count()
    }

    enum QueueError: Error { case counterMissing }
}

