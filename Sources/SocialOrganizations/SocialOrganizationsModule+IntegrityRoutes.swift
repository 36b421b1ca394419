import ShequPlatform
import Vapor

extension SocialOrganizationsModule {
    /// C3's JSON routes, each with its OpenAPI description: the record, the class and the lists are public; the
    /// street records entries and removals, the organisation's staff file annual reports.
    func integrityRoutes(api: APIRoutes, tag: String) throws {
        api.schema(IntegrityAPIController.EntryInput.self)
        api.schema(IntegrityAPIController.ReportInput.self)
        api.schema(IntegrityAPIController.RemovalInput.self)
        let paging = QueryParameter.paging
        api.on(.GET, "social-organizations/abnormal", doc: .init("The abnormal-activity list (活动异常名录): each organisation with why, since when and how it comes off, derived from its record today (public)",
                                                                tag: tag, isPublic: true, query: paging), use: IntegrityAPIController.abnormal)
        api.on(.GET, "social-organizations/dishonest", doc: .init("The serious-dishonesty list (严重违法失信名单): each organisation with why, since when and how it comes off (public)",
                                                                 tag: tag, isPublic: true, query: paging), use: IntegrityAPIController.dishonest)
        api.on(.GET, "social-organizations/removal-applications", doc: .init("The organisations' applications to come off a list waiting in the official's streets, oldest first, each with the day its 5 working days end (street and district officials)",
                                                                            tag: tag, query: paging), use: RemovalApplicationsController.waiting)
        api.on(.POST, "social-organizations/{id}/removal-applications", doc: .init("Apply to come off a list after rectifying (the organisation's own staff); the street records the removal within 5 working days",
                                                                                  tag: tag, requestBody: "ListRemovalInput",
                                                                                  responses: [201: "Applied; waiting for the street", 403: "Not the organisation's staff (logged)",
                                                                                              404: "Not in the registry", 409: "Not on that list, or an application already waiting",
                                                                                              422: "The rules do not allow it yet (the reason is given), or invalid input"]),
               use: RemovalApplicationsController.apply)
        api.on(.GET, "social-organizations/{id}/supervision", doc: .init("An organisation's supervision class (A–D) with the rule that gave it, and its listings now and past (public)",
                                                                        tag: tag, isPublic: true, responses: [200: "OK", 404: "Not in the registry"]),
               use: IntegrityAPIController.supervision)
        api.on(.GET, "social-organizations/{id}/integrity-entries", doc: .init("An organisation's integrity entries, newest first (public; who recorded them is not shown)",
                                                                              tag: tag, isPublic: true, query: paging, responses: [200: "OK", 404: "Not in the registry"]),
               use: IntegrityAPIController.entries)
        api.on(.GET, "social-organizations/{id}/annual-reports", doc: .init("An organisation's annual reports, latest year first (public)",
                                                                           tag: tag, isPublic: true, query: paging, responses: [200: "OK", 404: "Not in the registry"]),
               use: IntegrityAPIController.reports)
        api.on(.POST, "social-organizations/{id}/integrity-entries", doc: .init("Record a good or bad integrity entry with its evidence and source (the organisation's street or the district above)",
                                                                               tag: tag, requestBody: "IntegrityEntryInput",
                                                                               responses: [201: "Recorded", 403: "Not the organisation's street or district (logged)",
                                                                                           404: "Not in the registry", 422: "Invalid input, nothing written"]),
               use: IntegrityAPIController.record)
        api.on(.POST, "social-organizations/{id}/annual-reports", doc: .init("File the organisation's annual report on a year that is over (its own staff)",
                                                                            tag: tag, requestBody: "AnnualReportInput",
                                                                            responses: [201: "Filed, public", 403: "Not the organisation's staff (logged)", 404: "Not in the registry",
                                                                                        409: "That year's report is already filed", 422: "Invalid input"]),
               use: IntegrityAPIController.fileReport)
        api.on(.POST, "social-organizations/{id}/list-removals", doc: .init("Record a removal from a list applied for with its rectification; the rules decide (the organisation's street or the district above)",
                                                                           tag: tag, requestBody: "ListRemovalInput",
                                                                           responses: [201: "Removed; the organisation's standing now", 403: "Not the organisation's street or district (logged)",
                                                                                       404: "Not in the registry", 409: "Not on that list",
                                                                                       422: "The rules do not allow it yet (the reason is given), or invalid input"]),
               use: IntegrityAPIController.remove)
    }
}
