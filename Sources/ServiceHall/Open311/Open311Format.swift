import Foundation
import Vapor

/// GeoReport v2 answers in JSON or XML with the same shape: a list of records
/// (or one object) of string-ish fields. One small tree renders both.
indirect enum Open311Value {
    case string(String?)
    case int(Int)
    case bool(Bool)
    case object([(String, Open311Value)])
    case list(element: String, [Open311Value])

    var json: Any {
        switch self {
        case .string(let s): return s ?? NSNull()
        case .int(let i): return i
        case .bool(let b): return b
        case .object(let fields): return Dictionary(fields.map { ($0.0, $0.1.json) }, uniquingKeysWith: { a, _ in a })
        case .list(_, let items): return items.map(\.json)
        }
    }

    func xml(_ name: String) -> String {
        switch self {
        case .string(let s): return "<\(name)>\(Self.escape(s ?? ""))</\(name)>"
        case .int(let i): return "<\(name)>\(i)</\(name)>"
        case .bool(let b): return "<\(name)>\(b)</\(name)>"
        case .object(let fields): return "<\(name)>" + fields.map { $0.1.xml($0.0) }.joined() + "</\(name)>"
        case .list(let element, let items): return "<\(name)>" + items.map { $0.xml(element) }.joined() + "</\(name)>"
        }
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

enum Open311Format: String {
    case json, xml

    /// Splits "CODE.json" into ("CODE", .json).
    static func split(_ file: String) -> (String, Open311Format)? {
        guard let dot = file.lastIndex(of: "."), let format = Open311Format(rawValue: String(file[file.index(after: dot)...])) else {
            return nil
        }
        return (String(file[..<dot]), format)
    }

    func response(_ value: Open311Value, root: String, status: HTTPResponseStatus = .ok) throws -> Response {
        let response: Response
        switch self {
        case .json:
            let data = try JSONSerialization.data(withJSONObject: value.json, options: [.sortedKeys])
            response = Response(status: status, body: .init(data: data))
            response.headers.contentType = .json
        case .xml:
            response = Response(status: status, body: .init(string: "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + value.xml(root)))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "xml", parameters: ["charset": "utf-8"])
        }
        return response
    }
}

/// The spec's error list: `[{code, description}]`, with the HTTP status to match.
struct Open311Error: Error {
    let status: HTTPResponseStatus
    let description: String

    func response(_ format: Open311Format) throws -> Response {
        try format.response(.list(element: "error", [.object([("code", .int(Int(status.code))), ("description", .string(description))])]),
                            root: "errors", status: status)
    }
}
