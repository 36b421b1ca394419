import Fluent
import Foundation
import SelfGovernance
import ShequKernel
import ShequPlatform
import Vapor

/// `shequ demo`: police.zijing recorded as 紫荆社区's officer, a second officer (police.meihua, same demo password)
/// for 梅华街道's first community, and two security messages of 紫荆社区 referred to its officer: a hotline call
/// answered, a mailbox letter waiting. Through the module's own rules; a second run adds nothing.
enum PolicingDemo {
    static let zijing = "440402001001"
    static let meihua = "440402002001"
    static let recorder = "district.xiangzhou"
    static let committee = "community.cuixiang"
    static let callSubject = "小区夜间有人撬电动车"
    static let letterSubject = "东门商铺深夜聚集喧哗"

    static func fill(_ app: Application) async throws -> String? {
        guard let zijingAccount = try await Account.query(on: app.db).filter(\.$username == "police.zijing").first(),
              try await Division.find(zijing, on: app.db) != nil, try await Division.find(meihua, on: app.db) != nil else { return nil }
        let today = LocalDate(instant: Date())
        let due = try app.workingCalendar.deadline(from: today, workingDays: app.selfGovernanceSettings.answerDays)
        let resident = try await Account.query(on: app.db).filter(\.$username == "resident.demo").first()?.residentID
        return try await app.writeGate.transaction(on: app.db) { db in
            var lines: [String] = []
            let first = try await officer(for: zijingAccount, .init(name: "陈建华", policeNumber: "031204", workPhone: "0756-2212110",
                                                                      dutyHours: "周二、周四 9:00–17:00 紫荆社区警务室；周六上午小区巡查",
                                                                      communities: [zijing]), on: db)
            if first.1 { lines.append("\(first.0.name) (police.zijing) → 紫荆社区") }
            let second = try await officer(for: try await meihuaAccount(copying: zijingAccount, on: db),
                                           .init(name: "黄志强", policeNumber: "031587", workPhone: "0756-2236110",
                                                 dutyHours: "周一、周三 9:00–17:00 社区警务室", communities: [meihua]), on: db)
            if second.1 { lines.append("\(second.0.name) (police.meihua) → \(meihua)") }

            // The call is answered by the officer; the letter waits.
            let call = try await message(.hotline, subject: callSubject, text: "来电反映：近一周3号楼车棚夜间两次有电动车被撬，希望加强巡查、加装监控。",
                                         caller: "王先生", residentID: nil, recordedBy: committee, due: due, on: db)
            let letter = try await message(.mailbox, subject: letterSubject, text: "东门外几家商铺经常营业到凌晨两点，门口有人聚集喝酒喧哗，影响休息，也担心打架。",
                                           caller: "李女士", residentID: resident, recordedBy: nil, due: due, on: db)
            for m in [call, letter] where try await PoliceReferral.query(on: db).filter(\.$messageID == m.requireID()).count() == 0 && m.answeredOn == nil {
                let r = try await PoliceReferrals.refer(m, to: first.0, note: "涉及治安，请民警核实并答复居民。", by: committee, on: db)
                try await audit(committee, "policing.refer", r, detail: "\(m.subject) (demo)", on: db)
                lines.append("referred: \(m.subject)")
                if m.channel == .hotline {
                    try await PoliceReferrals.answer(r, message: m, text: "已安排夜间巡逻每晚两次经过3号楼车棚，并联系物业加装两个摄像头，本周内完成。如再发现可疑情况请立即拨打110。",
                                                     by: "police.zijing", today: today, on: db)
                    try await audit("police.zijing", "policing.answer", r, detail: "\(m.subject) (demo)", on: db)
                    lines.append("answered: \(m.subject)")
                }
            }
            return lines.isEmpty ? nil : "community policing: " + lines.joined(separator: "; ")
        }
    }

    /// The officer's record, made once.
    static func officer(for account: Account, _ draft: PoliceOfficers.Draft, on db: any Database) async throws -> (PoliceOfficer, Bool) {
        if let existing = try await PoliceOfficer.query(on: db).filter(\.$accountID == account.requireID()).first() { return (existing, false) }
        let o = try await PoliceOfficers.record(draft, account: account, by: recorder, on: db)
        try await AuditLog.append(AuditDraft(actor: recorder, action: "policing.officerRecord", entity: PoliceOfficersAPIController.entity,
                                             entityID: o.id?.uuidString, scope: draft.communities.first, detail: "\(o.name) (demo)"), on: db)
        return (o, true)
    }

    /// The second officer's account, with the same demo password as police.zijing and the role at 梅华's first community.
    static func meihuaAccount(copying model: Account, on db: any Database) async throws -> Account {
        if let existing = try await Account.query(on: db).filter(\.$username == "police.meihua").first() { return existing }
        let account = Account(username: "police.meihua", passwordHash: model.passwordHash, displayName: "police.meihua")
        try await account.create(on: db)
        let grant = Grant(accountID: try account.requireID(), role: .communityPolice, scope: meihua)
        try await grant.create(on: db)
        try await AuditLog.append(AuditDraft(actor: recorder, action: "account.create", entity: "account", entityID: account.id?.uuidString,
                                             scope: meihua, detail: "police.meihua communityPolice (demo)"), on: db)
        return account
    }

    static func message(_ channel: SelfGovernance.Channel, subject: String, text: String, caller: String, residentID: UUID?, recordedBy: String?,
                        due: LocalDate, on db: any Database) async throws -> ChannelMessage {
        if let m = try await ChannelMessage.query(on: db).filter(\.$divisionCode == zijing).filter(\.$subject == subject).first() { return m }
        let m = try await Channels.submit(channel, community: zijing, residentID: residentID, authorName: caller, anonymous: false,
                                          subject: subject, text: text, recordedBy: recordedBy, dueOn: due, db: db)
        try await AuditLog.append(AuditDraft(actor: recordedBy ?? "resident.demo", action: channel == .hotline ? "message.call" : "message.post",
                                             entity: "message", entityID: m.id?.uuidString, scope: zijing, detail: "\(subject) (demo)"), on: db)
        return m
    }

    static func audit(_ actor: String, _ action: String, _ r: PoliceReferral, detail: String, on db: any Database) async throws {
        try await AuditLog.append(AuditDraft(actor: actor, action: action, entity: PoliceReferralsAPIController.entity, entityID: r.id?.uuidString,
                                             scope: r.divisionCode, detail: detail), on: db)
    }
}
