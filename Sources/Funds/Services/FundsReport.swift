import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

/// The reports as rows with names: for the JSON routes, the pages and the CSV exports alike.
enum FundsReport {
    struct FundRow: Content {
        var id: UUID
        var name: String
        var kind: FundKind
        var firstYear: Int
        var lastYear: Int
        var document: String
        var divisionCode: String
        var figures: FundsSnapshot.FundFigures
    }

    /// A district, department or committee with its three figures (fen).
    struct Row: Content, Equatable {
        var key: String
        var name: String
        var allocated: Money
        var disbursed: Money
        var remaining: Money
    }

    struct EntryRow: Content {
        var seq: Int64
        var transactionID: UUID
        var recordedAt: Date
        var account: LedgerAccountKey
        var amount: Money
        var citation: LedgerCitation
        var memo: String
        var actor: String
    }

    static func funds(only: UUID? = nil, from snapshot: FundsSnapshot, on db: any Database) async throws -> [FundRow] {
        let query = Fund.query(on: db).sort(\.$firstYear).sort(\.$name)
        if let only { query.filter(\.$id == only) }
        let funds = try await query.all()
        let figures = try snapshot.perFund()
        let none = FundsSnapshot.FundFigures(contributed: .zero, allocatedToDistricts: .zero, unallocated: .zero, disbursed: .zero, remaining: .zero)
        return try funds.map { f in
            let id = try f.requireID()
            return FundRow(id: id, name: f.name, kind: f.kind, firstYear: f.firstYear, lastYear: f.lastYear, document: f.document,
                           divisionCode: f.divisionCode, figures: figures[id] ?? none)
        }
    }

    /// Two columns by the codes' common prefix (an index range), not one bound parameter per code:
    /// the per-committee report names every community of the city, and a list of 339 parameters
    /// cost more than the report's arithmetic.
    static func names(_ codes: some Sequence<String>, on db: any Database) async throws -> [String: String] {
        let wanted = Set(codes)
        guard let first = wanted.first else { return [:] }
        let sql = try FundsLedger.sqlDatabase(db)
        var prefix = Substring(first)
        for code in wanted { while !code.hasPrefix(prefix) { prefix = prefix.dropLast() } }
        var out: [String: String] = [:]
        let rows = prefix.count >= 4
            ? try await sql.raw("SELECT code, name FROM divisions WHERE code >= \(bind: String(prefix)) AND code < \(bind: prefix + "~")").all()
            : try await sql.raw("SELECT code, name FROM divisions").all()
        for row in rows {
            let code = try row.decode(column: "code", as: String.self)
            if wanted.contains(code) { out[code] = try row.decode(column: "name", as: String.self) }
        }
        return out
    }

    static func rows(_ figures: [String: FundsSnapshot.Figures], names: [String: String]) -> [Row] {
        figures.sorted { $0.key < $1.key }.map { key, f in
            Row(key: key, name: names[key] ?? key, allocated: f.allocated, disbursed: f.disbursed, remaining: f.remaining)
        }
    }

    static func districts(from snapshot: FundsSnapshot, on db: any Database) async throws -> [Row] {
        let figures = try snapshot.perDistrict()
        return rows(figures, names: try await names(figures.keys, on: db))
    }

    static func committees(district: String?, from snapshot: FundsSnapshot, on db: any Database) async throws -> [Row] {
        var figures = try snapshot.perCommittee()
        if let district { figures = figures.filter { $0.key.hasPrefix(district) } }
        return rows(figures, names: try await names(figures.keys, on: db))
    }

    static func departments(reader: FundsReader, from snapshot: FundsSnapshot, on db: any Database) async throws -> [Row] {
        let levels = try await fundLevels(on: db)
        // What a reader sees depends only on its scopes and departments, so readers alike share the sums.
        let reach = "departments|" + reader.scopes.sorted().joined(separator: ",") + "|" + reader.departments.map(\.uuidString).sorted().joined(separator: ",")
        let figures = try snapshot.memo.value(reach) {
            try snapshot.restricted { key in reader.sees(key, fundLevel: levels[key.fundID] ?? "") }.perDepartment()
        }
        var names: [UUID: String] = [:]
        let ids = Array(figures.keys)
        if !ids.isEmpty {
            for d in try await Department.query(on: db).filter(\.$id ~~ ids).all() { if let id = d.id { names[id] = d.name } }
        }
        return figures.sorted { (names[$0.key] ?? "", $0.key.uuidString) < (names[$1.key] ?? "", $1.key.uuidString) }.map { id, f in
            Row(key: id.uuidString, name: names[id] ?? id.uuidString, allocated: f.allocated, disbursed: f.disbursed, remaining: f.remaining)
        }
    }

    static func fundLevels(on db: any Database) async throws -> [UUID: String] {
        var out: [UUID: String] = [:]
        for f in try await Fund.query(on: db).all() { if let id = f.id { out[id] = f.divisionCode } }
        return out
    }

    /// The fund's entries, newest first, those of accounts the reader sees.
    static func entries(of fund: Fund, reader: FundsReader, page: ListPageRequest, on db: any Database) async throws -> ListPage<EntryRow> {
        let fundID = try fund.requireID()
        var keys: [UUID: LedgerAccountKey] = [:]
        for a in try await LedgerAccount.query(on: db).filter(\.$fundID == fundID).all() { keys[try a.requireID()] = a.key }
        let visible = keys.filter { reader.sees($0.value, fundLevel: fund.divisionCode) }
        let query = LedgerEntry.query(on: db).filter(\.$fundID == fundID)
        if visible.count < keys.count { query.filter(\.$accountID ~~ Array(visible.keys)) }
        return try await query.sort(\.$seq, .descending).sort(\.$amountFen).paged(page) { e in
            EntryRow(seq: e.seq, transactionID: e.transactionID, recordedAt: e.recordedAt,
                     account: keys[e.accountID] ?? .fund(fundID), amount: e.amount, citation: e.citation, memo: e.memo, actor: e.actor)
        }
    }
}

extension FundsSnapshot {
    /// Only the flows of accounts `include` lets through; every account stays known, so a flow's other side is still recognised.
    func restricted(_ include: (LedgerAccountKey) -> Bool) -> FundsSnapshot {
        FundsSnapshot(accounts: accounts, flows: flows.filter { flow in accounts[flow.account].map(include) ?? false })
    }
}
