import Fluent
import SQLKit
import Foundation
import ShequPlatform

/// What a resident is told at each step, in the language of their application.
enum ApplicationNotices {
    static func text(for state: ApplicationState, number: String, item: ServiceItem, dueOn: String?, reason: String,
                     materials: String, language: Language) -> String {
        let name = language == .en ? item.nameEn : item.nameZh
        let zh: String, en: String
        switch state {
        case .submitted:
            zh = "您的办件 \(number)（\(name)）已提交。"; en = "Your application \(number) (\(name)) was submitted."
        case .accepted:
            zh = "您的办件 \(number)（\(name)）已受理，预计 \(dueOn ?? "") 前办结。"
            en = "Your application \(number) (\(name)) was accepted and should be finished by \(dueOn ?? "")."
        case .notAccepted:
            zh = "您的办件 \(number) 不予受理：\(reason)"; en = "Your application \(number) was not accepted: \(reason)"
        case .awaitingSupplement:
            zh = "您的办件 \(number) 需补正以下材料（一次性告知）：\(materials)。\(reason)"
            en = "Your application \(number) needs these materials (listed all at once): \(materials). \(reason)"
        case .inProgress:
            zh = "您的办件 \(number) 正在办理，预计 \(dueOn ?? "") 前办结。"; en = "Your application \(number) is in progress; expected by \(dueOn ?? "")."
        case .transferred:
            zh = "您的办件 \(number) 已转交承办部门办理。"; en = "Your application \(number) was transferred to the handling department."
        case .completed:
            zh = "您的办件 \(number) 已办结，欢迎对本次服务作出评价。"; en = "Your application \(number) is complete. Please rate the service."
        case .refused:
            zh = "您的办件 \(number) 办理结果：不予批准。理由：\(reason)"; en = "Your application \(number) was refused: \(reason)"
        case .withdrawn:
            zh = "您的办件 \(number) 已撤回。"; en = "Your application \(number) was withdrawn."
        }
        return language == .en ? en : zh
    }

    /// Stores the in-app notice inside the caller's transaction and returns the outbound message to send after commit.
    static func record(_ a: Application, item: ServiceItem, reason: String, materials: String, on db: any Database,
                       vault: PersonalDataVault) async throws -> OutboundMessage? {
        let phone = try await (db as! any SQLDatabase).raw("SELECT phone_sealed FROM residents WHERE id = \(bind: a.residentID)")
            .first()?.decode(column: "phone_sealed", as: String?.self)
        return try await record(a, item: item, reason: reason, materials: materials, phoneSealed: phone, on: db, vault: vault)
    }

    /// For callers that already hold the applicant's sealed phone (submission).
    static func record(_ a: Application, item: ServiceItem, reason: String, materials: String, phoneSealed: String?,
                       on db: any Database, vault: PersonalDataVault) async throws -> OutboundMessage? {
        let language = Language(rawValue: a.language ?? "") ?? .zhHans
        let text = text(for: a.state, number: a.trackingNumber, item: item, dueOn: a.dueOn, reason: reason, materials: materials, language: language)
        try await (db as! any SQLDatabase).raw("""
            INSERT INTO resident_notifications (id, resident_id, application_id, language, text, created_at)
            VALUES (\(bind: UUID()), \(bind: a.residentID), \(bind: a.requireID()), \(bind: language.rawValue), \(bind: text), \(bind: Date()))
            """).run()
        guard let phoneSealed else { return nil }
        return OutboundMessage(channel: "sms", to: try vault.open(phoneSealed), language: language, text: text)
    }
}
