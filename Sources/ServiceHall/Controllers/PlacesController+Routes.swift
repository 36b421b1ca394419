import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

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
