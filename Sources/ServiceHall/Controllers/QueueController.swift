import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// Taking a ticket needs no account (a kiosk in the hall); calling needs window staff of that place.
enum QueueController {
    struct TakeInput: Content { var itemCode: String? }

    struct TicketDTO: Content {
        var id: UUID
        var number: String
        var day: String
        var state: TicketState
        var itemCode: String?
        var window: Int?
        var waitingAhead: Int?
    }

    static func dto(_ t: QueueTicket, window: Int? = nil, waitingAhead: Int? = nil) -> TicketDTO {
        TicketDTO(id: t.id!, number: t.display, day: t.day, state: t.state, itemCode: t.itemCode, window: window, waitingAhead: waitingAhead)
    }

    static func placeID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw ShequError.notFound }
        return id
    }

    static func takeTicket(_ req: Request, itemCode: String?) async throws -> TicketDTO {
        let place = try placeID(req)
        let day = ApplicationsAPIController.today()
        let ticket = try await req.application.writeGate.transaction(on: req.db) { db in
            try await QueueService.take(place: place, itemCode: itemCode, day: day, on: db)
        }
        let ahead = try await QueueService.waiting(place: place, day: day, on: req.db) - 1
        return dto(ticket, waitingAhead: max(ahead, 0))
    }

    static func take(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(TakeInput.self)
        return try await takeTicket(req, itemCode: input.itemCode?.isEmpty == true ? nil : input.itemCode)
            .encodeResponse(status: .created, for: req)
    }

    static func call(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let window = try await ServiceWindow.find(id, on: req.db),
              let place = try await ServicePlace.find(window.placeID, on: req.db) else { throw ShequError.notFound }
        // Windows are worked by the place's offices; a department's grant reaches transfers, not the hall.
        guard ApplicationReach(try req.requireActor(), for: .applicationHandle).covers(place: place.divisionCode) else {
            try await req.refuse(.applicationHandle, entity: "serviceWindow", entityID: id.uuidString, scope: place.divisionCode, hide: false)
        }
        try ClosedPlaces.requireOpen(window)
        let day = ApplicationsAPIController.today()
        let ticket = try await req.writeAudited("queue.call", entity: "queueTicket") { db in
            let t = try await QueueService.callNext(window: window, day: day, now: Date(), on: db)
            return Audited(t, id: t?.id, scope: place.divisionCode, detail: "window \(window.number) \(t?.display ?? "none")")
        }
        guard let ticket else { return Response(status: .noContent) }
        return try await dto(ticket, window: window.number).encodeResponse(for: req)
    }

    /// The ticket and its place, if the actor works that place's windows; otherwise refused and logged, as a call is.
    static func ticketAtOwnPlace(_ req: Request) async throws -> (QueueTicket, ServicePlace) {
        guard let id = req.parameters.get("id", as: UUID.self), let ticket = try await QueueTicket.find(id, on: req.db),
              let place = try await ServicePlace.find(ticket.placeID, on: req.db) else { throw ShequError.notFound }
        guard ApplicationReach(try req.requireActor(), for: .applicationHandle).covers(place: place.divisionCode) else {
            try await req.refuse(.applicationHandle, entity: "queueTicket", entityID: id.uuidString, scope: place.divisionCode, hide: false)
        }
        try ClosedPlaces.requireCallable(ticket, at: place)
        return (ticket, place)
    }

    static func recall(_ req: Request) async throws -> TicketDTO {
        let (ticket, place) = try await ticketAtOwnPlace(req)
        let day = ApplicationsAPIController.today()
        try await req.writeAudited("queue.recall", entity: "queueTicket") { db in
            try await QueueService.recall(ticket, day: day, now: Date(), on: db)
            return Audited((), id: ticket.id, scope: place.divisionCode, detail: ticket.display)
        }
        return try await dto(ticket, window: windowNumber(ticket, on: req.db))
    }

    static func skip(_ req: Request) async throws -> TicketDTO {
        let (ticket, place) = try await ticketAtOwnPlace(req)
        let day = ApplicationsAPIController.today()
        try await req.writeAudited("queue.skip", entity: "queueTicket") { db in
            try await QueueService.skip(ticket, day: day, on: db)
            return Audited((), id: ticket.id, scope: place.divisionCode, detail: ticket.display)
        }
        return try await dto(ticket, window: windowNumber(ticket, on: req.db))
    }

    static func windowNumber(_ ticket: QueueTicket, on db: any Database) async throws -> Int? {
        guard let id = ticket.windowID else { return nil }
        return try await ServiceWindow.find(id, on: db)?.number
    }

    struct Board: Content {
        var place: String
        var waiting: Int
        var called: [TicketDTO]
    }

    static func board(_ req: Request) async throws -> Board {
        let id = try placeID(req)
        guard let place = try await ServicePlace.find(id, on: req.db) else { throw ShequError.notFound }
        let day = ApplicationsAPIController.today()
        let windows = try await ServiceWindow.query(on: req.db).filter(\.$placeID == id).all()
        let numbers = Dictionary(uniqueKeysWithValues: windows.map { ($0.id!, $0.number) })
        let called = try await QueueService.recentlyCalled(place: id, day: day, on: req.db)
        return Board(place: place.name, waiting: try await QueueService.waiting(place: id, day: day, on: req.db),
                     called: called.map { dto($0, window: $0.windowID.flatMap { numbers[$0] }) })
    }

    /// The hall's display: plain HTML that refreshes itself, so a cheap screen with JavaScript off still works.
    static func display(_ req: Request) async throws -> Response {
        let board = try await board(req)
        let ctx = req.context
        let rows: [BodyNode] = board.called.map { t in
            H.tag("tr", [], [H.tag("td", [("class", "big")], [.text(t.number)]),
                             H.tag("td", [("class", "big")], [.text(t.window.map { ctx.t(.windowNumber) + " \($0)" } ?? "")])])
        }
        let page = WebPage(title: board.place, [
            H.tag("p", [("role", "status")], [.text(ctx.t(.waitingCount) + ": \(board.waiting)")]),
            H.tag("table", [("aria-live", "polite")], [
                H.tag("thead", [], [H.tag("tr", [], [H.tag("th", [], [.text(ctx.t(.ticketNumber))]), H.tag("th", [], [.text(ctx.t(.pleaseGoTo))])])]),
                H.tag("tbody", [], rows),
            ]),
        ])
        let response = try await page.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: "Refresh", value: "10")
        return response
    }

    struct TakeForm: Content { var itemCode: String? }

    static func takeFromPage(_ req: Request) async throws -> WebPage {
        let form = try req.validatedContent(TakeForm.self)
        let ticket = try await takeTicket(req, itemCode: form.itemCode?.isEmpty == false ? form.itemCode : nil)
        let ctx = req.context
        return WebPage(title: ctx.t(.yourTicket), [
            H.tag("p", [("class", "ticket"), ("role", "status")], [.text(ticket.number)]),
            H.tag("p", [], [.text(ctx.t(.waitingAhead) + ": \(ticket.waitingAhead ?? 0)")]),
        ])
    }

    static func kiosk(_ req: Request) async throws -> WebPage {
        let id = try placeID(req)
        guard let place = try await ServicePlace.find(id, on: req.db) else { throw ShequError.notFound }
        let ctx = req.context
        let f = ctx.forms
        if place.closedAt != nil {
            return WebPage(title: place.name, [H.tag("p", [("class", "note"), ("role", "status")], [.text(ctx.t(.hallGapsPlaceClosedNotice))])])
        }
        return WebPage(title: place.name, [
            H.tag("p", [], [.text(place.address + " · " + ServicePlaces.hoursText(place.openingHours, ctx.language))]),
            f.form(action: "/places/\(id)/tickets", [f.submit(.takeTicket)]),
            H.tag("p", [], [H.link("/places/\(id)/display", ctx.t(.queueDisplay))]),
            H.tag("p", [], [H.link("/places/\(id)/slots", ctx.t(.hallBookAppointment))]),
        ])
    }
}

extension Phrase {
    static let windowNumber = Phrase(zh: "窗口", en: "Window")
    static let waitingCount = Phrase(zh: "等候人数", en: "Waiting")
    static let ticketNumber = Phrase(zh: "号码", en: "Number")
    static let pleaseGoTo = Phrase(zh: "请到", en: "Please go to")
    static let yourTicket = Phrase(zh: "您的号码", en: "Your number")
    static let waitingAhead = Phrase(zh: "前面还有", en: "Ahead of you")
    static let takeTicket = Phrase(zh: "取号", en: "Take a ticket")
    static let queueDisplay = Phrase(zh: "叫号屏", en: "Queue display")
}
