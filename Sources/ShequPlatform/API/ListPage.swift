import Fluent
import Vapor

/// One page of a list and how many there are in all (named apart from Fluent's
/// `Page`, whose `page`/`per` are unbounded and whose offset can overflow), so no list ever stops
/// silently at some row count: a screen or a client asks for the next page.
public struct ListPage<Item: Content>: Content {
    public var items: [Item]
    public var total: Int
    public var page: Int
    public var perPage: Int

    public init(items: [Item], total: Int, page: Int, perPage: Int) {
        self.items = items
        self.total = total
        self.page = page
        self.perPage = perPage
    }

    public func map<Other: Content>(_ transform: (Item) throws -> Other) rethrows -> ListPage<Other> {
        ListPage<Other>(items: try items.map(transform), total: total, page: page, perPage: perPage)
    }

    public var pageCount: Int { max(1, (total + perPage - 1) / perPage) }
}

/// `page` and `per` from the query string, bounded (published in the OpenAPI document as such).
public struct ListPageRequest: Sendable {
    public static let maxPage = 100_000
    public static let maxPerPage = 200
    public static let defaultPerPage = 50

    public let page: Int
    public let perPage: Int

    public init(page: Int = 1, perPage: Int = ListPageRequest.defaultPerPage) {
        self.page = page
        self.perPage = perPage
    }

    /// Bad values are refused, not clamped: a client asking for page 0 has a bug worth telling.
    public init(_ req: Request, defaultPerPage: Int = ListPageRequest.defaultPerPage) throws {
        page = try Self.bounded(req, "page", default: 1, max: Self.maxPage)
        perPage = try Self.bounded(req, "per", default: defaultPerPage, max: Self.maxPerPage)
    }

    /// A second list on the same screen pages on a parameter of its own, at the default size.
    public init(_ req: Request, pageParameter: String, defaultPerPage: Int = ListPageRequest.defaultPerPage) throws {
        page = try Self.bounded(req, pageParameter, default: 1, max: Self.maxPage)
        perPage = defaultPerPage
    }

    private static func bounded(_ req: Request, _ name: String, default value: Int, max: Int) throws -> Int {
        guard let raw = req.query[String.self, at: name] else { return value }
        guard raw.count <= 6, let n = Int(raw), (1...max).contains(n) else { throw ShequError.invalid(.errorInvalidValue, name) }
        return n
    }

    /// Both bounded above, so the product cannot overflow.
    public var offset: Int { (page - 1) * perPage }
}

extension QueryBuilder {
    /// Counts the whole query, then fetches one page of it (sorts must already be applied).
    public func paged(_ request: ListPageRequest) async throws -> ListPage<Model> where Model: Content {
        let total = try await copy().count()
        let items = try await copy().range(request.offset..<(request.offset + request.perPage)).all()
        return ListPage(items: items, total: total, page: request.page, perPage: request.perPage)
    }

    /// The same for rows that are mapped to what a screen shows before they are sent.
    public func paged<Item: Content>(_ request: ListPageRequest, _ transform: (Model) throws -> Item) async throws -> ListPage<Item> {
        let total = try await copy().count()
        let rows = try await copy().range(request.offset..<(request.offset + request.perPage)).all()
        return ListPage(items: try rows.map(transform), total: total, page: request.page, perPage: request.perPage)
    }

    /// The same where a page's rows need one more query to be shown (their links, their names).
    public func paged<Item: Content>(_ request: ListPageRequest, rows transform: ([Model]) async throws -> [Item]) async throws -> ListPage<Item> {
        let total = try await copy().count()
        let rows = try await copy().range(request.offset..<(request.offset + request.perPage)).all()
        return ListPage(items: try await transform(rows), total: total, page: request.page, perPage: request.perPage)
    }
}
