import Foundation

/// What one input accepts, declared once: the OpenAPI component schema is
/// generated from it and every request body (JSON or a page's form) is checked
/// against it before it is decoded, so the published bounds are the enforced ones
/// and a page form accepts exactly what the API route accepts.
public struct InputSchema: Sendable {
    public let name: String
    public let fields: [InputField]

    public init(_ name: String, _ fields: [InputField]) {
        self.name = name
        self.fields = fields
    }
}

public struct InputField: Sendable {
    public let name: String
    public let kind: InputKind
    public let required: Bool
    public let description: String?

    public init(_ name: String, _ kind: InputKind, required: Bool = false, description: String? = nil) {
        self.name = name
        self.kind = kind
        self.required = required
        self.description = description
    }
}

public enum StringFormat: String, Sendable {
    case uuid, date
    case dateTime = "date-time"
    case binary
}

/// Every kind carries its bounds: there is no unbounded string or number.
public indirect enum InputKind: Sendable {
    case string(maxLength: Int, minLength: Int = 0, format: StringFormat? = nil, values: [String]? = nil)
    case integer(min: Int, max: Int)
    case number(min: Double, max: Double)
    case boolean
    case array(InputKind, maxItems: Int, minItems: Int = 0)
    case object([InputField])
    /// Free keys (bounded in number and length) with values of one kind, e.g. Open311 attributes.
    case map(InputKind, maxItems: Int)
}

// Declarations read like the schema they produce.
extension InputField {
    public static func string(_ name: String, max: Int, min: Int = 0, required: Bool = false, description: String? = nil) -> InputField {
        InputField(name, .string(maxLength: max, minLength: min), required: required, description: description)
    }

    public static func uuid(_ name: String, required: Bool = false, description: String? = nil) -> InputField {
        InputField(name, .string(maxLength: 36, format: .uuid), required: required, description: description)
    }

    public static func date(_ name: String, required: Bool = false, description: String? = nil) -> InputField {
        InputField(name, .string(maxLength: 10, format: .date), required: required, description: description)
    }

    public static func dateTime(_ name: String, required: Bool = false, description: String? = nil) -> InputField {
        InputField(name, .string(maxLength: 35, format: .dateTime), required: required, description: description)
    }

    public static func oneOf(_ name: String, _ values: [String], required: Bool = false, description: String? = nil) -> InputField {
        InputField(name, .string(maxLength: values.map(\.count).max() ?? 0, values: values), required: required, description: description)
    }

    public static func oneOf<E: CaseIterable & RawRepresentable>(_ name: String, _ type: E.Type, required: Bool = false,
                                                                 description: String? = nil) -> InputField where E.RawValue == String {
        oneOf(name, type.allCases.map(\.rawValue), required: required, description: description)
    }

    public static func integer(_ name: String, _ range: ClosedRange<Int>, required: Bool = false, description: String? = nil) -> InputField {
        InputField(name, .integer(min: range.lowerBound, max: range.upperBound), required: required, description: description)
    }

    public static func number(_ name: String, _ range: ClosedRange<Double>, required: Bool = false, description: String? = nil) -> InputField {
        InputField(name, .number(min: range.lowerBound, max: range.upperBound), required: required, description: description)
    }

    public static func boolean(_ name: String, required: Bool = false, description: String? = nil) -> InputField {
        InputField(name, .boolean, required: required, description: description)
    }

    public static func array(_ name: String, of kind: InputKind, maxItems: Int, minItems: Int = 0, required: Bool = false,
                             description: String? = nil) -> InputField {
        InputField(name, .array(kind, maxItems: maxItems, minItems: minItems), required: required, description: description)
    }

    public static func object(_ name: String, _ fields: [InputField], required: Bool = false, description: String? = nil) -> InputField {
        InputField(name, .object(fields), required: required, description: description)
    }
}

/// An input type that declares its schema; decode it with `req.validatedContent(_:)`.
public protocol ValidatedInput: Decodable {
    static var inputSchema: InputSchema { get }
}

// MARK: - OpenAPI

extension InputSchema {
    /// The JSON Schema object published under `components.schemas`.
    public var openAPI: [String: Any] { InputKind.object(fields).openAPI }
}

extension InputField {
    var openAPI: [String: Any] {
        var schema = kind.openAPI
        if let description { schema["description"] = description }
        return schema
    }
}

extension InputKind {
    var openAPI: [String: Any] {
        switch self {
        case .string(let maxLength, let minLength, let format, let values):
            var s: [String: Any] = ["type": "string", "maxLength": maxLength]
            if minLength > 0 { s["minLength"] = minLength }
            if let format { s["format"] = format.rawValue }
            if let values { s["enum"] = values }
            return s
        case .integer(let min, let max):
            return ["type": "integer", "format": "int64", "minimum": min, "maximum": max]
        case .number(let min, let max):
            return ["type": "number", "minimum": min, "maximum": max]
        case .boolean:
            return ["type": "boolean"]
        case .array(let item, let maxItems, let minItems):
            var s: [String: Any] = ["type": "array", "items": item.openAPI, "maxItems": maxItems]
            if minItems > 0 { s["minItems"] = minItems }
            return s
        case .object(let fields):
            var s: [String: Any] = ["type": "object",
                                    "properties": Dictionary(fields.map { ($0.name, $0.openAPI) }, uniquingKeysWith: { a, _ in a })]
            let required = fields.filter(\.required).map(\.name)
            if !required.isEmpty { s["required"] = required }
            return s
        case .map(let value, let maxItems):
            return ["type": "object", "additionalProperties": value.openAPI, "maxProperties": maxItems]
        }
    }
}
