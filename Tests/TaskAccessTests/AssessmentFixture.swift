import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Vapor
@testable import TaskAccess

/// Two departments and the registry's people: the city and a district leading-group
/// office, a civil-affairs officer (with the department on the grant), a justice
/// officer, and a community worker who may not register anything.
struct AssessmentFixture {
    var civil: UUID
    var justice: UUID
    var office: String
    var districtOffice: String
    var civilStaff: String
    var justiceStaff: String
    var community: String
}

func withAssessments(_ body: (Application, AssessmentFixture) async throws -> Void) async throws {
    try await withShequ { app in
        let civil = Department(name: "珠海市民政局", divisionCode: "4404")
        try await civil.create(on: app.db)
        let justice = Department(name: "香洲区司法局", divisionCode: "440402")
        try await justice.create(on: app.db)
        try await makeAccount(app, "office", .leadingGroupOffice, "4404")
        try await makeAccount(app, "office.xz", .leadingGroupOffice, "440402")
        try await makeAccount(app, "community", .communityStaff, communityA)
        for (name, department, scope) in [("civil", civil, "4404"), ("justice", justice, "440402")] {
            let account = Account(username: name, passwordHash: try app.password.hash(staffPassword), displayName: name, residentID: nil)
            try await account.create(on: app.db)
            try await Grant(accountID: account.requireID(), role: .departmentStaff, scope: scope, departmentID: department.requireID()).create(on: app.db)
        }
        let f = AssessmentFixture(civil: try civil.requireID(), justice: try justice.requireID(),
                                  office: try await app.token("office"), districtOffice: try await app.token("office.xz"),
                                  civilStaff: try await app.token("civil"), justiceStaff: try await app.token("justice"),
                                  community: try await app.token("community"))
        try await body(app, f)
    }
}

/// A registration the rule accepts; tests take pieces away.
func assessmentJSON(_ title: String, coverage: [String] = [streetA], departmentID: UUID? = nil) -> [String: Any] {
    var json: [String: Any] = [
        "title": title, "kind": "evaluation", "basisLevel": "national",
        "basisDocument": "《中华人民共和国城市居民委员会组织法》", "basisArticle": "第八条",
        "year": 2026, "period": "上半年", "coverage": coverage, "indicators": "按期换届，程序公开。",
    ]
    if let departmentID { json["departmentID"] = departmentID.uuidString }
    return json
}

extension Application {
    func denials(_ action: String = "assessment.register") async throws -> [AuditEntry] {
        try await AuditEntry.query(on: db).filter(\.$action == action).filter(\.$outcome == "denied").all()
    }

    func assessmentCount() async throws -> Int {
        try await Assessment.query(on: db).count() + AssessmentCoverage.query(on: db).count()
    }
}
