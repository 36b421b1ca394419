import Crypto
import Vapor

/// Double-submit token: a random value in a SameSite=Strict cookie that every
/// form repeats in a hidden field. It needs no session, so the sign-in and
/// language forms are protected too. API routes are exempt because they
/// authenticate by bearer token only, which a browser never attaches on its own.
public struct CSRFMiddleware: AsyncMiddleware {
    public static let cookieName = "shequ-csrf"
    public static let fieldName = "_csrf"
    let secureCookies: Bool

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Machine clients authenticate with tokens, never cookies: nothing to forge, nothing to hand out.
        if request.isMachineClient { return try await next.respond(to: request) }
        let existing = request.cookies[Self.cookieName].map(\.string).flatMap { $0.count == 43 ? $0 : nil }
        let token = existing ?? Self.newToken()
        request.storage[TokenKey.self] = token

        if !request.isMachineClient, ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            try await Self.collectStreamedForm(request)
            let sent = try? request.content.get(String.self, at: Self.fieldName)
            guard let existing, let sent, Self.constantTimeEqual(sent, existing) else {
                throw ShequError.csrf
            }
        }
        let response = try await next.respond(to: request)
        if existing == nil || request.storage[RotatedKey.self] != nil {
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: request.csrfToken, expires: nil, maxAge: nil, path: "/", isSecure: secureCookies, isHTTPOnly: true,
                sameSite: .strict)
        }
        return response
    }

    static let formBodyLimitKey: AnySendableHashable = "shequ.formBodyLimit"

    /// A body larger than what arrives in the first read (a file of a few kB, a long message) comes as a stream,
    /// and the route collects it only after the middleware: the hidden field could not be read, and every such form
    /// was refused as expired. It is collected here, up to the route's own limit (`Route.formBody(limit:)`), else the
    /// application's default, so nothing larger is ever held than the route itself would have held.
    /// A body that arrived whole in one read is never checked against the route's limit by Vapor (only a stream is),
    /// so it is checked here: else a few megabytes of form fields are parsed twice, the token and the form, per request.
    static func collectStreamedForm(_ request: Request) async throws {
        let limit = (request.route?.userInfo[formBodyLimitKey] as? Int) ?? request.application.routes.defaultMaxBodySize.value
        if let collected = request.body.data {
            guard collected.readableBytes <= limit else { throw ShequError(.payloadTooLarge, .errorTooLarge, code: "too_large") }
            return
        }
        _ = try await request.body.collect(max: limit).get()
    }

    static func newToken() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    struct TokenKey: StorageKey { typealias Value = String }
    struct RotatedKey: StorageKey { typealias Value = Bool }
}

extension Request {
    public var csrfToken: String { storage[CSRFMiddleware.TokenKey.self] ?? "" }

    /// A new token when who is signed in changes, so a token seen before sign-in
    /// (on a shared terminal, in a log) forges nothing after it.
    public func rotateCSRFToken() {
        storage[CSRFMiddleware.TokenKey.self] = CSRFMiddleware.newToken()
        storage[CSRFMiddleware.RotatedKey.self] = true
    }
}

extension Route {
    /// The most a page form posting to this route may send, for the CSRF check that reads it before the route does;
    /// the same figure as the route's `body: .collect(maxSize:)`.
    @discardableResult
    public func formBody(limit: ByteCount) -> Route {
        userInfo[CSRFMiddleware.formBodyLimitKey] = limit.value
        return self
    }
}
