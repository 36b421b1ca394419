import Fluent
import ShequKernel
import ShequPlatform
import Vapor

enum MattersAPIController {
    struct MatterInput: Content {
        var title: String
        var description: String
        var source: MatterSource?
    }

    struct StepInput: Content {
        var step: MatterStep
        var text: String?
    }

    struct NoteInput: Content {
        var kind: MatterNoteKind
        var text: String
    }

    struct TaskInput: Content {
        var title: String
        var owner: String
        var dueOn: String
    }

    struct ReportInput: Content {
        var text: String
        var progress: Int
    }

    struct AssistInput: Content {
        var organizationID: UUID
        var text: String
    }

    struct FindingInput: Content {
        var text: String
        var asDecided: Bool
        /// A string so the page's "no particular task" (empty) and the API's absent field mean the same.
        var taskID: String?
    }

    struct MatterDetail: Content {
        var matter: Matter
        var notes: [MatterNote]
        var tasks: [MatterTask]
        var assemblies: [Assembly]
    }

    static func list(_ req: Request, community: String) async throws -> ListPage<MatterRow> {
        let page = try ListPageRequest(req)
        return try await MatterRow.inCommunity(community, on: try req.db.sql()).paged(page, decoding: MatterRow.self)
    }

    /// Matters change only with an entry on their community's public record (`Matters`), so the record's head
    /// is the list's version: kept per instance and sent with an `ETag` (`PublicAnswers`).
    static func listAnswer(_ req: Request) async throws -> Response {
        let community = try await req.community()
        let version = try await PublicRecord.heads.token(community, on: req.db)
        return try await req.application.publicAnswers.json(req, token: version) { try await list(req, community: community) }
    }

    /// Residents raise matters in their own community; the residents' committee and the street anywhere in scope.
    static func raise(_ req: Request) async throws -> Response {
        let community = try await req.community()
        let input = try req.validatedContent(MatterInput.self)
        let actor = try req.requireActor()
        let body: String, source: MatterSource
        if Policy.may(actor, .matterRaise, at: community) {
            let street = actor.roles.contains(.streetOfficial) && !actor.roles.contains(.communityStaff)
            body = "\(street ? "street" : BodyKind.residentsCommittee.rawValue) · \(actor.username)"
            source = input.source ?? (street ? .street : .committee)
        } else {
            _ = try await req.residentOf(community, action: .matterRaise, entity: "matter")
            body = "resident"
            source = input.source.map { $0 == .committee || $0 == .street ? .resident : $0 } ?? .resident
        }
        let matter = try await req.writeRecorded("matter.raise", entity: "matter", scope: community) { db in
            try await Matters.raise(community: community, title: input.title, description: input.description, source: source, by: body, on: db)
        }
        return try await matter.encodeResponse(status: .created, for: req)
    }

    static func load(_ req: Request) async throws -> Matter {
        guard let id = req.parameters.get("id", as: UUID.self), let m = try await Matter.find(id, on: req.db) else { throw ShequError.notFound }
        return m
    }

    static func show(_ req: Request) async throws -> MatterDetail {
        try await detail(try await load(req), on: req.db)
    }

    /// A matter's notes, tasks and assemblies change only with an entry on its community's public record
    /// (`Matters`, `Assemblies`), so that record's head is the version of what the public sees of it.
    static func version(_ req: Request) async throws -> String {
        guard let id = req.parameters.get("id", as: UUID.self),
              let row = try await req.db.sql().select().column("division_code").from(Matter.schema).where("id", .equal, id).first()
        else { throw ShequError.notFound }
        return try await PublicRecord.heads.token(try row.decode(column: "division_code", as: String.self), on: req.db)
    }

    static func showAnswer(_ req: Request) async throws -> Response {
        let version = try await version(req)
        return try await req.application.publicAnswers.json(req, token: version) { try await show(req) }
    }

    static func detail(_ m: Matter, on db: any Database) async throws -> MatterDetail {
        let id = try m.requireID()
        return MatterDetail(matter: m,
                            notes: try await MatterNote.query(on: db).filter(\.$matterID == id).sort(\.$createdAt).all(),
                            tasks: try await MatterTask.query(on: db).filter(\.$matterID == id).sort(\.$createdAt).all(),
                            assemblies: try await Assembly.query(on: db).filter(\.$matterID == id).sort(\.$startsAt).all())
    }

    static func step(_ req: Request) async throws -> MatterDetail {
        let matter = try await load(req)
        let input = try req.validatedContent(StepInput.self)
        // Adoption and rejection come only from an assembly's count.
        guard let (kind, action) = Matters.body(for: input.step) else {
            throw ShequError(.conflict, .errorStepOutOfOrder, detail: input.step.rawValue, code: "by_vote_only")
        }
        let who = try await req.actingFor(kind, action, at: matter.divisionCode, entity: "matter", entityID: matter.id?.uuidString)
        try await req.writeRecorded("matter." + input.step.rawValue, entity: "matter", scope: matter.divisionCode) { db in
            try await Matters.take(input.step, on: matter, text: input.text ?? "", by: who.body, db: db)
        }
        return try await detail(matter, on: req.db)
    }

    /// Discussion is open to the community's residents and the deliberation committee; minutes and options are the committee's; inspections the supervision committee's.
    static func note(_ req: Request) async throws -> Response {
        let matter = try await load(req)
        let input = try req.validatedContent(NoteInput.self)
        let body: String
        switch input.kind {
        case .discussion:
            let actor = try req.requireActor()
            if Policy.may(actor, .matterDeliberate, at: matter.divisionCode) {
                body = "\(BodyKind.deliberationCommittee.rawValue) · \(actor.username)"
            } else {
                _ = try await req.residentOf(matter.divisionCode, action: .matterDiscuss, entity: "matter")
                body = "resident"
            }
        case .minutes, .option:
            body = try await req.actingFor(.deliberationCommittee, .matterDeliberate, at: matter.divisionCode, entity: "matter").body
        case .inspection:
            body = try await req.actingFor(.supervisionCommittee, .matterSupervise, at: matter.divisionCode, entity: "matter").body
        default:
            throw ShequError.invalid(.errorInvalidValue, "kind", code: "invalid")
        }
        let note = try await req.writeRecorded("matter.note", entity: "matter", scope: matter.divisionCode) { db in
            try await Matters.note(input.kind, on: matter, text: input.text, by: body, db: db)
        }
        return try await note.encodeResponse(status: .created, for: req)
    }

    static func addTask(_ req: Request) async throws -> Response {
        let matter = try await load(req)
        let input = try req.validatedContent(TaskInput.self)
        let who = try await req.actingFor(.residentsCommittee, .matterExecute, at: matter.divisionCode, entity: "matter")
        let due = try GovernanceAPIController.date(input.dueOn, field: "dueOn")
        let task = try await req.writeRecorded("matter.task", entity: "matter", scope: matter.divisionCode) { db in
            try await Matters.addTask(to: matter, title: input.title, owner: input.owner, dueOn: due, by: who.body, db: db)
        }
        return try await task.encodeResponse(status: .created, for: req)
    }

    static func loadTask(_ req: Request) async throws -> (MatterTask, Matter) {
        guard let id = req.parameters.get("id", as: UUID.self), let task = try await MatterTask.find(id, on: req.db),
              let matter = try await Matter.find(task.matterID, on: req.db) else { throw ShequError.notFound }
        return (task, matter)
    }

    static func report(_ req: Request) async throws -> MatterTask {
        let (task, matter) = try await loadTask(req)
        let input = try req.validatedContent(ReportInput.self)
        let who = try await req.actingFor(.residentsCommittee, .matterExecute, at: matter.divisionCode, entity: "task")
        try await req.writeRecorded("task.report", entity: "task", scope: matter.divisionCode) { db in
            try await Matters.report(on: task, of: matter, text: input.text, progress: input.progress, by: who.body, db: db)
        }
        return task
    }

    static func assist(_ req: Request) async throws -> Response {
        let (task, matter) = try await loadTask(req)
        let input = try req.validatedContent(AssistInput.self)
        let who = try await req.actingFor(.residentsCommittee, .matterExecute, at: matter.divisionCode, entity: "task")
        guard let org = try await Organization.find(input.organizationID, on: req.db), org.kind == .socialOrganization else {
            throw ShequError.invalid(.errorUnknownOrganization, input.organizationID.uuidString, code: "unknown_organization")
        }
        try await req.writeRecorded("task.assist", entity: "task", scope: matter.divisionCode) { db in
            try await Matters.assist(task: task, of: matter, organization: org, text: input.text, by: who.body, db: db)
        }
        return try await detail(matter, on: req.db).encodeResponse(status: .created, for: req)
    }

    static func finding(_ req: Request) async throws -> Response {
        let matter = try await load(req)
        let input = try req.validatedContent(FindingInput.self)
        let who = try await req.actingFor(.supervisionCommittee, .matterSupervise, at: matter.divisionCode, entity: "matter")
        var task: MatterTask? = nil
        if let raw = input.taskID, !raw.isEmpty {
            guard let taskID = UUID(uuidString: raw), let t = try await MatterTask.find(taskID, on: req.db), t.matterID == matter.id else {
                throw ShequError.invalid(.errorInvalidValue, "taskID", code: "invalid")
            }
            task = t
        }
        let note = try await req.writeRecorded("matter.finding", entity: "matter", scope: matter.divisionCode) { [task] db in
            try await Matters.finding(on: matter, task: task, asDecided: input.asDecided, text: input.text, by: who.body, db: db)
        }
        return try await note.encodeResponse(status: .created, for: req)
    }
}
