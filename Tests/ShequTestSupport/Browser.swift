import Foundation
import Testing
import Vapor
import VaporTesting
import ShequPlatform

/// A cookie-keeping client for the HTML pages: it reads the CSRF token from
/// forms the way a browser submits it, without JavaScript.
public final class Browser {
    public let app: Application
    public var cookies: [String: String] = [:]
    public var lastBody = ""

    public init(_ app: Application) { self.app = app }

    public var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }

    @discardableResult
    public func get(_ path: String) async throws -> APIResult {
        var headers = HTTPHeaders()
        if !cookies.isEmpty { headers.add(name: .cookie, value: cookieHeader) }
        let res = try await app.testing().sendRequest(.GET, path, headers: headers)
        absorb(res.headers)
        lastBody = res.body.string
        return APIResult(status: res.status, body: lastBody, headers: res.headers)
    }

    public var csrf: String? {
        guard let range = lastBody.range(of: "name=\"_csrf\" value=\"") else { return nil }
        return String(lastBody[range.upperBound...].prefix { $0 != "\"" })
    }

    @discardableResult
    public func post(_ path: String, form: [String: String], withToken: Bool = true) async throws -> APIResult {
        try await post(path, pairs: form.map { ($0.key, $0.value) }, withToken: withToken)
    }

    /// Form fields in order, repeating a name as a browser does for ticked checkboxes.
    @discardableResult
    public func post(_ path: String, pairs: [(String, String)], withToken: Bool = true) async throws -> APIResult {
        var fields = pairs
        if withToken, let token = csrf { fields.append(("_csrf", token)) }
        let body = fields.map { "\(enc($0.0))=\(enc($0.1))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        if !cookies.isEmpty { headers.add(name: .cookie, value: cookieHeader) }
        let res = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        absorb(res.headers)
        lastBody = res.body.string
        return APIResult(status: res.status, body: lastBody, headers: res.headers)
    }

    public func postMultipart(_ path: String, fileField: String, filename: String, data: Data, fields: [String: String]) async throws -> APIResult {
        let boundary = "----shequtest\(UUID().uuidString)"
        var body = Data()
        var all = fields
        if let token = csrf { all["_csrf"] = token }
        for (k, v) in all {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n".utf8)
        }
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; filename=\"\(filename)\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
        body += data
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        if !cookies.isEmpty { headers.add(name: .cookie, value: cookieHeader) }
        let res = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(data: body))
        absorb(res.headers)
        lastBody = res.body.string
        return APIResult(status: res.status, body: lastBody, headers: res.headers)
    }

    public func signIn(_ username: String, _ password: String = staffPassword) async throws {
        try await get("/sign-in")
        let res = try await post("/sign-in", form: ["username": username, "password": password])
        guard res.status == .seeOther || res.status == .found else {
            throw TestFailure("sign-in failed: \(res.status)")
        }
    }

    private func absorb(_ headers: HTTPHeaders) {
        for value in headers[.setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            cookies[String(pair[0])] = String(pair[1])
        }
    }

    private func enc(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }
}
