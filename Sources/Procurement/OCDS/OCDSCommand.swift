import Fluent
import ShequPlatform
import Vapor

/// `shequ ocds verify`: exit 0 when every chain of the release log holds, 1 naming the first
/// release that does not (edited, missing, cut off), as `shequ audit verify` does for the audit log.
struct OCDSCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "subcommand", help: "verify")
        var subcommand: String
    }

    var help: String { "Checks the OCDS release log's hash chains (shequ ocds verify)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.subcommand == "verify" else {
            context.console.error("unknown subcommand \(signature.subcommand); use: shequ ocds verify")
            throw CommandExit(2)
        }
        let (checked, finding) = try await OCDSLog.verify(on: context.application.db)
        if let finding {
            context.console.error("OCDS release log: chain \(finding.chain) broken at #\(finding.sequence) (release \(finding.releaseID ?? "-")): \(finding.problem)")
            throw CommandExit(1)
        }
        context.console.print("OCDS release log: \(checked) chains, every one holds")
    }
}

/// What the Procurement module registers for the OCDS publication, in one place.
enum OCDSPublication {
    static var migrations: [any Migration] { [CreateOCDSReleases()] }
    static var commands: [(String, any AsyncCommand)] { [("ocds", OCDSCommand())] }
    static func routes(web: any RoutesBuilder, api: APIRoutes) { OCDSController.register(web: web, api: api) }
}
