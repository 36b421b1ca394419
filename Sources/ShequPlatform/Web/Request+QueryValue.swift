import ShequKernel
import Vapor

extension Request {
    private struct QueryValuesKey: StorageKey { typealias Value = [String: String] }

    /// A query parameter as a plain string, the query parsed once per request.
    /// Vapor's `req.query` builds a Codable tree on every read; on the public
    /// tracking lookup that was an eighth of the server's time.
    public func queryValue(_ name: String) -> String? {
        if let parsed = storage[QueryValuesKey.self] { return parsed[name] }
        var values: [String: String] = [:]
        for pair in (url.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = Self.formDecode(parts[0]), values[key] == nil else { continue }
            values[key] = parts.count > 1 ? Self.formDecode(parts[1]) : ""
        }
        storage[QueryValuesKey.self] = values
        return values[name]
    }

    private static func formDecode(_ raw: Substring) -> String? {
        let spaced = raw.contains("+") ? raw.replacingOccurrences(of: "+", with: " ") : String(raw)
        return spaced.contains("%") ? spaced.removingPercentEncoding : spaced
    }
}

extension Request {
    /// A division-code query parameter (`community`, `division`), checked before it reaches the database:
    /// PostgreSQL answers a NUL byte in a parameter with an error, not with no rows. Absent or empty is nil.
    public func divisionCodeQuery(_ name: String) throws -> DivisionCode? {
        guard let raw = queryValue(name), !raw.isEmpty else { return nil }
        guard let code = DivisionCode(raw) else { throw ShequError.invalid(.errorUnknownDivision, String(raw.prefix(20)), code: "unknown_division") }
        return code
    }
}
