import Fluent
import Foundation
import ShequKernel
@testable import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import Procurement
@testable import SocialOrganizations

@Suite struct ProcurementDemoTests {
    /// Three projects at three stages, through the commands; a second run adds nothing; lin.orgstaff's organisation
    /// applied, holds the contract, was paid a milestone, and has its evaluation in its integrity record.
    @Test func theDemoHasAProjectAtEachStageAndRunsTwiceAsOnce() async throws {
        try await withShequ { app in
            let console = TestConsole()
            var context = CommandContext(console: console, input: CommandInput(arguments: ["shequ"]))
            context.application = app
            try await DemoCommand().run(using: &context)
            try await DemoCommand().run(using: &context)
            let projects = try await PurchaseProject.query(on: app.db).all()
            #expect(projects.count == 3)
            #expect(Set(projects.map(\.stage)) == [.callOpen, .contracted, .evaluated])
            #expect(try await ProcurementPayment.query(on: app.db).count() == 2)
            let holder = try #require(try await ProcurementDemo.organization(ProcurementDemo.holder, on: app.db))
            let evaluated = try await IntegrityEntry.query(on: app.db).filter(\.$organizationID == holder).filter(\.$source == .serviceEvaluation).all()
            #expect(evaluated.filter { $0.sourceReference?.hasPrefix("procurement-project:") == true }.count == 1)
            let open = try #require(projects.first { $0.stage == .callOpen })
            #expect(try await ProcurementApplication.query(on: app.db).filter(\.$projectID == open.requireID()).first()?.submittedBy == "lin.orgstaff")
            let list = try await app.api(.GET, "/procurement")
            #expect(list.status == .ok && list.body.contains("翠香街道居家养老上门探访服务"))
        }
    }
}
