import Fluent
import Foundation
import ShequPlatform

/// The office an official acted for, as the public project page names it: the division of their office's grant
/// (翠香街道, 香洲区), never the account's username, which would hand anyone a list of officials' sign-in names.
enum ActingOffice {
    static func names(of usernames: [String], on db: any Database) async throws -> [String: String] {
        let wanted = Array(Set(usernames.filter { !$0.isEmpty }))
        guard !wanted.isEmpty else { return [:] }
        let accounts = try await Account.query(on: db).filter(\.$username ~~ wanted).all()
        let ids = accounts.compactMap(\.id)
        let grants = ids.isEmpty ? [] : try await Grant.query(on: db).filter(\.$account.$id ~~ ids).all()
            .filter { $0.role != .resident && !Role.actingForABody.contains($0.role) }
            .sorted { $0.scope.count < $1.scope.count }
        let scopes = Array(Set(grants.map(\.scope)))
        let divisions = scopes.isEmpty ? [:] : Dictionary(try await Division.query(on: db).filter(\.$id ~~ scopes).all().map { ($0.code, $0.name) },
                                                          uniquingKeysWith: { a, _ in a })
        var out: [String: String] = [:]
        for account in accounts {
            guard let grant = grants.first(where: { $0.$account.id == account.id }) else { continue }
            out[account.username] = divisions[grant.scope] ?? grant.scope
        }
        return out
    }
}
