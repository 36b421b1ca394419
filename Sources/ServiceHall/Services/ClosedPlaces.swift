import Fluent
import Foundation
import ShequPlatform

/// What a closed centre or station still does (issue 11). It takes nobody new: no ticket, no slot, no booking,
/// no arrival (an arrival is a new ticket). The people already in the hall when it closed are still served that
/// day: their tickets were issued before the closure, so the windows may call, recall and skip them; a ticket
/// issued after the closure (one that raced it) is not called, because the hall it names is shut.
enum ClosedPlaces {
    static func requireOpen(_ place: ServicePlace) throws {
        guard place.closedAt == nil else {
            throw ShequError(.conflict, .hallGapsPlaceClosed, detail: place.name, code: "place_closed")
        }
    }

    static func requireOpen(placeID: UUID, on db: any Database) async throws {
        guard let place = try await ServicePlace.find(placeID, on: db) else { throw ShequError.notFound }
        try requireOpen(place)
    }

    /// A closed window calls nobody, even at an open place; its number still names the tickets it called before.
    static func requireOpen(_ window: ServiceWindow) throws {
        guard window.closedAt == nil else {
            throw ShequError(.conflict, .hallGapsWindowClosed, detail: "\(window.number) \(window.name)", code: "window_closed")
        }
    }

    /// A ticket a window may still call: any at an open place; at a closed one, only those issued before it closed.
    static func callable(_ ticket: QueueTicket, at place: ServicePlace) -> Bool {
        guard let closedAt = place.closedAt else { return true }
        return ticket.createdAt.map { $0 <= closedAt } ?? false
    }

    static func requireCallable(_ ticket: QueueTicket, at place: ServicePlace) throws {
        guard callable(ticket, at: place) else {
            throw ShequError(.conflict, .hallGapsPlaceClosed, detail: place.name, code: "place_closed")
        }
    }
}
