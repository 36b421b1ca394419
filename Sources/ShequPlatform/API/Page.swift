import Fluent
import Vapor

/// One page of a list and how many there are in all, so no list ever stops
/// silently at some row count: a screen or a client asks for the next page.
public struct Page<Item: Content>: Content {
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

    public func map<Other: Content>(_ transform: (Item) throws -> Other) rethrows -> Page<Other> {
        Page<Other>(items: try items.map(transform), total: total, page: page, perPage: perPage)
    }

    public var pageCount: Int { max(1, (total + perPage - 1) / perPage) }
}

/// `page` and `per` from the query string, bounded (published in the OpenAPI document as such).
public struct PageRequest: Sendable {
    public static let maxPage = 100_000
    public static let maxPerPage = 200
    public static let defaultPerPage = 50

    public let page: Int
    public let perPage: Int

    public init(page: Int = 1, perPage: Int = PageRequest.defaultPerPage) {
        self.page = page
        self.perPage = perPage
    }

    /// Bad values are refused, not clamped: a client asking for page 0 has a bug worth telling.
    public init(_ req: Request, defaultPerPage: Int = PageRequest.defaultPerPage) throws {
        page = try Self.bounded(req, "page", default: 1, max: Self.maxPage)
        perPage = try Self.bounded(req, "per", default: defaultPerPage, max: Self.maxPerPage)
    }

    private static func bounded(_ req: Request, _ name: String, default value: Int, max: Int) throws -> Int {
        guard let raw = req.query[String.self, at: name] else { return value }
        guard raw.count <= 6, let n = Int(raw), (1...max).contains(n) else { throw ShequError.invalid(.errorInvalidValue, name) }
        return n
    }

    /// Both bounded above, so the product cannot overflow.
    var offset: Int { (page - 1) * perPage }
}

extension QueryBuilder {
    /// Counts the whole query, then fetches one page of it (sorts must already be applied).
    public func paged(_ request: PageRequest) async throws -> Page<Model> where Model: Content {
        let total = try await copy().count()
        let items = try await copy().range(request.offset..<(request.offset + request.perPage)).all()
        return Page(items: items, total: total, page: request.page, perPage: request.perPage)
    }

    /// The same for rows that are mapped to what a screen shows before they are sent.
    public func paged<Item: Content>(_ request: PageRequest, _ transform: (Model) throws -> Item) async throws -> Page<Item> {
        let total = try await copy().count()
        let rows = try await copy().range(request.offset..<(request.offset + request.perPage)).all()
        return Page(items: try rows.map(transform), total: total, page: request.page, perPage: request.perPage)
    }
}
