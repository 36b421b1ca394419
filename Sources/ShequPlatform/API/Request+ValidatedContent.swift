import Foundation
import Vapor

extension Request {
    /// The body checked against the type's declared schema, then decoded. A JSON
    /// body and a page's urlencoded form go through the same bounds, so neither
    /// door accepts a value the other refuses; bad input changes nothing because
    /// nothing has run yet.
    public func validatedContent<T: ValidatedInput>(_ type: T.Type) throws -> T {
        let schema = T.inputSchema
        let data = body.data.map { Data(buffer: $0) } ?? Data()
        switch headers.contentType {
        case .some(let media) where media == .urlEncodedForm:
            try schema.validate(InputValue.form(String(decoding: data, as: UTF8.self)), form: true)
            return try content.decode(T.self)
        case .some(let media) where media == .json || media.subType.hasSuffix("+json"):
            let tree = try JSONDecoder().decode(InputValue.self, from: data.isEmpty ? Data("{}".utf8) : data)
            guard case .object(let members) = tree else { throw InputKind.wrongType("") }
            try schema.validate(members, form: false)
            return data.isEmpty ? try JSONDecoder().decode(T.self, from: Data("{}".utf8)) : try content.decode(T.self)
        case nil where data.isEmpty:
            // No body at all: the same as an empty object, so a missing field is named rather than "unsupported type".
            try schema.validate([:], form: false)
            return try JSONDecoder().decode(T.self, from: Data("{}".utf8))
        case .some(let media) where media.type.lowercased() == "multipart" && media.subType.lowercased() == "form-data":
            // A multipart form is a form: its text parts meet the declared bounds too; files are bounded at the route.
            // The boundary was checked before anything read the body (`MultipartBoundaryGuard`).
            if let boundary = media.parameters["boundary"], MultipartBoundaryGuard.isUsable(boundary: boundary), let buffer = body.data {
                try schema.validate(InputValue.multipartForm(buffer, boundary: boundary), form: true)
            }
            return try content.decode(T.self)
        default:
            // The rest: Vapor's own decoders (or its 415).
            return try content.decode(T.self)
        }
    }
}

extension APIRoutes {
    /// Publishes a declared input under its name in `components.schemas`.
    public func schema<T: ValidatedInput>(_ type: T.Type) {
        registry.addSchema(T.inputSchema)
    }

    /// Publishes a declaration that no single Codable type stands for (a multipart upload).
    public func schema(_ schema: InputSchema) {
        registry.addSchema(schema)
    }
}
