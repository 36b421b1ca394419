import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

extension Action {
    /// Setting up centres, stations, windows and hours: the street for its street, the district for its district.
    public static let placeSetup = Action("place.setup")
}

/// Centres, stations, windows and weekly hours (H1, H2, H3, H6). Every handler is the one command for its action:
/// the API route and the page form (through `PageDoor`) both call it. Nothing is ever deleted: closing keeps the
/// record for the applications, tickets and roster that name it.
enum PlacesController {
    // MARK: - Views

    struct DayHours: Content {
        var weekday: Int
        var hours: [String]
    }

    struct WindowView: Content {
        var id: UUID
        var placeID: UUID
        var number: Int
        var name: String
        var isGeneral: Bool
        var itemCodes: [String]
        var closedAt: Date?

        init(_ w: ServiceWindow) throws {
            id = try w.requireID()
            placeID = w.placeID
            number = w.number
            name = w.name
            isGeneral = w.isGeneral
            itemCodes = w.items
            closedAt = w.closedAt
        }
    }

    struct PlaceView: Content {
        var id: UUID
        var kind: ServicePlaceKind
        var divisionCode: String
        var name: String
        var address: String
        var population: Int?
        var areaKm2: Double?
        var qualification: String
        var qualificationReasons: [StationQualification]
        /// As the public sees it.
        var openingHours: String
        var weeklyHours: [DayHours]
        var closedAt: Date?
        var windows: [WindowView]
    }

    static func view(_ place: ServicePlace, on db: any Database) async throws -> PlaceView {
        let id = try place.requireID()
        let hours = try await ServicePlaces.hours(of: id, on: db)
        let windows = try await ServiceWindow.query(on: db).filter(\.$placeID == id).sort(\.$number).all()
        return PlaceView(id: id, kind: place.kind, divisionCode: place.divisionCode, name: place.name, address: place.address,
                         population: place.population, areaKm2: place.areaKm2, qualification: place.qualification,
                         qualificationReasons: place.reasons, openingHours: place.openingHours,
                         weeklyHours: hours.keys.sorted().map { DayHours(weekday: $0, hours: (hours[$0] ?? []).map(ServicePlaces.span)) },
                         closedAt: place.closedAt, windows: try windows.map { try WindowView($0) })
    }

    // MARK: - Loading

    static func place(_ req: Request) async throws -> ServicePlace {
        guard let id = req.parameters.get("id", as: UUID.self), let place = try await ServicePlace.find(id, on: req.db) else {
            throw ShequError.notFound
        }
        return place
    }

    static func loadWindow(_ req: Request) async throws -> (ServiceWindow, ServicePlace) {
        guard let id = req.parameters.get("id", as: UUID.self), let window = try await ServiceWindow.find(id, on: req.db),
              let place = try await ServicePlace.find(window.placeID, on: req.db) else { throw ShequError.notFound }
        return (window, place)
    }

    // MARK: - Places

    static func show(_ req: Request) async throws -> PlaceView {
        try await view(place(req), on: req.db)
    }

    static func create(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(PlaceInput.self)
        let code = input.divisionCode.trimmingCharacters(in: .whitespaces)
        try await ServicePlaces.requireDivision(code, for: input.kind, on: req.db)
        try await req.authorize(.placeSetup, at: code, entity: "servicePlace")
        let name = try ServicePlaces.requireText(input.name, "name")
        let address = try ServicePlaces.requireText(input.address, "address")
        let reasons = input.qualificationReasons ?? []
        let text = (input.qualification ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        try ServicePlaces.requireQualification(input.kind, reasons: reasons, text: text)
        try await ServicePlaces.requireNone(input.kind, at: code, on: req.db)
        let place = ServicePlace()
        place.kind = input.kind
        place.divisionCode = code
        place.name = name
        place.address = address
        place.population = input.population
        place.areaKm2 = input.areaKm2
        place.qualification = text.isEmpty ? Phrase.setupPlaceCentreBasis.zh : text
        place.qualificationReasons = ServicePlaces.joined(reasons)
        place.openingHours = ""
        do {
            try await req.writeAudited("place.create", entity: "servicePlace") { db in
                try await place.create(on: db)
                return Audited((), id: place.id, scope: code, detail: "\(place.kind.rawValue) \(name)")
            }
        } catch {
            // Two officials founding the same street's centre at once: the unique index lets one through; the other hears why.
            try await ServicePlaces.requireNone(input.kind, at: code, on: req.db)
            throw error
        }
        return try await view(place, on: req.db).encodeResponse(status: .created, for: req)
    }

    static func update(_ req: Request) async throws -> PlaceView {
        let input = try req.validatedContent(PlaceChange.self)
        let place = try await place(req)
        try await req.authorize(.placeSetup, at: place.divisionCode, entity: "servicePlace", entityID: place.id?.uuidString)
        if let name = input.name { place.name = try ServicePlaces.requireText(name, "name") }
        if let address = input.address { place.address = try ServicePlaces.requireText(address, "address") }
        if let population = input.population { place.population = population }
        if let area = input.areaKm2 { place.areaKm2 = area }
        let reasons = input.qualificationReasons ?? place.reasons
        let text = input.qualification.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? place.qualification
        try ServicePlaces.requireQualification(place.kind, reasons: reasons, text: text)
        place.qualificationReasons = ServicePlaces.joined(reasons)
        place.qualification = text.isEmpty && place.kind == .center ? Phrase.setupPlaceCentreBasis.zh : text
        let scope = place.divisionCode
        try await req.writeAudited("place.update", entity: "servicePlace") { db in
            try await place.save(on: db)
            return Audited((), id: place.id, scope: scope, detail: place.name)
        }
        return try await view(place, on: req.db)
    }

    static func close(_ req: Request) async throws -> PlaceView {
        try await setClosed(req, true)
    }

    static func reopen(_ req: Request) async throws -> PlaceView {
        try await setClosed(req, false)
    }

    static func setClosed(_ req: Request, _ closing: Bool) async throws -> PlaceView {
        let place = try await place(req)
        try await req.authorize(.placeSetup, at: place.divisionCode, entity: "servicePlace", entityID: place.id?.uuidString)
        guard (place.closedAt == nil) == closing else {
            throw ShequError(.conflict, closing ? .setupPlaceAlreadyClosed : .setupPlaceNotClosed, code: closing ? "already_closed" : "not_closed")
        }
        place.closedAt = closing ? Date() : nil
        let scope = place.divisionCode
        try await req.writeAudited(closing ? "place.close" : "place.reopen", entity: "servicePlace") { db in
            try await place.save(on: db)
            return Audited((), id: place.id, scope: scope, detail: place.name)
        }
        return try await view(place, on: req.db)
    }

    /// The week's hours replace the last ones; the published text follows, so every page showing the place
    /// (the kiosk, the list) shows them at once.
    static func setHours(_ req: Request) async throws -> PlaceView {
        let input = try req.validatedContent(HoursInput.self)
        let place = try await place(req)
        try await req.authorize(.placeSetup, at: place.divisionCode, entity: "servicePlace", entityID: place.id?.uuidString)
        let (spans, problems) = ServicePlaces.parseWeek(input.days)
        guard problems.isEmpty else {
            let named = problems.map { p -> String in
                let parts = p.split(separator: ":", maxSplits: 1)
                let day = Int(parts[0]).map { req.language == .en ? ServicePlaces.dayNamesEn[$0 - 1] : ServicePlaces.dayNames[$0 - 1] } ?? ""
                return day + " " + (parts.count > 1 ? String(parts[1]) : "")
            }
            throw ShequError.invalid(.setupHoursInvalid, named.joined(separator: "; "), code: "invalid_hours")
        }
        guard !spans.isEmpty else { throw ShequError.invalid(.setupHoursNeeded, code: "hours_needed") }
        let placeID = try place.requireID()
        place.openingHours = ServicePlaces.published(spans, note: input.note)
        let scope = place.divisionCode
        try await req.writeAudited("place.hours", entity: "servicePlace") { db in
            try await PlaceHours.query(on: db).filter(\.$placeID == placeID).delete()
            for (day, list) in spans {
                for s in list { try await PlaceHours(placeID: placeID, weekday: day, start: s.lowerBound, end: s.upperBound).create(on: db) }
            }
            try await place.save(on: db)
            return Audited((), id: placeID, scope: scope, detail: place.openingHours)
        }
        return try await view(place, on: req.db)
    }

    // MARK: - Windows

    static func addWindow(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(WindowInput.self)
        let place = try await place(req)
        try await req.authorize(.placeSetup, at: place.divisionCode, entity: "serviceWindow", entityID: place.id?.uuidString)
        let placeID = try place.requireID()
        let name = try ServicePlaces.requireText(input.name, "name")
        let items = try await ServicePlaces.windowItems(isGeneral: input.isGeneral, codes: input.itemCodes ?? [], on: req.db)
        try await ServicePlaces.requireFreeNumber(input.number, at: placeID, on: req.db)
        let window = ServiceWindow(placeID: placeID, number: input.number, name: name, isGeneral: input.isGeneral, itemCodes: items)
        let scope = place.divisionCode
        do {
            try await req.writeAudited("window.create", entity: "serviceWindow") { db in
                try await window.create(on: db)
                return Audited((), id: window.id, scope: scope, detail: "\(place.name) \(window.number) \(name)")
            }
        } catch {
            try await ServicePlaces.requireFreeNumber(input.number, at: placeID, on: req.db)
            throw error
        }
        return try await WindowView(window).encodeResponse(status: .created, for: req)
    }

    static func updateWindow(_ req: Request) async throws -> WindowView {
        let input = try req.validatedContent(WindowChange.self)
        let (window, place) = try await loadWindow(req)
        try await req.authorize(.placeSetup, at: place.divisionCode, entity: "serviceWindow", entityID: window.id?.uuidString)
        if let name = input.name { window.name = try ServicePlaces.requireText(name, "name") }
        let general = input.isGeneral ?? window.isGeneral
        let items = try await ServicePlaces.windowItems(isGeneral: general, codes: input.itemCodes ?? window.items, keeping: window.items, on: req.db)
        window.isGeneral = general
        window.itemCodes = items.isEmpty ? nil : items.joined(separator: ",")
        let scope = place.divisionCode
        try await req.writeAudited("window.update", entity: "serviceWindow") { db in
            try await window.save(on: db)
            return Audited((), id: window.id, scope: scope, detail: "\(place.name) \(window.number) \(window.name)")
        }
        return try WindowView(window)
    }

    static func closeWindow(_ req: Request) async throws -> WindowView {
        try await setWindowClosed(req, true)
    }

    static func reopenWindow(_ req: Request) async throws -> WindowView {
        try await setWindowClosed(req, false)
    }

    static func setWindowClosed(_ req: Request, _ closing: Bool) async throws -> WindowView {
        let (window, place) = try await loadWindow(req)
        try await req.authorize(.placeSetup, at: place.divisionCode, entity: "serviceWindow", entityID: window.id?.uuidString)
        guard (window.closedAt == nil) == closing else {
            throw ShequError(.conflict, closing ? .setupWindowAlreadyClosed : .setupWindowNotClosed, code: closing ? "already_closed" : "not_closed")
        }
        window.closedAt = closing ? Date() : nil
        let scope = place.divisionCode
        try await req.writeAudited(closing ? "window.close" : "window.reopen", entity: "serviceWindow") { db in
            try await window.save(on: db)
            return Audited((), id: window.id, scope: scope, detail: "\(place.name) \(window.number)")
        }
        return try WindowView(window)
    }
}
