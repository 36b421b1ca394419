import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Funds
@testable import Procurement
@testable import SocialOrganizations

/// A fund with money allocated to 香洲区, the buying street's official (and another street's), two registry
/// organisations each with its own staff account, and two panel members.
struct ProcurementFixture {
    let fundID: UUID
    let buyer: String
    let otherStreet: String
    let staffOne: String
    let staffTwo: String
    let orgOne: UUID
    let orgTwo: UUID
    let panelOne: String
    let panelTwo: String
    let panelThree: String

    static let district = "440402"
    static let allocatedFen: Int64 = 50_000_000 // 500,000 yuan

    static func make(_ app: Application, allocate: Int64 = allocatedFen) async throws -> ProcurementFixture {
        try await makeAccount(app, "lgo.city", .leadingGroupOffice, "4404")
        let office = try await app.token("lgo.city")
        let fund = try await app.api(.POST, "/api/v1/funds", token: office, json: [
            "name": "购买服务测试资金", "kind": "special", "firstYear": 2011, "lastYear": 2030, "document": "珠字〔2010〕7号"])
        guard fund.status == .created, let fundID = (fund.object["id"] as? String).flatMap(UUID.init(uuidString:)) else {
            throw TestFailure("fund: \(fund.status) \(fund.body)")
        }
        let paidIn = try await app.api(.POST, "/api/v1/funds/\(fundID)/contributions", token: office,
                                       json: ["amountFen": allocate, "divisionCode": "4404", "document": "珠字〔2010〕7号"])
        #expect(paidIn.status == .created, "\(paidIn.body)")
        let allocated = try await app.api(.POST, "/api/v1/funds/\(fundID)/allocations", token: office,
                                          json: ["amountFen": allocate, "district": district, "document": "珠社领办〔2011〕1号"])
        #expect(allocated.status == .created, "\(allocated.body)")

        try await makeAccount(app, "street.a", .streetOfficial, streetA)
        try await makeAccount(app, "street.b", .streetOfficial, streetB)
        let buyer = try await app.token("street.a")
        let orgOne = try await organization(app, filer: "res.one", name: "翠香长者关爱服务社", approver: buyer)
        let orgTwo = try await organization(app, filer: "res.two", name: "紫荆居家养老服务中心", approver: buyer)
        try await makeAccount(app, "panel.one", .streetOfficial, "440402003")
        try await makeAccount(app, "panel.two", .streetOfficial, "440402003")
        try await makeAccount(app, "panel.three", .districtOfficial, district)
        return ProcurementFixture(fundID: fundID, buyer: buyer, otherStreet: try await app.token("street.b"),
                                  staffOne: try await app.token("res.one"), staffTwo: try await app.token("res.two"),
                                  orgOne: orgOne, orgTwo: orgTwo, panelOne: try await app.token("panel.one"), panelTwo: try await app.token("panel.two"),
                                  panelThree: try await app.token("panel.three"))
    }

    /// A resident files, the street approves: the organisation enters the registry and its filer becomes its staff.
    static func organization(_ app: Application, filer: String, name: String, approver: String) async throws -> UUID {
        try await makeAccount(app, filer, .resident, communityA)
        let token = try await app.token(filer)
        let filed = try await app.api(.POST, "/api/v1/organization-filings", token: token, json: [
            "name": name, "category": "welfareServices", "streetCode": streetA, "communities": [communityA],
            "purpose": "为社区老人提供助餐和探访。", "contactName": "黄丽华", "contactPhone": "13926900999", "members": 20])
        guard filed.status == .created, let id = filed.object["id"] as? String else { throw TestFailure("filing: \(filed.status) \(filed.body)") }
        let approved = try await app.api(.POST, "/api/v1/organization-filings/\(id)/approve", token: approver, json: [:])
        guard approved.status == .ok, let org = (approved.object["organizationID"] as? String).flatMap(UUID.init(uuidString:)) else {
            throw TestFailure("approval: \(approved.status) \(approved.body)")
        }
        return org
    }

    static var today: LocalDate { LocalDate(instant: Date()) }

    func planJSON(budgetFen: Int64 = 20_000_000, termMonths: Int = 12) -> [String: Any] {
        ["title": "居家养老上门服务", "area": "elderlyCare", "scopeCode": streetA, "description": "为辖区80岁以上独居老人每周上门探访两次。",
         "fundID": fundID.uuidString, "budgetFen": budgetFen, "termMonths": termMonths, "isService": true]
    }

    func plan(_ app: Application, budgetFen: Int64 = 20_000_000) async throws -> String {
        let res = try await app.api(.POST, "/api/v1/procurement", token: buyer, json: planJSON(budgetFen: budgetFen))
        guard res.status == .created, let id = (res.object["id"] as? String) else { throw TestFailure("plan: \(res.status) \(res.body)") }
        return id
    }

    func callJSON(method: String = "open", reason: String? = nil, invitees: [UUID] = []) -> [String: Any] {
        var json: [String: Any] = ["method": method, "closesOn": Self.today.adding(days: 7).description, "weightQuality": 60,
                                   "weightExperience": 20, "weightPrice": 20, "panel": ["panel.one", "panel.two", "panel.three"],
                                   "invitees": invitees.map(\.uuidString)]
        if let reason { json["reason"] = reason }
        return json
    }

    func apply(_ app: Application, _ project: String, token: String, org: UUID, priceFen: Int64) async throws -> APIResult {
        try await app.api(.POST, "/api/v1/procurement/\(project)/applications", token: token, json: [
            "organizationID": org.uuidString, "proposal": "配备持证护理员4名，每周两次上门。", "priceFen": priceFen])
    }

    func score(_ app: Application, _ project: String, _ application: String, token: String, _ scores: [Int]) async throws -> APIResult {
        try await app.api(.POST, "/api/v1/procurement/\(project)/applications/\(application)/score", token: token, json: [
            "noConflict": true, "scoreQuality": scores[0], "scoreExperience": scores[1], "scorePrice": scores[2]])
    }

    /// A project in scoring: both organisations applied (one at 150,000, two at 120,000 yuan), the call closed;
    /// panel three knows both applicants and has declared its conflict on each, so members one and two decide.
    /// Returns the project and the two applications' ids.
    func scoring(_ app: Application) async throws -> (project: String, one: String, two: String) {
        let id = try await plan(app)
        let call = try await app.api(.POST, "/api/v1/procurement/\(id)/call", token: buyer, json: callJSON())
        guard call.status == .ok else { throw TestFailure("call: \(call.status) \(call.body)") }
        let a = try await apply(app, id, token: staffOne, org: orgOne, priceFen: 15_000_000)
        let b = try await apply(app, id, token: staffTwo, org: orgTwo, priceFen: 12_000_000)
        guard a.status == .created, b.status == .created, let one = a.object["id"] as? String, let two = b.object["id"] as? String else {
            throw TestFailure("apply: \(a.body) \(b.body)")
        }
        try await Self.pastClosingDay(app, id)
        let closed = try await app.api(.POST, "/api/v1/procurement/\(id)/close", token: buyer, json: [:])
        guard closed.status == .ok else { throw TestFailure("close: \(closed.status) \(closed.body)") }
        for application in [one, two] {
            let aside = try await app.api(.POST, "/api/v1/procurement/\(id)/applications/\(application)/score", token: panelThree,
                                          json: ["conflictStatement": "与两家申报组织负责人均为亲属。"])
            guard aside.status == .created else { throw TestFailure("panel three: \(aside.status) \(aside.body)") }
        }
        return (id, one, two)
    }

    /// The call's closing day moved to yesterday, as time would: it may now close.
    static func pastClosingDay(_ app: Application, _ project: String) async throws {
        let p = try #require(try await PurchaseProject.find(UUID(uuidString: project), on: app.db))
        p.closesOn = today.adding(days: -1).description
        try await p.update(on: app.db)
    }

    func reserved(_ app: Application, _ project: String) async throws -> Money {
        try await FundsLedger.balance(of: LedgerAccountKey(fundID: fundID, kind: .agreement, divisionCode: streetA,
                                                           referenceID: UUID(uuidString: project)), on: app.db)
    }

    func districtBalance(_ app: Application) async throws -> Money {
        try await FundsLedger.balance(of: .districtAllocation(fundID, district: Self.district), on: app.db)
    }
}

func denied(_ app: Application, _ action: String) async throws -> Int {
    try await AuditEntry.query(on: app.db).filter(\.$action == action).filter(\.$outcome == "denied").count()
}
