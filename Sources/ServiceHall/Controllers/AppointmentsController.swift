import Fluent
import ShequKernel
import ShequPlatform
import Vapor

enum AppointmentsController {
    struct SlotInput: Content { var itemCode: String?; var day: String; var start: String; var end: String; var capacity: Int }

    struct SlotDTO: Content {
        var id: UUID; var itemCode: String?; var day: String; var start: String; var end: String; var capacity: Int; var remaining: Int
        init(_ s: AppointmentSlot) {
            id = s.id!; itemCode = s.itemCode; day = s.day; start = RosterRule.hhmm(s.startMinute); end = RosterRule.hhmm(s.endMinute)
            capacity = s.capacity; remaining = s.capacity - s.booked
        }
    }

    static func createSlot(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(SlotInput.self)
        let place = try await RosterController.place(req)
        try await req.authorize(.serviceSetup, at: place.divisionCode, entity: "appointmentSlot")
        guard let day = LocalDate(input.day) else { throw ShequError.invalid(.errorInvalidValue, "day (yyyy-MM-dd)") }
        guard let start = RosterRule.minutes(input.start), let end = RosterRule.minutes(input.end) else {
            throw ShequError.invalid(.rosterBadTime, code: "invalid_time")
        }
        // A form's empty item code means any item, as the kiosk's does.
        let itemCode = input.itemCode?.isEmpty == true ? nil : input.itemCode
        let slot = try await req.writeAudited("appointmentSlot.create", entity: "appointmentSlot") { db in
            let s = try await AppointmentService.createSlot(place: place, itemCode: itemCode, day: day, start: start, end: end,
                                                            capacity: input.capacity, on: db)
            return Audited(s, id: s.id, scope: place.divisionCode)
        }
        return try await SlotDTO(slot).encodeResponse(status: .created, for: req)
    }

    static func slots(_ req: Request) async throws -> ListPage<SlotDTO> {
        let place = try await RosterController.place(req)
        let paging = try ListPageRequest(req)
        // A closed place takes nobody new (`ClosedPlaces`): its slots are offered here no more than on its page.
        if place.closedAt != nil { return ListPage(items: [], total: 0, page: paging.page, perPage: paging.perPage) }
        let q = AppointmentSlot.query(on: req.db).filter(\.$placeID == (try place.requireID()))
        if let day = req.query[String.self, at: "day"] { q.filter(\.$day == day) } else {
            q.filter(\.$day >= ApplicationsAPIController.today().description)
        }
        return try await q.sort(\.$day).sort(\.$startMinute).sort(\.$id).paged(paging, SlotDTO.init)
    }

    static func book(_ req: Request) async throws -> Response {
        let actor = try req.requireActor()
        // A resident books for themselves; anyone else is refused, and the attempt logged.
        try await req.authorize(.appointmentBook, on: Resource(residentID: actor.residentID), entity: "appointment")
        guard let resident = actor.residentID else { throw ShequError.forbidden }
        guard let id = req.parameters.get("id", as: UUID.self), let slot = try await AppointmentSlot.find(id, on: req.db) else {
            throw ShequError.notFound
        }
        let today = ApplicationsAPIController.today()
        let appointment = try await req.writeAudited("appointment.book", entity: "appointment") { db in
            let a = try await AppointmentService.book(slot: slot, resident: resident, today: today, on: db)
            return Audited(a, id: a.id, scope: nil, detail: "slot \(id)")
        }
        return try await appointment.encodeResponse(status: .created, for: req)
    }

    static func load(_ req: Request) async throws -> (Appointment, AppointmentSlot, ServicePlace) {
        guard let id = req.parameters.get("id", as: UUID.self), let a = try await Appointment.find(id, on: req.db),
              let slot = try await AppointmentSlot.find(a.slotID, on: req.db),
              let place = try await ServicePlace.find(slot.placeID, on: req.db) else { throw ShequError.notFound }
        return (a, slot, place)
    }

    static func cancel(_ req: Request) async throws -> Appointment {
        let actor = try req.requireActor()
        let (a, _, _) = try await load(req)
        guard actor.residentID == a.residentID else { throw ShequError.notFound }
        try await req.writeAudited("appointment.cancel", entity: "appointment") { db in
            try await AppointmentService.cancel(a, on: db)
            return Audited((), id: a.id, scope: nil)
        }
        return a
    }

    static func arrive(_ req: Request) async throws -> QueueController.TicketDTO {
        let (a, slot, place) = try await load(req)
        guard ApplicationReach(try req.requireActor(), for: .applicationHandle).covers(place: place.divisionCode) else {
            try await req.refuse(.applicationHandle, entity: "appointment", entityID: a.id?.uuidString, scope: place.divisionCode, hide: true)
        }
        let today = ApplicationsAPIController.today()
        let ticket = try await req.writeAudited("appointment.arrive", entity: "appointment") { db in
            let t = try await AppointmentService.arrive(a, slot: slot, today: today, on: db)
            return Audited(t, id: a.id, scope: place.divisionCode, detail: t.display)
        }
        return QueueController.dto(ticket)
    }

    static func mine(_ req: Request) async throws -> ListPage<Appointment> {
        let actor = try req.requireActor()
        let paging = try ListPageRequest(req)
        guard let own = actor.residentID else { return ListPage(items: [], total: 0, page: paging.page, perPage: paging.perPage) }
        return try await Appointment.query(on: req.db).filter(\.$residentID == own)
            .sort(\.$createdAt, .descending).sort(\.$id, .descending).paged(paging)
    }
}

extension Appointment: Content {}
