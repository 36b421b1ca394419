import Fluent
import Foundation
import ShequKernel
import ShequPlatform

/// The chain of S1 for one matter: each step by the body entitled to it and
/// only in order, each written to the community's public record in the same
/// transaction. Callable without HTTP; controllers check who is asking.
public enum Matters {
    static let maxText = 4000

    static func clean(_ text: String, field: String, max: Int = maxText, required: Bool = true) throws -> String {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && t.isEmpty { throw ShequError.invalid(.errorMissingField, field, code: "missing_field") }
        guard t.count <= max else { throw ShequError.invalid(.errorTooLong, "\(field) ≤ \(max)", code: "too_long") }
        return t
    }

    /// Which body takes which step, and the action the policy checks for it.
    /// Adoption and rejection have none: they come only from an assembly's count.
    public static func body(for step: MatterStep) -> (BodyKind, Action)? {
        switch step {
        case .takeUp, .decline, .recommend: (.deliberationCommittee, .matterDeliberate)
        case .finishExecution: (.residentsCommittee, .matterExecute)
        case .close, .sendBack: (.supervisionCommittee, .matterSupervise)
        case .adopt, .reject: nil
        }
    }

    public static func raise(community: String, title: String, description: String, source: MatterSource, by body: String,
                             on db: any Database) async throws -> Matter {
        let matter = Matter()
        matter.id = UUID()
        matter.divisionCode = community
        matter.title = try clean(title, field: "title", max: 200)
        matter.description = try clean(description, field: "description")
        matter.source = source
        matter.stage = .raised
        try await matter.create(on: db)
        try await PublicRecord.append(.init(community: community, matterID: matter.id, kind: "matter.raised", body: body,
                                            summary: "\(matter.title)（来源：\(source.phrase.zh)）"), on: db)
        return matter
    }

    /// Moves the matter one step, refusing anything out of order with the stage it is in.
    public static func take(_ step: MatterStep, on matter: Matter, text: String, by body: String, db: any Database) async throws {
        let next: MatterStage
        do {
            next = try step.next(from: matter.stage)
        } catch {
            throw ShequError(.conflict, .errorStepOutOfOrder, detail: "\(matter.stage.rawValue) → \(step.rawValue)", code: "out_of_order")
        }
        let note = try clean(text, field: "text", required: step == .decline || step == .recommend || step == .sendBack || step == .close)
        switch step {
        case .recommend:
            matter.recommendation = note
        case .finishExecution:
            let tasks = try await MatterTask.query(on: db).filter(\.$matterID == matter.requireID()).all()
            guard !tasks.isEmpty, tasks.allSatisfy({ $0.state == .done }) else {
                throw ShequError(.conflict, .errorTasksNotDone, code: "tasks_not_done")
            }
        case .close:
            if try await MatterTask.query(on: db).filter(\.$matterID == matter.requireID()).filter(\.$state == .flagged).count() > 0 {
                throw ShequError(.conflict, .errorFlaggedTasks, code: "flagged_tasks")
            }
            matter.outcome = note
        case .decline, .reject:
            matter.outcome = note
        default:
            break
        }
        matter.stage = next
        try await matter.save(on: db)
        try await PublicRecord.append(.init(community: matter.divisionCode, matterID: matter.id, kind: "matter." + step.rawValue,
                                            body: body, summary: note.isEmpty ? "→ \(next.phrase.zh)" : "→ \(next.phrase.zh)：\(note)"), on: db)
    }

    /// Discussion, minutes and options belong to deliberation; inspections to supervision.
    public static func note(_ kind: MatterNoteKind, on matter: Matter, text: String, by body: String, db: any Database) async throws -> MatterNote {
        let allowed: Set<MatterStage>
        switch kind {
        case .discussion, .minutes, .option: allowed = [.raised, .deliberation, .decision]
        case .inspection: allowed = [.execution, .supervision]
        default: throw ShequError.invalid(.errorInvalidValue, "kind", code: "invalid")
        }
        guard allowed.contains(matter.stage) else {
            throw ShequError(.conflict, .errorStepOutOfOrder, detail: "\(matter.stage.rawValue) → \(kind.rawValue)", code: "out_of_order")
        }
        let n = MatterNote()
        n.matterID = try matter.requireID()
        n.kind = kind
        n.text = try clean(text, field: "text")
        n.author = body
        try await n.create(on: db)
        try await PublicRecord.append(.init(community: matter.divisionCode, matterID: matter.id, kind: "note." + kind.rawValue,
                                            body: body, summary: n.text), on: db)
        return n
    }

    /// 执行: only a matter the assembly decided can be turned into tasks.
    public static func addTask(to matter: Matter, title: String, owner: String, dueOn: LocalDate, by body: String,
                               db: any Database) async throws -> MatterTask {
        guard matter.stage == .execution else {
            throw ShequError(.conflict, .errorNotDecided, detail: matter.stage.rawValue, code: "not_decided")
        }
        let task = MatterTask()
        task.id = UUID()
        task.matterID = try matter.requireID()
        task.title = try clean(title, field: "title", max: 200)
        task.owner = try clean(owner, field: "owner", max: 100)
        task.dueOn = dueOn.description
        task.state = .open
        task.progress = 0
        try await task.create(on: db)
        try await PublicRecord.append(.init(community: matter.divisionCode, matterID: matter.id, kind: "task.added", body: body,
                                            summary: "\(task.title) — 责任人 \(task.owner)，\(task.dueOn) 前完成"), on: db)
        return task
    }

    public static func report(on task: MatterTask, of matter: Matter, text: String, progress: Int, by body: String,
                              db: any Database) async throws {
        guard matter.stage == .execution else {
            throw ShequError(.conflict, .errorNotDecided, detail: matter.stage.rawValue, code: "not_decided")
        }
        guard (0...100).contains(progress) else { throw ShequError.invalid(.errorInvalidValue, "progress 0–100", code: "invalid") }
        let n = MatterNote()
        n.matterID = try matter.requireID()
        n.taskID = task.id
        n.kind = .progress
        n.text = try clean(text, field: "text")
        n.author = body
        try await n.create(on: db)
        task.progress = progress
        task.state = progress == 100 ? .done : .open
        try await task.save(on: db)
        try await PublicRecord.append(.init(community: matter.divisionCode, matterID: matter.id, kind: "task.progress", body: body,
                                            summary: "\(task.title)：进度 \(progress)% — \(n.text)"), on: db)
    }

    /// 协助: a social organisation's part in a task, and what it did.
    public static func assist(task: MatterTask, of matter: Matter, organization: Organization, text: String, by body: String,
                              db: any Database) async throws {
        guard matter.stage == .execution || matter.stage == .supervision else {
            throw ShequError(.conflict, .errorNotDecided, detail: matter.stage.rawValue, code: "not_decided")
        }
        let n = MatterNote()
        n.matterID = try matter.requireID()
        n.taskID = task.id
        n.kind = .assistance
        n.text = try clean(text, field: "text")
        n.author = body
        n.organizationID = organization.id
        try await n.create(on: db)
        try await PublicRecord.append(.init(community: matter.divisionCode, matterID: matter.id, kind: "task.assistance",
                                            body: organization.name, summary: "\(task.title)：\(n.text)"), on: db)
    }

    /// 监督: a finding of the supervision committee, published. "Not as
    /// decided" flags the task and, once execution was reported finished,
    /// sends the matter back to the residents' committee.
    public static func finding(on matter: Matter, task: MatterTask?, asDecided: Bool, text: String, by body: String,
                               db: any Database) async throws -> MatterNote {
        guard matter.stage == .execution || matter.stage == .supervision else {
            throw ShequError(.conflict, .errorStepOutOfOrder, detail: "\(matter.stage.rawValue) → finding", code: "out_of_order")
        }
        let n = MatterNote()
        n.matterID = try matter.requireID()
        n.taskID = task?.id
        n.kind = .finding
        n.text = try clean(text, field: "text")
        n.author = body
        n.asDecided = asDecided
        try await n.create(on: db)
        if !asDecided, let task {
            task.state = .flagged
            try await task.save(on: db)
        }
        let verdict = asDecided ? "按决定执行" : "未按决定执行"
        try await PublicRecord.append(.init(community: matter.divisionCode, matterID: matter.id, kind: "supervision.finding", body: body,
                                            summary: "\(task.map { $0.title + "：" } ?? "")\(verdict) — \(n.text)"), on: db)
        if !asDecided && matter.stage == .supervision {
            try await take(.sendBack, on: matter, text: n.text, by: body, db: db)
        }
        return n
    }
}
