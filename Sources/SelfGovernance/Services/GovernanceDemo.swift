import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// `shequ demo`: 紫荆社区 with a charter, its three committees, and one matter
/// open for voting, so `resident.demo` can vote and anyone can read the record.
enum GovernanceDemo {
    static let community = "440402001001"

    static func fill(_ app: Vapor.Application) async throws -> String? {
        guard try await Division.find(community, on: app.db) != nil,
              try await Matter.query(on: app.db).filter(\.$divisionCode == community).count() == 0 else { return nil }
        let now = Date()
        // The demo tells a story already under way: a charter in force for a month, an
        // assembly convened with the charter's full notice and started an hour ago, so
        // its voting is open now, as the notice period allows, and not before.
        let convenedOn = now.addingTimeInterval(-Double(CharterRules.organicLaw.noticeDays + 1) * 86_400)
        let startedAt = now.addingTimeInterval(-3_600)
        let vault = PersonalDataVault(secrets: app.secrets)
        try await app.writeGate.transaction(on: app.db) { db in
            let rc = "residentsCommittee · community.cuixiang", deliberation = "deliberationCommittee · deliberation.demo"
            _ = try await Charters.adopt(community: community, title: "紫荆社区居民自治章程",
                                         text: "第一条 本社区居民会议由本社区年满十八周岁的居民组成……（示例）", rules: .organicLaw,
                                         inForceFrom: LocalDate(instant: now).adding(days: -30), by: rc, on: db)
            for (kind, name) in [(BodyKind.residentsCommittee, "紫荆社区居民委员会"), (.deliberationCommittee, "紫荆社区议事协商委员会"),
                                 (.supervisionCommittee, "紫荆社区居务监督委员会")] {
                let body = GovernanceBody()
                body.divisionCode = community
                body.kind = kind
                body.name = name
                try await body.create(on: db)
            }
            let matter = try await Matters.raise(community: community, title: "为3栋加装电梯",
                                                 description: "3栋老人多，上下楼困难，居民来信希望加装电梯，费用按楼层分摊。", source: .mailbox,
                                                 by: "resident", on: db)
            try await Matters.take(.takeUp, on: matter, text: "", by: deliberation, db: db)
            _ = try await Matters.note(.minutes, on: matter, text: "议事会纪要：3栋住户多数支持；一楼住户担心采光，方案调整电梯井位置。",
                                       by: deliberation, db: db)
            try await Matters.take(.recommend, on: matter, text: "建议提交居民会议表决加装方案。", by: deliberation, db: db)
            let assembly = try await Assemblies.convene(matter, kind: .residents, title: "居民会议：3栋加装电梯方案", place: "紫荆社区党群服务中心二楼",
                                                        startsAt: startedAt, now: convenedOn, by: rc, db: db)
            try await Assemblies.openVoting(assembly, by: rc, now: now, vault: vault, db: db)
        }
        return "self-governance: a charter, three committees and one matter open for voting in \(community)"
    }
}
