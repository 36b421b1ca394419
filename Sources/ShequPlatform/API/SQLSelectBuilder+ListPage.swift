import Fluent
import SQLKit
import Vapor

extension Database {
    /// The SQL side of the database, for reads that decode rows straight into what a screen shows.
    /// Both drivers the platform runs on are SQL databases; anything else is a fault, not a 500 from a cast.
    public func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw ShequError(.internalServerError, .errorServer, code: "list_needs_sql") }
        return sql
    }
}

extension SQLSelectBuilder {
    /// Counts the selection, then fetches one page of it, each row decoded into `Item` by its coding keys
    /// (columns in snake case, `SQLRowDecoder.columns`). Profiled on a community's matters (release build, SQLite):
    /// building and encoding Fluent models by reflection took two thirds of each request; a plain `Decodable` row
    /// reads only the columns it names and encodes without reflection. Sorts must already be applied; the builder
    /// is given the page's LIMIT and OFFSET. Plain selections only: a count of a grouped or distinct one would
    /// be wrong, so it is refused.
    public func paged<Item: Content>(_ page: ListPageRequest, decoding: Item.Type) async throws -> ListPage<Item> {
        guard !select.isDistinct, select.groupBy.isEmpty, select.having == nil else {
            throw ShequError(.internalServerError, .errorServer, code: "paged_needs_plain_select")
        }
        var counting = select
        counting.columns = [SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n"))]
        counting.orderBy = []
        counting.limit = nil
        counting.offset = nil
        let counter = SQLSelectBuilder(on: database)
        counter.select = counting
        let total = try await counter.first(decodingColumn: "n", as: Int.self) ?? 0
        let items = try await StoredRows.read {
            try await limit(page.perPage).offset(page.offset).all(decoding: Item.self, with: .columns)
        }
        return ListPage(items: items, total: total, page: page.page, perPage: page.perPage)
    }
}

/// Rows the code cannot read (a value it no longer knows, a column of another type) are a fault on the server's
/// side. Left alone, SQLKit's `DecodingError` would reach the error middleware as a client's malformed input (400),
/// and only on SQLite: PostgreSQL's driver throws its own error.
public enum StoredRows {
    public static func read<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch is DecodingError {
            throw ShequError(.internalServerError, .errorServer, code: "stored_row_unreadable")
        }
    }

    public static func read<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch is DecodingError {
            throw ShequError(.internalServerError, .errorServer, code: "stored_row_unreadable")
        }
    }
}

extension SQLRowDecoder {
    /// A property `matterID` reads the column `matter_id`, `divisionCode` reads `division_code`. SQLKit's own
    /// snake case splits every capital (`matter_i_d`), and an optional property whose column is misnamed would
    /// quietly read as nil.
    public static let columns = SQLRowDecoder(keyDecodingStrategy: .custom { path in
        ColumnKey(stringValue: columnName(path.last?.stringValue ?? ""))
    })

    /// A new word starts at a capital that follows a lower-case letter or a digit. Property names are ASCII, and
    /// this runs for every column of every row: bytes, not `Character`'s Unicode properties (a fifth of a
    /// 50-matter list's CPU in a profile when it asked `isUppercase`).
    public static func columnName(_ property: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(property.utf8.count + 4)
        var previous: UInt8 = 0
        for b in property.utf8 {
            let upper = (0x41...0x5A).contains(b)
            if upper, (0x61...0x7A).contains(previous) || (0x30...0x39).contains(previous) { out.append(0x5F) }
            out.append(upper ? b + 0x20 : b)
            previous = b
        }
        return String(decoding: out, as: UTF8.self)
    }

    struct ColumnKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension SQLRow {
    /// A stored value the code no longer knows is a fault to report (500), not a default to show.
    public func known<T: RawRepresentable>(_ column: String, _ type: T.Type) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try decode(column: column, as: String.self)) else {
            throw ShequError(.internalServerError, .errorServer, code: "unknown_\(column)")
        }
        return value
    }
}
