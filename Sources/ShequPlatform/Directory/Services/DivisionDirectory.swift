import Fluent
import Foundation
import ShequKernel

/// Loads the city's division tree from the copy of the NBS codes shipped
/// with the product, and answers "is this a community we know".
public enum DivisionDirectory {
    /// Communities added in the NBS 2023 edition (see docs/data.md); the 2022
    /// additions to 前山街道 have no published codes and are not invented here.
    static let additions2023: [(code: String, name: String, parent: String)] = [
        ("440402001017", "香山社区居民委员会", "440402001"),
        ("440402006003", "海前社区居民委员会", "440402006"),
        ("440402102013", "新城社区居民委员会", "440402102"),
        ("440404100005", "滨海社区居民委员会", "440404100"),
    ]

    public static func rows() throws -> [Division] {
        guard let url = Bundle.module.url(forResource: "zhuhai-divisions", withExtension: "csv", subdirectory: "Resources") else {
            throw DirectoryError.missingResource("zhuhai-divisions.csv")
        }
        let table = try CSVTable(parsing: String(contentsOf: url, encoding: .utf8))
        var rows = table.rows.compactMap { row -> Division? in
            guard row.fields.count >= 5, let code = DivisionCode(row.fields[0]),
                  let level = DivisionLevel(rawValue: row.fields[2]) else { return nil }
            return Division(code: code.rawValue, name: row.fields[1], level: level,
                            parentCode: row.fields[3].isEmpty ? nil : row.fields[3],
                            kind: row.fields[4].isEmpty ? nil : row.fields[4])
        }
        let known = Set(rows.map(\.code))
        for a in additions2023 where !known.contains(a.code) {
            rows.append(Division(code: a.code, name: a.name, level: .community, parentCode: a.parent, kind: "residents_committee"))
        }
        return rows
    }

    /// Idempotent: inserts only codes not yet present.
    static func seed(on db: any Database) async throws {
        let existing = Set(try await Division.query(on: db).all(\.$id).compactMap { $0 })
        let missing = try rows().filter { !existing.contains($0.code) }
        guard !missing.isEmpty else { return }
        // One multi-row insert per level, parents first, so the tree is whole at every step.
        for level in DivisionLevel.allCases {
            let rows = missing.filter { $0.level == level }
            for chunk in stride(from: 0, to: rows.count, by: 200) {
                try await Array(rows[chunk..<min(chunk + 200, rows.count)]).create(on: db)
            }
        }
    }

    /// The community a resident or household is registered in: it must exist and be a community.
    public static func requireCommunity(_ raw: String, on db: any Database) async throws -> Division {
        guard let code = DivisionCode(raw), let division = try await Division.find(code.rawValue, on: db) else {
            throw ShequError.invalid(.errorUnknownDivision, String(raw.prefix(20)), code: "unknown_division")
        }
        guard division.level == .community else {
            throw ShequError.invalid(.errorNotCommunity, division.code, code: "not_community")
        }
        return division
    }

    enum DirectoryError: Error { case missingResource(String) }
}
