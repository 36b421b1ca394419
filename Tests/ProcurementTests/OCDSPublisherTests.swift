import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import SQLKit
import Testing
import Vapor
@testable import Procurement

/// The project's cycle through the services publishes one release per stage change, in the same transaction,
/// each the project's whole public state; the compiled record is its latest state, amounts exact to the fen.
@Suite struct OCDSPublisherTests {
    /// Plan, call, two applications, close, scores, award, contract, a payment, a supervision visit, the evaluation.
    static func wholeCycle(_ app: Application, finding: String = "satisfactory", score: Int = 88) async throws -> (ProcurementFixture, String) {
        let f = try await ProcurementFixture.make(app)
        let (id, one, two) = try await f.scoring(app)
        for (application, scores) in [(one, [90, 80, 70]), (two, [80, 80, 90])] {
            for token in [f.panelOne, f.panelTwo] {
                #expect(try await f.score(app, id, application, token: token, scores).status == .created)
            }
        }
        let award = try await app.api(.POST, "/api/v1/procurement/\(id)/award", token: f.buyer,
                                      json: ["applicationID": one, "reason": "综合得分最高，服务方案最完整。"])
        #expect(award.status == .ok, "\(award.body)")
        let contract = try await app.api(.POST, "/api/v1/procurement/\(id)/contract", token: f.buyer, json: [
            "content": "居家养老上门探访", "quantity": "120名老人，每周两次", "quality": "探访记录完整，满意度90%以上",
            "settlement": "按季度验收后支付", "liability": "未达标按比例扣减", "priceFen": 14_000_001,
            "termStart": ProcurementFixture.today.description])
        #expect(contract.status == .ok, "\(contract.body)")
        #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/payments", token: f.buyer,
                                  json: ["milestone": "第一季度", "amountFen": 3_500_005]).status == .created)
        #expect(try await app.api(.POST, "/api/v1/procurement/\(id)/supervision", token: f.buyer, json: [
            "visitedOn": ProcurementFixture.today.description, "finding": finding, "text": "抽查10户，记录属实。"]).status == .created)
        let evaluation = try await app.api(.POST, "/api/v1/procurement/\(id)/evaluation", token: f.buyer,
                                           json: ["score": score, "summary": "按合同完成服务，满意度92%。"])
        #expect(evaluation.status == .ok, "\(evaluation.body)")
        return (f, id)
    }

    @Test func everyStageChangePublishesItsReleaseAndTheRecordIsTheLatestState() async throws {
        try await withShequ { app in
            let (f, id) = try await Self.wholeCycle(app)
            let project = try #require(UUID(uuidString: id))
            let releases = try await OCDSLog.releases(projectID: project, on: app.db)
            #expect(releases.map { $0["tag"]?.arrayValue?.first?.stringValue ?? "" } ==
                    ["planning", "tender", "tenderUpdate", "award", "contract", "implementation", "implementationUpdate", "contractTermination"])
            let ocid = OCDSSettings.current.ocid(projectID: project)
            #expect(releases.allSatisfy { $0["ocid"] == .string(ocid) })

            let planning = releases[0]
            #expect(planning["tender"]?["status"] == .string("planned"))
            #expect(planning["planning"]?["budget"]?["amount"] == .object(["amount": .number("200000"), "currency": .string("CNY")]))
            #expect(planning["awards"] == nil && planning["contracts"] == nil)
            let call = releases[1]
            #expect(call["tender"]?["status"] == .string("active"))
            #expect(call["tender"]?["procurementMethod"] == .string("open"))
            #expect(call["tender"]?["mainProcurementCategory"] == .string("services"))
            #expect(releases[2]["tender"]?["numberOfTenderers"] == .number("2"))
            #expect(releases[2]["tender"]?["status"] == .string("complete"))

            let compiled = OCDSRecord.compile(releases)
            let award = compiled["awards"]?.arrayValue?.first
            #expect(award?["status"] == .string("active"))
            #expect(award?["value"]?["amount"] == .number("150000"))
            #expect(award?["suppliers"]?.arrayValue?.first?["id"] == .string("SHEQU-ORG-" + f.orgOne.uuidString.lowercased()))
            let contract = compiled["contracts"]?.arrayValue?.first
            #expect(contract?["status"] == .string("terminated"))
            #expect(contract?["value"]?["amount"] == .number("140000.01"))
            let transactions = contract?["implementation"]?["transactions"]?.arrayValue ?? []
            #expect(transactions.map { $0["value"]?["amount"] } == [.number("35000.05")])
            let milestones = contract?["implementation"]?["milestones"]?.arrayValue ?? []
            #expect(milestones.compactMap { $0["type"]?.stringValue } == ["delivery", "assessment", "assessment"])
            #expect(milestones.compactMap { $0["status"]?.stringValue } == ["met", "met", "met"])
            let parties = compiled["parties"]?.arrayValue ?? []
            #expect(parties.count == 3)
            let roles = parties.map { Set(($0["roles"]?.arrayValue ?? []).compactMap(\.stringValue)) }
            #expect(roles.contains(["buyer", "procuringEntity", "payer"]))
            #expect(roles.contains(["tenderer", "supplier", "payee"]))
            #expect(roles.contains(["tenderer"]))
            for release in releases {
                #expect(release["date"]?.stringValue?.hasSuffix("+08:00") == true)
                _ = try JSONDecoder().decode(OCDSRelease.self, from: Data(release.canonicalBytes))
            }
            #expect(try await OCDSLog.verify(on: app.db).finding == nil)

            let page = try await app.api(.GET, "/ocds/projects/\(id)")
            #expect(page.status == .ok && page.body.contains("居家养老上门服务"))
        }
    }

    @Test func aDirectAwardIsLimitedWithItsReasonAndARefusedStepPublishesNothing() async throws {
        try await withShequ { app in
            let f = try await ProcurementFixture.make(app)
            let id = try await f.plan(app)
            let project = try #require(UUID(uuidString: id))
            let refused = try await app.api(.POST, "/api/v1/procurement/\(id)/call", token: f.buyer, json: f.callJSON(method: "direct"))
            #expect(refused.status == .unprocessableEntity)
            #expect(try await OCDSLog.releases(projectID: project, on: app.db).count == 1)
            let call = try await app.api(.POST, "/api/v1/procurement/\(id)/call", token: f.buyer,
                                         json: f.callJSON(method: "direct", reason: "全街道唯一具备失智老人照护资质的组织。", invitees: [f.orgOne]))
            #expect(call.status == .ok, "\(call.body)")
            let tender = try await OCDSLog.releases(projectID: project, on: app.db).last?["tender"]
            #expect(tender?["procurementMethod"] == .string("limited"))
            #expect(tender?["procurementMethodRationale"] == .string("全街道唯一具备失智老人照护资质的组织。"))
        }
    }

    @Test(.enabled(if: OCDSValidationTests.python != nil, "SHEQU_OCDS_PYTHON names no Python with lib-cove-ocds (CI sets it)"))
    func theWholeCyclesPackagesValidate() async throws {
        try await withShequ { app in
            let (_, id) = try await Self.wholeCycle(app)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocds-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            var files: [String] = []
            let year = String(OCDSDate.text(Date()).prefix(4))
            for (name, path) in [("releases.json", "/api/v1/ocds/projects/\(id)/releases"), ("record.json", "/api/v1/ocds/projects/\(id)/record"),
                                 ("year.json", "/api/v1/ocds/releases/\(year)")] {
                let res = try await app.api(.GET, path)
                #expect(res.status == .ok)
                let file = directory.appendingPathComponent(name)
                try Data(res.body.utf8).write(to: file)
                files.append(file.path)
            }
            let (status, output) = try OCDSValidationTests.validate(files, selfTest: false)
            #expect(status == 0, "\(output)")
        }
    }

    /// Without SHEQU_PUBLIC_URL a package names the host asked for, but only a host: a Host header carrying a
    /// userinfo, path or query cannot make the package's address point at another site.
    @Test func aPackageNamesOnlyAPlainHost() async throws {
        try await withShequ { app in
            let (_, id) = try await Self.wholeCycle(app)
            let path = "/api/v1/ocds/projects/\(id.lowercased())/record"
            let plain = try await app.api(.GET, path, headers: ["Host": "shequ.example:8080"])
            #expect(plain.object["uri"] as? String == "http://shequ.example:8080" + path)
            for hostile in ["evil.example/x?", "user@evil.example", "evil.example#", "evil.example\\x"] {
                let res = try await app.api(.GET, path, headers: ["Host": hostile])
                #expect(res.status == .ok)
                #expect(res.object["uri"] as? String == "http://localhost" + path, "\(hostile)")
            }
        }
    }

    /// A visit that found the service wanting, and an evaluation below the pass mark, are milestones not met (the
    /// closed codelist's notMet / partiallyMet), with no day they were met.
    @Test func unsatisfactoryVisitsAndFailedEvaluationsAreMilestonesNotMet() async throws {
        try await withShequ { app in
            let (_, id) = try await Self.wholeCycle(app, finding: "unsatisfactory", score: 45)
            let releases = try await OCDSLog.releases(projectID: try #require(UUID(uuidString: id)), on: app.db)
            let milestones = OCDSRecord.compile(releases)["contracts"]?.arrayValue?.first?["implementation"]?["milestones"]?.arrayValue ?? []
            #expect(milestones.compactMap { $0["status"]?.stringValue } == ["met", "notMet", "notMet"])
            #expect(milestones.dropFirst().allSatisfy { $0["dateMet"] == nil })
        }
    }
}
