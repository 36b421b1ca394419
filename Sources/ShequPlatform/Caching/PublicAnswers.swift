import Crypto
import NIOConcurrencyHelpers
import Plot
import Vapor

/// Public answers kept per instance, each filed under the version of the data it was made from: a token the caller
/// reads from the database before making the answer (a community's public-record head, say), so an answer is never
/// filed under a version newer than its data, and every instance sees a new token as soon as a write commits.
///
/// JSON answers carry an `ETag` made from the token, so a client or a proxy can ask whether a list has changed
/// (`If-None-Match`) and be told 304 for the price of reading one row. Pages keep only their content, never the
/// layout around it: that carries the visitor's CSRF token and menu, and is rendered for each request. Only
/// answers to visitors who are not signed in are kept; a signed-in page may show what only its role may see.
public final class PublicAnswers: Sendable {
    struct Kept: Sendable {
        var token: String
        var body: ByteBuffer
    }

    struct KeptPage: Sendable {
        var token: String
        var title: String
        var html: String
    }

    private let answers = NIOLockedValueBox([String: Kept]())
    private let pages = NIOLockedValueBox([String: KeptPage]())
    /// Keys come partly from requests (a page number): past this many, everything kept is dropped rather than grown.
    let capacity: Int

    public init(capacity: Int = 4096) { self.capacity = capacity }

    public var count: Int { answers.withLockedValue { $0.count } + pages.withLockedValue { $0.count } }

    /// The request's path and query and its language: everything a public answer depends on besides the data.
    static func key(_ req: Request) -> String { req.language.rawValue + "|" + req.url.string }

    static func etag(token: String, key: String) -> String {
        let digest = SHA256.hash(data: Data((token + "\u{1e}" + key).utf8))
        return "\"" + digest.prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// A JSON answer: 304 when the client already holds this version, the kept bytes when this instance has made
    /// them for this version, otherwise made, kept and sent. Only a 200 without cookies is kept.
    public func json<T: Content>(_ req: Request, token: String, _ make: () async throws -> T) async throws -> Response {
        let key = Self.key(req), etag = Self.etag(token: token, key: key)
        if req.headers[.ifNoneMatch].contains(where: { $0.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == etag } }) {
            return Self.revalidated(etag)
        }
        if let kept = answers.withLockedValue({ $0[key] }), kept.token == token {
            return Self.response(kept.body, etag: etag)
        }
        let response = try await make().encodeResponse(for: req)
        guard response.status == .ok, response.headers[.setCookie].isEmpty, let body = response.body.buffer else { return response }
        answers.withLockedValue { a in
            if a.count >= capacity { a = [:] }
            a[key] = Kept(token: token, body: body)
        }
        response.headers.replaceOrAdd(name: .eTag, value: etag)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        return response
    }

    /// A page's content for a visitor who is not signed in, kept as HTML; the layout is rendered around it anew.
    public func page(_ req: Request, token: String, _ make: () async throws -> WebPage) async throws -> WebPage {
        guard req.actor == nil else { return try await make() }
        let key = Self.key(req)
        if let kept = pages.withLockedValue({ $0[key] }), kept.token == token {
            return WebPage(title: kept.title, [.raw(kept.html)])
        }
        let page = try await make()
        guard page.status == .ok else { return page }
        let html = page.content.map { $0.render() }.joined()
        pages.withLockedValue { p in
            if p.count >= capacity { p = [:] }
            p[key] = KeptPage(token: token, title: page.title, html: html)
        }
        return page
    }

    static func revalidated(_ etag: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .eTag, value: etag)
        headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        return Response(status: .notModified, headers: headers)
    }

    static func response(_ body: ByteBuffer, etag: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .eTag, value: etag)
        headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        return Response(status: .ok, headers: headers, body: .init(buffer: body))
    }
}

extension Application {
    private struct PublicAnswersKey: StorageKey { typealias Value = PublicAnswers }

    /// Made when the platform is configured, before any request, so requests only read it.
    public var publicAnswers: PublicAnswers {
        get { storage[PublicAnswersKey.self] ?? PublicAnswers() }
        set { storage[PublicAnswersKey.self] = newValue }
    }
}
