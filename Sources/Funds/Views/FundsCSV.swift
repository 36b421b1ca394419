import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// Each report as a spreadsheet: UTF-8 with a BOM (Chinese Windows spreadsheets read it right),
/// amounts in yuan with two decimals and in fen, so a sum in the sheet can be checked to the fen.
enum FundsCSV {
    static func response(_ name: String, header: [String], rows: [[String]]) -> Response {
        .csv(filename: name, header: header, rows: rows)
    }

    static func money(_ m: Money) -> [String] { [m.yuanText.replacingOccurrences(of: ",", with: ""), String(m.fen)] }

    static func rows(_ key: String, _ rows: [FundsReport.Row], name: String) -> Response {
        response(name, header: [key, "name", "allocated_yuan", "allocated_fen", "disbursed_yuan", "disbursed_fen", "remaining_yuan", "remaining_fen"],
                 rows: rows.map { [$0.key, $0.name] + money($0.allocated) + money($0.disbursed) + money($0.remaining) })
    }

    static func funds(_ req: Request) async throws -> Response {
        let funds = try await FundsAPIController.list(req)
        return response("funds.csv", header: ["fund_id", "name", "kind", "first_year", "last_year", "document",
                                              "contributed_yuan", "contributed_fen", "allocated_to_districts_yuan", "allocated_to_districts_fen",
                                              "unallocated_yuan", "unallocated_fen", "disbursed_yuan", "disbursed_fen", "remaining_yuan", "remaining_fen"],
                        rows: funds.map { f in
                            [f.id.uuidString, f.name, f.kind.rawValue, String(f.firstYear), String(f.lastYear), f.document]
                                + money(f.figures.contributed) + money(f.figures.allocatedToDistricts) + money(f.figures.unallocated)
                                + money(f.figures.disbursed) + money(f.figures.remaining)
                        })
    }

    static func budgetLines(_ req: Request) async throws -> Response {
        let lines = try await BudgetLinesAPIController.report(req)
        return response("fund-budget-lines.csv", header: ["budget_line_id", "code", "name", "first_year", "last_year", "document",
                                                         "appropriated_yuan", "appropriated_fen", "allocated_yuan", "allocated_fen",
                                                         "remaining_yuan", "remaining_fen"],
                        rows: lines.map { l in
                            [l.id.uuidString, l.code, l.name, String(l.firstYear), String(l.lastYear), l.document]
                                + money(l.appropriated) + money(l.allocated) + money(l.remaining)
                        })
    }

    static func districts(_ req: Request) async throws -> Response {
        rows("district_code", try await FundsAPIController.districtReport(req), name: "fund-districts.csv")
    }

    static func committees(_ req: Request) async throws -> Response {
        rows("community_code", try await FundsAPIController.committeeReport(req), name: "fund-committees.csv")
    }

    static func departments(_ req: Request) async throws -> Response {
        rows("department_id", try await FundsAPIController.departmentReport(req), name: "fund-departments.csv")
    }
}
