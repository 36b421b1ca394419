import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// The hall as window staff work it: their places, and at each the day's queue with call next, recall and skip.
/// Every button posts through `PageDoor` to the API route's own handler.
enum QueuePages {
    /// A responsive table: each cell carries its column's name, so at 390 px the rows read as labelled cards.
    static func table(_ ctx: RequestContext, _ head: [Phrase], _ rows: [[BodyNode]]) -> BodyNode {
        H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
            H.tag("thead", [], [H.tag("tr", [], head.map { H.tag("th", [], [.text(ctx.t($0))]) })]),
            H.tag("tbody", [], rows.map { cells in
                H.tag("tr", [], zip(head, cells).map { label, cell in H.tag("td", [("data-label", ctx.t(label))], [cell]) })
            }),
        ])])
    }

    static func button(_ ctx: RequestContext, action: String, _ label: Phrase) -> BodyNode {
        ctx.forms.form(action: action, [ctx.forms.submit(label)])
    }

    static func links(_ ctx: RequestContext, _ pairs: [(String, Phrase)]) -> BodyNode {
        H.tag("nav", [("class", "actions")], pairs.map { H.link($0.0, ctx.t($0.1)) })
    }

    struct PlaceRow: Content {
        var id: UUID; var name: String; var kind: ServicePlaceKind; var divisionCode: String
        init(_ p: ServicePlace) throws { id = try p.requireID(); name = p.name; kind = p.kind; divisionCode = p.divisionCode }
    }

    /// The places whose windows the actor works, or whose slots and roster they set up; nobody else has any.
    static func places(_ req: Request) async throws -> WebPage {
        let actor = try req.requireActor()
        let work = ApplicationReach(actor, for: .applicationHandle).byPlaceOnly
        let setup = Policy.scopes(of: actor, for: .serviceSetup)
        guard !work.divisions.isEmpty || !setup.isEmpty else {
            try await req.refuse(.applicationHandle, entity: "servicePlace", entityID: nil, scope: nil, hide: false)
        }
        let page = try await ServicePlace.query(on: req.db).inScopes(work.divisions + setup, \.$divisionCode)
            .sort(\.$divisionCode).sort(\.$name).sort(\.$id)
            .paged(ListPageRequest(req), PlaceRow.init)
        let ctx = req.context
        let today = ApplicationsAPIController.today()
        var rows: [[BodyNode]] = []
        for p in page.items {
            let works = work.covers(place: p.divisionCode)
            var actions: [(String, Phrase)] = []
            if works { actions += [("/places/\(p.id)/queue", .hallQueue), ("/places/\(p.id)/appointments", .hallTodaysAppointments)] }
            actions += [("/places/\(p.id)/slots", .hallAppointmentSlots), ("/places/\(p.id)/roster", .hallWeeklyRoster)]
            var waiting = "—"
            if works { waiting = String(try await QueueService.waiting(place: p.id, day: today, on: req.db)) }
            rows.append([.text(p.name), .text(ctx.t(p.kind == .center ? .hallPlaceCenter : .hallPlaceStation)), .text(waiting), links(ctx, actions)])
        }
        var content: [BodyNode] = []
        if Policy.may(actor, .applicationSubmitForResident) {
            content.append(links(ctx, [("/walk-in", .hallWalkInApply), ("/ratings", .hallRatingsReport)]))
        }
        content.append(rows.isEmpty ? H.tag("p", [], [.text(ctx.t(.noResults))])
                                    : table(ctx, [.hallServicePlace, .hallPlaceKind, .waitingCount, .hallActionsColumn], rows))
        content.append(Pager.nav(ctx, page, path: "/queue"))
        return WebPage(title: ctx.t(.hallPlaces), content)
    }

    /// A place the actor works, or a refusal in the log.
    static func workedPlace(_ req: Request) async throws -> ServicePlace {
        let place = try await RosterController.place(req)
        guard ApplicationReach(try req.requireActor(), for: .applicationHandle).covers(place: place.divisionCode) else {
            try await req.refuse(.applicationHandle, entity: "servicePlace", entityID: place.id?.uuidString, scope: place.divisionCode, hide: false)
        }
        return place
    }

    static func queue(_ req: Request) async throws -> WebPage {
        let place = try await workedPlace(req)
        let id = try place.requireID()
        let ctx = req.context
        let day = ApplicationsAPIController.today()
        let windows = try await ServiceWindow.query(on: req.db).filter(\.$placeID == id).sort(\.$number).all()
        let numbers = Dictionary(uniqueKeysWithValues: windows.compactMap { w in w.id.map { ($0, w.number) } })
        let waiting = try await QueueService.waiting(place: id, day: day, on: req.db)
        let called = try await QueueService.calledToday(place: id, day: day, limit: 30, on: req.db)
        var content: [BodyNode] = [
            links(ctx, [("/places/\(id)/display", .queueDisplay), ("/places/\(id)/appointments", .hallTodaysAppointments),
                        ("/places/\(id)/slots", .hallAppointmentSlots), ("/places/\(id)/roster", .hallWeeklyRoster), ("/queue", .hallPlaces)]),
            H.tag("p", [("role", "status")], [.text(ctx.t(.waitingCount) + ": \(waiting)")]),
            H.tag("h2", [], [.text(ctx.t(.hallCallNext))]),
        ]
        // A closed window calls nobody; its number still names the tickets it called before.
        let open = windows.filter { $0.closedAt == nil }
        content.append(open.isEmpty ? H.tag("p", [], [.text(ctx.t(.hallNoWindows))]) : H.tag("ul", [("class", "actions")], open.map { w -> BodyNode in
            H.tag("li", [], [ctx.forms.form(action: "/service-windows/\(w.id?.uuidString ?? "")/call", [
                H.tag("button", [("type", "submit")], [.text(ctx.t(.hallCallNextTo) + " \(ctx.t(.windowNumber)) \(w.number) · \(w.name)")]),
            ])])
        }))
        content.append(H.tag("h2", [], [.text(ctx.t(.hallCalledToday))]))
        if called.isEmpty {
            content.append(H.tag("p", [], [.text(ctx.t(.noResults))]))
        } else {
            content.append(table(ctx, [.ticketNumber, .windowNumber, .state, .hallActionsColumn], called.map { t -> [BodyNode] in
                let window = t.windowID.flatMap { numbers[$0] }.map(String.init) ?? "—"
                let ticket = t.id?.uuidString ?? ""
                var buttons = [button(ctx, action: "/service-tickets/\(ticket)/recall", .hallRecallTicket)]
                if t.state == .called { buttons.append(button(ctx, action: "/service-tickets/\(ticket)/skip", .hallSkipTicket)) }
                return [.text(t.display), .text(window), .text(ctx.t(t.state.phrase)), H.tag("div", [("class", "actions")], buttons)]
            }))
        }
        return WebPage(title: place.name + " · " + ctx.t(.hallQueue), content)
    }

    /// Back to the queue of the window's or ticket's place; a missing record is a 404 before anything runs.
    static func backFromWindow(_ req: Request) async throws -> String {
        guard let id = req.parameters.get("id", as: UUID.self), let w = try await ServiceWindow.find(id, on: req.db) else { throw ShequError.notFound }
        return "/places/\(w.placeID)/queue"
    }

    static func backFromTicket(_ req: Request) async throws -> String {
        guard let id = req.parameters.get("id", as: UUID.self), let t = try await QueueTicket.find(id, on: req.db) else { throw ShequError.notFound }
        return "/places/\(t.placeID)/queue"
    }
}

extension TicketState {
    var phrase: Phrase {
        switch self {
        case .waiting: Phrase(zh: "等候中", en: "Waiting")
        case .called: Phrase(zh: "已叫号", en: "Called")
        case .served: Phrase(zh: "已办理", en: "Served")
        case .noShow: Phrase(zh: "已过号", en: "Skipped")
        }
    }
}
