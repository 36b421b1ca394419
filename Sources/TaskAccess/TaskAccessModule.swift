import Fluent
import ShequPlatform
import Vapor

/// The access system for administrative tasks (A1–A5, O2, O3): what committees
/// carry, the plans that let a department add to it, the agreements that
/// follow, and assessments with their legal basis.
public struct TaskAccessModule: ShequModule {
    public init() {}
    public var name: String { "taskAccess" }
    public var migrations: [any Migration] { [CreateTaskAccess()] + Assessments.migrations + [AddTaskAccessReportIndexes(), AddBurdenCoveringIndexes(), AddReportVersion()] }
    public var commands: [(String, any AsyncCommand)] { [("generate-access", GenerateAccessCommand())] }

    public func boot(_ app: Application) async throws {
        app.taskAccessReportCache = VersionedCache()
    }

    public var menu: [MenuEntry] { [MenuEntry(.taTaskAccess, path: "/task-access", action: nil)] + Assessments.menu }

    public var policy: PolicyRules { Assessments.adding(to: taskAccessPolicy) }

    public func demo(_ app: Application) async throws -> String? {
        let lines = [try await TaskAccessDemo.fill(app), try await Assessments.demo(app)].compactMap { $0 }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    public func routes(web: any RoutesBuilder, api: APIRoutes) throws {
        TaskAccessPages.routes(web)
        TaskAccessAPI.routes(api)
        TaskReportPages.routes(web)
        TaskReportAPIController.routes(api)
        try Assessments.routes(web: web, api: api)
    }
}
