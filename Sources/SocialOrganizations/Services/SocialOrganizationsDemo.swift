import Fluent
import Foundation
import ShequPlatform
import Vapor

/// `shequ demo`: organisations of every category in the demo communities (one a Macao partner), filed by the
/// demo resident and approved by their street through `Filings`, as the pages and the API do; and one filing
/// waiting for 翠香街道's review, so its queue has something to decide. Looked up by name: a second run adds nothing.
enum SocialOrganizationsDemo {
    struct Spec {
        let name: String
        let category: SocialOrganizationCategory
        let street: String
        let communities: [String]
        let purpose: String
        let contact: (name: String, phone: String)
        let members: Int
        var partner: CrossBorderPartner = .none
        /// The street official who decided it; nil leaves it waiting.
        var approvedBy: String?
        /// Who files it, and so becomes its first staff member on approval.
        var filer = "resident.demo"
    }

    static let filer = "resident.demo"

    static let specs: [Spec] = [
        Spec(name: "翠香社区义工服务队", category: .publicWelfare, street: "440402001", communities: ["440402001001", "440402001002"],
             purpose: "组织居民志愿者开展助老、助残、困难家庭帮扶和社区环境整治。", contact: ("黄丽华", "13926900101"), members: 86,
             approvedBy: "street.cuixiang"),
        Spec(name: "梅华长者居家养老服务社", category: .welfareServices, street: "440402002", communities: ["440402002001", "440402002003"],
             purpose: "为辖区高龄、独居老人提供上门探访、助餐和日间照料。", contact: ("陈志强", "13926900102"), members: 24,
             approvedBy: "street.meihua"),
        Spec(name: "紫荆社区康复互助会", category: .healthServices, street: "440402001", communities: ["440402001001"],
             purpose: "残疾人康复训练互助和心理疏导，与社区卫生服务站合作。", contact: ("林晓燕", "13926900103"), members: 31,
             approvedBy: "street.cuixiang"),
        Spec(name: "翠香社区粤剧曲艺社", category: .cultureSports, street: "440402001", communities: ["440402001003"],
             purpose: "粤剧曲艺排练和社区演出，每周两次活动。", contact: ("梁国华", "13926900104"), members: 40,
             approvedBy: "street.cuixiang"),
        Spec(name: "梅华社区邻里环保队", category: .other, street: "440402002", communities: ["440402002004"],
             purpose: "垃圾分类宣传和旧物交换。", contact: ("吴敏", "13926900105"), members: 18,
             approvedBy: "street.meihua"),
        Spec(name: "澳门街坊互助长者服务站（梅华）", category: .welfareServices, street: "440402002", communities: ["440402002001"],
             purpose: "与澳门街坊会合作，引入澳门社工开展长者个案服务和社工培训。", contact: ("何嘉欣", "13926900106"), members: 12,
             partner: .macao, approvedBy: "street.meihua"),
        // The organisation that bids for and holds the demo's purchase-of-service contracts; lin.orgstaff acts for it.
        Spec(name: "香洲区长者关爱服务中心", category: .welfareServices, street: "440402001", communities: ["440402001001", "440402001002", "440402001003"],
             purpose: "为翠香街道长者提供居家探访、助餐、日间照料和健康讲座，由持证社工带领志愿者开展。", contact: ("林淑仪", "13926900108"), members: 45,
             approvedBy: "street.cuixiang", filer: "lin.orgstaff"),
        Spec(name: "翠香社区亲子阅读会", category: .cultureSports, street: "440402001", communities: ["440402001002"],
             purpose: "每周六在社区图书室开展亲子共读和绘本分享。", contact: ("郑小芳", "13926900107"), members: 15),
    ]

    static func fill(_ app: Application) async throws -> String? {
        let filers = try await Account.query(on: app.db).filter(\.$username ~~ Set(specs.map(\.filer))).all()
        let accountIDs = Dictionary(filers.compactMap { a in a.id.map { (a.username, $0) } }, uniquingKeysWith: { a, _ in a })
        guard accountIDs.count == Set(specs.map(\.filer)).count else { return nil }
        let communities = Set(specs.flatMap(\.communities))
        guard try await Division.query(on: app.db).filter(\.$id ~~ Array(communities)).count() == communities.count else { return nil }
        let vault = PersonalDataVault(secrets: app.secrets)
        var approved = 0, waiting = 0
        for spec in specs {
            guard try await Filing.query(on: app.db).filter(\.$name == spec.name).count() == 0 else { continue }
            try await app.writeGate.transaction(on: app.db) { db in
                let draft = Filings.Draft(name: spec.name, category: spec.category, streetCode: spec.street, communities: spec.communities,
                                          purpose: spec.purpose, contactName: spec.contact.name, contactPhone: spec.contact.phone,
                                          members: spec.members, partner: spec.partner)
                let filing = try await Filings.file(draft, byAccount: accountIDs[spec.filer] ?? UUID(), username: spec.filer, vault: vault, on: db)
                try await AuditLog.append(AuditDraft(actor: spec.filer, action: "socialOrganization.file", entity: FilingsAPIController.entity,
                                                     entityID: filing.id?.uuidString, scope: spec.street, detail: "\(spec.name) (demo)"), on: db)
                guard let reviewer = spec.approvedBy else { return }
                let decided = try await Filings.decide(filing, .approve, reason: nil, by: reviewer, on: db)
                try await AuditLog.append(AuditDraft(actor: reviewer, action: "socialOrganization.approve", entity: FilingsAPIController.entity,
                                                     entityID: decided.id?.uuidString, scope: spec.street, detail: "\(spec.name) (demo)"), on: db)
            }
            if spec.approvedBy == nil { waiting += 1 } else { approved += 1 }
        }
        guard approved + waiting > 0 else { return nil }
        return "social organisations: \(approved) approved in the registry (every category, one Macao partner), \(waiting) filing waiting for 翠香街道's review"
    }
}
