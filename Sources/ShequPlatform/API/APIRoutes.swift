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

    @discardableResult
    public func on<R: AsyncResponseEncodable>(_ method: HTTPMethod, _ path: String, doc: OperationDoc,
                                              body: HTTPBodyStreamStrategy = .collect,
                                              use handler: @Sendable @escaping (Request) async throws -> R) -> Route {
        registry.add(method: method, path: "/api/v1/" + path, doc: doc)
        let components = path.split(separator: "/").map { part -> PathComponent in
            part.hasPrefix("{") ? .parameter(String(part.dropFirst().dropLast())) : .constant(String(part))
        }
        let pathNames = components.compactMap { c -> String? in if case .parameter(let n) = c { n } else { nil } }
        let query = doc.query
        // The documented query and path parameters are checked here, once, so no handler sees one out of bounds.
        return builder.on(method, components, body: body) { req async throws -> R in
            for name in pathNames {
                if let value = req.parameters.get(name) { try InputKind.string(maxLength: PathParameter.maxLength).check(.string(value), path: name, form: true) }
            }
            for parameter in query {
                // Both readings of the query string: handlers use either, and they differ on malformed escapes.
                for value in [req.queryValue(parameter.name), req.query[String.self, at: parameter.name]] {
                    if let value, !value.isEmpty { try parameter.kind.check(.string(value), path: parameter.name, form: true) }
                }
            }
            return try await handler(req)
        }
    }
}

public struct OperationDoc: Sendable {
    public let summary: String
    public let tag: String
    public let isPublic: Bool
    public let query: [QueryParameter]
    public let requestBody: String?
    public let responses: [Int: String]

    public init(_ summary: String, tag: String, isPublic: Bool = false, query: [QueryParameter] = [],
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
    /// Only declared inputs: a schema that is published is also enforced.
    private let declared = NIOLockedValueBox<[String: InputSchema]>([:])

    func addSchema(_ schema: InputSchema) {
        declared.withLockedValue { $0[schema.name] = schema }
    }

    var moduleSchemas: [String: Any] {
        declared.withLockedValue { $0 }.mapValues { $0.openAPI as Any }
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

/// A documented query parameter with its bounds; a bare string literal is a short free-text one.
public struct QueryParameter: Sendable, ExpressibleByStringLiteral {
    public let name: String
    public let kind: InputKind

    public init(_ name: String, _ kind: InputKind) {
        self.name = name
        self.kind = kind
    }

    public init(stringLiteral name: String) {
        self.init(name, .string(maxLength: 100))
    }

    public static func integer(_ name: String, _ range: ClosedRange<Int>) -> QueryParameter {
        QueryParameter(name, .integer(min: range.lowerBound, max: range.upperBound))
    }

    public static func string(_ name: String, max: Int) -> QueryParameter { QueryParameter(name, .string(maxLength: max)) }

    public static func oneOf(_ name: String, _ values: [String]) -> QueryParameter {
        QueryParameter(name, .string(maxLength: values.map(\.count).max() ?? 0, values: values))
    }

    public static func date(_ name: String) -> QueryParameter { QueryParameter(name, .string(maxLength: 10, format: .date)) }

    public static func boolean(_ name: String) -> QueryParameter { QueryParameter(name, .boolean) }

    /// What a paged list documents: `query: QueryParameter.paging + [...]`, the bounds `ListPageRequest` enforces.
    public static let paging: [QueryParameter] = [.integer("page", 1...ListPageRequest.maxPage), .integer("per", 1...ListPageRequest.maxPerPage)]
}

enum PathParameter {
    /// Codes, UUIDs and tracking numbers are all far shorter.
    static let maxLength = 64
}
