import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform
import Vapor

/// `shequ demo`: two departments' task lists, 2012's plans (one approved, one sent back, one rejected),
/// the approved plan's agreement and a quarter of its payments, a legacy responsibility letter converted
/// (and one still waiting), an inspection and a committee's shortfall report. Runs after the Funds demo,
/// whose special and pilot funds pay. Idempotent: the first task's title is the key.
enum TaskAccessDemo {
    static let year = 2012
    /// The platform demo's six communities in two streets of Xiangzhou.
    static let communities = ["440402001001", "440402001002", "440402001003", "440402002001", "440402002003", "440402002004"]
    static let civil = "珠海市民政局"
    static let health = "香洲区卫生健康局"

    static let tasks: [(department: String, title: String, basis: String, classification: TaskClassification, nature: TaskNature, hours: Int)] = [
        (civil, "低保对象动态管理信息采集", "《社会救助暂行办法》第十一条", .mustUndertake, .informationGathering, 120),
        (civil, "高龄老人津贴申领初审协助", "《广东省老年人权益保障条例》第二十八条", .mustUndertake, .assistance, 60),
        (civil, "社区居家养老服务组织", "《广东省老年人权益保障条例》第三十二条", .mayUndertake, .publicService, 200),
        (civil, "社区社会组织培育", "《珠海市社区社会组织管理办法》", .mayUndertake, .publicService, 80),
        (health, "计划生育信息采集与宣传", "《广东省人口与计划生育条例》第九条", .mustUndertake, .informationGathering, 90),
        (health, "慢性病患者随访协助", "《国家基本公共卫生服务规范》", .mayUndertake, .assistance, 150),
        (health, "健康教育讲座组织", "《国家基本公共卫生服务规范》", .mayUndertake, .publicity, 40),
    ]

    static func fill(_ app: Application) async throws -> String? {
        let db = app.db
        let communities = Self.communities
        guard let special = try await Fund.query(on: db).filter(\.$kind == .special).sort(\.$name).first(),
              let pilot = try await Fund.query(on: db).filter(\.$kind == .pilot).sort(\.$name).first(),
              let civilDept = try await Department.query(on: db).filter(\.$name == civil).first(),
              try await Division.query(on: db).filter(\.$id ~~ communities).count() == communities.count else { return nil }
        let healthDept = try await department(health, code: "440402", on: db)
        try await assign(username: "department.civil", to: civilDept, on: db)
        try await assign(username: "department.health", to: healthDept, on: db)
        guard let firstTitle = tasks.first?.title,
              try await AdministrativeTask.query(on: db).filter(\.$title == firstTitle).count() == 0 else { return nil }

        return try await app.writeGate.transaction(on: db) { db in
            let by = "demo"
            var registered: [String: AdministrativeTask] = [:]
            for t in tasks {
                let dept = t.department == civil ? civilDept : healthDept
                registered[t.title] = try await TaskRegistry.register(
                    TaskFields(title: t.title, legalBasis: t.basis, classification: t.classification,
                               classifiedBy: "珠社领〔2011〕2号 社区工作事项准入目录", nature: t.nature, hoursPerYear: t.hours,
                               inForce: true, fromYear: 2011, toYear: nil),
                    department: try dept.requireID(), on: db)
            }
            func task(_ title: String) throws -> UUID { try registered[title].flatMap(\.id) ?? { throw ShequError.notFound }() }
            let submitted = LocalDate(year: year, month: 1, day: 15) ?? LocalDate(ordinal: 0)
            let decided = LocalDate(year: year, month: 2, day: 20) ?? LocalDate(ordinal: 0)

            // The approved plan: home care for the elderly in all six communities, one entrustment for the district.
            let care = try await Plans.create(PlanFields(
                year: year, title: "2012年社区居家养老服务计划", fundID: try special.requireID(), amountPerCommittee: Money(fen: 3_000_000),
                workingConditions: "每个社区提供养老服务站用房一处、专职工作人员一名", policyGuidance: "按《珠海市居家养老服务实施意见》开展，民政局每季度培训一次",
                agreementKind: .entrustment, grouping: .perDistrict, taskIDs: [try task("社区居家养老服务组织")], communities: communities),
                department: civilDept, by: "department.civil", on: db)
            _ = try await Plans.take(.submit, on: care, reason: "", by: "department.civil", today: submitted, on: db)
            _ = try await Plans.take(.approve, on: care, reason: "任务明确，经费和工作条件落实，同意准入", by: "leading.office", today: decided, on: db)

            // Sent back: the health bureau's follow-up plan lacks working conditions the committees can check.
            let followUp = try await Plans.create(PlanFields(
                year: year, title: "2012年慢性病患者随访协助计划", fundID: try pilot.requireID(), amountPerCommittee: Money(fen: 2_000_000),
                workingConditions: "由社区卫生服务中心提供随访表格", policyGuidance: "参照国家基本公共卫生服务规范",
                agreementKind: .purchaseOfService, grouping: .perCommittee, taskIDs: [try task("慢性病患者随访协助")],
                communities: Array(communities.prefix(3))), department: healthDept, by: "department.health", on: db)
            _ = try await Plans.take(.submit, on: followUp, reason: "", by: "department.health", today: submitted, on: db)
            _ = try await Plans.take(.requestChanges, on: followUp, reason: "请写明随访人员培训和上门交通补贴，工作条件须可核查",
                                     by: "leading.xiangzhou", today: decided, on: db)

            // Rejected: cultivating social organisations is the civil-affairs bureau's own work, not a committee's.
            let orgs = try await Plans.create(PlanFields(
                year: year, title: "2012年社区社会组织培育计划", fundID: try special.requireID(), amountPerCommittee: Money(fen: 500_000),
                workingConditions: "无", policyGuidance: "无", agreementKind: .entrustment, grouping: .perDistrict,
                taskIDs: [try task("社区社会组织培育")], communities: Array(communities.suffix(3))),
                department: civilDept, by: "department.civil", on: db)
            _ = try await Plans.take(.submit, on: orgs, reason: "", by: "department.civil", today: submitted, on: db)
            _ = try await Plans.take(.reject, on: orgs, reason: "未提供工作条件和政策指导，经费不足以支撑事项，不予准入", by: "leading.office",
                                     today: decided, on: db)

            // What committees carry in 2012: the must-undertake tasks, and the approved plan's.
            for c in communities {
                for title in ["低保对象动态管理信息采集", "高龄老人津贴申领初审协助", "计划生育信息采集与宣传"] {
                    _ = try await Assignments.assign(task: registered[title] ?? AdministrativeTask(), community: c, year: year, plan: nil, by: by, on: db)
                }
                _ = try await Assignments.assign(task: registered["社区居家养老服务组织"] ?? AdministrativeTask(), community: c, year: year,
                                                 plan: care.id, by: "department.civil", on: db)
            }

            // The agreement, an inspection and the first quarter's payments (a quarter of each committee's share).
            let made = try await Agreements.make(from: care, terms: AgreementTerms(
                kind: .entrustment, termStart: LocalDate(year: year, month: 3, day: 1) ?? submitted, termEnd: LocalDate(year: year, month: 12, day: 31) ?? decided,
                deliverables: "为辖区80岁以上独居老人每月上门探访两次，建立服务台账", inspectionSchedule: "每季度末检查一次"),
                by: "department.civil", on: db)
            for agreement in made {
                _ = try await Agreements.inspect(agreement, on: LocalDate(year: year, month: 6, day: 28) ?? decided, result: .satisfactory,
                                                 findings: "台账齐全，探访记录与老人回访一致", by: "department.civil", on: db)
                for c in try await AgreementCommunity.query(on: db).filter(\.$agreementID == agreement.requireID()).all() {
                    _ = try await Agreements.disburse(agreement, amount: Money(fen: 750_000), to: c.divisionCode, memo: "2012年第一季度拨付",
                                                      by: "department.civil", on: db)
                }
            }

            // Legacy responsibility letters, recorded as they were: one converted, one still waiting.
            let letter = try await recordLegacyLetter(department: healthDept, community: "440402002001", title: "2010年计划生育目标管理责任书", on: db)
            _ = try await Agreements.convert(letter, to: .entrustment, reason: "按珠字〔2010〕7号以委托管理协议取代行政责任书", on: db)
            _ = try await recordLegacyLetter(department: healthDept, community: "440402002003", title: "2010年健康教育工作责任书", on: db)

            let report = ShortfallReport()
            report.divisionCode = communities[0]
            report.agreementID = made.first?.id
            report.departmentID = civilDept.id
            report.kind = .workingConditions
            report.text = "计划承诺的养老服务站用房至今未落实，探访只能在居委会办公室登记。"
            report.reportedBy = "community.cuixiang"
            try await report.create(on: db)

            try await AuditLog.append(AuditDraft(actor: "system", action: "taskAccess.demo", entity: "database",
                                                 detail: "\(tasks.count) tasks, 3 plans, \(made.count) agreement(s), 2 legacy letters"), on: db)
            return "task access: \(tasks.count) tasks of two departments, 2012's plans (approved, sent back, rejected), an entrustment agreement with a quarter of payments and an inspection, a converted responsibility letter, a shortfall report"
        }
    }

    /// A responsibility letter as the import path records it: it exists as data, never through a form or the API.
    static func recordLegacyLetter(department: Department, community: String, title: String, on db: any Database) async throws -> TaskAgreement {
        let a = TaskAgreement()
        a.departmentID = try department.requireID()
        a.kind = .responsibilityLetter
        a.state = .active
        a.divisionCode = community
        a.title = title
        a.termStart = "2010-01-01"
        a.termEnd = "2012-12-31"
        a.deliverables = "完成上级下达的目标任务，年终考核"
        a.inspectionSchedule = "年终考核"
        a.fundingFen = 0
        try await a.create(on: db)
        try await AgreementCommunity(agreementID: a.requireID(), divisionCode: community, promised: .zero).create(on: db)
        return a
    }

    static func department(_ name: String, code: String, on db: any Database) async throws -> Department {
        if let d = try await Department.query(on: db).filter(\.$name == name).first() { return d }
        let d = Department(name: name, divisionCode: code)
        try await d.create(on: db)
        return d
    }

    /// The demo's department accounts work for their department (as ServiceHall's demo does for the civil-affairs bureau).
    static func assign(username: String, to department: Department, on db: any Database) async throws {
        guard let account = try await Account.query(on: db).filter(\.$username == username).first() else { return }
        try await Grant.query(on: db).filter(\.$account.$id == account.requireID()).filter(\.$role == .departmentStaff)
            .filter(\.$departmentID == nil).set(\.$departmentID, to: department.requireID()).update()
    }
}
