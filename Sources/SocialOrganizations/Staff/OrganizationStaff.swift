import Fluent
import Foundation
import ShequPlatform
import SQLKit
import Vapor

extension Action {
    /// Add or remove the organisation's staff: its own staff only (an organisation acts for itself, C1).
    public static let organizationStaffManage = Action("socialOrganization.staffManage")
    /// See who acts for an organisation: its staff, and the officials of the street it is based in and the district above.
    public static let organizationStaffRead = Action("socialOrganization.staffRead")
}

/// Who acts for an organisation. Its filer is its first staff member on approval; its staff add the accounts of
/// the people who work with them and remove those who leave, never the last one (the organisation would have no
/// one to file its report). Callable without HTTP, inside the caller's audited write.
public enum OrganizationStaff {
    public struct Member: Content, Sendable {
        public var accountID: UUID
        public var username: String
        public var displayName: String
        public var since: Date?
    }

    public static func members(of organizationID: UUID, on db: any Database) async throws -> [Member] {
        let grants = try await Grant.query(on: db).filter(\.$role == .organizationStaff).filter(\.$organizationID == organizationID).all()
        let ids = grants.map { $0.$account.id }
        guard !ids.isEmpty else { return [] }
        let accounts = try await Account.query(on: db).filter(\.$id ~~ ids).all()
        return accounts.compactMap { a in a.id.map { Member(accountID: $0, username: a.username, displayName: a.displayName, since: nil) } }
            .sorted { $0.username < $1.username }
    }

    /// Adds an existing, enabled account as staff; named by its username, as the person gives it.
    public static func add(username raw: String, to organizationID: UUID, scope: String, on db: any Database) async throws -> Member {
        let username = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard let account = try await Account.query(on: db).filter(\.$username == username).first(), !account.disabled, let id = account.id else {
            throw ShequError.invalid(.errorStaffNoAccount, String(username.prefix(32)), code: "no_such_account")
        }
        let already = try await Grant.query(on: db).filter(\.$account.$id == id).filter(\.$role == .organizationStaff)
            .filter(\.$organizationID == organizationID).count()
        guard already == 0 else { throw ShequError(.conflict, .errorStaffAlready, detail: username, code: "already_staff") }
        try await Grant(accountID: id, role: .organizationStaff, scope: scope, organizationID: organizationID).create(on: db)
        return Member(accountID: id, username: account.username, displayName: account.displayName, since: Date())
    }

    /// Removes a member's staff grant; not the last member's, and not the account's only grant.
    public static func remove(_ accountID: UUID, from organizationID: UUID, on db: any Database) async throws -> String {
        // Two members removing each other at once must not leave none: the organisation's row is held on PostgreSQL
        // (SQLite's writes already take turns), so the second sees the first's removal.
        if db.isPostgres, let sql = db as? any SQLDatabase {
            _ = try await sql.raw("SELECT id FROM \(ident: Organization.schema) WHERE id = \(bind: organizationID) FOR UPDATE").all()
        }
        let staff = try await Grant.query(on: db).filter(\.$role == .organizationStaff).filter(\.$organizationID == organizationID).all()
        guard let grant = staff.first(where: { $0.$account.id == accountID }) else { throw ShequError.notFound }
        guard staff.count > 1 else { throw ShequError(.conflict, .errorStaffLast, code: "last_staff") }
        guard try await Grant.query(on: db).filter(\.$account.$id == accountID).count() > 1 else {
            throw ShequError(.conflict, .errorStaffOnlyGrant, code: "only_grant")
        }
        try await grant.delete(on: db)
        return try await Account.find(accountID, on: db)?.username ?? accountID.uuidString
    }
}

extension OrganizationStaff {
    /// An official who also acts for an organisation does not judge it: their commendation would raise its class,
    /// their removal take it off a list. A colleague or the district above records instead. The refusal is logged.
    static func requireNotOwn(_ organizationID: UUID, _ actor: Actor, _ action: Action, entity: String, scope: String,
                              on req: Request) async throws {
        guard actor.organizationIDs.contains(organizationID) else { return }
        let draft = req.auditDraft(action.name, entity: entity, entityID: organizationID.uuidString, scope: scope, outcome: .denied,
                                   detail: "own organisation")
        try await req.write { db in try await AuditLog.append(draft, on: db) }
        throw ShequError(.forbidden, .errorOwnOrganization, code: "own_organization")
    }
}

extension Phrase {
    static let errorOwnOrganization = Phrase(zh: "您是该组织的工作人员，不能为它记录诚信信息或移出名录；请由同事或上级办理。",
                                             en: "You act for this organisation, so you do not record its integrity entries or take it off a list; a colleague or the district does.")
    static let staffTitle = Phrase(zh: "工作人员", en: "Staff")
    static let staffIntro = Phrase(zh: "以下账号代表本组织填报年度报告、登记港澳社工和合作项目、参与政府购买服务。新增的人须已有本平台账号。",
                                   en: "These accounts act for the organisation: its annual reports, its partner workers and projects, its bids. Whoever you add needs an account here already.")
    static let staffUsername = Phrase(zh: "用户名", en: "Username")
    static let staffName = Phrase(zh: "姓名", en: "Name")
    static let staffAdd = Phrase(zh: "添加工作人员", en: "Add a staff member")
    static let staffRemove = Phrase(zh: "移除", en: "Remove")
    static let staffNone = Phrase(zh: "暂无工作人员。", en: "No staff.")
    static let errorStaffNoAccount = Phrase(zh: "没有这个可用的账号：", en: "There is no enabled account of that name: ")
    static let errorStaffAlready = Phrase(zh: "该账号已是本组织工作人员：", en: "That account is already the organisation's staff: ")
    static let errorStaffLast = Phrase(zh: "不能移除最后一名工作人员：组织需要有人代表它。", en: "The last staff member stays: the organisation needs someone to act for it.")
    static let errorStaffOnlyGrant = Phrase(zh: "该账号没有其他岗位，移除后将无法使用；请由管理员停用账号。",
                                            en: "This is the account's only grant; without it the account could do nothing. An administrator disables accounts.")
}
