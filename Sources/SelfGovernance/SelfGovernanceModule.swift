import Fluent
import ShequPlatform
import Vapor

/// Residents' self-governance (S1, S2): charters, bodies, matters from
/// deliberation to supervision, assemblies and votes, the public record.
public struct SelfGovernanceModule: ShequModule {
    public init() {}
    public var name: String { "selfGovernance" }
    public var migrations: [any Migration] { [CreateSelfGovernance(), CreateChannels(), CreateCompounds(), AddMemberGroup(),
                                                   AddOneOpenAssemblyPerMatter(), AddPublicRecordSeals()] }
    public var commands: [(String, any AsyncCommand)] { [("record", RecordCommand())] }

    public var menu: [MenuEntry] { [MenuEntry(.selfGovernance, path: "/governance", action: nil)] }

    public func boot(_ app: Application) async throws {
        // Pinned before any request, so the getter does not read the environment on every use.
        app.selfGovernanceSettings = app.selfGovernanceSettings
        app.publicRecordVerdicts = ChainVerdicts()
    }

    public func demo(_ app: Application) async throws -> String? {
        try await GovernanceDemo.fill(app)
    }

    public func routes(web: any RoutesBuilder, api: APIRoutes) throws {
        web.get("governance", use: GovernancePages.start)
        web.get("communities", ":code", "governance", use: GovernancePages.community)
        web.get("communities", ":code", "record", use: GovernancePages.record)
        web.get("communities", ":code", "assemblies.ics", use: PublicRecordController.calendar)
        web.get("matters", ":id", use: GovernancePages.matter)
        web.get("communities", ":code", "messages", use: ChannelPages.list)
        web.post("communities", ":code", "messages", use: PageDoor.submit(ChannelsAPIController.post, back: ChannelPages.messagesOf))
        web.post("communities", ":code", "hotline-calls", use: PageDoor.submit(ChannelsAPIController.call, back: ChannelPages.messagesOf))
        web.get("messages", ":id", use: ChannelPages.show)
        web.post("messages", ":id", "replies", use: PageDoor.submit(ChannelsAPIController.reply, back: ChannelPages.back))
        web.post("messages", ":id", "answer", use: PageDoor.submit(ChannelsAPIController.answer, back: ChannelPages.back))
        web.post("messages", ":id", "hide", use: PageDoor.submit(ChannelsAPIController.hide, back: ChannelPages.back))
        web.post("messages", ":id", "appeal", use: PageDoor.submit(ChannelsAPIController.appeal, back: ChannelPages.back))
        web.post("assemblies", ":id", "vote", use: GovernancePages.vote)
        // The committees' forms on the matter page; each runs the API's handler and returns to the matter.
        web.post("matters", ":id", "steps", use: PageDoor.submit(MattersAPIController.step, back: CommitteeForms.matterOf))
        web.post("matters", ":id", "notes", use: PageDoor.submit(MattersAPIController.note, back: CommitteeForms.matterOf))
        web.post("matters", ":id", "assemblies", use: CommitteeForms.convene)
        web.post("matters", ":id", "tasks", use: PageDoor.submit(MattersAPIController.addTask, back: CommitteeForms.matterOf))
        web.post("matters", ":id", "findings", use: PageDoor.submit(MattersAPIController.finding, back: CommitteeForms.matterOf))
        web.post("tasks", ":id", "reports", use: PageDoor.submit(MattersAPIController.report, back: CommitteeForms.matterOfTask))
        web.post("assemblies", ":id", "attendance", use: CommitteeForms.attend)
        web.post("assemblies", ":id", "open", use: PageDoor.submit(AssembliesAPIController.open, back: CommitteeForms.matterOfAssembly))
        web.post("assemblies", ":id", "close", use: PageDoor.submit(AssembliesAPIController.close, back: CommitteeForms.matterOfAssembly))
        web.post("assemblies", ":id", "adjourn", use: PageDoor.submit(AssembliesAPIController.adjourn, back: CommitteeForms.matterOfAssembly))
        try GovernanceLinks.routes(web: web, api: api)

        api.schema(GovernanceAPIController.CharterInput.self)
        api.schema(GovernanceAPIController.BodyInput.self)
        api.schema(GovernanceAPIController.MemberInput.self)
        api.schema(MattersAPIController.MatterInput.self)
        api.schema(MattersAPIController.StepInput.self)
        api.schema(MattersAPIController.NoteInput.self)
        api.schema(AssembliesAPIController.ConveneInput.self)
        api.schema(AssembliesAPIController.AttendanceInput.self)
        api.schema(AssembliesAPIController.BallotInput.self)
        api.schema(MattersAPIController.TaskInput.self)
        api.schema(MattersAPIController.ReportInput.self)
        api.schema(MattersAPIController.AssistInput.self)
        api.schema(MattersAPIController.FindingInput.self)

        let tag = "self-governance"
        api.on(.GET, "communities/{code}/charter", doc: .init("The charter in force and its voting rules (public)", tag: tag, isPublic: true),
               use: GovernanceAPIController.charter)
        api.on(.POST, "communities/{code}/charters", doc: .init("Adopt a new charter version (residents' committee, street)", tag: tag,
                                                                requestBody: "CharterInput", responses: [201: "Adopted", 422: "Rules that cannot work, or below the Organic Law"]),
               use: GovernanceAPIController.adoptCharter)
        api.on(.GET, "communities/{code}/bodies", doc: .init("Committees, assemblies' representatives and groups with members (public)", tag: tag, isPublic: true),
               use: GovernanceAPIController.bodies)
        api.on(.POST, "communities/{code}/bodies", doc: .init("Set up a body", tag: tag, requestBody: "BodyInput", responses: [201: "Created"]),
               use: GovernanceAPIController.createBody)
        api.on(.POST, "bodies/{id}/members", doc: .init("Seat a resident on a body for a term", tag: tag, requestBody: "MemberInput", responses: [201: "Seated"]),
               use: GovernanceAPIController.addMember)
        api.on(.GET, "communities/{code}/matters", doc: .init("The community's matters, newest first, a page at a time (public); sent with an ETag, "
                                                             + "If-None-Match answers 304 while the community's public record stays as it was", tag: tag, isPublic: true,
                                                             query: QueryParameter.paging, responses: [200: "A page of matters", 304: "Not modified"]),
               use: MattersAPIController.listAnswer)
        api.on(.POST, "communities/{code}/matters", doc: .init("Raise a matter: a resident of the community, its committee or the street", tag: tag,
                                                               requestBody: "MatterInput", responses: [201: "Raised"]),
               use: MattersAPIController.raise)
        api.on(.GET, "matters/{id}", doc: .init("A matter with its notes, tasks and assemblies (public); sent with an ETag", tag: tag, isPublic: true,
                                                responses: [200: "The matter", 304: "Not modified", 404: "No such matter"]),
               use: MattersAPIController.showAnswer)
        api.on(.POST, "matters/{id}/steps", doc: .init("Move a matter: takeUp/decline/recommend (deliberation committee), finishExecution (residents' committee), sendBack/close (supervision committee)",
                                                       tag: tag, requestBody: "MatterStepInput", responses: [200: "Moved", 409: "Out of order"]),
               use: MattersAPIController.step)
        api.on(.POST, "matters/{id}/notes", doc: .init("Discussion (residents, deliberation committee), minutes and options (deliberation committee), inspections (supervision committee)",
                                                       tag: tag, requestBody: "NoteInput", responses: [201: "Recorded", 409: "Wrong stage"]),
               use: MattersAPIController.note)
        api.on(.POST, "matters/{id}/assemblies", doc: .init("Convene an assembly to decide the matter (residents' committee)", tag: tag,
                                                            requestBody: "ConveneInput", responses: [201: "Convened", 409: "Not recommended yet, or an assembly on the matter has not ended", 422: "Notice period"]),
               use: AssembliesAPIController.convene)
        api.on(.POST, "matters/{id}/tasks", doc: .init("Turn a decided matter into a task (residents' committee)", tag: tag,
                                                       requestBody: "TaskInput", responses: [201: "Added", 409: "Not decided"]),
               use: MattersAPIController.addTask)
        api.on(.POST, "matters/{id}/findings", doc: .init("A supervision finding, published (supervision committee)", tag: tag,
                                                          requestBody: "FindingInput", responses: [201: "Published"]),
               use: MattersAPIController.finding)
        api.on(.POST, "tasks/{id}/reports", doc: .init("Report a task's progress (residents' committee)", tag: tag, requestBody: "ReportInput"),
               use: MattersAPIController.report)
        api.on(.POST, "tasks/{id}/assistance", doc: .init("Record a social organisation's assistance with a task", tag: tag,
                                                          requestBody: "AssistInput", responses: [201: "Recorded"]),
               use: MattersAPIController.assist)
        api.on(.GET, "assemblies/{id}", doc: .init("An assembly and, once closed, its result (public)", tag: tag, isPublic: true),
               use: AssembliesAPIController.show)
        api.on(.POST, "assemblies/{id}/attendance", doc: .init("Register a resident present (residents' committee)", tag: tag,
                                                               requestBody: "AttendanceInput", responses: [201: "Registered", 409: "Already present"]),
               use: AssembliesAPIController.attend)
        api.on(.POST, "assemblies/{id}/open", doc: .init("Open voting once the assembly has started; the eligible count is fixed now (residents' committee)", tag: tag,
                                                         responses: [200: "Opened", 409: "Not scheduled, or the assembly has not started"]),
               use: AssembliesAPIController.open)
        api.on(.POST, "assemblies/{id}/ballots", doc: .init("Cast one's own ballot (an eligible resident, once)", tag: tag,
                                                            requestBody: "BallotInput", responses: [201: "Cast", 409: "Already voted, voting not open or closed, or the assembly has not started"]),
               use: AssembliesAPIController.vote)
        api.on(.POST, "assemblies/{id}/close", doc: .init("Count and publish; refused without quorum (residents' committee)", tag: tag,
                                                          responses: [200: "Counted", 409: "No quorum, or the assembly has not started"]),
               use: AssembliesAPIController.close)
        api.on(.POST, "assemblies/{id}/adjourn", doc: .init("End without a decision (residents' committee)", tag: tag),
               use: AssembliesAPIController.adjourn)
        api.schema(ChannelsAPIController.MessageInput.self)
        api.schema(ChannelsAPIController.CallInput.self)
        api.schema(ChannelsAPIController.TextInput.self)
        api.schema(ChannelsAPIController.AppealDecision.self)
        api.schema(ChannelsAPIController.ApplicationInput.self)
        api.on(.GET, "communities/{code}/messages", doc: .init("Mailbox letters, hotline calls and forum topics with their answers; authors masked (public)",
                                                               tag: tag, isPublic: true, query: QueryParameter.paging + [.oneOf("channel", Channel.allCases.map(\.rawValue))]),
               use: ChannelsAPIController.list)
        api.on(.POST, "communities/{code}/messages", doc: .init("Write to the opinion mailbox or open a forum topic (a resident of the community)", tag: tag,
                                                                requestBody: "MessageInput", responses: [201: "Posted"]),
               use: ChannelsAPIController.post)
        api.on(.POST, "communities/{code}/hotline-calls", doc: .init("Log a hotline call (residents' committee)", tag: tag,
                                                                     requestBody: "CallInput", responses: [201: "Logged"]),
               use: ChannelsAPIController.call)
        api.on(.GET, "communities/{code}/messages/overdue", doc: .init("Messages not answered by their due date, a page at a time (supervision committee, residents' committee)", tag: tag,
                                                                      query: QueryParameter.paging),
               use: ChannelsAPIController.overdue)
        api.on(.GET, "messages/{id}", doc: .init("One message with its answer and forum replies (public)", tag: tag, isPublic: true),
               use: ChannelsAPIController.show)
        api.on(.POST, "messages/{id}/answer", doc: .init("Answer a message (residents' committee)", tag: tag, requestBody: "TextInput"),
               use: ChannelsAPIController.answer)
        api.on(.POST, "messages/{id}/replies", doc: .init("Reply to a forum topic (a resident of the community)", tag: tag,
                                                          requestBody: "TextInput", responses: [201: "Posted"]),
               use: ChannelsAPIController.reply)
        api.on(.POST, "messages/{id}/hide", doc: .init("Hide a forum topic, giving the reason (residents' committee)", tag: tag, requestBody: "TextInput"),
               use: ChannelsAPIController.hide)
        api.on(.POST, "replies/{id}/hide", doc: .init("Hide a forum reply, giving the reason (residents' committee)", tag: tag, requestBody: "TextInput"),
               use: ChannelsAPIController.hideReply)
        api.on(.POST, "messages/{id}/appeal", doc: .init("Appeal a hidden topic (its author)", tag: tag, requestBody: "TextInput"),
               use: ChannelsAPIController.appeal)
        api.on(.POST, "messages/{id}/appeal-decision", doc: .init("Decide an appeal (supervision committee)", tag: tag, requestBody: "AppealDecision"),
               use: ChannelsAPIController.decideAppeal)
        api.on(.POST, "messages/{id}/matter", doc: .init("Turn a message into a matter (residents' committee)", tag: tag, responses: [201: "Raised"]),
               use: ChannelsAPIController.toMatter)
        api.on(.POST, "messages/{id}/application", doc: .init("Turn a message into a service application for its author (window staff)", tag: tag,
                                                              requestBody: "MessageApplicationInput"),
               use: ChannelsAPIController.toApplication)
        api.schema(CompoundsAPIController.CompoundInput.self)
        api.schema(CompoundsAPIController.GuidanceInput.self)
        api.schema(CompoundsAPIController.MeetingInput.self)
        api.schema(CompoundsAPIController.OutcomeInput.self)
        api.on(.GET, "communities/{code}/compounds", doc: .init("Residential compounds, a page at a time (public)", tag: tag, isPublic: true, query: QueryParameter.paging), use: CompoundsAPIController.list)
        api.on(.POST, "communities/{code}/compounds", doc: .init("Register a compound with its owners' committee and property manager", tag: tag,
                                                                 requestBody: "CompoundInput", responses: [201: "Registered"]),
               use: CompoundsAPIController.create)
        api.on(.GET, "compounds/{id}", doc: .init("A compound with guidance, meetings and follow-ups (public)", tag: tag, isPublic: true),
               use: CompoundsAPIController.show)
        api.on(.POST, "compounds/{id}/guidance", doc: .init("Record guidance or supervision of the owners' committee (residents' committee)", tag: tag,
                                                            requestBody: "GuidanceInput", responses: [201: "Recorded"]),
               use: CompoundsAPIController.guide)
        api.on(.POST, "compounds/{id}/meetings", doc: .init("Record a three-party meeting with minutes and follow-ups (residents' committee)", tag: tag,
                                                            requestBody: "MeetingInput", responses: [201: "Recorded", 422: "A party missing"]),
               use: CompoundsAPIController.meet)
        api.on(.POST, "meeting-follow-ups/{id}/done", doc: .init("Record a follow-up done, with its outcome (residents' committee)", tag: tag,
                                                                 requestBody: "OutcomeInput"),
               use: CompoundsAPIController.completeFollowUp)
        api.on(.GET, "communities/{code}/record", doc: .init("The community's public record, newest first, a page at a time, and whether its chain holds "
                                                           + "(public; the verdict at most a minute old, walked again after any new entry); sent with an ETag",
                                                           tag: tag, isPublic: true, query: QueryParameter.paging,
                                                           responses: [200: "A page of the record", 304: "Not modified"]),
               use: PublicRecordController.recordAnswer)
    }
}
