import Fluent
import ShequPlatform
import Vapor

/// Registration point of the Workforce module (issue 13): its migrations, routes, policy, menu, demo and workbench.
public struct WorkforceModule: ShequModule {
    public init() {}
    public var name: String { "workforce" }
    public var migrations: [any Migration] { [] }
    public func routes(web: any RoutesBuilder, api: APIRoutes) throws {}
    public func workbench(for actor: Actor, on req: Request) async throws -> [WorkbenchSection] { [] }
}
