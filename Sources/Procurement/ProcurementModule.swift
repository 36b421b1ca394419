import Fluent
import ShequPlatform
import Vapor

/// Government purchase of services in the open (B1–B3): a street or district plans a project in one of the
/// eight service areas with its budget from a fund of the ledger, calls for applications, has a panel score
/// them, awards with reasons, contracts, pays milestones through the ledger, supervises and evaluates.
public struct ProcurementModule: ShequModule {
    public init() {}
    public var name: String { "procurement" }
    public var migrations: [any Migration] { [CreateProcurement()] + OCDSPublication.migrations }
    public var commands: [(String, any AsyncCommand)] { OCDSPublication.commands }

    /// The projects are public; planning is the buyers'. Organisation staff and panel members reach their pages
    /// from the workbench (their tie is to a record, not a role the menu can ask about).
    public var menu: [MenuEntry] {
        [
            MenuEntry(.procTitle, path: "/procurement", action: nil),
            MenuEntry(.procNew, path: "/procurement/new", action: .procurementManage),
        ]
    }

    public func demo(_ app: Application) async throws -> String? {
        try await ProcurementDemo.fill(app)
    }

    public func routes(web: any RoutesBuilder, api: APIRoutes) throws {
        web.get("procurement", use: ProcurementPages.index)
        web.get("procurement.csv", use: ProcurementPages.csv)
        web.get("procurement", "new", use: ProcurementPages.new)
        web.get("procurement", "open-calls", use: ProcurementPages.openCalls)
        web.get("procurement", "panel", use: ProcurementPages.panel)
        web.post("procurement", use: PageDoor.submit(ProcurementAPIController.plan, back: { _ in "/procurement" }))
        web.get("procurement", ":id", use: ProjectPage.show)
        web.get("procurement", ":id", "score", use: ProjectPage.score)
        let back = ProjectPage.back
        web.post("procurement", ":id", "call", use: PageDoor.submit(ProcurementAPIController.publishCall, back: back))
        web.post("procurement", ":id", "close", use: PageDoor.submit(ProcurementAPIController.closeCall, back: back))
        web.post("procurement", ":id", "applications", use: PageDoor.submit(ProcurementAPIController.apply, back: back))
        web.post("procurement", ":id", "applications", ":application", "score",
                 use: PageDoor.submit(ProcurementAPIController.score, back: { req in try await back(req) + "/score" }))
        web.post("procurement", ":id", "award", use: PageDoor.submit(ProcurementAPIController.award, back: back))
        web.post("procurement", ":id", "contract", use: PageDoor.submit(ProcurementAPIController.contract, back: back))
        web.post("procurement", ":id", "payments", use: PageDoor.submit(ProcurementAPIController.pay, back: back))
        web.post("procurement", ":id", "supervision", use: PageDoor.submit(ProcurementAPIController.supervise, back: back))
        web.post("procurement", ":id", "evaluation", use: PageDoor.submit(ProcurementAPIController.evaluate, back: back))

        api.schema(ProcurementAPIController.PlanInput.self)
        api.schema(ProcurementAPIController.CallInput.self)
        api.schema(ProcurementAPIController.ApplicationInput.self)
        api.schema(ProcurementAPIController.SheetInput.self)
        api.schema(ProcurementAPIController.AwardInput.self)
        api.schema(ProcurementAPIController.ContractInput.self)
        api.schema(ProcurementAPIController.PaymentInput.self)
        api.schema(ProcurementAPIController.SupervisionInput.self)
        api.schema(ProcurementAPIController.EvaluationInput.self)
        api.schema(ProcurementAPIController.StepInput.self)
        let tag = "procurement"
        let step: [Int: String] = [200: "Done; the project as it now stands", 403: "Not the project's street or district (logged)",
                                   404: "No such project", 409: "Not at this stage", 422: "Invalid input or refused by a rule (named)"]
        api.on(.GET, "procurement", doc: .init("Purchase-of-service projects (B1–B3), newest first, a page at a time, by stage if asked (public)",
                                               tag: tag, isPublic: true, query: QueryParameter.paging + [ProcurementAPIController.stageQuery]),
               use: ProcurementAPIController.list)
        api.on(.GET, "procurement/{id}", doc: .init("One project with every stage: call, applications and scores, award and its reasons (B2's too), contract, payments, supervision, evaluation (public)",
                                                    tag: tag, isPublic: true, responses: [200: "OK", 404: "No such project"]),
               use: ProcurementAPIController.show)
        api.on(.POST, "procurement", doc: .init("Plan a purchase (street or district official of the buying scope): area, budget from a fund, term (Art. 24), the Art. 10 statement",
                                                tag: tag, requestBody: "PurchasePlanInput",
                                                responses: [201: "Planned", 403: "Not an official of that street or district (logged)", 422: "Invalid input or refused by a rule (named)"]),
               use: ProcurementAPIController.plan)
        api.on(.POST, "procurement/{id}/call", doc: .init("Publish the call: method (open, selective with invitees, direct with its reason), closing day, criteria weights, panel",
                                                          tag: tag, requestBody: "PurchaseCallInput", responses: step),
               use: ProcurementAPIController.publishCall)
        api.on(.POST, "procurement/{id}/close", doc: .init("Close the call; the panel scores", tag: tag, requestBody: "PurchaseStepInput", responses: step),
               use: ProcurementAPIController.closeCall)
        api.on(.POST, "procurement/{id}/applications", doc: .init("Apply for a registry organisation (its staff) while the call is open",
                                                                  tag: tag, requestBody: "PurchaseApplicationInput",
                                                                  responses: [201: "Applied", 403: "Not staff of the organisation, or not invited (logged)",
                                                                              404: "No such project", 409: "The call is not open, or already applied",
                                                                              422: "Not eligible, or invalid input"]),
               use: ProcurementAPIController.apply)
        api.on(.POST, "procurement/{id}/applications/{application}/score",
               doc: .init("A panel member declares a conflict of interest (and stands aside) or declares none and scores the application",
                          tag: tag, requestBody: "PurchaseScoreInput",
                          responses: [201: "Recorded", 403: "Not on the panel (logged)", 404: "No such project or application",
                                      409: "Not being scored, or already declared", 422: "Invalid scores, or a conflicted member scoring"]),
               use: ProcurementAPIController.score)
        api.on(.POST, "procurement/{id}/award", doc: .init("Award with reasons; B2's reason when a better social organisation of the same quality is passed over; reserves the value in the ledger",
                                                           tag: tag, requestBody: "PurchaseAwardInput", responses: step),
               use: ProcurementAPIController.award)
        api.on(.POST, "procurement/{id}/contract", doc: .init("Sign the contract (Art. 23: content, term, quantity, quality, price, settlement, liability)",
                                                              tag: tag, requestBody: "PurchaseContractInput", responses: step),
               use: ProcurementAPIController.contract)
        api.on(.POST, "procurement/{id}/payments", doc: .init("Pay a milestone through the ledger: never over the contract price nor the money reserved",
                                                              tag: tag, requestBody: "PurchasePaymentInput", responses: step.merging([201: "Paid"]) { a, _ in a }),
               use: ProcurementAPIController.pay)
        api.on(.POST, "procurement/{id}/supervision", doc: .init("Record a supervision visit under the contract", tag: tag,
                                                                 requestBody: "PurchaseSupervisionInput", responses: step.merging([201: "Recorded"]) { a, _ in a }),
               use: ProcurementAPIController.supervise)
        api.on(.POST, "procurement/{id}/evaluation", doc: .init("The performance evaluation: closes the contract, returns unused money, enters the integrity record",
                                                                tag: tag, requestBody: "PurchaseEvaluationInput", responses: step),
               use: ProcurementAPIController.evaluate)
        OCDSPublication.routes(web: web, api: api)
    }
}
