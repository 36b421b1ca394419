import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Workforce

/// The grade list's filters, read with SQL (StaffListQuery): serving today unless `all=true`, a kind, a division
/// inside the reader's scope, pages in the order division, name, id; the CSV takes the same rows.
@Suite struct StaffListTests {
    static func stored(_ app: Application, _ name: String, _ code: String, kind: StaffKind = .districtHired,
                       from start: String? = "2020-01-01", to end: String? = nil) async throws {
        let r = StaffRecord()
        r.kind = kind
        r.name = name
        r.divisionCode = code
        r.post = "staff"
        r.contractStart = start
        r.contractEnd = end
        r.weeklyMinutes = 2400
        r.serviceSince = "2020-01-01"
        r.education = .bachelor
        r.createdBy = "test"
        try await r.create(on: app.db)
    }

    @Test func theListFiltersAndPagesAsItsQueryStates() async throws {
        try await withWorkforce { app, f in
            let today = LocalDate(instant: Date())
            try await Self.stored(app, "甲", communityA)
            try await Self.stored(app, "乙", communityA, kind: .establishment)
            try await Self.stored(app, "丙", "440402001002", to: nil)
            try await Self.stored(app, "已离任", communityA, to: today.adding(days: -1).description)
            try await Self.stored(app, "未到任", communityA, from: today.adding(days: 1).description)
            try await Self.stored(app, "今天到期", communityA, to: today.description)
            try await Self.stored(app, "他街", communityB)
            func names(_ query: String, token: String? = nil) async throws -> (Int, [String]) {
                let res = try await app.api(.GET, "/api/v1/workforce/staff" + query, token: token ?? f.city)
                #expect(res.status == .ok, "\(query): \(res.body)")
                return (res.object["total"] as? Int ?? -1, res.items.compactMap { $0["name"] as? String })
            }
            let serving = try await names("?per=200")
            #expect(Set(serving.1) == ["甲", "乙", "丙", "今天到期", "他街"] && serving.0 == 5, "\(serving)")
            let codes = ["甲": communityA, "乙": communityA, "今天到期": communityA, "丙": "440402001002", "他街": communityB]
            #expect(serving.1 == serving.1.sorted { (codes[$0] ?? "", $0) < (codes[$1] ?? "", $1) }, "ordered by division, then name: \(serving.1)")
            let everyone = try await names("?all=true&per=200")
            #expect(everyone.0 == 7 && Set(everyone.1).isSuperset(of: ["已离任", "未到任"]))
            #expect(try await names("?kind=establishment").1 == ["乙"])
            #expect(Set(try await names("?division=440402001002").1) == ["丙"])
            // The street official reads their street only; a division outside it gives nothing, not another street's.
            #expect(Set(try await names("?per=200", token: f.streetA).1) == ["甲", "乙", "丙", "今天到期"])
            #expect(try await names("?division=\(communityB)", token: f.streetA).0 == 0)
            // Pages: the second of one row each is the second row of the whole list.
            let second = try await names("?per=1&page=2")
            #expect(second.0 == 5 && second.1 == [serving.1[1]])
            // The CSV has the same rows as the list.
            let browser = Browser(app)
            try await browser.signIn("official.a")
            let csv = try await browser.get("/workforce/staff.csv?all=true")
            #expect(csv.status == .ok && csv.body.contains("已离任") && !csv.body.contains("他街"))
            #expect(csv.body.split(whereSeparator: \.isNewline).count == 1 + 6, "\(csv.body)")
        }
    }
}
