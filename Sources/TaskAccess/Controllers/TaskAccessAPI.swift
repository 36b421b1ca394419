import ShequPlatform
import Vapor

/// The JSON routes, each documented where it is registered.
enum TaskAccessAPI {
    static func routes(_ api: APIRoutes) {
        for schema in [TaskAccessInputs.task, TaskAccessInputs.assign, TaskAccessInputs.plan, TaskAccessInputs.planStep, TaskAccessInputs.deadlines,
                       TaskAccessInputs.agreementTerms, TaskAccessInputs.convert, TaskAccessInputs.terminate, TaskAccessInputs.inspection,
                       TaskAccessInputs.disbursement, TaskAccessInputs.shortfall, TaskAccessInputs.answer] {
            api.schema(schema)
        }
        let tag = "task-access"
        let year: [QueryParameter] = [.integer("year", 2000...2100)]
        api.on(.GET, "task-access/tasks", doc: .init("The registry of tasks committees carry, a page at a time (any signed-in account: it holds no personal data)", tag: tag,
                                                     query: QueryParameter.paging + [QueryParameter("departmentID", .string(maxLength: 36, format: .uuid))]),
               use: TasksAPIController.list)
        api.on(.POST, "task-access/tasks", doc: .init("Register a task (the owning department's staff, the leading-group office)", tag: tag, requestBody: "TaskInput",
                                                      responses: [201: "Registered", 403: "Not this department", 422: "An administrative function of government (rule A1)"]),
               use: TasksAPIController.create)
        api.on(.GET, "task-access/tasks/{id}", doc: .init("One task", tag: tag), use: TasksAPIController.show)
        api.on(.POST, "task-access/tasks/{id}", doc: .init("Edit a task, e.g. take it out of force (its department, the leading-group office)", tag: tag,
                                                           requestBody: "TaskInput", responses: [200: "Changed", 422: "Rule A1"]),
               use: TasksAPIController.update)
        api.on(.POST, "task-access/tasks/{id}/assignments", doc: .init("Assign a task to a committee for a year: only a must-undertake task in force, or one of an approved plan for that community (rule A2); a refusal is logged", tag: tag,
                                                                       requestBody: "AssignmentInput", responses: [201: "Assigned", 409: "Already carried", 422: "Not approved (rule A2)"]),
               use: TasksAPIController.assign)
        api.on(.GET, "communities/{code}/registered-tasks", doc: .init("The registered tasks a community's committee carries in a year (public)", tag: tag, isPublic: true, query: year),
               use: TasksAPIController.carried)

        api.on(.GET, "task-access/plans", doc: .init("Plans: a department's own, and those an office reviews, a page at a time", tag: tag,
                                                     query: QueryParameter.paging + year + [.oneOf("state", PlanState.allCases.map(\.rawValue))]),
               use: PlansAPIController.list)
        api.on(.POST, "task-access/plans", doc: .init("Draft a plan for may-undertake tasks (department staff)", tag: tag, requestBody: "PlanInput",
                                                      responses: [201: "Drafted", 422: "Tasks, communities, fund or a responsibility letter (rule A4)"]),
               use: PlansAPIController.create)
        api.on(.GET, "task-access/plans/{id}", doc: .init("A plan with its tasks, communities, total and history", tag: tag), use: PlansAPIController.show)
        api.on(.POST, "task-access/plans/{id}", doc: .init("Change a draft or sent-back plan (its department)", tag: tag, requestBody: "PlanInput",
                                                           responses: [200: "Changed", 409: "Submitted or decided"]),
               use: PlansAPIController.update)
        api.on(.POST, "task-access/plans/{id}/steps", doc: .init("submit (the department, by the deadline) or approve / requestChanges / reject with a reason (the leading-group office of the plan's reach); approval reserves the funding", tag: tag,
                                                                 requestBody: "PlanStepInput",
                                                                 responses: [200: "Moved", 403: "Not the reviewer of this reach", 409: "Out of order", 422: "Late, no reason, or the money is not there"]),
               use: PlansAPIController.step)
        api.on(.POST, "task-access/plans/{id}/agreements", doc: .init("Turn an approved plan into its agreements, moving its funding to them (the department)", tag: tag,
                                                                      requestBody: "AgreementTermsInput",
                                                                      responses: [201: "Made", 409: "Not approved or already made", 422: "A responsibility letter (rule A4)"]),
               use: AgreementsAPIController.makeFromPlan)
        api.on(.GET, "task-access/deadlines", doc: .init("A year's deadlines for submitting and reviewing plans", tag: tag, query: year),
               use: PlansAPIController.deadlines)
        api.on(.POST, "task-access/deadlines", doc: .init("Set a year's deadlines (the city's leading-group office)", tag: tag, requestBody: "PlanDeadlineInput"),
               use: PlansAPIController.setDeadlines)

        api.on(.GET, "task-access/agreements", doc: .init("Agreements: a department's own, those in an office's scope, a page at a time", tag: tag, query: QueryParameter.paging),
               use: AgreementsAPIController.list)
        api.on(.GET, "task-access/agreements/{id}", doc: .init("An agreement with its committees, inspections and disbursements", tag: tag),
               use: AgreementsAPIController.show)
        api.on(.POST, "task-access/agreements/{id}/convert", doc: .init("Convert a legacy responsibility letter to an entrustment or purchase-of-service agreement", tag: tag,
                                                                        requestBody: "AgreementConvertInput", responses: [201: "Converted", 409: "Not an active letter"]),
               use: AgreementsAPIController.convert)
        api.on(.POST, "task-access/agreements/{id}/terminate", doc: .init("Terminate an agreement or a legacy letter, with the reason", tag: tag,
                                                                          requestBody: "AgreementTerminateInput", responses: [200: "Terminated", 409: "Not active"]),
               use: AgreementsAPIController.terminate)
        api.on(.POST, "task-access/agreements/{id}/inspections", doc: .init("Record an inspection and its result (the department)", tag: tag,
                                                                            requestBody: "InspectionInput", responses: [201: "Recorded"]),
               use: AgreementsAPIController.inspect)
        api.on(.POST, "task-access/agreements/{id}/disbursements", doc: .init("Pay a covered committee from the agreement's funding (the department, the leading-group office)", tag: tag,
                                                                              requestBody: "DisbursementInput", responses: [201: "Paid", 422: "Not covered, or more than is left"]),
               use: AgreementsAPIController.disburse)

        api.on(.GET, "task-access/burden", doc: .init("Every committee's burden in scope: tasks, hours, funding promised and received, a page at a time", tag: tag,
                                                      query: QueryParameter.paging + year),
               use: BurdenAPIController.list)
        api.on(.GET, "task-access/burden.csv", doc: .init("The same as CSV", tag: tag, query: year, responses: [200: "text/csv"]),
               use: BurdenAPIController.csv)
        api.on(.GET, "communities/{code}/task-burden", doc: .init("A committee's burden with its tasks, agreements and shortfall reports", tag: tag, query: year),
               use: BurdenAPIController.community)
        api.on(.POST, "communities/{code}/shortfalls", doc: .init("Report that promised funding or working conditions did not arrive (the residents' committee)", tag: tag,
                                                                  requestBody: "ShortfallInput", responses: [201: "Reported"]),
               use: BurdenAPIController.report)
        api.on(.GET, "task-access/shortfalls", doc: .init("Shortfall reports for the caller's department, office or committee, a page at a time", tag: tag, query: QueryParameter.paging),
               use: BurdenAPIController.shortfalls)
        api.on(.POST, "task-access/shortfalls/{id}/answer", doc: .init("Answer a shortfall report (the department, the leading-group office)", tag: tag,
                                                                       requestBody: "ShortfallAnswerInput"),
               use: BurdenAPIController.answer)
    }
}
