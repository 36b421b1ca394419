import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// `shequ demo`: a Macao partner based in 拱北 (filed and approved through `Filings`), Macao social workers with
/// permits of both kinds, and joint projects in 拱北 and 湾仔, so the linkage page shows two of the three places
/// linked and 横琴 not yet. Through the same commands as the pages; a second run adds nothing.
enum CrossBorderDemo {
    static let partner = "澳门街坊总会拱北社区服务中心"
    static let meihuaPartner = "澳门街坊互助长者服务站（梅华）"

    static func fill(_ app: Application) async throws -> String? {
        guard try await JointProject.query(on: app.db).count() == 0,
              let filer = try await Account.query(on: app.db).filter(\.$username == SocialOrganizationsDemo.filer).first(), let filerID = filer.id,
              try await Division.find("440402005001", on: app.db) != nil else { return nil }
        let vault = PersonalDataVault(secrets: app.secrets)
        let today = LocalDate(instant: Date())
        return try await app.writeGate.transaction(on: app.db) { db in
            let gongbei: UUID
            if let existing = try await Filing.query(on: db).filter(\.$name == partner).filter(\.$state == .approved).first()?.organizationID {
                gongbei = existing
            } else {
                let draft = Filings.Draft(name: partner, category: .welfareServices, streetCode: "440402005",
                                          communities: ["440402005001", "440402005002"],
                                          purpose: "与澳门街坊会联合开展长者探访、家庭支援和社工督导，澳门社工每周驻点两天。",
                                          contactName: "梁嘉慧", contactPhone: "13926900109", members: 26, partner: .macao)
                let filing = try await Filings.file(draft, byAccount: filerID, username: filer.username, vault: vault, on: db)
                let decided = try await Filings.decide(filing, .approve, reason: nil, by: "district.xiangzhou", on: db)
                try await AuditLog.append(AuditDraft(actor: "district.xiangzhou", action: "socialOrganization.approve", entity: FilingsAPIController.entity,
                                                     entityID: decided.id?.uuidString, scope: "440402005", detail: "\(partner) (demo)"), on: db)
                guard let id = decided.organizationID else { return nil }
                gongbei = id
            }
            let residence = "82000019840312004"
            let workers: [(String, CrossBorderCredential.Kind, String, String)] = [
                ("区嘉敏", .travelPermit, "M60218435", "澳门社会工作者专业资格 注册编号 SW-0421"),
                ("冯伟杰", .residencePermit, residence + String(ResidentID.checkCharacter(for: residence)), "澳门社会工作者专业资格 注册编号 SW-1187"),
            ]
            for (name, kind, number, qualification) in workers {
                let worker = try await CrossBorder.recordWorker(.init(name: name, credentialKind: kind, credentialNumber: number, qualification: qualification),
                                                                organization: gongbei, by: "district.xiangzhou", vault: vault, on: db)
                try await AuditLog.append(AuditDraft(actor: "district.xiangzhou", action: "socialOrganization.partnerWorker",
                                                     entity: CrossBorderAPIController.workerEntity, entityID: worker.id?.uuidString,
                                                     scope: "440402005", detail: "\(name) (demo)"), on: db)
            }
            let projects: [(String, String, String, Int)] = [
                ("珠澳长者同行计划（拱北）", "澳门社工与拱北社区义工结对，每月探访独居长者并开展防跌倒评估。", "440402005", -300),
                ("湾仔跨境家庭支援小组", "为湾仔街道的珠澳跨境家庭提供子女托管咨询、政策讲解和亲子活动。", "440402008", -120),
            ]
            for (title, summary, street, daysAgo) in projects {
                let project = try await CrossBorder.recordProject(.init(title: title, summary: summary, streetCode: street,
                                                                        startsOn: today.adding(days: daysAgo), endsOn: today.adding(days: daysAgo + 365)),
                                                                  organization: gongbei, by: "district.xiangzhou", on: db)
                try await AuditLog.append(AuditDraft(actor: "district.xiangzhou", action: "socialOrganization.jointProject",
                                                     entity: CrossBorderAPIController.projectEntity, entityID: project.id?.uuidString,
                                                     scope: street, detail: "\(title) (demo)"), on: db)
            }
            return "cross-border partners: \(partner) approved, \(workers.count) Macao social workers, \(projects.count) joint projects (拱北 and 湾仔 linked, 横琴 not yet)"
        }
    }
}
