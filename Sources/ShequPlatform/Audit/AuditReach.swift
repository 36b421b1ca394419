import Fluent
import Vapor

/// What of the audit log a reader may see: the entries whose scope lies inside one of the scopes
/// at which the policy lets them read it. Entries without a scope, or with one above every street
/// (the platform's sign-ins, accounts, settings), are city-wide and shown only to city-level readers.
/// Every audit read (the page, the API) goes through this.
struct AuditReach: Sendable {
    let scopes: [String]

    /// Asks the policy (a refusal is audited) and takes the reader's scopes for the audit log.
    init(_ req: Request) async throws {
        let actor = try await req.authorize(.auditRead, entity: "audit")
        scopes = Policy.scopes(of: actor, for: .auditRead)
    }

    init(scopes: [String]) { self.scopes = scopes }

    /// A city's code has four digits: a scope that short reads everything, the platform's entries too.
    var cityWide: Bool { scopes.contains { $0.count <= 4 } }

    func entries(on db: any Database) -> QueryBuilder<AuditEntry> {
        let query = AuditEntry.query(on: db)
        if cityWide { return query }
        guard !scopes.isEmpty else { return query.filter(\.$chain == "-none-") }
        return query.group(.or) { or in
            for scope in scopes {
                or.group(.and) { inside in
                    // A street's entries are its chain's (the chain is the scope's first nine digits): the
                    // chain narrows the read to one index range before the scope is compared.
                    if scope.count >= 9 { inside.filter(\.$chain == String(scope.prefix(9))) }
                    inside.filter(\.$scope >= scope).filter(\.$scope < scope + "~")
                }
            }
        }
    }

    /// The chains' verdict, naming a broken chain only to a reader who may read it whole.
    func shown(_ status: AuditController.Status) -> AuditController.Status {
        guard !status.holds, !cityWide, let chain = status.chain else { return status }
        if scopes.contains(where: { chain.hasPrefix($0) && chain.count >= 9 && chain.allSatisfy(\.isNumber) }) { return status }
        return AuditController.Status(holds: false, chain: nil, sequence: nil, entryID: nil, problem: "a chain outside your reach does not hold")
    }
}
