import Foundation

/// A request body as a plain tree, read before it becomes a typed input so its
/// bounds can be checked without trusting the target type to do it.
enum InputValue: Decodable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([InputValue])
    case object([String: InputValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .integer(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([InputValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: InputValue].self)) }
    }

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension InputValue {
    /// An urlencoded form as a tree: `a=1&a=2` and `a[]=1` are arrays, `a[b]=1` is an object.
    static func form(_ body: String) -> [String: InputValue] {
        var flat: [(String, String?, String)] = []
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = decode(parts[0]) else { continue }
            let value = parts.count > 1 ? (decode(parts[1]) ?? "") : ""
            if let open = key.firstIndex(of: "["), key.hasSuffix("]") {
                let base = String(key[..<open])
                let inner = String(key[key.index(after: open)..<key.index(before: key.endIndex)])
                flat.append((base, inner.isEmpty || inner.allSatisfy(\.isNumber) ? nil : inner, value))
            } else {
                flat.append((key, nil, value))
            }
        }
        var result: [String: InputValue] = [:]
        for (key, sub, value) in flat {
            if let sub {
                var inner: [String: InputValue] = [:]
                if case .object(let existing) = result[key] { inner = existing }
                inner[sub] = .string(value)
                result[key] = .object(inner)
            } else if let existing = result[key] {
                if case .array(let list) = existing { result[key] = .array(list + [.string(value)]) }
                else { result[key] = .array([existing, .string(value)]) }
            } else {
                result[key] = .string(value)
            }
        }
        return result
    }

    private static func decode(_ raw: Substring) -> String? {
        let spaced = raw.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding
    }
}
