import Fluent
import Foundation
import ShequPlatform
import Vapor

/// `shequ demo`: one assessment registered with a real national basis over the
/// Xiangzhou demo communities, and one withdrawn, so both lists have something
/// true to show. Looked up by title and year, so a second run adds nothing.
enum AssessmentsDemo {
    /// The demo's six communities (DemoCommand.communities), under two streets.
    static let coverage = ["440402001001", "440402001002", "440402001003", "440402002001", "440402002003", "440402002004"]
    static let year = 2026

    static func fill(_ app: Application) async throws -> String? {
        guard let civil = try await Department.query(on: app.db).filter(\.$name == "珠海市民政局").first(),
              try await Division.query(on: app.db).filter(\.$id ~~ coverage).count() == coverage.count else { return nil }
        var added: [AssessmentStatus] = []
        for spec in specs {
            guard try await Assessment.query(on: app.db).filter(\.$year == year).filter(\.$title == spec.title).count() == 0 else { continue }
            let a = Assessment()
            a.id = UUID()
            a.title = spec.title
            a.kind = spec.kind
            a.departmentID = civil.id
            a.bodyName = civil.name
            a.basisLevel = spec.level
            a.basisDocument = spec.document
            a.basisArticle = spec.article
            a.year = year
            a.period = spec.period
            a.indicators = spec.indicators
            a.coverage = coverage.joined(separator: " ")
            a.status = .registered
            a.registeredBy = "leading.office"
            if let reason = spec.withdrawnBecause {
                a.status = .withdrawn
                a.withdrawnBy = "leading.office"
                a.withdrawalReason = reason
                a.withdrawnAt = Date()
            }
            try await app.writeGate.transaction(on: app.db) { db in
                try await AssessmentRegistry.insert(a, on: db)
                try await AuditLog.append(AuditDraft(actor: "system", action: "demo.assessment", entity: "assessment", entityID: a.id?.uuidString,
                                                     scope: "440402", detail: "\(a.title) (\(a.status.rawValue))"), on: db)
            }
            added.append(a.status)
        }
        guard !added.isEmpty else { return nil }
        let withdrawn = added.filter { $0 == .withdrawn }.count
        return "assessments: \(added.count - withdrawn) registered and \(withdrawn) withdrawn over the Xiangzhou demo communities"
    }

    struct Spec {
        var title: String
        var kind: AssessmentKind
        var level: BasisLevel
        var document: String
        var article: String
        var period: String
        var indicators: String
        var withdrawnBecause: String?
    }

    static let specs = [
        Spec(title: "城市社区居民委员会换届选举工作评估", kind: .evaluation, level: .national,
             document: "《中华人民共和国城市居民委员会组织法》", article: "第八条、第九条、第十条",
             period: "换届年度",
             indicators: "按期换届；选举程序公开（选民登记、候选人产生、投票计票）；居民会议或居民代表会议依法召开，到会过半数、决定经到会过半数通过。"),
        Spec(title: "社区工作台账检查评比", kind: .inspectionRanking, level: .national,
             document: "《中共中央 国务院关于加强和完善城乡社区治理的意见》", article: "三、（四）",
             period: "上半年",
             indicators: "各类工作台账、挂牌和报表的数量与格式。",
             withdrawnBecause: "该意见要求清理和规范社区考核评比、减轻社区负担，并未要求对社区台账开展检查评比；以其为依据不成立，予以撤销。"),
    ]
}
