import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// Appointments on pages: a place's slots (booking for residents, opening slots for those who set the place up),
/// a resident's own bookings with cancelling, and the day's list at a place with arrivals for window staff.
enum AppointmentPages {
    static func slots(_ req: Request) async throws -> WebPage {
        let place = try await RosterController.place(req)
        let id = try place.requireID()
        // The API route checks `day` against its declared kind before the handler runs; the page does the same here.
        if let day = req.query[String.self, at: "day"], !day.isEmpty, day.count > 10 || LocalDate(day) == nil {
            throw ShequError.invalid(.errorInvalidValue, "day (yyyy-MM-dd)")
        }
        let page = try await AppointmentsController.slots(req)
        let ctx = req.context
        let f = ctx.forms
        let resident = ctx.actor?.residentID != nil
        var nav: [(String, Phrase)] = [("/places/\(id)", .takeTicket), ("/places/\(id)/roster", .hallWeeklyRoster)]
        if resident { nav.append(("/appointments", .hallMyAppointments)) }
        if place.closedAt != nil {
            // Nothing to book or open here: the place takes nobody new (`ClosedPlaces`).
            return WebPage(title: place.name + " · " + ctx.t(.hallAppointmentSlots),
                           [H.tag("p", [("class", "note"), ("role", "status")], [.text(ctx.t(.hallGapsPlaceClosedNotice))])])
        }
        var content: [BodyNode] = [QueuePages.links(ctx, nav)]
        content.append(H.tag("p", [], [.text(place.address + " · " + ServicePlaces.hoursText(place.openingHours, ctx.language))]))
        if page.items.isEmpty {
            content.append(H.tag("p", [], [.text(ctx.t(.hallNoSlots))]))
        } else {
            content.append(QueuePages.table(ctx, [.hallDay, .hallTime, .serviceItem, .hallRemaining, .hallActionsColumn], page.items.map { s -> [BodyNode] in
                let book: BodyNode = resident && s.remaining > 0
                    ? QueuePages.button(ctx, action: "/slots/\(s.id)/appointments", .hallBookThisSlot) : .text(s.remaining > 0 ? "" : ctx.t(.hallSlotFull))
                return [.text(s.day), .text(s.start + "–" + s.end), .text(s.itemCode ?? ctx.t(.hallAnyItem)), .text("\(s.remaining) / \(s.capacity)"), book]
            }))
        }
        content.append(Pager.nav(ctx, page, path: "/places/\(id)/slots", keep: [("day", req.query[String.self, at: "day"])]))
        if ctx.actor == nil {
            content.append(H.tag("p", [], [H.link("/sign-in?next=/places/\(id)/slots", ctx.t(.hallSignInToBook))]))
        }
        if let actor = ctx.actor, Policy.may(actor, .serviceSetup, at: place.divisionCode) {
            content.append(H.tag("h2", [], [.text(ctx.t(.hallOpenSlot))]))
            content.append(f.form(action: "/places/\(id)/slots", [
                f.field(.hallItemCodeOptional, name: "itemCode", maxLength: 32),
                f.field(.hallDay, name: "day", type: "date", required: true, maxLength: 10),
                f.field(.hallStartTime, name: "start", type: "time", required: true, maxLength: 5),
                f.field(.hallEndTime, name: "end", type: "time", required: true, maxLength: 5),
                f.field(.hallCapacity, name: "capacity", type: "number", required: true, inputmode: "numeric", maxLength: 3),
                f.submit(.hallOpenSlot),
            ]))
        }
        return WebPage(title: place.name + " · " + ctx.t(.hallAppointmentSlots), content)
    }

    /// The signed-in resident's bookings, and the places near them where they can book.
    static func mine(_ req: Request) async throws -> WebPage {
        let actor = try req.requireActor()
        let page = try await AppointmentsController.mine(req)
        let ctx = req.context
        let slots = page.items.isEmpty ? [] : try await AppointmentSlot.query(on: req.db).filter(\.$id ~~ page.items.map(\.slotID)).all()
        let slotByID = Dictionary(uniqueKeysWithValues: slots.compactMap { s in s.id.map { ($0, s) } })
        let places = slots.isEmpty ? [] : try await ServicePlace.query(on: req.db).filter(\.$id ~~ Array(Set(slots.map(\.placeID)))).all()
        let placeName = Dictionary(uniqueKeysWithValues: places.compactMap { p in p.id.map { ($0, p.name) } })
        var content: [BodyNode] = []
        if page.items.isEmpty {
            content.append(H.tag("p", [], [.text(ctx.t(.noResults))]))
        } else {
            content.append(QueuePages.table(ctx, [.hallServicePlace, .hallDay, .hallTime, .state, .hallActionsColumn], page.items.map { a -> [BodyNode] in
                let s = slotByID[a.slotID]
                let cancel: BodyNode = a.state == .booked ? QueuePages.button(ctx, action: "/appointments/\(a.id!)/cancel", .hallCancelBooking) : .empty
                return [.text(s.flatMap { placeName[$0.placeID] } ?? "—"), .text(s?.day ?? "—"),
                        .text(s.map { RosterRule.hhmm($0.startMinute) + "–" + RosterRule.hhmm($0.endMinute) } ?? "—"),
                        .text(ctx.t(a.state.phrase)), cancel]
            }))
        }
        content.append(Pager.nav(ctx, page, path: "/appointments"))
        if let own = actor.residentID, let applicant = try await Applicant.find(id: own, on: req.db) {
            // A resident's station and their street's centre: the places that serve them.
            let near = try await ServicePlace.query(on: req.db).filter(\.$closedAt == nil).sort(\.$kind).sort(\.$name).all()
                .filter { applicant.divisionCode.hasPrefix($0.divisionCode) }
            if !near.isEmpty {
                content.append(H.tag("h2", [], [.text(ctx.t(.hallBookAppointment))]))
                content.append(H.tag("ul", [], near.map { p in H.tag("li", [], [H.link("/places/\(p.id!)/slots", p.name)]) }))
            }
        }
        return WebPage(title: ctx.t(.hallMyAppointments), content)
    }

    struct DayRow: Content { var appointment: Appointment; var start: Int; var end: Int }

    /// The day's bookings at a place (today unless `day` names another), for the staff who work its windows.
    static func day(_ req: Request) async throws -> WebPage {
        let place = try await QueuePages.workedPlace(req)
        let id = try place.requireID()
        let today = ApplicationsAPIController.today()
        var day = today
        if let raw = req.query[String.self, at: "day"], !raw.isEmpty {
            guard raw.count <= 10, let asked = LocalDate(raw) else { throw ShequError.invalid(.errorInvalidValue, "day (yyyy-MM-dd)") }
            day = asked
        }
        let slots = try await AppointmentSlot.query(on: req.db).filter(\.$placeID == id).filter(\.$day == day.description).all()
        let slotByID = Dictionary(uniqueKeysWithValues: slots.compactMap { s in s.id.map { ($0, s) } })
        // No slot that day: a condition no row meets, rather than an empty IN list.
        let slotIDs = slotByID.isEmpty ? [UUID()] : Array(slotByID.keys)
        let page = try await Appointment.query(on: req.db).filter(\.$slotID ~~ slotIDs).filter(\.$state != .cancelled)
            .sort(\.$createdAt).sort(\.$id).paged(ListPageRequest(req), { a in
                DayRow(appointment: a, start: slotByID[a.slotID]?.startMinute ?? 0, end: slotByID[a.slotID]?.endMinute ?? 0)
            })
        let residents = page.items.isEmpty ? [] : try await Resident.query(on: req.db).filter(\.$id ~~ page.items.map(\.appointment.residentID)).all()
        let names = Dictionary(uniqueKeysWithValues: residents.compactMap { r in r.id.map { ($0, r.name) } })
        let ctx = req.context
        var content: [BodyNode] = [
            QueuePages.links(ctx, [("/places/\(id)/queue", .hallQueue), ("/places/\(id)/slots", .hallAppointmentSlots)]),
            H.tag("form", [("method", "get"), ("action", "/places/\(id)/appointments")], [
                ctx.forms.field(.hallDay, name: "day", value: day.description, type: "date", maxLength: 10), ctx.forms.submit(.search),
            ]),
        ]
        let rows = page.items.sorted { $0.start < $1.start }.map { row -> [BodyNode] in
            let a = row.appointment
            let arrive: BodyNode = a.state == .booked && day.description == today.description
                ? QueuePages.button(ctx, action: "/appointments/\(a.id!)/arrive", .hallMarkArrived) : .empty
            return [.text(RosterRule.hhmm(row.start) + "–" + RosterRule.hhmm(row.end)), .text(names[a.residentID] ?? "—"),
                    .text(ctx.t(a.state.phrase)), arrive]
        }
        content.append(rows.isEmpty ? H.tag("p", [], [.text(ctx.t(.noResults))]) : QueuePages.table(ctx, [.hallTime, .hallResident, .state, .hallActionsColumn], rows))
        content.append(Pager.nav(ctx, page, path: "/places/\(id)/appointments", keep: [("day", day.description)]))
        return WebPage(title: place.name + " · " + ctx.t(.hallTodaysAppointments) + " " + day.description, content)
    }

    /// Back to the day's list of the booking's place.
    static func backFromAppointment(_ req: Request) async throws -> String {
        let (_, slot, place) = try await AppointmentsController.load(req)
        return "/places/\(try place.requireID())/appointments?day=\(slot.day)"
    }

    static func backToSlots(_ req: Request) async throws -> String {
        "/places/\(try await RosterController.place(req).requireID())/slots"
    }

    static func backFromSlot(_ req: Request) async throws -> String {
        guard let id = req.parameters.get("id", as: UUID.self), try await AppointmentSlot.find(id, on: req.db) != nil else { throw ShequError.notFound }
        return "/appointments"
    }
}

extension AppointmentState {
    var phrase: Phrase {
        switch self {
        case .booked: Phrase(zh: "已预约", en: "Booked")
        case .cancelled: Phrase(zh: "已取消", en: "Cancelled")
        case .arrived: Phrase(zh: "已到场取号", en: "Arrived")
        }
    }
}
