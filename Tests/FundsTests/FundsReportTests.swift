import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Funds

/// The reports against figures worked out by hand.
@Suite struct FundsReportTests {
    struct Scenario {
        let f: FundsFixture
        let dept: UUID
        let agreement: UUID
    }

    /// City 1,000 + Xiangzhou 500 in; 800 to Xiangzhou, 300 to Doumen; a Xiangzhou plan of 500 (department D) pays
    /// 400 into an agreement for 紫荆社区 and 60 straight to community B's committee; the agreement pays 150 to
    /// 紫荆社区's committee and 50 to an organisation.
    func scenario(_ app: Application) async throws -> Scenario {
        let f = try await FundsFixture.make(app)
        _ = try await f.contribute(app, fen: 1_000_00)
        _ = try await f.contribute(app, fen: 500_00, by: "440402")
        _ = try await f.allocate(app, fen: 800_00, to: "440402")
        _ = try await f.allocate(app, fen: 300_00, to: "440403")
        let dept = try await { let d = Department(name: "区民政局", divisionCode: "440402"); try await d.create(on: app.db); return try d.requireID() }()
        let plan = UUID(), agreement = UUID(), org = UUID()
        let planKey = LedgerAccountKey.plan(f.fundID, plan: plan, department: dept, reach: "440402")
        let agreementKey = LedgerAccountKey.agreement(f.fundID, agreement: agreement, department: dept, divisionCode: communityA)
        let byPlan = LedgerCitation(kind: .plan, referenceID: plan, document: "2011-民政-01")
        let byAgreement = LedgerCitation(kind: .agreement, referenceID: agreement, document: "委托协议 2011-01")
        try await move(app, 500, from: .districtAllocation(f.fundID, district: "440402"), to: planKey, cites: byPlan)
        try await move(app, 400, from: planKey, to: agreementKey, cites: byPlan)
        try await move(app, 150, from: agreementKey, to: .committee(f.fundID, community: communityA), cites: byAgreement)
        try await move(app, 50, from: agreementKey, to: .organization(f.fundID, organization: org), cites: byAgreement)
        try await move(app, 60, from: planKey, to: .committee(f.fundID, community: communityB), cites: byPlan)
        return Scenario(f: f, dept: dept, agreement: agreement)
    }

    func fen(_ any: Any?) -> Int64? { (any as? NSNumber)?.int64Value }

    @Test func perFundPerDistrictPerDepartmentAndPerCommitteeAddUp() async throws {
        try await withShequ { app in
            let s = try await scenario(app)
            let funds = try await app.api(.GET, "/api/v1/funds").array
            let figures = try #require(funds.first?["figures"] as? [String: Any])
            #expect(fen(figures["contributed"]) == 1_500_00)
            #expect(fen(figures["allocatedToDistricts"]) == 1_100_00)
            #expect(fen(figures["unallocated"]) == 400_00)
            #expect(fen(figures["disbursed"]) == 260_00)
            #expect(fen(figures["remaining"]) == 1_240_00)

            let districts = try await app.api(.GET, "/api/v1/fund-reports/districts?fund=\(s.f.fundID)").array
            let xz = try #require(districts.first { $0["key"] as? String == "440402" })
            #expect(fen(xz["allocated"]) == 800_00 && fen(xz["disbursed"]) == 260_00 && fen(xz["remaining"]) == 540_00)
            #expect(xz["name"] as? String == "香洲区")
            let dm = try #require(districts.first { $0["key"] as? String == "440403" })
            #expect(fen(dm["allocated"]) == 300_00 && fen(dm["disbursed"]) == 0 && fen(dm["remaining"]) == 300_00)

            let committees = try await app.api(.GET, "/api/v1/fund-reports/committees?district=440402").array
            let a = try #require(committees.first { $0["key"] as? String == communityA })
            #expect(fen(a["allocated"]) == 400_00 && fen(a["disbursed"]) == 150_00 && fen(a["remaining"]) == 200_00)
            let b = try #require(committees.first { $0["key"] as? String == communityB })
            #expect(fen(b["allocated"]) == 0 && fen(b["disbursed"]) == 60_00 && fen(b["remaining"]) == 0)
            #expect(try await app.api(.GET, "/api/v1/fund-reports/committees?district=440403").array.isEmpty)

            let departments = try await app.api(.GET, "/api/v1/fund-reports/departments", token: s.f.office).array
            #expect(departments.count == 1)
            let d = try #require(departments.first)
            #expect(d["name"] as? String == "区民政局")
            #expect(fen(d["allocated"]) == 500_00 && fen(d["disbursed"]) == 260_00 && fen(d["remaining"]) == 240_00)
        }
    }

    @Test func departmentStaffSeeTheirOwnDepartmentAndStreetsTheirOwnPlaces() async throws {
        try await withShequ { app in
            let s = try await scenario(app)
            let own = try await makeAccount(app, "dept.own", .communityStaff, communityA)
            try await Grant.query(on: app.db).filter(\.$account.$id == own.requireID()).delete()
            try await Grant(accountID: own.requireID(), role: .departmentStaff, scope: "4404", departmentID: s.dept).create(on: app.db)
            let other = try await makeAccount(app, "dept.other", .communityStaff, communityA)
            try await Grant.query(on: app.db).filter(\.$account.$id == other.requireID()).delete()
            try await Grant(accountID: other.requireID(), role: .departmentStaff, scope: "4404", departmentID: UUID()).create(on: app.db)
            try await makeAccount(app, "street.b", .streetOfficial, "440403001")
            #expect(try await app.api(.GET, "/api/v1/fund-reports/departments", token: app.token("dept.own")).array.count == 1)
            #expect(try await app.api(.GET, "/api/v1/fund-reports/departments", token: app.token("dept.other")).array.isEmpty)
            #expect(try await app.api(.GET, "/api/v1/fund-reports/departments", token: app.token("street.b")).array.isEmpty)
            // The ledger's entries likewise: another district's street sees none of this fund's Xiangzhou entries.
            let entries = try await app.api(.GET, "/api/v1/funds/\(s.f.fundID)/entries", token: app.token("street.b"))
            #expect(entries.status == .ok && entries.items.isEmpty)
            let all = try await app.api(.GET, "/api/v1/funds/\(s.f.fundID)/entries?per=200", token: s.f.office)
            #expect(all.object["total"] as? Int == 18)
        }
    }

    @Test func theCSVExportsCarryTheSameFiguresInYuanAndFen() async throws {
        try await withShequ { app in
            let s = try await scenario(app)
            let res = try await app.api(.GET, "/fund-reports/districts.csv?fund=\(s.f.fundID)")
            #expect(res.status == .ok)
            #expect(res.headers.contentType?.subType == "csv")
            let lines = res.body.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n")
            #expect(lines[0] == "district_code,name,allocated_yuan,allocated_fen,disbursed_yuan,disbursed_fen,remaining_yuan,remaining_fen")
            #expect(lines.contains("440402,香洲区,800.00,80000,260.00,26000,540.00,54000"))
            #expect(lines.contains("440403,斗门区,300.00,30000,0.00,0,300.00,30000"))
            let funds = try await app.api(.GET, "/fund-reports/funds.csv").body
            #expect(funds.contains("1500.00,150000,1100.00,110000,400.00,40000,260.00,26000,1240.00,124000"))
            let committees = try await app.api(.GET, "/fund-reports/committees.csv").body
            #expect(committees.contains("\(communityA),"))
            #expect(committees.contains(",400.00,40000,150.00,15000,200.00,20000"))
            #expect(try await app.api(.GET, "/fund-reports/departments.csv").status == .unauthorized)
        }
    }

    /// Each instance's running sums catch up with every write, whoever made it, and agree with summing from nothing.
    @Test func theRunningSumsCatchUpWithWritesFromAnyInstance() async throws {
        try await withShequ { app in
            let s = try await scenario(app)
            let one = FundsFlowCache(), other = FundsFlowCache()
            func districts(_ cache: FundsFlowCache) async throws -> [FundsReport.Row] {
                try await FundsReport.districts(from: cache.snapshot(fund: s.f.fundID, on: app.db), on: app.db)
            }
            let before = try await districts(one)
            _ = try await s.f.allocate(app, fen: 100_00, to: "440403")
            let afterOne = try await districts(one), afterOther = try await districts(other), fresh = try await districts(FundsFlowCache())
            #expect(afterOne == afterOther && afterOne == fresh && afterOne != before)
            #expect(before.first { $0.key == "440403" }?.allocated == yuan(300))
            #expect(afterOne.first { $0.key == "440403" }?.allocated == yuan(400))
            // The running sums equal one grouped read of every entry, the sum the cache stands in for.
            let summed = try await FundsSnapshot.load(fund: s.f.fundID, on: app.db), kept = try await one.snapshot(fund: s.f.fundID, on: app.db)
            #expect(try kept.perDistrict() == summed.perDistrict() && kept.perFund() == summed.perFund())
            #expect(try kept.perCommittee() == summed.perCommittee() && kept.perDepartment() == summed.perDepartment())
            // The public route reads the application's own, which is caught up too.
            let viaAPI = try await app.api(.GET, "/api/v1/fund-reports/districts?fund=\(s.f.fundID)").array
            #expect(fen(viaAPI.first { $0["key"] as? String == "440403" }?["allocated"]) == 400_00)
        }
    }

    /// A ledger that goes back (a database restored from a backup) is summed again, and those sums are kept.
    @Test func theRunningSumsStartAgainWhenTheLedgerGoesBack() async throws {
        try await withShequ { app in
            let s = try await scenario(app)
            let cache = FundsFlowCache()
            _ = try await cache.snapshot(fund: nil, on: app.db)
            let head = try #require(cache.summedUpTo[s.f.fundID])
            try await LedgerEntry.query(on: app.db).filter(\.$fundID == s.f.fundID).filter(\.$seq == head).delete()
            try await LedgerTransactionRecord.query(on: app.db).filter(\.$fundID == s.f.fundID).filter(\.$seq == head).delete()
            let kept = try await cache.snapshot(fund: s.f.fundID, on: app.db), summed = try await FundsSnapshot.load(fund: s.f.fundID, on: app.db)
            #expect(try kept.perDistrict() == summed.perDistrict() && kept.perFund() == summed.perFund())
            #expect(cache.summedUpTo[s.f.fundID] == head - 1)
        }
    }

    /// The pure arithmetic alone, without a database.
    @Test func theSnapshotArithmeticByHand() throws {
        let fund = UUID(), dept = UUID(), ag = UUID()
        let ids = (0..<6).map { _ in UUID() }
        let keys: [LedgerAccountKey] = [.contribution(fund, by: "4404"), .fund(fund), .districtAllocation(fund, district: "440402"),
                                        .agreement(fund, agreement: ag, department: dept, divisionCode: "440402001001"),
                                        .committee(fund, community: "440402001001"), .committee(fund, community: "440402001002")]
        let accounts = Dictionary(uniqueKeysWithValues: zip(ids, keys))
        func flow(_ a: Int, _ b: Int, _ y: Int64) -> [LedgerFlow] {
            [LedgerFlow(account: ids[a], counter: ids[b], net: yuan(-y)), LedgerFlow(account: ids[b], counter: ids[a], net: yuan(y))]
        }
        let snapshot = FundsSnapshot(accounts: accounts, flows: flow(0, 1, 100) + flow(1, 2, 70) + flow(2, 3, 50) + flow(3, 4, 20) + flow(3, 5, 5))
        let perFund = try #require(try snapshot.perFund()[fund])
        #expect(perFund.contributed == yuan(100) && perFund.allocatedToDistricts == yuan(70) && perFund.unallocated == yuan(30))
        #expect(perFund.disbursed == yuan(25) && perFund.remaining == yuan(75))
        #expect(try snapshot.perDistrict()["440402"] == .init(allocated: yuan(70), disbursed: yuan(25), remaining: yuan(45)))
        #expect(try snapshot.perDepartment()[dept] == .init(allocated: yuan(50), disbursed: yuan(25), remaining: yuan(25)))
        #expect(try snapshot.perCommittee()["440402001001"] == .init(allocated: yuan(50), disbursed: yuan(20), remaining: yuan(25)))
        #expect(try snapshot.perCommittee()["440402001002"] == .init(allocated: .zero, disbursed: yuan(5), remaining: .zero))
    }
}
