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
    // MARK: - Inputs

    struct PlaceInput: Content, ValidatedInput {
        var kind: ServicePlaceKind
        var divisionCode: String
        var name: String
        var address: String
        var population: Int?
        var areaKm2: Double?
        var qualification: String?
        var qualificationReasons: [StationQualification]?
        static var inputSchema: InputSchema { PlaceInputs.place }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            kind = try c.decode(ServicePlaceKind.self, forKey: .kind)
            divisionCode = try c.decode(String.self, forKey: .divisionCode)
            name = try c.decode(String.self, forKey: .name)
            address = try c.decode(String.self, forKey: .address)
            population = PlaceInputs.number(c, .population)
            areaKm2 = PlaceInputs.number(c, .areaKm2)
            qualification = try c.decodeIfPresent(String.self, forKey: .qualification)
            qualificationReasons = try c.decodeIfPresent([StationQualification].self, forKey: .qualificationReasons)
        }
    }

    struct PlaceChange: Content, ValidatedInput {
        var name: String?
        var address: String?
        var population: Int?
        var areaKm2: Double?
        var qualification: String?
        var qualificationReasons: [StationQualification]?
        static var inputSchema: InputSchema { PlaceInputs.placeChange }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            address = try c.decodeIfPresent(String.self, forKey: .address)
            population = PlaceInputs.number(c, .population)
            areaKm2 = PlaceInputs.number(c, .areaKm2)
            qualification = try c.decodeIfPresent(String.self, forKey: .qualification)
            qualificationReasons = try c.decodeIfPresent([StationQualification].self, forKey: .qualificationReasons)
        }
    }

    struct WindowInput: Content, ValidatedInput {
        var number: Int
        var name: String
        var isGeneral: Bool
        var itemCodes: [String]?
        static var inputSchema: InputSchema { PlaceInputs.window }
    }

    struct WindowChange: Content, ValidatedInput {
        var name: String?
        var isGeneral: Bool?
        var itemCodes: [String]?
        static var inputSchema: InputSchema { PlaceInputs.windowChange }
    }

    struct HoursInput: Content, ValidatedInput {
        var mon: String?
        var tue: String?
        var wed: String?
        var thu: String?
        var fri: String?
        var sat: String?
        var sun: String?
        var note: String?
        static var inputSchema: InputSchema { PlaceInputs.hours }
        var days: [String?] { [mon, tue, wed, thu, fri, sat, sun] }
    }

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

/// The set-up inputs, declared once and published in the OpenAPI document.
enum PlaceInputs {
    static let reasons = InputField.array("qualificationReasons", of: .string(maxLength: 20, values: StationQualification.allCases.map(\.rawValue)),
                                          maxItems: StationQualification.allCases.count,
                                          description: "a station's qualifying factors (珠字〔2010〕7号 §4(三)): population, area, structure")
    static let placeDetails: [InputField] = [
        .integer("population", 0...10_000_000, description: "resident population"), .number("areaKm2", 0...100_000, description: "area in km²"),
        .string("qualification", max: 1000, description: "why the community qualifies, in words (required for a station)"), reasons]
    static let place = InputSchema("ServicePlaceInput", [
        .oneOf("kind", ServicePlaceKind.self, required: true),
        .string("divisionCode", max: 12, min: 9, required: true, description: "a street's code for a centre, a community's for a station"),
        .string("name", max: 100, min: 1, required: true), .string("address", max: 200, min: 1, required: true)] + placeDetails)
    static let placeChange = InputSchema("ServicePlaceChange", [.string("name", max: 100, min: 1), .string("address", max: 200, min: 1)] + placeDetails)
    static let itemCodes = InputField.array("itemCodes", of: .string(maxLength: 32, minLength: 1), maxItems: 100,
                                            description: "catalogue codes a window for named items takes")
    static let window = InputSchema("ServiceWindowInput", [
        .integer("number", 1...999, required: true), .string("name", max: 50, min: 1, required: true),
        .boolean("isGeneral", required: true, description: "综合窗口: takes any item"), itemCodes])
    static let windowChange = InputSchema("ServiceWindowChange", [.string("name", max: 50, min: 1), .boolean("isGeneral"), itemCodes])
    static let hours = InputSchema("OpeningHoursInput", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map {
        InputField.string($0, max: 100, description: "spans such as 08:30-12:00, 14:30-17:30; empty: closed")
    } + [.string("note", max: 200, description: "shown after the hours, e.g. 错时 or holiday arrangements")])

    /// A form sends an empty box as "": no value, where JSON would send none.
    static func number<T: LosslessStringConvertible & Decodable, K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) -> T? {
        if let value = try? c.decodeIfPresent(T.self, forKey: key) { return value }
        if let text = try? c.decodeIfPresent(String.self, forKey: key) { return T(text.trimmingCharacters(in: .whitespaces)) }
        return nil
    }
}

extension ServiceHallModule {
    /// The set-up routes, registered from `routes(web:api:)` in one line.
    func placeSetupRoutes(web: any RoutesBuilder, api: APIRoutes) {
        web.get("service-places", use: PlacePages.list)
        web.get("service-places.csv", use: PlacePages.csv)
        web.post("service-places", use: PageDoor.submit(PlacesController.create, back: { _ in "/service-places" }))
        web.get("service-places", ":id", use: PlacePages.edit)
        web.post("service-places", ":id", use: PageDoor.submit(PlacesController.update, back: PlacePages.back))
        web.post("service-places", ":id", "hours", use: PageDoor.submit(PlacesController.setHours, back: PlacePages.back))
        web.post("service-places", ":id", "close", use: PageDoor.submit(PlacesController.close, back: PlacePages.back))
        web.post("service-places", ":id", "reopen", use: PageDoor.submit(PlacesController.reopen, back: PlacePages.back))
        web.post("service-places", ":id", "windows", use: PageDoor.submit(PlacesController.addWindow, back: PlacePages.back))
        web.post("service-windows", ":id", use: PageDoor.submit(PlacesController.updateWindow, back: PlacePages.windowBack))
        web.post("service-windows", ":id", "close", use: PageDoor.submit(PlacesController.closeWindow, back: PlacePages.windowBack))
        web.post("service-windows", ":id", "reopen", use: PageDoor.submit(PlacesController.reopenWindow, back: PlacePages.windowBack))

        api.schema(PlacesController.PlaceInput.self)
        api.schema(PlacesController.PlaceChange.self)
        api.schema(PlacesController.WindowInput.self)
        api.schema(PlacesController.WindowChange.self)
        api.schema(PlacesController.HoursInput.self)
        api.on(.POST, "service-places", doc: .init("Set up a centre (one per street) or a station (one per community, with why it qualifies)",
                                                   tag: "setup", requestBody: "ServicePlaceInput",
                                                   responses: [201: "Created", 409: "The street or community already has one", 422: "Not a street / community, or no qualification"]),
               use: PlacesController.create)
        api.on(.GET, "service-places/{id}", doc: .init("A centre or station with its windows and weekly hours (public)", tag: "setup", isPublic: true,
                                                       responses: [200: "Place", 404: "No such place"]), use: PlacesController.show)
        api.on(.PATCH, "service-places/{id}", doc: .init("Change a place's name, address or qualification", tag: "setup",
                                                         requestBody: "ServicePlaceChange"), use: PlacesController.update)
        api.on(.PUT, "service-places/{id}/hours", doc: .init("Set a place's weekly opening hours (several spans a day for staggered hours)", tag: "setup",
                                                             requestBody: "OpeningHoursInput", responses: [200: "Place", 422: "Every bad span named"]),
               use: PlacesController.setHours)
        api.on(.POST, "service-places/{id}/close", doc: .init("Close a place; it stays on record", tag: "setup", responses: [200: "Closed", 409: "Already closed"]),
               use: PlacesController.close)
        api.on(.POST, "service-places/{id}/reopen", doc: .init("Reopen a closed place", tag: "setup", responses: [200: "Reopened", 409: "Not closed"]),
               use: PlacesController.reopen)
        api.on(.POST, "service-places/{id}/windows", doc: .init("Add a window: general (综合窗口) or for named catalogue items", tag: "setup",
                                                               requestBody: "ServiceWindowInput", responses: [201: "Created", 409: "Number taken"]),
               use: PlacesController.addWindow)
        api.on(.PATCH, "service-windows/{id}", doc: .init("Change a window's name or the items it takes", tag: "setup", requestBody: "ServiceWindowChange"),
               use: PlacesController.updateWindow)
        api.on(.POST, "service-windows/{id}/close", doc: .init("Close a window; it stays on record", tag: "setup", responses: [200: "Closed", 409: "Already closed"]),
               use: PlacesController.closeWindow)
        api.on(.POST, "service-windows/{id}/reopen", doc: .init("Reopen a closed window", tag: "setup", responses: [200: "Reopened", 409: "Not closed"]),
               use: PlacesController.reopenWindow)
    }
}
