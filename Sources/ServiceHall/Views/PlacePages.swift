import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// The street's and the district's pages for setting up centres, stations, windows and hours. Every form posts
/// through `PageDoor` to the command its API route runs (`PlacesController`).
enum PlacePages {
    static func back(_ req: Request) async throws -> String {
        let place = try await PlacesController.place(req)
        let id = try place.requireID()
        return "/service-places/\(id.uuidString)"
    }

    static func windowBack(_ req: Request) async throws -> String {
        let (window, _) = try await PlacesController.loadWindow(req)
        return "/service-places/" + window.placeID.uuidString
    }

    struct PlaceRow: Content {
        var id: UUID
        var kind: ServicePlaceKind
        var divisionCode: String
        var divisionName: String
        var name: String
        var address: String
        var openingHours: String
        var openWindows: Int
        var closed: Bool
    }

    static func rows(_ places: [ServicePlace], on db: any Database) async throws -> [PlaceRow] {
        let codes = Set(places.map(\.divisionCode))
        let divisions = try await Division.query(on: db).filter(\.$id ~~ codes).all()
        let names = Dictionary(divisions.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let ids = places.compactMap(\.id)
        let windows = try await ServiceWindow.query(on: db).filter(\.$placeID ~~ ids).filter(\.$closedAt == nil).all(\.$placeID)
        let counts = Dictionary(windows.map { ($0, 1) }, uniquingKeysWith: +)
        return try places.map { p -> PlaceRow in
            let id = try p.requireID()
            return PlaceRow(id: id, kind: p.kind, divisionCode: p.divisionCode, divisionName: names[p.divisionCode] ?? "", name: p.name,
                            address: p.address, openingHours: p.openingHours, openWindows: counts[id] ?? 0, closed: p.closedAt != nil)
        }
    }

    /// The streets or communities in `scopes` that have no place of `kind` yet: what the forms may offer.
    static func vacant(_ kind: ServicePlaceKind, in scopes: [String], on db: any Database) async throws -> [Division] {
        guard !scopes.isEmpty else { return [] }
        let level: DivisionLevel = kind == .center ? .street : .community
        let divisions = try await Division.query(on: db).filter(\.$level == level).group(.or) { or in
            for prefix in scopes { or.group(.and) { $0.filter(\.$id >= prefix).filter(\.$id < prefix + "~") } }
        }.sort(\.$id).all()
        let taken = Set(try await ServicePlace.query(on: db).filter(\.$kind == kind).inScopes(scopes, \.$divisionCode).all(\.$divisionCode))
        return divisions.filter { !taken.contains($0.code) }
    }

    static func list(_ req: Request) async throws -> WebPage {
        let actor = try await req.authorize(.placeSetup, entity: "servicePlace")
        let ctx = req.context
        let scopes = Policy.scopes(of: actor, for: .placeSetup)
        let paging = try ListPageRequest(req)
        let (places, total) = try await ServicePlaces.inScopes(scopes, page: paging, on: req.db)
        let found = try await rows(places, on: req.db)
        let page = ListPage(items: found, total: total, page: paging.page, perPage: paging.perPage)
        var content: [BodyNode] = [
            table(ctx, [.setupName, .setupKind, .setupDivision, .setupHours, .setupWindows, .setupState], page.items.map { r in
                [H.link("/service-places/\(r.id.uuidString)", r.name), .text(ctx.t(r.kind.setupPhrase)), .text("\(r.divisionName) \(r.divisionCode)"),
                 .text(ServicePlaces.hoursText(r.openingHours, ctx.language)), .text(String(r.openWindows)), .text(ctx.t(r.closed ? .setupClosed : .setupOpen))]
            }),
            Pager.nav(ctx, page, path: "/service-places"),
            H.tag("p", [], [H.link("/service-places.csv", ctx.t(.setupDownloadCSV))]),
        ]
        for kind in ServicePlaceKind.allCases {
            content.append(H.tag("h2", [], [.text(ctx.t(kind == .center ? .setupNewCentre : .setupNewStation))]))
            let open = try await vacant(kind, in: scopes, on: req.db)
            guard !open.isEmpty else {
                content.append(H.tag("p", [], [.text(ctx.t(.setupNoneLeft))]))
                continue
            }
            content.append(placeForm(ctx, kind: kind, divisions: open))
        }
        return WebPage(title: ctx.t(.setupMenu), content)
    }

    static func placeForm(_ ctx: RequestContext, kind: ServicePlaceKind, divisions: [Division]) -> BodyNode {
        let f = ctx.forms
        let prefix = kind.rawValue
        var fields: [BodyNode] = [
            H.void("input", [("type", "hidden"), ("name", "kind"), ("value", kind.rawValue)]),
            choice(ctx, kind == .center ? .setupStreet : .setupCommunity, name: "divisionCode", prefix: prefix,
                   options: divisions.map { (value: $0.code, label: "\($0.name) \($0.code)") }, selected: nil),
            input(ctx, .setupName, name: "name", prefix: prefix, required: true, maxLength: 100),
            input(ctx, .setupAddress, name: "address", prefix: prefix, required: true, maxLength: 200),
        ]
        if kind == .station { fields += qualificationFields(ctx, place: nil) }
        fields.append(f.submit(kind == .center ? .setupNewCentre : .setupNewStation))
        return f.form(action: "/service-places", fields)
    }

    static func qualificationFields(_ ctx: RequestContext, place: ServicePlace?) -> [BodyNode] {
        let f = ctx.forms
        let ticked = Set(place?.reasons ?? [])
        return [
            f.field(.setupPopulation, name: "population", value: place?.population.map(String.init), inputmode: "numeric", maxLength: 8),
            f.field(.setupArea, name: "areaKm2", value: place?.areaKm2.map { String($0) }, inputmode: "decimal", maxLength: 12),
            H.tag("fieldset", [], [H.tag("legend", [], [.text(ctx.t(.setupReasons))])] + StationQualification.allCases.map { r in
                checkbox(name: "qualificationReasons[]", value: r.rawValue, label: ctx.t(r.phrase), checked: ticked.contains(r))
            }),
            textarea(ctx, .setupQualification, name: "qualification", value: place?.qualification ?? "", max: 1000),
        ]
    }

    static func edit(_ req: Request) async throws -> WebPage {
        let place = try await PlacesController.place(req)
        try await req.authorize(.placeSetup, at: place.divisionCode, entity: "servicePlace", entityID: place.id?.uuidString)
        let ctx = req.context
        let f = ctx.forms
        let view = try await PlacesController.view(place, on: req.db)
        let id = view.id.uuidString
        let division = try await Division.find(place.divisionCode, on: req.db)
        let items = try await ServiceItem.query(on: req.db).sort(\.$code).all()
        let itemNames = Dictionary(items.map { ($0.code, ctx.language == .en ? $0.nameEn : $0.nameZh) }, uniquingKeysWith: { a, _ in a })

        var content: [BodyNode] = [
            H.tag("dl", [("class", "record")], [
                H.tag("dt", [], [.text(ctx.t(.setupKind))]), H.tag("dd", [], [.text(ctx.t(place.kind.setupPhrase))]),
                H.tag("dt", [], [.text(ctx.t(.setupDivision))]), H.tag("dd", [], [.text("\(division?.name ?? "") \(place.divisionCode)")]),
                H.tag("dt", [], [.text(ctx.t(.setupState))]), H.tag("dd", [], [.text(ctx.t(place.closedAt == nil ? .setupOpen : .setupClosed))]),
                H.tag("dt", [], [.text(ctx.t(.setupCurrentHours))]), H.tag("dd", [], [.text(ServicePlaces.hoursText(place.openingHours, ctx.language))]),
            ]),
            H.tag("p", [], [H.link("/places/\(id)", ctx.t(.setupPublicPage)), .text(" · "), H.link("/service-places", ctx.t(.setupBackToList))]),
            H.tag("h2", [], [.text(ctx.t(.setupDetails))]),
        ]
        var details: [BodyNode] = [
            f.field(.setupName, name: "name", value: place.name, required: true, maxLength: 100),
            f.field(.setupAddress, name: "address", value: place.address, required: true, maxLength: 200),
        ]
        details += qualificationFields(ctx, place: place)
        details.append(f.submit(.save))
        content.append(f.form(action: "/service-places/\(id)", details))

        content.append(H.tag("h2", [("id", "hours")], [.text(ctx.t(.setupHours))]))
        let byDay = Dictionary(view.weeklyHours.map { ($0.weekday, $0.hours.joined(separator: ", ")) }, uniquingKeysWith: { a, _ in a })
        let dayFields = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].enumerated().map { i, name in
            f.field(Phrase(zh: ServicePlaces.dayNames[i], en: ServicePlaces.dayNamesEn[i]), name: name, value: byDay[i + 1], maxLength: 100)
        }
        content.append(f.form(action: "/service-places/\(id)/hours", [H.tag("p", [("class", "hint")], [.text(ctx.t(.setupHoursHint))])] + dayFields + [
            f.field(.setupHoursNote, name: "note", maxLength: 200), f.submit(.setupSaveHours),
        ]))

        content.append(H.tag("h2", [("id", "windows")], [.text(ctx.t(.setupWindows))]))
        content.append(table(ctx, [.setupWindowNumber, .setupName, .setupWindowKind, .setupState, .setupChangeWindow], empty: .setupNoWindowsYet, view.windows.map { w -> [BodyNode] in
            let takes = w.isGeneral ? ctx.t(.setupWindowGeneral) : w.itemCodes.map { "\($0) \(itemNames[$0] ?? "")" }.joined(separator: "; ")
            let path = "/service-windows/\(w.id.uuidString)"
            let change = H.tag("details", [], [
                H.tag("summary", [], [.text(ctx.t(.setupChangeWindow))]),
                f.form(action: path, [input(ctx, .setupName, name: "name", prefix: w.id.uuidString, value: w.name, required: true, maxLength: 50)]
                       + windowScope(ctx, items: items, general: w.isGeneral, ticked: Set(w.itemCodes), key: w.id.uuidString) + [f.submit(.save)]),
                f.form(action: path + (w.closedAt == nil ? "/close" : "/reopen"), [f.submit(w.closedAt == nil ? .setupCloseWindow : .setupReopenWindow)]),
            ])
            return [.text(String(w.number)), .text(w.name), .text(takes), .text(ctx.t(w.closedAt == nil ? .setupOpen : .setupClosed)), change]
        }))
        let next = (view.windows.map(\.number).max() ?? 0) + 1
        content.append(H.tag("h3", [], [.text(ctx.t(.setupAddWindow))]))
        content.append(f.form(action: "/service-places/\(id)/windows", [
            input(ctx, .setupWindowNumber, name: "number", prefix: "new", value: next <= 999 ? String(next) : nil, required: true,
                  inputmode: "numeric", maxLength: 3),
            input(ctx, .setupName, name: "name", prefix: "new", value: ctx.t(.setupKindDefaultWindow) + "\(next)", required: true, maxLength: 50),
        ] + windowScope(ctx, items: items, general: true, ticked: [], key: "new") + [f.submit(.setupAddWindow)]))

        content.append(H.tag("h2", [], [.text(ctx.t(place.closedAt == nil ? .setupClosePlace : .setupReopenPlace))]))
        content.append(f.form(action: "/service-places/\(id)/" + (place.closedAt == nil ? "close" : "reopen"),
                              [f.submit(place.closedAt == nil ? .setupClosePlace : .setupReopenPlace)]))
        return WebPage(title: place.name, content)
    }

    /// General, or the items ticked below (the catalogue, each with its code).
    static func windowScope(_ ctx: RequestContext, items: [ServiceItem], general: Bool, ticked: Set<String>, key: String) -> [BodyNode] {
        [
            choice(ctx, .setupWindowKind, name: "isGeneral", prefix: key,
                   options: [(value: "true", label: ctx.t(.setupWindowGeneral)), (value: "false", label: ctx.t(.setupWindowForItems))],
                   selected: general ? "true" : "false"),
            H.tag("details", [], [
                H.tag("summary", [], [.text(ctx.t(.setupWindowItems))]),
                H.tag("fieldset", [], items.filter { !$0.retired || ticked.contains($0.code) }.map { item in
                    checkbox(name: "itemCodes[]", value: item.code, label: "\(item.code) \(ctx.language == .en ? item.nameEn : item.nameZh)",
                             checked: ticked.contains(item.code), idPrefix: key)
                }),
            ]),
        ]
    }

    static func csv(_ req: Request) async throws -> Response {
        let actor = try await req.authorize(.placeSetup, entity: "servicePlace")
        let lang = req.language
        let scopes = Policy.scopes(of: actor, for: .placeSetup)
        let places = try await ServicePlace.query(on: req.db).inScopes(scopes, \.$divisionCode).sort(\.$divisionCode).sort(\.$kind).all()
        let list = try await rows(places, on: req.db)
        let byID = Dictionary(places.compactMap { p in p.id.map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
        let header: [Phrase] = [.setupKind, .setupDivisionCode, .setupDivision, .setupName, .setupAddress, .setupPopulation, .setupArea,
                                .setupReasons, .setupQualification, .setupHours, .setupWindows, .setupState]
        return Response.csv(filename: "service-places.csv", header: header.map { $0.text(lang) }, rows: list.map { r -> [String] in
            let p = byID[r.id]
            return [r.kind.setupPhrase.text(lang), r.divisionCode, r.divisionName, r.name, r.address, p?.population.map(String.init) ?? "",
                    p?.areaKm2.map { String($0) } ?? "", (p?.reasons ?? []).map { $0.phrase.text(lang) }.joined(separator: "、"),
                    p?.qualification ?? "", ServicePlaces.hoursText(r.openingHours, lang), String(r.openWindows), (r.closed ? Phrase.setupClosed : .setupOpen).text(lang)]
        })
    }

    // MARK: - Small pieces

    static func table(_ ctx: RequestContext, _ headers: [Phrase], empty: Phrase = .setupNothingYet, _ rows: [[BodyNode]]) -> BodyNode {
        guard !rows.isEmpty else { return H.tag("p", [], [.text(ctx.t(empty))]) }
        // On a phone each row becomes a card whose cells carry their column's name.
        let labels = headers.map { ctx.t($0) }
        return H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
            H.tag("thead", [], [H.tag("tr", [], labels.map { H.tag("th", [("scope", "col")], [.text($0)]) })]),
            H.tag("tbody", [], rows.map { H.tag("tr", [], $0.enumerated().map { i, cell in
                H.tag("td", [("data-label", i < labels.count ? labels[i] : nil)], [cell])
            }) }),
        ])])
    }

    /// Several forms on one page name the same fields: ids carry a prefix so each label points at its own box.
    static func input(_ ctx: RequestContext, _ label: Phrase, name: String, prefix: String, value: String? = nil, required: Bool = false,
                      inputmode: String? = nil, maxLength: Int) -> BodyNode {
        let id = "\(prefix)-\(name)"
        return H.tag("div", [("class", "field")], [
            H.tag("label", [("for", id)], [.text(ctx.t(label) + (required ? "" : " " + ctx.t(.optional)))]),
            H.void("input", [("type", "text"), ("name", name), ("id", id), ("value", value), ("inputmode", inputmode),
                             ("maxlength", String(maxLength)), ("required", required ? "required" : nil)]),
        ])
    }

    static func choice(_ ctx: RequestContext, _ label: Phrase, name: String, prefix: String, options: [(value: String, label: String)],
                       selected: String?) -> BodyNode {
        let id = "\(prefix)-\(name)"
        return H.tag("div", [("class", "field")], [
            H.tag("label", [("for", id)], [.text(ctx.t(label))]),
            H.tag("select", [("name", name), ("id", id)], options.map { o in
                H.tag("option", [("value", o.value), ("selected", o.value == selected ? "selected" : nil)], [.text(o.label)])
            }),
        ])
    }

    static func checkbox(name: String, value: String, label: String, checked: Bool, idPrefix: String = "") -> BodyNode {
        let id = "c-\(idPrefix)-\(name.filter(\.isLetter))-\(value)"
        return H.tag("div", [("class", "field check")], [
            H.void("input", [("type", "checkbox"), ("name", name), ("id", id), ("value", value), ("checked", checked ? "checked" : nil)]),
            H.tag("label", [("for", id)], [.text(label)]),
        ])
    }

    static func textarea(_ ctx: RequestContext, _ label: Phrase, name: String, value: String, max: Int) -> BodyNode {
        H.tag("div", [("class", "field")], [
            H.tag("label", [("for", "f-" + name)], [.text(ctx.t(label))]),
            H.tag("textarea", [("name", name), ("id", "f-" + name), ("maxlength", String(max))], [.text(value)]),
        ])
    }
}
