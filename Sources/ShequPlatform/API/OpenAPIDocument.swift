import Vapor

/// Builds the OpenAPI 3.0 document from the routes registered through `APIRoutes`.
enum OpenAPIDocument {
    static func build(_ registry: OpenAPIRegistry) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for entry in registry.all.sorted(by: { $0.path < $1.path }) {
            var op: [String: Any] = [
                "summary": entry.doc.summary,
                "tags": [entry.doc.tag],
                "operationId": operationID(entry.method, entry.path),
            ]
            var params: [[String: Any]] = entry.path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                ["name": String($0.dropFirst().dropLast()), "in": "path", "required": true,
                 "schema": InputKind.string(maxLength: PathParameter.maxLength).openAPI]
            }
            params += entry.doc.query.map { ["name": $0.name, "in": "query", "required": false, "schema": $0.kind.openAPI] }
            if !params.isEmpty { op["parameters"] = params }
            if let raw = entry.doc.requestBody {
                // "multipart:Name" documents a file upload; "text/csv" a CSV body; anything else names a JSON schema.
                let isMultipart = raw.hasPrefix("multipart:")
                let body = isMultipart ? String(raw.dropFirst("multipart:".count)) : raw
                let media = body == "text/csv" ? "text/csv" : (isMultipart ? "multipart/form-data" : "application/json")
                let schema: [String: Any] = body == "text/csv" ? ["type": "string"] : ["$ref": "#/components/schemas/\(body)"]
                op["requestBody"] = ["required": true, "content": [media: ["schema": schema]]]
            }
            var responses: [String: Any] = [:]
            for (status, text) in entry.doc.responses { responses[String(status)] = ["description": text] }
            for (status, text) in [400: "Bad input", 422: "Invalid value"] where responses[String(status)] == nil {
                responses[String(status)] = ["description": text, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
            }
            if !entry.doc.isPublic {
                op["security"] = [["bearer": [String]()]]
                responses["401"] = ["description": "Missing or invalid token"]
                responses["403"] = ["description": "Forbidden by the jurisdiction policy"]
            }
            op["responses"] = responses
            paths[entry.path, default: [:]][entry.method.rawValue.lowercased()] = op
        }
        return [
            "openapi": "3.0.3",
            "info": ["title": "Shequ API", "version": "1.0.0",
                     "description": "Community information-management and service platform (珠字〔2010〕7号)."],
            "servers": [["url": "/"]],
            "paths": paths,
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": schemas.merging(registry.moduleSchemas) { core, _ in core },
            ],
        ]
    }

    static func operationID(_ method: HTTPMethod, _ path: String) -> String {
        method.rawValue.lowercased() + path.replacingOccurrences(of: "/api/v1", with: "")
            .split(whereSeparator: { "/{}-".contains($0) }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static var schemas: [String: Any] {
        var all: [String: Any] = Dictionary(PlatformInputs.published.map { ($0.name, $0.openAPI as Any) }, uniquingKeysWith: { a, _ in a })
        all["Error"] = ["type": "object", "properties": [
            "error": ["type": "boolean"], "code": ["type": "string"], "reason": ["type": "string"], "status": ["type": "integer"]]]
        return all
    }

    static func response(_ registry: OpenAPIRegistry) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: build(registry), options: [.sortedKeys])
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = .json
        return response
    }
}
