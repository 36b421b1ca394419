import Fluent
import Vapor

/// A domain module's single registration point. Adding a module means adding
/// it to ShequApp's list, never editing shared lists elsewhere.
public protocol ShequModule: Sendable {
    var name: String { get }
    var migrations: [any Migration] { get }
    /// All the module's migrations, given the application: one that converts
    /// personal data needs its keys. By default, `migrations`.
    func migrations(in app: Application) -> [any Migration]
    var menu: [MenuEntry] { get }
    var commands: [(String, any AsyncCommand)] { get }
    /// Who may take this module's actions: its share of the one policy.
    var policy: PolicyRules { get }
    /// Registers pages on `web` (sessions, CSRF) and JSON routes on `api` (bearer tokens).
    func routes(web: any RoutesBuilder, api: APIRoutes) throws
    /// Reference data and first-start work, run after migrations.
    func boot(_ app: Application) async throws
    /// Adds the module's demo data (idempotently) and says what it added.
    func demo(_ app: Application) async throws -> String?
    /// What waits for this actor in the module, with counts and links (`Workbench.swift`).
    func workbench(for actor: Actor, on req: Request) async throws -> [WorkbenchSection]
    /// What the module shows on a community's page (`CommunityPage`): public facts about the community (its
    /// police officer, its party organisation) and links, filtered by the policy for the one asking.
    func communityPage(_ code: String, on req: Request) async throws -> [BodyNode]
}

extension ShequModule {
    public var menu: [MenuEntry] { [] }
    public var commands: [(String, any AsyncCommand)] { [] }
    public func migrations(in app: Application) -> [any Migration] { migrations }
    public var policy: PolicyRules { PolicyRules() }
    public func boot(_ app: Application) async throws {}
    public func demo(_ app: Application) async throws -> String? { nil }
    public func communityPage(_ code: String, on req: Request) async throws -> [BodyNode] { [] }
}

extension Application {
    private struct ModulesKey: StorageKey { typealias Value = [any ShequModule] }

    public var shequModules: [any ShequModule] {
        get { storage[ModulesKey.self] ?? [] }
        set { storage[ModulesKey.self] = newValue }
    }
}
