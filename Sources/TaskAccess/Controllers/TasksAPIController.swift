import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// A1 and A2: the registry of tasks and assignments to committees.
enum TasksAPIController {
    struct TaskInput: Content {
        var title: String
        var legalBasis: String
        var departmentID: UUID?
        var classification: TaskClassification
        var classifiedBy: String
        var nature: TaskNature
        var hoursPerYear: Int
        var inForce: Bool
        var fromYear: Int
        var toYear: Int?

        var fields: TaskFields {
            TaskFields(title: title, legalBasis: legalBasis, classification: classification, classifiedBy: classifiedBy, nature: nature,
                       hoursPerYear: hoursPerYear, inForce: inForce, fromYear: fromYear, toYear: toYear)
        }

        /// The page's form sends an open-ended task's empty "to year" as "": absent, as the schema already read it;
        /// the form decoder alone would refuse it as the wrong type, so no open-ended task could be registered or edited there.
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            title = try c.decode(String.self, forKey: .title)
            legalBasis = try c.decode(String.self, forKey: .legalBasis)
            departmentID = try c.decodeIfPresent(UUID.self, forKey: .departmentID)
            classification = try c.decode(TaskClassification.self, forKey: .classification)
            classifiedBy = try c.decode(String.self, forKey: .classifiedBy)
            nature = try c.decode(TaskNature.self, forKey: .nature)
            hoursPerYear = try c.decode(Int.self, forKey: .hoursPerYear)
            inForce = try c.decode(Bool.self, forKey: .inForce)
            fromYear = try c.decode(Int.self, forKey: .fromYear)
            toYear = try c.decodeEmptyAsAbsent(Int.self, forKey: .toYear)
        }
    }

    struct AssignmentInput: Content {
        var community: String
        var year: Int
    }

    /// The department a body names, or the caller's own one when they have exactly one.
    static func chosenDepartment(_ id: UUID?, _ req: Request) async throws -> Department {
        if let id { return try await req.department(id) }
        let own = TaskAccessAuthority.ownDepartments(try req.requireActor())
        guard own.count == 1, let only = own.first else { throw ShequError.invalid(.errorMissingField, "departmentID", code: "missing_field") }
        return try await req.department(only)
    }

    /// The registry (no personal data in it): by department, a page at a time.
    static func list(_ req: Request) async throws -> ListPage<AdministrativeTask> {
        let q = AdministrativeTask.query(on: req.db)
        if let raw = req.query[String.self, at: "departmentID"], !raw.isEmpty {
            guard let id = UUID(uuidString: raw) else { throw ShequError.invalid(.errorInvalidValue, "departmentID") }
            q.filter(\.$departmentID == id)
        }
        return try await q.sort(\.$title).sort(\.$id).paged(ListPageRequest(req))
    }

    static func load(_ req: Request) async throws -> AdministrativeTask {
        guard let t = try await AdministrativeTask.find(try req.idParameter(), on: req.db) else { throw ShequError.notFound }
        return t
    }

    static func show(_ req: Request) async throws -> AdministrativeTask { try await load(req) }

    static func create(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(TaskInput.self)
        let department = try await chosenDepartment(input.departmentID, req)
        try await req.authorizeForDepartment(.taskRegister, department, entity: "task")
        let departmentID = try department.requireID()
        let task = try await req.writeAudited("task.register", entity: "task") { db in
            let t = try await TaskRegistry.register(input.fields, department: departmentID, on: db)
            return Audited(t, id: t.id, scope: department.divisionCode, detail: "\(t.classification.rawValue): \(t.title)")
        }
        return try await task.encodeResponse(status: .created, for: req)
    }

    static func update(_ req: Request) async throws -> AdministrativeTask {
        let task = try await load(req)
        let input = try req.validatedContent(TaskInput.self)
        let department = try await req.authorizeEdit(.taskRegister, ownedBy: task.departmentID, named: input.departmentID,
                                                     entity: "task", entityID: task.id)
        return try await req.writeAudited("task.update", entity: "task") { db in
            let t = try await TaskRegistry.update(task, with: input.fields, on: db)
            return Audited(t, id: t.id, scope: department.divisionCode, detail: "\(t.classification.rawValue) in force \(t.inForce): \(t.title)")
        }
    }

    /// A2: a must-undertake task in force, or a task of an approved plan for that year and community; anything else
    /// is refused with the rule and the attempt written to the audit log, with nothing else written.
    static func assign(_ req: Request) async throws -> Response {
        let task = try await load(req)
        let input = try req.validatedContent(AssignmentInput.self)
        let department = try await req.department(task.departmentID)
        let actor = try await req.authorizeForDepartment(.taskAssign, department, entity: "task", entityID: task.id)
        let community = try await req.bodyCommunity(input.community)
        let year = try TaskRules.year(input.year)
        guard community.hasPrefix(department.divisionCode) else { throw ShequError.invalid(.planCommunitiesOutOfReach, code: "out_of_reach") }
        let taskID = try task.requireID()
        guard let plan = try await Assignments.entitlement(task: task, community: community, year: year, on: req.db) else {
            let what = "task \(taskID.uuidString), community \(community), year \(year)"
            let draft = req.auditDraft("task.assign", entity: "task", entityID: taskID.uuidString, scope: community, outcome: .denied,
                                       detail: "rule A2: " + what)
            try await req.write { db in try await AuditLog.append(draft, on: db) }
            throw ShequError.invalid(.ruleA2Unapproved, what, code: "rule_a2_unapproved")
        }
        let assignment = try await req.writeAudited("task.assign", entity: "task") { db in
            let a = try await Assignments.assign(task: task, community: community, year: year, plan: plan, by: actor.username, on: db)
            return Audited(a, id: taskID, scope: community, detail: "year \(year)" + (plan.map { ", plan \($0.uuidString)" } ?? ", must undertake"))
        }
        return try await assignment.encodeResponse(status: .created, for: req)
    }

    /// Public: the registered tasks a community's committee carries in a year, with their legal basis.
    static func carried(_ req: Request) async throws -> [CarriedTask] {
        let community = try await req.taskCommunity()
        return try await TaskAccessReports.carried(req, community: community.code, year: try await req.reportYear())
    }
}

extension KeyedDecodingContainer {
    /// An optional number as JSON sends it (a number, null or nothing) or as a form sends it (text, "" when left empty).
    fileprivate func decodeEmptyAsAbsent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        if let text = try? decodeIfPresent(String.self, forKey: key), text.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
        return try decodeIfPresent(type, forKey: key)
    }
}
