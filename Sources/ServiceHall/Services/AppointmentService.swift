import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit

public enum AppointmentService {
    public static func createSlot(place: ServicePlace, itemCode: String?, day: LocalDate, start: Int, end: Int, capacity: Int,
                                  on db: any Database) async throws -> AppointmentSlot {
        guard start < end, (0...1440).contains(start), (0...1440).contains(end) else {
            throw ShequError.invalid(.rosterBadTime, code: "invalid_time")
        }
        guard (1...500).contains(capacity) else { throw ShequError.invalid(.errorInvalidValue, "capacity", code: "invalid_value") }
        try ClosedPlaces.requireOpen(place)
        if let itemCode, try await ServiceItem.query(on: db).filter(\.$code == itemCode).count() == 0 {
            throw ShequError.invalid(.errorUnknownItem, itemCode, code: "unknown_item")
        }
        let slot = AppointmentSlot()
        slot.placeID = try place.requireID()
        slot.itemCode = itemCode
        slot.day = day.description
        slot.startMinute = start
        slot.endMinute = end
        slot.capacity = capacity
        slot.booked = 0
        try await slot.create(on: db)
        return slot
    }

    /// Takes a place only while one is free: the conditional increment is atomic on PostgreSQL and SQLite alike.
    public static func book(slot: AppointmentSlot, resident: UUID, today: LocalDate, on db: any Database) async throws -> Appointment {
        guard slot.day >= today.description else { throw ShequError(.conflict, .errorSlotPast, code: "slot_past") }
        try await ClosedPlaces.requireOpen(placeID: slot.placeID, on: db)
        let slotID = try slot.requireID()
        let already = try await Appointment.query(on: db).filter(\.$slotID == slotID).filter(\.$residentID == resident)
            .filter(\.$state == .booked).count()
        guard already == 0 else { throw ShequError(.conflict, .errorAlreadyBooked, code: "already_booked") }
        let sql = db as! any SQLDatabase
        guard try await sql.raw("""
            UPDATE appointment_slots SET booked = booked + 1 WHERE id = \(bind: slotID) AND booked < capacity RETURNING booked
            """).first() != nil else { throw ShequError(.conflict, .errorSlotFull, code: "slot_full") }
        let appointment = Appointment()
        appointment.slotID = slotID
        appointment.residentID = resident
        appointment.state = .booked
        try await appointment.create(on: db)
        return appointment
    }

    /// The booking leaves `booked` in one conditional UPDATE: of any number of cancellations (or a
    /// cancellation and an arrival) at once, exactly one finds it booked, and only that one frees the place.
    public static func cancel(_ appointment: Appointment, on db: any Database) async throws {
        try await leaveBooked(appointment, for: .cancelled, on: db)
        try await (db as! any SQLDatabase).raw("""
            UPDATE appointment_slots SET booked = booked - 1 WHERE id = \(bind: appointment.slotID) AND booked > 0
            """).run()
    }

    static func leaveBooked(_ appointment: Appointment, for state: AppointmentState, on db: any Database) async throws {
        let id = try appointment.requireID()
        guard try await (db as! any SQLDatabase).raw("""
            UPDATE appointments SET state = \(bind: state.rawValue) WHERE id = \(bind: id) AND state = \(bind: AppointmentState.booked.rawValue)
            RETURNING id
            """).first() != nil else {
            let now = try await Appointment.find(id, on: db)?.state ?? appointment.state
            throw ShequError(.conflict, .errorIllegalStep, detail: now.rawValue, code: "illegal_step")
        }
        appointment.state = state
    }

    /// On arrival the booking turns into a queue ticket for that day.
    public static func arrive(_ appointment: Appointment, slot: AppointmentSlot, today: LocalDate, on db: any Database) async throws -> QueueTicket {
        guard appointment.state == .booked else { throw ShequError(.conflict, .errorIllegalStep, detail: appointment.state.rawValue, code: "illegal_step") }
        guard slot.day == today.description else { throw ShequError(.conflict, .errorNotToday, code: "not_today") }
        try await ClosedPlaces.requireOpen(placeID: slot.placeID, on: db)
        try await leaveBooked(appointment, for: .arrived, on: db)
        let ticket = try await QueueService.take(place: slot.placeID, itemCode: slot.itemCode, day: today, on: db)
        appointment.ticketID = ticket.id
        try await appointment.save(on: db)
        return ticket
    }
}

extension Phrase {
    static let errorSlotFull = Phrase(zh: "该时段已约满，请选择其他时段。", en: "This slot is fully booked; please choose another.")
    static let errorSlotPast = Phrase(zh: "该时段已过。", en: "This slot has passed.")
    static let errorAlreadyBooked = Phrase(zh: "您已预约该时段。", en: "You have already booked this slot.")
    static let errorNotToday = Phrase(zh: "预约不是今天的，不能取号。", en: "The appointment is not for today, so no ticket can be issued.")
}
