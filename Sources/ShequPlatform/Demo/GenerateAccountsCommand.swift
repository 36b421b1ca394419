import Fluent
import Foundation
import ShequKernel
import SQLKit
import Vapor

/// `shequ generate-accounts --community CODE --count N --tokens FILE [--seed S]`:
/// adult residents of one community, each with a resident account and an API
/// token written to FILE (mode 600), for load tests of resident-facing routes
/// (scripts/vote-burst.sh). Accounts share one unguessable password nobody is told.
struct GenerateAccountsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "community", help: "12-digit community code") var community: String?
        @Option(name: "count", help: "How many residents with accounts") var count: Int?
        @Option(name: "tokens", help: "File to write the API tokens to, one per line") var tokens: String?
        @Option(name: "seed", help: "Random seed (default 1)") var seed: Int?
    }

    var help: String { "Creates residents of one community with accounts and API tokens, for load tests." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let community = signature.community, let count = signature.count, count > 0, let path = signature.tokens else {
            context.console.error("usage: shequ generate-accounts --community CODE --count N --tokens FILE [--seed S]")
            throw CommandExit(2)
        }
        guard let division = try await Division.find(community, on: app.db), division.level == .community else {
            context.console.error("\(community) is not a community code on file")
            throw CommandExit(2)
        }
        let vault = PersonalDataVault(secrets: app.secrets)
        var rng = SeededGenerator(seed: UInt64(signature.seed ?? 1))
        var taken = Set(try await (app.db as! any SQLDatabase).raw("SELECT id_number_index FROM residents").all()
            .map { try $0.decode(column: "id_number_index", as: String.self) })
        let passwordHash = try await app.password.async.hash(CSRFMiddleware.newToken())
        let now = Date(), settled = now.addingTimeInterval(-400 * 86_400), expires = now.addingTimeInterval(AccountService.tokenLifetime)
        let settledDay = LocalDate(instant: settled).description
        var tokens: [String] = []
        var made = 0
        while made < count {
            var residents: [[any SQLExpression]] = [], accounts: [[any SQLExpression]] = []
            var grants: [[any SQLExpression]] = [], apiTokens: [[any SQLExpression]] = []
            for _ in 0..<min(500, count - made) {
                var person: SyntheticPerson
                var index: String
                repeat {
                    person = SyntheticPerson.make(areaCode: String(community.prefix(6)), sequence: Int.random(in: 0..<500, using: &rng),
                                                  ageRange: 20...80, today: now, using: &rng)
                    index = vault.index(person.residentID, kind: "id")
                } while !taken.insert(index).inserted
                let residentID = UUID(), accountID = UUID(), token = CSRFMiddleware.newToken()
                let resident: [any Encodable & Sendable] = [
                    residentID, community, RelationToHead.head.rawValue, person.name, person.sex.rawValue, Int(person.birthDate.prefix(4)) ?? 0,
                    try vault.seal(person.residentID), index, ResidentID.mask(person.residentID), Residency.registered.rawValue, settledDay, settled, settled,
                ]
                residents.append(resident.map { SQLBind($0) })
                let username = "load.\(signature.seed ?? 1).\(made)"
                let account: [any Encodable & Sendable] = [accountID, username, passwordHash, person.name, residentID, 0, false, now]
                accounts.append(account.map { SQLBind($0) })
                let grant: [any Encodable & Sendable] = [UUID(), accountID, Role.resident.rawValue, community]
                grants.append(grant.map { SQLBind($0) })
                let apiToken: [any Encodable & Sendable] = [UUID(), accountID, AccountService.hash(token), expires, now]
                apiTokens.append(apiToken.map { SQLBind($0) })
                tokens.append(token)
                made += 1
            }
            try await app.writeGate.transaction(on: app.db) { [residents, accounts, grants, apiTokens] db in
                let sql = db as! any SQLDatabase
                try await sql.insert(into: Resident.schema).columns("id", "division_code", "relation_to_head", "name", "sex", "birth_year",
                                                                   "id_number_sealed", "id_number_index", "id_number_masked", "residency",
                                                                   "resident_since", "created_at", "updated_at").rows(residents).run()
                try await sql.insert(into: Account.schema).columns("id", "username", "password_hash", "display_name", "resident_id",
                                                                  "failed_sign_ins", "disabled", "created_at").rows(accounts).run()
                try await sql.insert(into: Grant.schema).columns("id", "account_id", "role", "scope").rows(grants).run()
                try await sql.insert(into: APIToken.schema).columns("id", "account_id", "token_hash", "expires_at", "created_at").rows(apiTokens).run()
            }
        }
        FileManager.default.createFile(atPath: path, contents: Data((tokens.joined(separator: "\n") + "\n").utf8),
                                       attributes: [.posixPermissions: 0o600])
        context.console.print("generated \(made) residents of \(community) with accounts; tokens in \(path)")
    }
}
