import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// `shequ demo`: a month of 紫荆社区's office records through `OfficeRecords`: weekly minutes, a duty rota from a
/// month ago to a week ahead, log entries, a notice received from the street whose deadline has passed (on the
/// overdue list), one received and handled, one sent, and the seal register with one correction. Added once: a
/// second run finds the community's records and adds nothing.
enum OfficeDemo {
    static let community = "440402001001"
    static let clerk = "community.cuixiang"
    static let staff = ["张丽", "李强", "王芳", "赵敏"]

    static func fill(_ app: Application) async throws -> String? {
        guard try await Division.find(community, on: app.db) != nil,
              try await OfficeEntry.query(on: app.db).filter(\.$divisionCode == community).count() == 0 else { return nil }
        let today = LocalDate(instant: Date())
        return try await app.writeGate.transaction(on: app.db) { db in
            var counts: [OfficeKind: Int] = [:]
            @discardableResult
            func add(_ d: OfficeRecords.Draft) async throws -> OfficeEntry {
                let e = try await OfficeRecords.record(d, community: community, by: clerk, today: today, on: db)
                try await AuditLog.append(AuditDraft(actor: clerk, action: "committeeOffice.\(d.kind.rawValue)", entity: OfficeAPIController.entity,
                                                     entityID: e.id?.uuidString, scope: community, detail: "\(e.onDate) (demo)"), on: db)
                counts[d.kind, default: 0] += 1
                return e
            }
            // Weekly meetings on the four Mondays before today.
            let monday = today.adding(days: -((today.isoWeekday + 6) % 7) - 7)
            let meetings = [("居委会例会：冬季消防安全检查部署", "布置各网格冬季消防检查，重点是电动车楼道充电和独居老人家中用电；周五前报检查名单。"),
                            ("居委会例会：重阳节后长者探访总结", "探访独居长者42户，3户需要上门送餐，转社区服务站跟进。"),
                            ("居委会例会：业委会换届筹备", "确定紫荆花园业委会换届筹备组人选建议，报街道备案后公示。"),
                            ("居委会例会：民情信箱来信梳理", "本周来信5件，治安类1件转社区民警，其余由网格员答复。")]
            for (i, (title, text)) in meetings.enumerated() {
                try await add(.init(kind: .minutes, onDate: monday.adding(days: -7 * i), title: title, body: text,
                                    people: "主任张丽、副主任李强、委员王芳、赵敏、陈伟"))
            }
            // The duty rota, one person a working day and a weekend morning, a month back and a week ahead.
            for offset in -30...7 {
                let day = today.adding(days: offset)
                let weekend = day.isWeekend
                try await add(.init(kind: .duty, onDate: day, body: weekend ? "周末值班，社区服务站" : "居委会办公室",
                                    people: staff[(offset + 30) % staff.count], startsAt: weekend ? "09:00" : "08:30",
                                    endsAt: weekend ? "12:00" : "17:30"))
            }
            let logs = [(-26, "走访3号楼独居老人", "与网格员一起走访3号楼6户独居老人，检查燃气和用电，2户更换了老化插线板。"),
                        (-19, "协调东门商铺噪音", "约谈东门商铺经营者，约定晚上11点后不在门口摆桌，一周后回访。"),
                        (-12, "组织消防演练", "在紫荆花园小区组织消防演练，居民约60人参加。"),
                        (-5, "整理民情信箱来信", "本周来信5件，已分派答复人，治安类1件转社区民警。"),
                        (-1, "报送消防检查台账", "消防检查台账初稿完成，待主任审核后报街道。")]
            for (offset, title, text) in logs {
                try await add(.init(kind: .log, onDate: today.adding(days: offset), title: title, body: text))
            }
            // Documents: the fire-safety notice's deadline has passed with no handling; the elders' survey was handled.
            try await add(.init(kind: .documentReceived, onDate: today.adding(days: -20), title: "关于开展冬季消防安全大检查的通知",
                                body: "各社区于规定期限前报送消防检查台账和隐患整改清单。", people: "翠香街道办事处",
                                reference: "翠香街〔2026〕45号", deadline: today.adding(days: -3)))
            let survey = try await add(.init(kind: .documentReceived, onDate: today.adding(days: -25), title: "关于做好高龄老人津贴年审的通知",
                                             body: "核对辖区80岁以上老人名单并组织年审。", people: "香洲区民政局",
                                             reference: "香民〔2026〕112号", deadline: today.adding(days: -10)))
            try await add(.init(kind: .documentHandled, onDate: today.adding(days: -12), body: "已核对名单并组织年审，结果报街道社会事务办。",
                                handles: survey.id))
            try await add(.init(kind: .documentSent, onDate: today.adding(days: -8), title: "紫荆社区关于增设电动车集中充电点的请示",
                                body: "请求街道协调在3号楼车棚增设集中充电点。", people: "翠香街道办事处", reference: "紫荆居〔2026〕9号",
                                deadline: today.adding(days: 7)))
            // The seal register: a mistake put right by a correction, never edited.
            let wrong = try await add(.init(kind: .sealUse, onDate: today.adding(days: -15), title: "居民王某某居住证明",
                                            body: "开具居住证明，用于子女入学", people: "王芳", approvedBy: "张丽"))
            try await add(.init(kind: .sealUse, onDate: today.adding(days: -15), title: "居民王某某居住证明（一式两份）",
                                body: "开具居住证明，用于子女入学，一式两份", people: "王芳", approvedBy: "张丽", corrects: wrong.id))
            try await add(.init(kind: .sealUse, onDate: today.adding(days: -8), title: "紫荆社区关于增设电动车集中充电点的请示",
                                body: "报街道的请示", people: "李强", approvedBy: "张丽"))
            let summary = OfficeKind.allCases.compactMap { k in counts[k].map { "\($0) \(k.rawValue)" } }.joined(separator: ", ")
            return "committee office (紫荆社区): \(summary)"
        }
    }
}
