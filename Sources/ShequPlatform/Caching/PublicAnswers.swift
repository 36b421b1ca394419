import Crypto
import NIOConcurrencyHelpers
import Plot
import Vapor

/// Public answers kept per instance, each filed under the version of the data it was made from: a token the caller
/// reads from the database before making the answer (a community's public-record head, say), so an answer is never
/// filed under a version newer than its data, and every instance sees a new token as soon as a write commits.
///
/// JSON answers carry an `ETag` made from their bytes, so a client or a proxy can ask whether a list has changed
/// (`If-None-Match`) and be told 304 for the price of reading its version. Pages keep only their content, never the
/// layout around it: that carries the visitor's CSRF token and menu, and is rendered for each request. Only
/// answers to visitors who are not signed in are kept; a signed-in page may show what only its role may see.
public final class PublicAnswers: Sendable {
    struct Kept: Sendable {
        var token: String
        var etag: String
        var body: ByteBuffer
        var at: ContinuousClock.Instant
    }

    struct KeptPage: Sendable {
        var token: String
        var title: String
        var html: String
        var at: ContinuousClock.Instant
    }

    struct Store<Value: Sendable>: Sendable {
        var values: [String: (value: Value, cost: Int)] = [:]
        var bytes = 0
    }

    private let answers = NIOLockedValueBox(Store<Kept>())
    private let pages = NIOLockedValueBox(Store<KeptPage>())
    /// Memory is bounded by bytes, not only by count: a page of 200 record entries can be large. Past the budget,
    /// what is kept is dropped rather than grown; an answer larger than `largest` is never kept.
    let budget: Int
    let largest: Int
    /// An answer is made again after this long even if its version stayed: an edit made outside the app's commands
    /// (an operator removing text from a note) then shows within it, and its ETag, made from the bytes, changes.
    let lifetime: Duration

    public init(budget: Int = 32 << 20, largest: Int = 256 << 10, lifetime: Duration = .seconds(300)) {
        self.budget = budget
        self.largest = largest
        self.lifetime = lifetime
    }

    public var count: Int { answers.withLockedValue { $0.values.count } + pages.withLockedValue { $0.values.count } }
    public var bytes: Int { answers.withLockedValue { $0.bytes } + pages.withLockedValue { $0.bytes } }

    /// What a kept answer depends on besides its version: the route's path (its code or id checked before this is
    /// asked) and the page asked for, parsed, so parameters the route ignores cannot make keys without end. Nil when
    /// the paging is malformed: the answer will be a refusal, never kept.
    static func key(_ req: Request, language: Bool) -> String? {
        guard let page = try? ListPageRequest(req) else { return nil }
        return (language ? req.language.rawValue + "|" : "") + req.url.path + "|\(page.page)|\(page.perPage)"
    }

    static func etag(_ body: ByteBuffer) -> String {
        let digest = SHA256.hash(data: Data(body.readableBytesView))
        return "\"" + digest.prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// `If-None-Match` compares weakly (RFC 9110 §13.1.2): a proxy that compresses may have marked the tag weak.
    static func matches(_ req: Request, _ etag: String) -> Bool {
        req.headers[.ifNoneMatch].contains { field in
            field.split(separator: ",").contains { candidate in
                var tag = candidate.trimmingCharacters(in: .whitespaces)
                if tag.hasPrefix("W/") { tag.removeFirst(2) }
                return tag == "*" || tag == etag
            }
        }
    }

    static func store<V: Sendable>(_ value: V, size: Int, key: String, in box: NIOLockedValueBox<Store<V>>, budget: Int) {
        let cost = size + key.utf8.count
        box.withLockedValue { s in
            s.bytes -= s.values[key]?.cost ?? 0
            if s.bytes + cost > budget { s = Store() }
            s.values[key] = (value, cost)
            s.bytes += cost
        }
    }

    /// A JSON answer: the kept bytes when this instance made them for this version (and recently), otherwise made,
    /// kept and sent; 304 when the client already holds these bytes. Only a 200 without cookies is kept. The ETag is
    /// the bytes' digest, so it names exactly what was sent.
    public func json<T: Content>(_ req: Request, token: String, now: ContinuousClock.Instant = .now,
                                 _ make: () async throws -> T) async throws -> Response {
        guard let key = Self.key(req, language: false) else { return try await make().encodeResponse(for: req) }
        if let kept = answers.withLockedValue({ $0.values[key]?.value }), kept.token == token, now - kept.at < lifetime {
            return Self.matches(req, kept.etag) ? Self.revalidated(kept.etag) : Self.response(kept.body, etag: kept.etag)
        }
        let response = try await make().encodeResponse(for: req)
        guard response.status == .ok, response.headers[.setCookie].isEmpty, let body = response.body.buffer else { return response }
        let etag = Self.etag(body)
        if body.readableBytes <= largest {
            Self.store(Kept(token: token, etag: etag, body: body, at: now), size: body.readableBytes, key: key, in: answers, budget: budget)
        }
        if Self.matches(req, etag) { return Self.revalidated(etag) }
        response.headers.replaceOrAdd(name: .eTag, value: etag)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        return response
    }

    /// A page's content for a visitor who is not signed in, kept as HTML; the layout is rendered around it anew.
    public func page(_ req: Request, token: String, now: ContinuousClock.Instant = .now,
                     _ make: () async throws -> WebPage) async throws -> WebPage {
        guard req.actor == nil, let key = Self.key(req, language: true) else { return try await make() }
        if let kept = pages.withLockedValue({ $0.values[key]?.value }), kept.token == token, now - kept.at < lifetime {
            return WebPage(title: kept.title, [.raw(kept.html)])
        }
        let page = try await make()
        guard page.status == .ok else { return page }
        let html = page.content.map { $0.render() }.joined()
        if html.utf8.count <= largest {
            Self.store(KeptPage(token: token, title: page.title, html: html, at: now), size: html.utf8.count + page.title.utf8.count,
                       key: key, in: pages, budget: budget)
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
