import Fluent
import ShequPlatform
import Vapor

extension Request {
    /// A community from the path: a 12-digit code on file, or 404.
    func policingCommunity() async throws -> String {
        guard let code = parameters.get("code"), code.count == 12, code.allSatisfy(\.isNumber),
              let division = try await Division.find(code, on: db), division.level == .community else { throw ShequError.notFound }
        return code
    }

    /// A refusal the policy's scopes alone cannot decide (the officer a referral names), logged as `authorize` logs.
    func refusePolicing(_ action: Action, entity: String, entityID: String?, scope: String?, hide: Bool) async throws -> Never {
        _ = try requireActor()
        let draft = auditDraft(action.name, entity: entity, entityID: entityID, scope: scope, outcome: .denied)
        try await write { db in try await AuditLog.append(draft, on: db) }
        throw hide ? ShequError.notFound : ShequError.forbidden
    }
}

/// Division names for codes, for lists that show places.
enum PolicingNames {
    static func divisions(_ codes: [String], on db: any Database) async throws -> [String: String] {
        let unique = Array(Set(codes))
        guard !unique.isEmpty else { return [:] }
        return Dictionary(try await Division.query(on: db).filter(\.$id ~~ unique).all().compactMap { d in d.id.map { ($0, d.name) } },
                          uniquingKeysWith: { a, _ in a })
    }
}
