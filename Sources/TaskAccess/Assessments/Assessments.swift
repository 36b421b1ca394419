import Fluent
import ShequPlatform
import Vapor

/// Assessments of communities (A5): the registry that lets an assessment,
/// inspection-ranking or evaluation of communities exist only with its national
/// or provincial legal basis, and shows the public, community by community,
/// which ones weigh on each residents' committee. TaskAccessModule calls these.
enum Assessments {
    static var migrations: [any Migration] { [CreateAssessments(), AddAssessmentRegistrationIndex()] }

    static var menu: [MenuEntry] { [MenuEntry(.assessmentRegistry, path: "/assessments", action: .assessmentRegister)] }

    static func demo(_ app: Application) async throws -> String? { try await AssessmentsDemo.fill(app) }

    /// The module's policy with this part's rules added: the grants of an action both name add up.
    static func adding(to rules: PolicyRules) -> PolicyRules {
        var merged = rules
        merged.byRole.merge(policy.byRole) { $0.union($1) }
        merged.byRelation.merge(policy.byRelation) { $0.union($1) }
        return merged
    }

    static func routes(web: any RoutesBuilder, api: APIRoutes) throws {
        web.get("assessments", use: AssessmentPages.index)
        web.get("assessments.csv", use: AssessmentsAPIController.export)
        web.get("assessments", "new", use: AssessmentPages.new)
        web.post("assessments", use: PageDoor.submit(AssessmentsAPIController.register, back: { _ in "/assessments" }))
        web.get("assessments", ":id", use: AssessmentPages.show)
        web.post("assessments", ":id", "withdraw", use: PageDoor.submit(AssessmentsAPIController.withdraw, back: { req in
            "/assessments/\(try AssessmentsAPIController.assessmentID(req).uuidString)"
        }))
        web.get("communities", ":code", "assessments", use: AssessmentPages.community)

        api.schema(AssessmentsAPIController.RegisterInput.self)
        api.schema(AssessmentsAPIController.WithdrawInput.self)
        let tag = "assessments"
        let filters = [AssessmentsAPIController.statusQuery, AssessmentsAPIController.yearQuery]
        api.on(.GET, "assessments", doc: .init("Registered (or withdrawn) assessments of communities, city-wide, a page at a time (public)", tag: tag,
                                               isPublic: true, query: QueryParameter.paging + filters),
               use: AssessmentsAPIController.list)
        api.on(.GET, "assessments/by-body", doc: .init("How many registered assessments each body runs (public)", tag: tag, isPublic: true,
                                                       query: [AssessmentsAPIController.yearQuery]),
               use: AssessmentsAPIController.byBody)
        api.on(.GET, "assessments/export", doc: .init("The registry as CSV: every status unless one is asked for; one community's if named (public)", tag: tag,
                                                      isPublic: true, query: filters + [.string("community", max: 12)], responses: [200: "text/csv"]),
               use: AssessmentsAPIController.export)
        api.on(.GET, "assessments/{id}", doc: .init("One assessment with its legal basis and coverage (public)", tag: tag, isPublic: true),
               use: AssessmentsAPIController.show)
        api.on(.POST, "assessments", doc: .init("Register an assessment of communities with its national or provincial legal basis (department staff for their own department, the leading-group office)",
                                                tag: tag, requestBody: "AssessmentInput",
                                                responses: [201: "Registered", 403: "Not this body's registrar", 409: "Already registered",
                                                            422: "Rule A5: no national or provincial legal basis"]),
               use: AssessmentsAPIController.register)
        api.on(.POST, "assessments/{id}/withdraw", doc: .init("Withdraw a registered assessment, with reasons (leading-group office covering it)", tag: tag,
                                                              requestBody: "AssessmentWithdrawInput", responses: [200: "Withdrawn", 409: "Already withdrawn"]),
               use: AssessmentsAPIController.withdraw)
        api.on(.GET, "communities/{code}/assessments", doc: .init("The registered assessments that cover one community: its burden (public)", tag: tag,
                                                                  isPublic: true, query: QueryParameter.paging),
               use: AssessmentsAPIController.community)
    }
}
