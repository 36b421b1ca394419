import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// `shequ demo` (C3): the demo registry's organisations as if registered three years ago, with annual reports and
/// integrity entries with evidence and source, all through the services the pages use, so the registry shows
/// classes A, B and C, one organisation on the abnormal list (its last report missed) and one whose warning took
/// it onto that list and off again after six months. Runs once: a second run finds the reports and adds nothing.
enum IntegrityDemo {
    enum Plan {
        /// Every report on time, one good entry: A.
        case good(IntegritySource, String, daysAgo: Int)
        /// Every report on time, nothing recorded: B.
        case quiet
        /// Every report on time, a complaint upheld recently: C.
        case complaint(daysAgo: Int)
        /// The last report due never filed: the abnormal list, C.
        case missedLastReport
        /// A warning some 13 months ago: listed and off again after 6 months, B now.
        case oldWarning(daysAgo: Int)
    }

    static let plans: [(name: String, plan: Plan)] = [
        ("香洲区长者关爱服务中心", .good(.serviceEvaluation, "长者助餐服务项目中期评估优秀，服务对象满意率96%", daysAgo: 60)),
        ("翠香社区义工服务队", .good(.inspection, "街道年度检查：志愿服务台账完整，获评优秀志愿服务组织", daysAgo: 120)),
        ("梅华长者居家养老服务社", .good(.inspection, "街道抽查：上门探访记录完整，服务规范", daysAgo: 200)),
        ("翠香社区粤剧曲艺社", .quiet),
        ("紫荆社区康复互助会", .complaint(daysAgo: 45)),
        ("梅华社区邻里环保队", .missedLastReport),
        ("澳门街坊互助长者服务站（梅华）", .oldWarning(daysAgo: 400)),
    ]

    static func fill(_ app: Application) async throws -> String? {
        let names = plans.map(\.name)
        let filings = try await Filing.query(on: app.db).filter(\.$name ~~ names).filter(\.$state == .approved).all()
        let ids = filings.compactMap(\.organizationID)
        guard !ids.isEmpty, try await AnnualReport.query(on: app.db).filter(\.$organizationID ~~ ids).count() == 0 else { return nil }
        let today = LocalDate(instant: Date())
        guard let registered = LocalDate(year: today.components.year - 3, month: 3, day: 15) else { return nil }
        let due = CreditLists.reportYearsDue(registeredOn: registered, on: today)
        var reports = 0, entries = 0
        for (name, plan) in plans {
            guard let filing = filings.first(where: { $0.name == name }), let orgID = filing.organizationID else { continue }
            let street = filing.streetCode
            let official = street == "440402002" ? "street.meihua" : "street.cuixiang"
            let (r, e) = try await app.writeGate.transaction(on: app.db) { db -> (Int, Int) in
                var reports = 0, entries = 0
                // As if registered three years ago: the rules count the reports due since then.
                filing.decidedAt = Date(timeIntervalSince1970: Double(registered.ordinal) * 86400)
                try await filing.save(on: db)
                var years = due
                if case .missedLastReport = plan { years = Array(due.dropLast()) }
                for year in years {
                    let filedOn = LocalDate(year: year + 1, month: 4, day: 20) ?? today
                    let draft = AnnualReports.Draft(year: year, activities: "\(year)年开展\(name)常规活动和服务共\(40 + year % 7 * 6)次，服务居民约\(600 + year % 5 * 90)人次。",
                                                    members: filing.members, income: Money(fen: Int64(3_000_000 + year % 4 * 450_000)),
                                                    spending: Money(fen: Int64(2_700_000 + year % 3 * 380_000)))
                    let report = try await AnnualReports.file(draft, organizationID: orgID, byAccount: filing.filedByAccountID, username: filing.filedBy,
                                                              filedOn: filedOn, on: db)
                    try await AuditLog.append(AuditDraft(actor: filing.filedBy, action: "socialOrganization.annualReport",
                                                         entity: IntegrityAPIController.reportEntity, entityID: report.id?.uuidString,
                                                         scope: street, detail: "\(name) \(year) (demo)"), on: db)
                    reports += 1
                }
                for entry in demoEntries(plan, organizationID: orgID, official: official, today: today) {
                    let row = try await IntegrityRecord.add(entry, on: db)
                    try await AuditLog.append(AuditDraft(actor: official, action: "socialOrganization.integrityRecord",
                                                         entity: IntegrityAPIController.entryEntity, entityID: row.id?.uuidString,
                                                         scope: street, detail: "\(name) \(row.kind.rawValue) \(row.source.rawValue) (demo)"), on: db)
                    entries += 1
                }
                return (reports, entries)
            }
            reports += r
            entries += e
        }
        guard reports + entries > 0 else { return nil }
        return "integrity: \(reports) annual reports and \(entries) integrity entries (classes A, B and C; one organisation on the abnormal list for a missed report)"
    }

    static func demoEntries(_ plan: Plan, organizationID: UUID, official: String, today: LocalDate) -> [IntegrityRecord.NewEntry] {
        func entry(_ kind: IntegrityKind, _ source: IntegritySource, _ summary: String, _ evidence: String, _ reference: String,
                   daysAgo: Int, severity: IntegritySeverity? = nil) -> IntegrityRecord.NewEntry {
            IntegrityRecord.NewEntry(organizationID: organizationID, kind: kind, source: source, summary: summary, evidence: evidence,
                                     sourceReference: reference, recordedBy: official, occurredOn: today.adding(days: -daysAgo), severity: severity)
        }
        let year = today.components.year
        switch plan {
        case .good(let source, let summary, let daysAgo):
            return [entry(.good, source, summary, "评估（检查）报告及服务对象回访记录，存街道社会事务办公室档案。", "街道社评〔\(year)〕\(daysAgo % 17 + 3)号", daysAgo: daysAgo)]
        case .quiet, .missedLastReport:
            return []
        case .complaint(let daysAgo):
            return [entry(.bad, .complaintUpheld, "居民投诉查实：约定的康复训练课程两次未按时开展",
                          "12345热线转办投诉，街道走访服务对象3户核实属实，组织已书面说明并补课。", "12345-\(year)-0\(daysAgo)", daysAgo: daysAgo)]
        case .oldWarning(let daysAgo):
            return [entry(.bad, .inspection, "年度检查发现未按章程开展换届，给予警告",
                          "区民政局行政处罚决定书（警告），组织已完成换届。", "香民罚〔\(year - 1)〕2号", daysAgo: daysAgo, severity: .warning)]
        }
    }
}
