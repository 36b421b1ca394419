import Fluent
import ShequPlatform
import Vapor

/// Registration point of the Workforce module (issue 13, W1–W3): the community workers' records (who serves where,
/// on which post and contract), their grades computed by a grading table that is data (三岗十八级 by default), their
/// training, certificates, appraisals and rotations, and each committee's workload against its staff. It provides
/// the roster's contracted hours (`ContractedHoursProvider`).
public struct WorkforceModule: ShequModule {
    public init() {}
    public var name: String { "workforce" }
    public var migrations: [any Migration] { [CreateWorkforce(), AddStaffListIndex()] }

    public var commands: [(String, any AsyncCommand)] { [("generate-workforce", GenerateWorkforceCommand())] }

    public var menu: [MenuEntry] { [MenuEntry(.wfTitle, path: "/workforce", action: .workforceRead)] }

    public func boot(_ app: Application) async throws {
        app.contractedHours = StaffContractedHours()
    }

    public func demo(_ app: Application) async throws -> String? {
        try await WorkforceDemo.fill(app)
    }

    public func communityPage(_ code: String, on req: Request) async throws -> [BodyNode] {
        try await StaffPages.communityPage(code, on: req)
    }

    public func routes(web: any RoutesBuilder, api: APIRoutes) throws {
        let back: @Sendable (Request) async throws -> String = StaffPages.back
        web.get("workforce", use: StaffPages.list)
        web.get("workforce", "staff.csv", use: StaffPages.csv)
        web.get("workforce", "staff", "new", use: StaffPages.newRecord)
        web.post("workforce", "staff", use: PageDoor.submit(StaffAPIController.create, back: { _ in "/workforce" }))
        web.get("workforce", "staff", ":id", use: StaffPages.show)
        web.post("workforce", "staff", ":id", "contract", use: PageDoor.submit(StaffAPIController.changeContract, back: back))
        web.post("workforce", "staff", ":id", "rotations", use: PageDoor.submit(StaffAPIController.rotate, back: back))
        web.post("workforce", "staff", ":id", "training", use: PageDoor.submit(StaffAPIController.addTraining, back: back))
        web.post("workforce", "staff", ":id", "certificates", use: PageDoor.submit(StaffAPIController.addCertificate, back: back))
        web.post("workforce", "staff", ":id", "appraisals", use: PageDoor.submit(StaffAPIController.addAppraisal, back: back))
        web.get("workforce", "me", use: StaffPages.mine)
        web.get("workforce", "workload", use: StaffPages.workload)
        web.get("workforce", "workload.csv", use: StaffPages.workloadCSV)
        web.get("workforce", "rules", use: RulePages.index)
        web.post("workforce", "rules", use: RulePages.draft)
        web.get("workforce", "rules", ":id", use: RulePages.show)
        web.get("workforce", "rules", ":id", "moves.csv", use: RulePages.movesCSV)
        web.post("workforce", "rules", ":id", "adopt", use: PageDoor.submit(RuleSetsAPIController.adopt, back: { _ in "/workforce/rules" }))
        web.get("communities", ":code", "staff", use: StaffPages.communityStaff)
        web.get("communities", ":code", "staff.csv", use: StaffPages.communityStaffCSV)

        api.schema(StaffAPIController.StaffInput.self)
        api.schema(StaffAPIController.ContractInput.self)
        api.schema(StaffAPIController.RotationInput.self)
        api.schema(StaffAPIController.TrainingInput.self)
        api.schema(StaffAPIController.CertificateInput.self)
        api.schema(StaffAPIController.AppraisalInput.self)
        api.schema(RuleSetsAPIController.RuleSetInput.self)
        let tag = "workforce"
        let kept: [Int: String] = [201: "Recorded; the record as it now is", 403: "Not the record's street or district (logged)",
                                   404: "No such record within reach (logged)", 409: "Already recorded", 422: "Invalid input (a grade typed: grade_is_computed)"]
        api.on(.GET, "workforce/staff", doc: .init("The grade list: community workers in the reader's scope (street, district, city officials), each with the grade and pay band computed now; serving ones unless all=true",
                                                   tag: tag, query: QueryParameter.paging + [StaffAPIController.divisionQuery, StaffAPIController.kindQuery, StaffAPIController.allQuery]),
               use: StaffAPIController.list)
        api.on(.POST, "workforce/staff", doc: .init("Add a worker's record (W1, street or district official): kind, post, place, contract and weekly hours, service start, education; an elected member's term is read from their committee seat. A grade or pay band in the body is refused",
                                                    tag: tag, requestBody: "StaffRecordInput", responses: kept),
               use: StaffAPIController.create)
        api.on(.GET, "workforce/staff/{id}", doc: .init("One worker's whole record: how the grade is computed, postings, training, certificates, appraisals (officials in scope; the worker)",
                                                        tag: tag, responses: [200: "OK", 404: "No such record within reach (logged)"]),
               use: StaffAPIController.show)
        api.on(.POST, "workforce/staff/{id}/contract", doc: .init("Change the contract's dates, the weekly hours (the roster's), or the education obtained",
                                                                  tag: tag, requestBody: "StaffContractInput", responses: kept.merging([200: "Changed"]) { a, _ in a }),
               use: StaffAPIController.changeContract)
        api.on(.POST, "workforce/staff/{id}/rotations", doc: .init("Rotate a worker to another community, place or post from a day (W2 交流); the history follows them. The official must reach both places",
                                                                   tag: tag, requestBody: "StaffRotationInput", responses: kept),
               use: StaffAPIController.rotate)
        api.on(.POST, "workforce/staff/{id}/training", doc: .init("Record training attended (W2)", tag: tag, requestBody: "StaffTrainingInput", responses: kept),
               use: StaffAPIController.addTraining)
        api.on(.POST, "workforce/staff/{id}/certificates", doc: .init("Record a certificate; a social-worker qualification level counts toward the grade (the highest only)",
                                                                      tag: tag, requestBody: "StaffCertificateInput", responses: kept),
               use: StaffAPIController.addCertificate)
        api.on(.POST, "workforce/staff/{id}/appraisals", doc: .init("Record a year's appraisal (one a year, for a year that is over); it moves the counted years by the table in force",
                                                                    tag: tag, requestBody: "StaffAppraisalInput", responses: kept),
               use: StaffAPIController.addAppraisal)
        api.on(.GET, "me/workforce", doc: .init("The signed-in worker's own record", tag: tag, responses: [200: "OK", 404: "No record for this account"]),
               use: StaffAPIController.mine)
        api.on(.GET, "communities/{code}/staff", doc: .init("A community's workers serving now: names and posts only (public)", tag: tag, isPublic: true,
                                                            responses: [200: "OK", 404: "No such community"]),
               use: StaffAPIController.communityStaff)
        api.on(.GET, "workforce/workload", doc: .init("Per community in the reader's scope: the tasks it carries in the year (access system) against its staff serving now",
                                                      tag: tag, query: QueryParameter.paging + [WorkloadAPIController.yearQuery]),
               use: WorkloadAPIController.list)
        api.on(.GET, "workforce/rule-sets", doc: .init("A city's grading tables, the one in force first (the default 三岗十八级 when none was adopted); public",
                                                       tag: tag, isPublic: true, query: [RuleSetsAPIController.cityParameter]),
               use: RuleSetsAPIController.list)
        api.on(.POST, "workforce/rule-sets", doc: .init("Draft a grading table (the city): posts and grade ranges, step years, education years, certificate grades, appraisal years, pay bands",
                                                        tag: tag, requestBody: "GradeRuleSetInput", responses: [201: "Drafted", 403: "Not the city (logged)", 422: "Incomplete or out of range"]),
               use: RuleSetsAPIController.draft)
        api.on(.GET, "workforce/rule-sets/{id}/preview", doc: .init("Who moves under a table: every serving worker of its city whose grade or band differs from the table in force (the city)",
                                                                    tag: tag, responses: [200: "OK", 403: "Not the city (logged)", 404: "No such table"]),
               use: RuleSetsAPIController.preview)
        api.on(.POST, "workforce/rule-sets/{id}/adopt", doc: .init("Adopt a draft; the table in force retires (the city)",
                                                                   tag: tag, responses: [200: "Adopted", 403: "Not the city (logged)", 404: "No such table",
                                                                                         409: "Not a draft, or it leaves serving workers without a grade"]),
               use: RuleSetsAPIController.adopt)
    }
}
