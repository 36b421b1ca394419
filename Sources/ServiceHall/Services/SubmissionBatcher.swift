import Fluent
import NIOConcurrencyHelpers
import ShequKernel
import ShequPlatform
import Vapor

/// Group commit for submissions. Every submission must take the one write
/// lock (SQLite's single writer, the street's audit-chain head on PostgreSQL),
/// and on two cores each statement's round trip through the database thread
/// cost far more than the statement. So submissions that arrive while a batch
/// is being written wait for the next one, and a batch of any size costs a
/// handful of multi-row statements. No caller hears "done" before its batch
/// has committed. One bad row would fail its whole batch; then each
/// application in it is written alone, so only the bad one fails.
public final class SubmissionBatcher: Sendable {
    struct Job: Sendable {
        let application: NewApplication
        let continuation: CheckedContinuation<Submitted, any Error>
    }

    private struct State {
        var pending: [Job] = []
        var draining = false
    }

    private let state = NIOLockedValueBox(State())
    static let maxBatch = 200

    public init() {}

    func submit(_ application: NewApplication, app: Vapor.Application) async throws -> Submitted {
        try await withCheckedThrowingContinuation { continuation in
            let startDraining = state.withLockedValue { s -> Bool in
                s.pending.append(Job(application: application, continuation: continuation))
                guard !s.draining else { return false }
                s.draining = true
                return true
            }
            if startDraining { Task { await self.drain(app) } }
        }
    }

    private func drain(_ app: Vapor.Application) async {
        while true {
            let jobs = state.withLockedValue { s -> [Job] in
                let taken = Array(s.pending.prefix(Self.maxBatch))
                s.pending.removeFirst(taken.count)
                if taken.isEmpty { s.draining = false }
                return taken
            }
            guard !jobs.isEmpty else { return }
            await write(jobs, app: app)
        }
    }

    private func write(_ jobs: [Job], app: Vapor.Application) async {
        let results = await Self.writeAll(jobs.map(\.application), app: app)
        for (job, result) in zip(jobs, results) { job.continuation.resume(with: result) }
    }

    /// One transaction for the whole batch; if it fails, each application alone, so only the bad one fails.
    static func writeAll(_ batch: [NewApplication], app: Vapor.Application) async -> [Result<Submitted, any Error>] {
        let vault = PersonalDataVault(secrets: app.secrets)
        let today = LocalDate(instant: Date())
        do {
            let written = try await app.writeGate.transaction(on: app.db) { db in
                try await ApplicationService.insert(batch, today: today, vault: vault, on: db)
            }
            return written.map { .success($0) }
        } catch where batch.count > 1 {
            app.logger.warning("submission batch of \(batch.count) failed, writing each alone", metadata: ["error": "\(error)"])
            var results: [Result<Submitted, any Error>] = []
            for application in batch { results += await writeAll([application], app: app) }
            return results
        } catch {
            return [.failure(error)]
        }
    }
}

extension Vapor.Application {
    private struct SubmissionBatcherKey: StorageKey { typealias Value = SubmissionBatcher }

    /// Set once at boot (`ServiceHallModule.boot`), before requests arrive.
    public var submissionBatcher: SubmissionBatcher {
        get { storage[SubmissionBatcherKey.self] ?? SubmissionBatcher() }
        set { storage[SubmissionBatcherKey.self] = newValue }
    }
}
