import Fluent
import ShequPlatform
import Vapor

/// One-stop service (H1–H9): centers and stations, the catalogue, applications.
public struct ServiceHallModule: ShequModule {
    public init() {}
    public var name: String { "serviceHall" }

    public var migrations: [any Migration] { [CreateServiceHall(), CreateRatings(), CreateQueue(), CreateNotifications(), CreateMaterialUploads(), CreateRoster(), CreateAppointments(), CreateLookupFailures(), AddApplicationLookupDigests(), AddRunningDueIndex(),
                                               AddTransferDestination(), AddPublicInterest(), CreateLookupCounters(), AddRequiredPower(),
                                               AddCatalogueVersions(), AddPlaceSetup(), AddVersionedItemFacts()] }

    public var commands: [(String, any AsyncCommand)] { [("generate-applications", GenerateApplicationsCommand()),
                                                              ("recompute-deadlines", RecomputeDeadlinesCommand())] }

    public var menu: [MenuEntry] {
        [MenuEntry(.serviceCatalogue, path: "/services", action: nil),
         MenuEntry(.applications, path: "/applications", action: .applicationRead),
         MenuEntry(.trackApplication, path: "/track", action: nil),
         MenuEntry(.setupMenu, path: "/service-places", action: .placeSetup),
         MenuEntry(.manageCatalogue, path: "/catalogue", action: .catalogueEdit)]
    }

    public func routes(web: any RoutesBuilder, api: APIRoutes) throws {
        web.get("services", use: ServiceHallPages.catalogue)
        web.get("services", ":code", use: ServiceHallPages.guide)
        web.on(.POST, "services", ":code", "apply", body: .collect(maxSize: ServiceHallPages.applyBodyLimit), use: ServiceHallPages.apply)
            .formBody(limit: ServiceHallPages.applyBodyLimit)
        web.get("applications", use: ServiceHallPages.list)
        web.get("applications", ":trackingNumber", use: ServiceHallPages.detail)
        web.post("applications", ":trackingNumber", "steps", use: ServiceHallPages.step)
        web.get("track", use: ServiceHallPages.track)
        web.post("applications", ":trackingNumber", "rating", use: ServiceHallPages.rate)

        web.get("places", ":id", use: QueueController.kiosk)
        web.post("places", ":id", "tickets", use: QueueController.takeFromPage)
        web.get("places", ":id", "display", use: QueueController.display)
        placeSetupRoutes(web: web, api: api)
        ServiceHallPages.hallRoutes(web: web, api: api)

        CataloguePages.register(web: web, api: api)

        let open311 = web.grouped("open311", "v2")
        open311.get("services.json", use: Open311Controller.services)
        open311.get("services.xml", use: Open311Controller.services)
        open311.get("services", ":file", use: Open311Controller.serviceDefinition)
        open311.on(.POST, "requests.json", body: .collect(maxSize: "10mb"), use: Open311Controller.post)
        open311.on(.POST, "requests.xml", body: .collect(maxSize: "10mb"), use: Open311Controller.post)
        open311.get("requests.json", use: Open311Controller.requests)
        open311.get("requests.xml", use: Open311Controller.requests)
        open311.get("requests", ":file", use: Open311Controller.request)
        open311.get("tokens", ":file", use: Open311Controller.token)

        api.schema(ApplicationsAPIController.SubmitInput.self)
        api.schema(StepInput.self)
        api.schema(RatingInput.self)
        api.schema(FollowUpAnswer.self)
        api.on(.POST, "applications/{trackingNumber}/rating", doc: .init("Rate a finished application (the applicant, once)", tag: "service",
                                                                        requestBody: "RatingInput", responses: [201: "Rated", 409: "Not finished or already rated"]),
               use: RatingsController.rate)
        api.on(.POST, "applications/{trackingNumber}/materials/{materialID}",
               doc: .init("Upload a file (PDF, JPEG or PNG, ≤ 10 MB) for one of the item's materials: the applicant or staff in scope",
                          tag: "service", requestBody: "multipart:MaterialUpload",
                          responses: [201: "Stored", 413: "Too large", 415: "Not PDF/JPEG/PNG", 422: "Not a material of the item version the application follows"]),
               body: .collect(maxSize: "11mb"), use: MaterialsController.upload)
        api.on(.GET, "applications/{trackingNumber}/materials", doc: .init("Files uploaded for an application", tag: "service"),
               use: MaterialsController.list)
        api.on(.GET, "applications/{trackingNumber}/files/{uploadID}", doc: .init("Download an uploaded file (audited)", tag: "service"),
               use: MaterialsController.download)
        api.schema(ServiceHallInputs.upload)
        api.on(.PUT, "service-places/{id}/roster", doc: .init("Set a place's weekly roster; refused if any worker exceeds the contracted hours of their staff record (Workforce) or has none",
                                                            tag: "queue", requestBody: "RosterInput", responses: [200: "Opening hours it yields", 422: "Every problem named"]),
               use: RosterController.set)
        api.on(.GET, "service-places/{id}/roster", doc: .init("The opening hours a place's roster yields (public)", tag: "queue", isPublic: true),
               use: RosterController.show)
        api.schema(RosterController.RosterInput.self)
        api.on(.POST, "service-places/{id}/slots", doc: .init("Open an appointment slot (day, start, end, capacity)", tag: "queue",
                                                             requestBody: "SlotInput", responses: [201: "Created", 409: "The place is closed"]), use: AppointmentsController.createSlot)
        api.on(.GET, "service-places/{id}/slots", doc: .init("Appointment slots with remaining capacity, a page at a time (public)", tag: "queue", isPublic: true,
                                                            query: QueryParameter.paging + [.date("day")]), use: AppointmentsController.slots)
        api.on(.POST, "slots/{id}/appointments", doc: .init("Book a slot (the signed-in resident)", tag: "queue",
                                                           responses: [201: "Booked", 409: "Full, past, already booked or the place closed"]), use: AppointmentsController.book)
        api.on(.POST, "appointments/{id}/cancel", doc: .init("Cancel one's own booking", tag: "queue"), use: AppointmentsController.cancel)
        api.on(.POST, "appointments/{id}/arrive", doc: .init("Issue the queue ticket when the resident arrives (window staff)", tag: "queue"),
               use: AppointmentsController.arrive)
        api.on(.GET, "me/appointments", doc: .init("The signed-in resident's bookings, newest first, a page at a time", tag: "queue", query: QueryParameter.paging), use: AppointmentsController.mine)
        api.schema(AppointmentsController.SlotInput.self)
        api.on(.GET, "me/notifications", doc: .init("The signed-in resident's notices about their applications, newest first, a page at a time", tag: "service",
                                                    query: QueryParameter.paging),
               use: ApplicationsAPIController.notifications)
        api.on(.GET, "follow-ups", doc: .init("Follow-ups of poor ratings in scope, a page at a time", tag: "service",
                                                  query: QueryParameter.paging + [.oneOf("state", FollowUpState.allCases.map(\.rawValue))]), use: RatingsController.followUps)
        api.on(.POST, "follow-ups/{id}/answer", doc: .init("Answer a follow-up: rectified, or appealed as mistaken or malicious", tag: "service",
                                                          requestBody: "FollowUpAnswer", responses: [200: "Answered", 409: "Already answered"]),
               use: RatingsController.answer)
        api.on(.GET, "ratings/report", doc: .init("Ratings by level and the follow-up rate in scope", tag: "service"), use: RatingsController.report)
        api.on(.POST, "service-places/{id}/tickets", doc: .init("Take a queue ticket at a center or station (no account needed)", tag: "queue",
                                                               isPublic: true, requestBody: "TicketInput", responses: [201: "Ticket", 409: "The place is closed"]),
               use: QueueController.take)
        api.on(.GET, "service-places/{id}/queue", doc: .init("Waiting count and recently called numbers (public)", tag: "queue", isPublic: true),
               use: QueueController.board)
        api.on(.POST, "service-windows/{id}/call", doc: .init("Call the next ticket to this window", tag: "queue",
                                                             responses: [200: "Called ticket", 204: "Nobody waiting", 409: "The window is closed"]),
               use: QueueController.call)
        api.schema(QueueController.TakeInput.self)
        api.on(.GET, "service-items", doc: .init("The catalogue of service items (public)", tag: "service", isPublic: true),
               use: CatalogueController.list)
        api.on(.GET, "service-items/{code}", doc: .init("A service item's guide with its materials (public)", tag: "service", isPublic: true,
                                                        responses: [200: "Guide", 404: "Unknown item"]), use: CatalogueController.show)
        api.on(.GET, "service-places", doc: .init("Service centers and stations (public)", tag: "service", isPublic: true),
               use: CatalogueController.places)
        api.on(.POST, "applications", doc: .init("Apply online, or at a window / by hotline on a resident's behalf", tag: "service",
                                                 requestBody: "ApplicationInput",
                                                 responses: [201: "Created with tracking number",
                                                             429: "Too many exact ID lookups (applying by an ID number that finds nobody in the caller's area counts as one)"]),
               use: ApplicationsAPIController.submit)
        api.on(.GET, "applications", doc: .init("Applications in scope (or one's own); due=soon|overdue; a page at a time", tag: "service",
                                                query: QueryParameter.paging + [.oneOf("due", ["soon", "overdue"])]),
               use: ApplicationsAPIController.list)
        api.on(.GET, "applications/lookup", doc: .init("Status by tracking number and the last four of phone or ID (public)", tag: "service",
                                                       isPublic: true, query: [.string("trackingNumber", max: 20), .string("last4", max: 4)], responses: [200: "Status", 404: "No match"]),
               use: ApplicationsAPIController.lookup)
        api.on(.GET, "applications/{trackingNumber}", doc: .init("One application with its history", tag: "service"),
               use: ApplicationsAPIController.show)
        api.on(.POST, "applications/{trackingNumber}/steps", doc: .init("Take a workflow step (accept, decline, requestSupplement, receiveSupplement, process, transfer, complete, refuse, withdraw)",
                                                                       tag: "service", requestBody: "StepInput", responses: [200: "Updated", 409: "Step not allowed now"]),
               use: ApplicationsAPIController.step)
    }

    public func boot(_ app: Vapor.Application) async throws {
        app.serviceHallSettings = app.serviceHallSettings
        app.catalogueCache = CatalogueCache()
        try await Catalogue.loadAtFirstStart(on: app.db)
        app.submissionBatcher = SubmissionBatcher()
    }

    public func demo(_ app: Vapor.Application) async throws -> String? {
        // The catalogue is there from the first start (`boot`); the demo adds places and people only.
        // The demo's delegated item (MZ-008) needs a street holding the power: Cuixiang, by Xiangzhou's decision.
        let granted = try await DelegatedPowers.demo(on: app.db)
        let placesAdded = try await DemoPlaces.fill(on: app.db)
        try await DemoPlaces.assignDepartment(on: app.db)
        let items = try await ServiceItem.query(on: app.db).count()
        return "service hall: \(items) catalogue items, \(placesAdded) centers and stations added" + (granted ? ", a delegated power granted to 翠香街道" : "")
    }
}

extension Phrase {
    static let serviceCatalogue = Phrase(zh: "办事指南", en: "Service guide")
    static let applications = Phrase(zh: "办件", en: "Applications")
    static let trackApplication = Phrase(zh: "办件查询", en: "Track an application")
}
