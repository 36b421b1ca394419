import Vapor

/// Hands a module the router with every route it adds marked as the module's own.
struct ModuleRoutesBuilder: RoutesBuilder {
    let base: any RoutesBuilder
    let module: String

    func add(_ route: Route) {
        route.userInfo[Route.moduleKey] = module
        base.add(route)
    }
}

extension Route {
    static let moduleKey = "shequ.module"

    /// The name of the module that registered this route (`ShequModule.name`); nil for the platform's own plumbing.
    public var shequModule: String? { userInfo[Self.moduleKey] as? String }
}
