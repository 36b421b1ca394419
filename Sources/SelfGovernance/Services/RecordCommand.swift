import Fluent
import ShequPlatform
import Vapor

/// `shequ record verify [--community CODE]`: exit 0 when every public-record
/// chain holds, 1 naming the first broken entry, 2 on a usage error.
struct RecordCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "subcommand", help: "verify")
        var subcommand: String
        @Option(name: "community", help: "Check one community's record (its 12-digit code)")
        var community: String?
    }

    var help: String { "Checks the communities' public records (shequ record verify [--community CODE])." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.subcommand == "verify" else {
            context.console.error("unknown subcommand \(signature.subcommand); use: shequ record verify [--community CODE]")
            throw CommandExit(2)
        }
        if let code = signature.community, !(code.count == 12 && code.allSatisfy(\.isNumber)) {
            context.console.error("--community takes a 12-digit community code, not \(code)")
            throw CommandExit(2)
        }
        let (checked, finding) = try await PublicRecord.verify(community: signature.community, on: context.application.db)
        if let finding {
            context.console.error("public record of \(finding.community) broken at entry #\(finding.sequence): \(finding.problem)")
            throw CommandExit(1)
        }
        context.console.print("public record: \(checked) \(checked == 1 ? "community's chain holds" : "communities' chains hold")")
    }
}
