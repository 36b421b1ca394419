import Fluent
import ShequPlatform
import Vapor

/// `shequ ocds verify`: exit 0 when every chain of the release log holds, 1 naming the first
/// release that does not (edited, missing, cut off), as `shequ audit verify` does for the audit log.
struct OCDSCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "subcommand", help: "verify | generate")
        var subcommand: String
        @Option(name: "projects", help: "generate: how many synthetic projects (ten releases each)")
        var projects: Int?
        @Option(name: "seed", help: "generate: random seed (default 1)")
        var seed: Int?
    }

    var help: String { "Checks the OCDS release log's hash chains (shequ ocds verify); fills it for benchmarks (shequ ocds generate --projects N)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        if signature.subcommand == "generate" {
            guard let projects = signature.projects, (1...100_000).contains(projects) else {
                context.console.error("usage: shequ ocds generate --projects N (1–100000) [--seed S]")
                throw CommandExit(2)
            }
            let started = Date()
            var generator = OCDSGenerator(app: context.application, seed: UInt64(signature.seed ?? 1))
            let made = try await generator.generate(projects: projects) { done in
                context.console.output("\r\(done)/\(projects) projects".consoleText(), newLine: false)
            }
            context.console.print("")
            context.console.print("generated \(made) releases of \(projects) projects in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
            return
        }
        guard signature.subcommand == "verify" else {
            context.console.error("unknown subcommand \(signature.subcommand); use: shequ ocds verify | generate --projects N")
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
