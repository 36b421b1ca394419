import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform
import SocialOrganizations
import Vapor

/// `shequ demo`: three purchases by 翠香街道 from the special fund, each taken through the same commands the pages
/// and the API run (with their audit entries and OCDS releases): one in its call with an application, one under
/// contract with a paid milestone and a supervision visit, one evaluated (its integrity entry written). Looked up
/// by title: a second run adds nothing; a stage left undone by an interrupted run is taken up where it stopped.
enum ProcurementDemo {
    static let street = "440402001"
    static let buyer = "street.cuixiang"
    static let fund = "2011—2012年社区建设专项资金"
    static let holder = "香洲区长者关爱服务中心"
    static let holderStaff = "lin.orgstaff"
    static let rival = "翠香社区义工服务队"
    static let panel = ["street.meihua", "district.xiangzhou", "department.civil"]

    struct Spec {
        let title: String
        let area: ServiceArea
        let description: String
        let budgetYuan: Int64
        let target: ProcurementStage
    }

    static let specs = [
        Spec(title: "翠香街道长者助餐配送服务（2026）", area: .elderlyCare, description: "为辖区行动不便的长者每日配送午餐，并做健康探访记录。",
             budgetYuan: 180_000, target: .callOpen),
        Spec(title: "翠香街道居家养老上门探访服务", area: .elderlyCare, description: "为80岁以上独居、空巢长者每周上门探访两次，建立探访档案。",
             budgetYuan: 240_000, target: .contracted),
        Spec(title: "翠香街道困难家庭社会救助个案服务", area: .socialAssistance, description: "为低保和低收入家庭提供个案管理、资源链接和心理疏导。",
             budgetYuan: 120_000, target: .evaluated),
    ]

    static func fill(_ app: Application) async throws -> String? {
        guard let fund = try await Fund.query(on: app.db).filter(\.$name == fund).first(), let fundID = fund.id,
              let holderID = try await organization(holder, on: app.db),
              let staff = try await Account.query(on: app.db).filter(\.$username == holderStaff).first(),
              try await Account.query(on: app.db).filter(\.$username ~~ panel).count() == panel.count else { return nil }
        let rivalID = try await organization(rival, on: app.db)
        var moved = 0
        for spec in specs {
            moved += try await app.writeGate.transaction(on: app.db) { db in
                try await advance(spec, fundID: fundID, holder: holderID, rival: rivalID, staff: staff.username, on: db)
            }
        }
        return moved == 0 ? nil
            : "procurement: three purchases of services by 翠香街道 (one in its call, one under contract with a paid milestone, one evaluated) (\(moved) steps)"
    }

    static func organization(_ name: String, on db: any Database) async throws -> UUID? {
        try await Filing.query(on: db).filter(\.$name == name).filter(\.$state == .approved).first()?.organizationID
    }

    /// Takes one project from wherever it stands to its target stage; the number of steps taken.
    static func advance(_ spec: Spec, fundID: UUID, holder: UUID, rival: UUID?, staff: String, on db: any Database) async throws -> Int {
        var steps = 0
        let today = LocalDate(instant: Date())
        var p: PurchaseProject
        if let existing = try await PurchaseProject.query(on: db).filter(\.$title == spec.title).first() {
            p = existing
        } else {
            guard let budget = Money.yuan(spec.budgetYuan) else { return 0 }
            p = try await PurchaseProjects.plan(.init(title: spec.title, area: spec.area, scopeCode: street, description: spec.description,
                                                      fundID: fundID, budget: budget, termMonths: 12, longTermReason: nil, isService: true),
                                                by: buyer, on: db)
            try await audit("procurement.plan", p, "\(p.title) (demo)", on: db)
            steps += 1
        }
        let id = try p.requireID()
        // A call the demo takes further was published weeks ago and has passed its closing day, so it closes by the rules.
        let published = spec.target == .callOpen ? today : today.adding(days: -45)
        let closesOn = spec.target == .callOpen ? today.adding(days: 30) : today.adding(days: -15)
        if p.stage == .planned {
            p = try await PurchaseProjects.publishCall(p, .init(method: .open, reason: nil, invitees: [], closesOn: closesOn,
                                                                weightQuality: 60, weightExperience: 20, weightPrice: 20, panel: panel),
                                                       today: published, on: db)
            try await audit("procurement.publishCall", p, "open (demo)", on: db)
            steps += 1
        }
        if p.stage == .callOpen, try await ProcurementApplication.query(on: db).filter(\.$projectID == id).count() == 0 {
            let price = Money(fen: p.budgetFen / 10 * 9)
            _ = try await PurchaseProjects.apply(p, organization: holder, proposal: "组建6人专职服务队（含持证社工2名），按周排班，每次服务留痕并回访。",
                                                 price: price, by: staff, today: spec.target == .callOpen ? today : published.adding(days: 10), on: db)
            try await audit("procurement.apply", p, "\(holder) (demo)", on: db)
            if spec.target != .callOpen, let rival {
                _ = try await PurchaseProjects.apply(p, organization: rival, proposal: "义工为主、专职社工督导，服务覆盖翠香街道各社区。",
                                                     price: Money(fen: p.budgetFen / 10 * 8), by: "demo", today: published.adding(days: 12), on: db)
                try await audit("procurement.apply", p, "\(rival) (demo)", on: db)
            }
            steps += 1
        }
        guard spec.target != .callOpen else { return steps }
        if p.stage == .callOpen {
            p = try await PurchaseProjects.closeCall(p, today: today, on: db)
            try await audit("procurement.closeCall", p, "(demo)", on: db)
            steps += 1
        }
        if p.stage == .scoring {
            let members = try await ProcurementPanelMember.query(on: db).filter(\.$projectID == id).sort(\.$username).all()
            let applications = try await ProcurementApplication.query(on: db).filter(\.$projectID == id).all()
            for (m, member) in members.enumerated() {
                let actor = Actor(accountID: member.accountID, username: member.username, residentID: nil, grants: [])
                for a in applications {
                    guard let appID = a.id, try await ProcurementSheet.query(on: db).filter(\.$applicationID == appID)
                        .filter(\.$memberAccountID == member.accountID).count() == 0 else { continue }
                    let best = a.organizationID == holder
                    // The second member knows the volunteer team's leader: a declared conflict, and no score from them for it.
                    if !best, m == 1 {
                        _ = try await PurchaseProjects.score(p, application: a, member: actor, noConflict: false,
                                                             statement: "本人亲属在该组织担任负责人。", scores: nil, on: db)
                    } else {
                        _ = try await PurchaseProjects.score(p, application: a, member: actor, noConflict: true, statement: nil,
                                                             scores: best ? [88, 85, 80 + m] : [75, 70, 90], on: db)
                    }
                    try await audit("procurement.score", p, "\(a.organizationName) (demo)", on: db, actor: member.username)
                }
            }
            guard let winner = applications.first(where: { $0.organizationID == holder })?.id else { return steps }
            p = try await PurchaseProjects.award(p, application: winner, reason: "综合得分最高：服务方案完整、专职人员充足，报价在预算之内。",
                                                 preferenceReason: nil, by: buyer, on: db)
            try await audit("procurement.award", p, "\(holder) (demo)", on: db)
            steps += 1
        }
        if p.stage == .awarded {
            p = try await PurchaseProjects.contract(p, .init(
                content: p.description, quantity: "服务对象不少于120人，每人每周两次", quality: "服务记录完整，回访满意度不低于90%",
                settlement: "按季度验收合格后支付，首期为合同价款的25%", liability: "未达到数量或质量要求的，按比例扣减当期款项；严重违约的解除合同",
                price: Money(fen: p.awardValueFen ?? 0), termStart: today.monthsEarlier(spec.target == .evaluated ? 12 : 2)), on: db)
            try await audit("procurement.contract", p, "(demo)", on: db)
            steps += 1
        }
        if p.stage == .contracted, try await ProcurementPayment.query(on: db).filter(\.$projectID == id).count() == 0 {
            _ = try await PurchaseProjects.pay(p, milestone: "第一季度验收", amount: Money(fen: (p.contractPriceFen ?? 0) / 4), by: buyer, on: db)
            try await audit("procurement.pay", p, "第一季度验收 (demo)", on: db)
            _ = try await PurchaseProjects.supervise(p, visitedOn: today.adding(days: -7), finding: .satisfactory,
                                                     text: "抽查12户服务对象，服务记录与走访情况一致。", by: buyer, on: db)
            try await audit("procurement.supervise", p, "(demo)", on: db)
            steps += 1
        }
        if spec.target == .evaluated, p.stage == .contracted {
            p = try await PurchaseProjects.evaluate(p, score: 86, summary: "按合同完成服务，回访满意度93%，档案规范；个别月份探访频次不足已整改。",
                                                    by: buyer, on: db)
            try await audit("procurement.evaluate", p, "86 (demo)", on: db)
            steps += 1
        }
        return steps
    }

    static func audit(_ action: String, _ p: PurchaseProject, _ detail: String, on db: any Database, actor: String = buyer) async throws {
        try await AuditLog.append(AuditDraft(actor: actor, action: action, entity: ProcurementAPIController.entity, entityID: p.id?.uuidString,
                                             scope: p.scopeCode, detail: detail), on: db)
    }
}
