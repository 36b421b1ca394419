import Foundation
import ShequPlatform
import Vapor

/// `shequ generate-access [--seed S] [--years 5] [--tasks 200] [--entries 100000]`: the access system at city
/// scale for load tests (after `shequ demo`): tasks, years of plans, agreements, assignments and a funds ledger
/// that obeys the ledger's rules. Same seed, same data.
struct GenerateAccessCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "seed", help: "Random seed (default 1)") var seed: Int?
        @Option(name: "years", help: "Years of plans (default 5)") var years: Int?
        @Option(name: "tasks", help: "Administrative tasks (default 200)") var tasks: Int?
        @Option(name: "entries", help: "Ledger entries, about (default 100000)") var entries: Int?
        @Option(name: "first-year", help: "The first year of plans (default 2013)") var firstYear: Int?
    }

    var help: String { "Creates synthetic tasks, plans, agreements and funds ledger entries for load tests (after demo)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        var options = AccessGenerator.Options()
        options.seed = UInt64(max(0, signature.seed ?? 1))
        options.years = signature.years ?? options.years
        options.tasks = signature.tasks ?? options.tasks
        options.entries = signature.entries ?? options.entries
        options.firstYear = signature.firstYear ?? options.firstYear
        guard options.isWithinBounds else {
            context.console.error("usage: " + AccessGenerator.Options.usage)
            throw CommandExit(2)
        }
        let started = Date()
        let s = try await AccessGenerator(app: context.application).generate(options)
        context.console.print("generated for \(s.communities) communities: \(s.tasks) tasks of \(s.departments) departments, \(s.plans) plans "
            + "(\(s.approved) approved, \(s.rejected) rejected, \(s.changesRequested) sent back, \(s.submitted) awaiting review), "
            + "\(s.agreements) agreements, \(s.assignments) assignments, \(s.funds) funds, \(s.transactions) ledger transactions, "
            + "\(s.entries) ledger entries in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }
}
