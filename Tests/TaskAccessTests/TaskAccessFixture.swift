import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Vapor
@testable import TaskAccess

/// Two departments (the city's civil-affairs bureau, Xiangzhou's health bureau) with one
/// officer each (the department on the grant), the city's and Xiangzhou's leading-group
/// offices, a committee worker of 紫荆社区 and one of another community, a street
/// official, and a fund with 1,000,000 yuan allocated to Xiangzhou and 100,000 to Doumen.
struct TaskAccessFixture {
    var civil: UUID
    var health: UUID
    var fund: UUID
    var civilStaff: String
    var healthStaff: String
    var office: String
    var districtOffice: String
    var committee: String
    var otherCommittee: String
    var street: String
}

/// A community of Doumen district, so a plan can span two districts.
let doumenCommunity = "440403001001"
let planYear = 2027

func withTaskAccess(_ body: (Application, TaskAccessFixture) async throws -> Void) async throws {
    try await withShequ { app in
        let civil = Department(name: "珠海市民政局", divisionCode: "4404")
        try await civil.create(on: app.db)
        let health = Department(name: "香洲区卫生健康局", divisionCode: "440402")
        try await health.create(on: app.db)
        try await makeAccount(app, "ta.office", .leadingGroupOffice, "4404")
        try await makeAccount(app, "ta.office.xz", .leadingGroupOffice, "440402")
        try await makeAccount(app, "ta.rc", .communityStaff, communityA)
        try await makeAccount(app, "ta.rc.b", .communityStaff, communityB)
        try await makeAccount(app, "ta.street", .streetOfficial, streetA)
        for (name, department, scope) in [("ta.civil", civil, "4404"), ("ta.health", health, "440402")] {
            let account = Account(username: name, passwordHash: try app.password.hash(staffPassword), displayName: name, residentID: nil)
            try await account.create(on: app.db)
            try await Grant(accountID: account.requireID(), role: .departmentStaff, scope: scope, departmentID: department.requireID()).create(on: app.db)
        }
        let fund = try await app.writeGate.transaction(on: app.db) { db in
            let f = try await Funds.create(name: "测试专项资金", kind: .special, firstYear: 2026, lastYear: 2028, document: "珠字〔2010〕7号",
                                           divisionCode: "4404", by: "test", on: db)
            _ = try await Funds.contribute(Money(fen: 110_000_000), to: f, by: "4404", document: "珠字〔2010〕7号", memo: "city", actor: "test", on: db)
            _ = try await Funds.allocate(Money(fen: 100_000_000), of: f, to: "440402", document: "分配", memo: "xz", actor: "test", on: db)
            _ = try await Funds.allocate(Money(fen: 10_000_000), of: f, to: "440403", document: "分配", memo: "dm", actor: "test", on: db)
            return try f.requireID()
        }
        let f = TaskAccessFixture(civil: try civil.requireID(), health: try health.requireID(), fund: fund,
                                  civilStaff: try await app.token("ta.civil"), healthStaff: try await app.token("ta.health"),
                                  office: try await app.token("ta.office"), districtOffice: try await app.token("ta.office.xz"),
                                  committee: try await app.token("ta.rc"), otherCommittee: try await app.token("ta.rc.b"),
                                  street: try await app.token("ta.street"))
        try await body(app, f)
    }
}

func taskJSON(_ title: String, _ classification: TaskClassification = .mayUndertake, nature: TaskNature = .publicService,
              hours: Int = 100, inForce: Bool = true) -> [String: Any] {
    ["title": title, "legalBasis": "《城市居民委员会组织法》第三条", "classification": classification.rawValue,
     "classifiedBy": "珠社领〔2011〕2号", "nature": nature.rawValue, "hoursPerYear": hours, "inForce": inForce, "fromYear": 2026]
}

func planJSON(_ title: String, fund: UUID, tasks: [String], communities: [String], amount: String = "10000.00",
              grouping: AgreementGrouping = .perCommittee, kind: AgreementKind = .purchaseOfService) -> [String: Any] {
    ["year": planYear, "title": title, "fundID": fund.uuidString, "amountPerCommittee": amount, "workingConditions": "办公用房一间",
     "policyGuidance": "每季度培训", "agreementKind": kind.rawValue, "grouping": grouping.rawValue, "taskIDs": tasks, "communities": communities]
}

extension Application {
    func taDenials(_ action: String) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: db).filter(\.$action == action).filter(\.$outcome == "denied").all()
    }

    /// Registers a task as the given department's officer and returns its id.
    func registerTask(_ token: String, _ json: [String: Any]) async throws -> String {
        let res = try await api(.POST, "/api/v1/task-access/tasks", token: token, json: json)
        guard res.status == .created, let id = res.object["id"] as? String else { throw TestFailure("task: \(res.status) \(res.body)") }
        return id
    }

    func draftPlan(_ token: String, _ json: [String: Any]) async throws -> String {
        let res = try await api(.POST, "/api/v1/task-access/plans", token: token, json: json)
        guard res.status == .created, let id = res.object["id"] as? String else { throw TestFailure("plan: \(res.status) \(res.body)") }
        return id
    }

    @discardableResult
    func planStep(_ id: String, _ step: PlanStep, token: String, reason: String = "理由") async throws -> APIResult {
        try await api(.POST, "/api/v1/task-access/plans/\(id)/steps", token: token, json: ["step": step.rawValue, "reason": reason])
    }

    func balance(_ key: LedgerAccountKey) async throws -> Money { try await FundsLedger.balance(of: key, on: db) }
}
