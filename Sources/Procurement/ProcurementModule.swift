import Fluent
import ShequPlatform
import Vapor

/// Government purchase of services in the open (B1–B3): a street or district plans a project in one of the
/// eight service areas with its budget from a fund of the ledger, calls for applications, has a panel score
/// them, awards with reasons, contracts, pays milestones through the ledger, supervises and evaluates.
public struct ProcurementModule: ShequModule {
    public init() {}
    public var name: String { "procurement" }
    public var migrations: [any Migration] { [] + OCDSPublication.migrations }
    public var commands: [(String, any AsyncCommand)] { OCDSPublication.commands }

    public func routes(web: any RoutesBuilder, api: APIRoutes) throws {
        OCDSPublication.routes(web: web, api: api)
    }
}
