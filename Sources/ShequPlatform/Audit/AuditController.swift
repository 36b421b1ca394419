import Fluent
import Vapor

enum AuditController {
    struct Status: Content {
        var holds: Bool
        var chain: String?
        var sequence: Int?
        var entryID: UUID?
        var problem: String?
    }

    static func status(on db: any Database) async throws -> Status {
        if let finding = try await AuditLog.verify(on: db) {
            return Status(holds: false, chain: finding.chain, sequence: finding.sequence, entryID: finding.entryID, problem: finding.problem)
        }
        return Status(holds: true)
    }

    static func verify(_ req: Request) async throws -> Status {
        let reach = try await AuditReach(req)
        return reach.shown(try await status(on: req.db))
    }

    static func page(_ req: Request) async throws -> WebPage {
        let reach = try await AuditReach(req)
        let ctx = req.context
        let result = reach.shown(try await status(on: req.db))
        let recent = try await reach.entries(on: req.db).sort(\.$recordedAt, .descending).sort(\.$id, .descending)
            .paged(ListPageRequest(req)) { RecentEntry($0) }
        let verdict: BodyNode = result.holds
            ? H.tag("p", [("class", "notice"), ("role", "status")], [.text(ctx.t(.auditChainHolds))])
            : H.tag("p", [("class", "error"), ("role", "alert")],
                    [.text(ctx.t(.auditChainBroken) + "\(result.chain ?? "")#\(result.sequence ?? 0) (\(result.problem ?? ""))")])
        let rows: [BodyNode] = recent.items.map { e in
            H.tag("tr", [], [
                H.tag("td", [("data-label", ctx.t(.auditWhen))], [.text(e.recordedAt)]),
                H.tag("td", [("data-label", ctx.t(.auditWho))], [.text(e.actor)]),
                H.tag("td", [("data-label", ctx.t(.auditWhat))], [.text(e.action)]),
                H.tag("td", [("data-label", ctx.t(.auditRecord))], [.text(e.record)]),
                H.tag("td", [("data-label", ctx.t(.auditOutcome))], [.text(e.outcome)]),
                H.tag("td", [("data-label", ctx.t(.auditFrom))], [.text(e.ip ?? "")]),
            ])
        }
        let head = [Phrase.auditWhen, .auditWho, .auditWhat, .auditRecord, .auditOutcome, .auditFrom]
            .map { H.tag("th", [], [.text(ctx.t($0))]) }
        return WebPage(title: ctx.t(.auditLog), [
            verdict,
            H.tag("h2", [], [.text(ctx.t(.auditRecent))]),
            H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
                H.tag("thead", [], [H.tag("tr", [], head)]), H.tag("tbody", [], rows)])]),
            Pager.nav(ctx, recent, path: "/audit"),
        ])
    }

    /// What the audit page shows of an entry: not its hashes.
    struct RecentEntry: Content {
        var recordedAt: String
        var actor: String
        var action: String
        var record: String
        var outcome: String
        var ip: String?

        init(_ e: AuditEntry) {
            recordedAt = e.recordedAt
            actor = e.actor
            action = e.action
            record = e.entity + " " + (e.entityID ?? "")
            outcome = e.outcome
            ip = e.ip
        }
    }
}

/// `shequ audit verify`: exit 0 when every chain holds, 1 naming the first broken entry.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "subcommand", help: "verify")
        var subcommand: String
    }

    var help: String { "Checks the audit log's hash chains (shequ audit verify)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.subcommand == "verify" else {
            context.console.error("unknown subcommand \(signature.subcommand); use: shequ audit verify")
            throw CommandExit(2)
        }
        let status = try await AuditController.status(on: context.application.db)
        if status.holds {
            context.console.print("audit log: every chain holds")
        } else {
            context.console.error("audit log: chain \(status.chain ?? "") broken at entry #\(status.sequence ?? 0) (id \(status.entryID?.uuidString ?? "-")): \(status.problem ?? "")")
            throw CommandExit(1)
        }
    }
}

