import Fluent
import Foundation
import ShequPlatform

/// What a task is, as the form and the API both give it.
struct TaskFields: Sendable {
    var title: String
    var legalBasis: String
    var classification: TaskClassification
    var classifiedBy: String
    var nature: TaskNature
    var hoursPerYear: Int
    var inForce: Bool
    var fromYear: Int
    var toYear: Int?

    /// A1: an administrative function of government is refused whatever it is called.
    func checked() throws -> TaskFields {
        var f = self
        f.title = try TaskRules.clean(title, field: "title", max: 200)
        f.legalBasis = try TaskRules.clean(legalBasis, field: "legalBasis", max: 500)
        f.classifiedBy = try TaskRules.clean(classifiedBy, field: "classifiedBy", max: 200)
        try TaskRules.refuseAdministrativeFunction(title: f.title, nature: nature)
        _ = try TaskRules.year(fromYear, field: "fromYear")
        if let toYear {
            _ = try TaskRules.year(toYear, field: "toYear")
            guard toYear >= fromYear else { throw ShequError.invalid(.errorInvalidValue, "toYear") }
        }
        return f
    }

    func apply(to task: AdministrativeTask) {
        task.title = title
        task.legalBasis = legalBasis
        task.classification = classification
        task.classifiedBy = classifiedBy
        task.nature = nature
        task.hoursPerYear = hoursPerYear
        task.inForce = inForce
        task.fromYear = fromYear
        task.toYear = toYear
    }
}

/// A1: the registry of tasks committees carry.
enum TaskRegistry {
    static func register(_ fields: TaskFields, department: UUID, on db: any Database) async throws -> AdministrativeTask {
        let f = try fields.checked()
        let task = AdministrativeTask()
        task.departmentID = department
        f.apply(to: task)
        try await task.create(on: db)
        return task
    }

    static func update(_ task: AdministrativeTask, with fields: TaskFields, on db: any Database) async throws -> AdministrativeTask {
        let f = try fields.checked()
        f.apply(to: task)
        try await task.update(on: db)
        return task
    }
}
