import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Registers a JSON route and its OpenAPI description in the same call, so
/// the published document cannot drift from what the server answers.
public final class APIRoutes {
    let builder: any RoutesBuilder
    let registry: OpenAPIRegistry

    init(builder: any RoutesBuilder, registry: OpenAPIRegistry) {
        self.builder = builder
        self.registry = registry
    }

    /// Documents a request body a module's routes take, as a JSON Schema object written as JSON text.
    public func schema(_ name: String, json: String) {
        registry.addSchema(name: name, json: json)
    }

    @discardableResult
    public func on<R: AsyncResponseEncodable>(_ method: HTTPMethod, _ path: String, doc: OperationDoc,
                                              body: HTTPBodyStreamStrategy = .collect,
                                              use handler: @Sendable @escaping (Request) async throws -> R) -> Route {
        registry.add(method: method, path: "/api/v1/" + path, doc: doc)
        let components = path.split(separator: "/").map { part -> PathComponent in
            part.hasPrefix("{") ? .parameter(String(part.dropFirst().dropLast())) : .constant(String(part))
        }
        return builder.on(method, components, body: body, use: handler)
    }
}

public struct OperationDoc: Sendable {
    public let summary: String
    public let tag: String
    public let isPublic: Bool
    public let query: [String]
    public let requestBody: String?
    public let responses: [Int: String]

    public init(_ summary: String, tag: String, isPublic: Bool = false, query: [String] = [],
                requestBody: String? = nil, responses: [Int: String] = [200: "OK"]) {
        self.summary = summary
        self.tag = tag
        self.isPublic = isPublic
        self.query = query
        self.requestBody = requestBody
        self.responses = responses
    }
}

public final class OpenAPIRegistry: Sendable {
    struct Entry: Sendable {
        let method: HTTPMethod
        let path: String
        let doc: OperationDoc
    }

    private let entries = NIOLockedValueBox<[Entry]>([])
    private let schemas = NIOLockedValueBox<[String: String]>([:])

    func addSchema(name: String, json: String) {
        schemas.withLockedValue { $0[name] = json }
    }

    var moduleSchemas: [String: Any] {
        schemas.withLockedValue { $0 }.compactMapValues { try? JSONSerialization.jsonObject(with: Data($0.utf8)) }
    }

    func add(method: HTTPMethod, path: String, doc: OperationDoc) {
        entries.withLockedValue { $0.append(Entry(method: method, path: path, doc: doc)) }
    }

    var all: [Entry] { entries.withLockedValue { $0 } }
}

extension Application {
    private struct RegistryKey: StorageKey { typealias Value = OpenAPIRegistry }

    public var openAPIRegistry: OpenAPIRegistry {
        if let r = storage[RegistryKey.self] { return r }
        let r = OpenAPIRegistry()
        storage[RegistryKey.self] = r
        return r
    }
}
