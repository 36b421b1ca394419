import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit

/// Tickets and calling (H6). The counter is incremented in the same
/// transaction that stores the ticket, so a failed take leaves no gap.
public enum QueueService {
    public static func take(place: UUID, itemCode: String?, day: LocalDate, on db: any Database) async throws -> QueueTicket {
        guard try await ServicePlace.find(place, on: db) != nil else { throw ShequError.notFound }
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
        guard let row = try await sql.raw("""
            UPDATE queue_tickets SET state = \(bind: called), window_id = \(bind: window.requireID()), called_at = \(bind: now)
            WHERE id = (SELECT id FROM queue_tickets WHERE place_id = \(bind: window.placeID) AND day = \(bind: day.description)
                        AND state = \(bind: waiting) ORDER BY number LIMIT 1\(lock))
            RETURNING id
            """).first() else { return nil }
        return try await QueueTicket.find(row.decode(column: "id", as: UUID.self), on: db)
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

