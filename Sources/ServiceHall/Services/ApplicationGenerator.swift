import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

/// `shequ generate-applications --count N [--seed S]`: load-test data spread
/// over the existing residents and the last year, in every state, with due
/// dates on the working-day calendar. Run `shequ generate` and `shequ demo` first.
struct GenerateApplicationsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "count", help: "How many applications to create") var count: Int?
        @Option(name: "seed", help: "Random seed (default 1)") var seed: Int?
    }

    var help: String { "Creates synthetic applications for load tests (after generate and demo)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let count = signature.count, count > 0 else {
            context.console.error("usage: shequ generate-applications --count N [--seed S]")
            throw CommandExit(2)
        }
        let started = Date()
        let made = try await ApplicationGenerator(app: context.application, seed: UInt64(signature.seed ?? 1)).generate(count: count) { done in
            context.console.output("\r\(done)/\(count)".consoleText(), newLine: false)
        }
        context.console.print("")
        context.console.print("generated \(made) applications in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }
}

struct ApplicationGenerator {
    let app: Vapor.Application
    let seed: UInt64

    func generate(count: Int, progress: (Int) -> Void) async throws -> Int {
        let db = app.db
        let calendar = try app.workingCalendar
        let items = try await ServiceItem.query(on: db).all()
        let parents = Set(items.compactMap(\.parentCode))
        // Items needing a delegated power (O2) are left out: generated applications land in any street, held or not.
        let leaves = items.filter { !parents.contains($0.code) && $0.requiredPower == nil }
        guard !leaves.isEmpty else { throw Abort(.badRequest, reason: "run `shequ demo` first: the catalogue is empty") }
        // Residents are read in keyset pages so millions fit in memory as (id, community) pairs only.
        var residents: [(UUID, String)] = []
        var after = UUID(uuidString: "00000000-0000-0000-0000-000000000000")!
        while true {
            let page = try await Resident.query(on: db).filter(\.$id > after).sort(\.$id).limit(50_000).all()
            guard let last = page.last else { break }
            residents += page.map { ($0.id!, $0.divisionCode) }
            after = last.id!
        }
        guard !residents.isEmpty else { throw Abort(.badRequest, reason: "run `shequ generate --residents N` first") }
        var rng = SeededGenerator(seed: seed)
        let today = LocalDate(instant: Date())
        let states: [(ApplicationState, Int)] = [(.completed, 55), (.accepted, 15), (.inProgress, 12), (.submitted, 8),
                                                 (.awaitingSupplement, 3), (.transferred, 3), (.refused, 2), (.withdrawn, 2)]
        var perDay: [Int: Int] = [:]
        var rows: [[any SQLExpression]] = []
        var made = 0
        let now = Date()
        func flush() async throws {
            let batch = rows
            rows = []
            try await app.writeGate.transaction(on: db) { tx in
                let sql = tx as! any SQLDatabase
                for chunk in stride(from: 0, to: batch.count, by: 400) {
                    try await sql.insert(into: Application.schema)
                        .columns("id", "tracking_number", "item_id", "resident_id", "division_code", "channel", "state", "details",
                                 "accepted_on", "due_on", "paused_spans", "language", "created_at", "updated_at")
                        .rows(Array(batch[chunk..<min(chunk + 400, batch.count)])).run()
                }
            }
        }
        while made < count {
            let (resident, community) = residents[Int.random(in: 0..<residents.count, using: &rng)]
            let item = leaves[Int.random(in: 0..<leaves.count, using: &rng)]
            let daysAgo = Int.random(in: 0..<365, using: &rng)
            let day = today.adding(days: -daysAgo)
            // Tracking numbers from a per-day counter through a bijection of 32^5: unique without a lookup.
            let n = perDay[day.ordinal, default: 0]
            perDay[day.ordinal] = n + 1
            let number = TrackingNumber.make(on: day, index: n)
            var roll = Int.random(in: 0..<100, using: &rng)
            var state = ApplicationState.completed
            for (s, share) in states { if roll < share { state = s; break }; roll -= share }
            let accepted = state == .submitted ? nil : day.adding(days: 1)
            // Open applications' deadlines straddle today, so the overdue and due-soon lists have work in them.
            let due: LocalDate? = accepted.map { _ in
                state.clockRuns ? today.adding(days: Int.random(in: -20...25, using: &rng)) : calendar.deadline(from: day, workingDays: item.promisedDays)
            }
            let values: [any Encodable & Sendable] = [UUID(), number, item.id!, resident, community, ApplicationChannel.online.rawValue,
                                                      state.rawValue, "", accepted?.description, due?.description, "[]", "zh-Hans", now, now]
            rows.append(values.map { SQLBind($0) })
            made += 1
            if rows.count >= 20_000 { try await flush(); progress(made) }
        }
        try await flush()
        // Fresh statistics, as a running database would have, so the planner picks the due-list index.
        // On PostgreSQL also the visibility map that autovacuum would set before long: until then an
        // "index-only" scan of the due list still visits the table for every row, and autovacuum
        // working through millions of new rows competes with whatever is measured next.
        if db.isPostgres { try await (db as! any SQLDatabase).raw("VACUUM applications").run() }
        try await (db as! any SQLDatabase).raw("ANALYZE").run()
        progress(made)
        return made
    }
}
