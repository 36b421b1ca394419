import Fluent
import ShequPlatform
import Vapor

/// The access system for administrative tasks (A1–A5, O2, O3): what committees
/// carry, the plans that let a department add to it, the agreements that
/// follow, and assessments with their legal basis.
public struct TaskAccessModule: ShequModule {
    public init() {}
    public var name: String { "taskAccess" }
    public var migrations: [any Migration] { [] }
    public func routes(web: any RoutesBuilder, api: APIRoutes) throws {}
}
