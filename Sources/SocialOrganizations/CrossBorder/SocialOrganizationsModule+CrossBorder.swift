import Fluent
import ShequPlatform
import Vapor

extension SocialOrganizationsModule {
    /// C4's share of the policy: a partner records its own workers and projects, and so may its street's officials.
    static let crossBorderPolicy = PolicyRules(
        byRole: [.crossBorderRecord: [.streetOfficial, .districtOfficial], .crossBorderWorkersRead: [.streetOfficial, .districtOfficial]],
        byRelation: [.crossBorderRecord: [.organizationMember], .crossBorderWorkersRead: [.organizationMember]]
    )

    func crossBorderRoutes(web: any RoutesBuilder, api: APIRoutes) {
        web.get("cross-border", use: CrossBorderPages.index)
        web.get("cross-border", "joint-projects.csv", use: CrossBorderPages.csv)
        web.get("social-organizations", ":id", "cross-border", use: CrossBorderPages.partner)
        web.post("social-organizations", ":id", "partner-workers", use: PageDoor.submit(CrossBorderAPIController.recordWorker, back: CrossBorderPages.back))
        web.post("social-organizations", ":id", "joint-projects", use: PageDoor.submit(CrossBorderAPIController.recordProject, back: CrossBorderPages.back))

        api.schema(CrossBorderAPIController.WorkerInput.self)
        api.schema(CrossBorderAPIController.ProjectInput.self)
        let tag = "social-organizations"
        let recorded: [Int: String] = [201: "Recorded", 403: "Neither the organisation's staff nor its street's official (logged)",
                                       404: "Not in the registry", 409: "A worker with this permit is already recorded",
                                       422: "Invalid input, a permit against its rules or of another region, or not a Hong Kong or Macao partner"]
        api.on(.GET, "cross-border/linkage", doc: .init("C4: the linkage of 横琴, 拱北 and 湾仔 with Macao's organisations and social workers (public)",
                                                       tag: tag, isPublic: true), use: CrossBorderAPIController.linkage)
        api.on(.GET, "joint-projects", doc: .init("Joint projects with Hong Kong and Macao partner organisations, newest first (public)",
                                                  tag: tag, isPublic: true, query: QueryParameter.paging), use: CrossBorderAPIController.projects)
        api.on(.GET, "social-organizations/{id}/partner-workers",
               doc: .init("A partner's Hong Kong or Macao social workers, permits masked (its staff, its street's and district's officials)", tag: tag,
                          query: QueryParameter.paging, responses: [200: "OK", 404: "Not in the registry, or not within reach (logged)"]),
               use: CrossBorderAPIController.workers)
        api.on(.POST, "social-organizations/{id}/partner-workers",
               doc: .init("Record a partner's social worker by their Mainland travel permit or residence permit (C4)", tag: tag,
                          requestBody: "PartnerWorkerInput", responses: recorded),
               use: CrossBorderAPIController.recordWorker)
        api.on(.POST, "social-organizations/{id}/joint-projects",
               doc: .init("Record a partner's joint project in a street of the city (C4)", tag: tag, requestBody: "JointProjectInput", responses: recorded),
               use: CrossBorderAPIController.recordProject)
    }
}
