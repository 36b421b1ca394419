import NIOConcurrencyHelpers
import Vapor

/// Registration's SMS leave after the answer, never inside it: a code sent while the
/// applicant waits makes a matched number answer as slowly as the gateway, so the
/// response time would tell whether the ID number and name match a resident on file.
/// The platform has no persistent outbox; a message lost with the process leaves the
/// request waiting, which its owner hands to the residents' committee.
public final class RegistrationOutbox: Sendable {
    private let pending = NIOLockedValueBox<[UUID: Task<Void, Never>]>([:])

    public init() {}

    func post(_ message: OutboundMessage, on app: Application) {
        let messenger = app.outboundMessenger
        let logger = app.logger
        let id = UUID()
        pending.withLockedValue { tasks in
            tasks[id] = Task { [pending] in
                // A failing gateway is only logged: the request stands and can go to the committee.
                do { try await messenger.send(message) } catch {
                    logger.error("registration message not sent", metadata: ["error": "\(error)"])
                }
                pending.withLockedValue { _ = $0.removeValue(forKey: id) }
            }
        }
    }

    /// Waits until every message posted so far has been handed to the gateway (at shutdown, and in tests).
    public func drain() async {
        while true {
            let tasks = pending.withLockedValue { Array($0.values) }
            if tasks.isEmpty { return }
            for task in tasks { await task.value }
        }
    }
}

/// Lets messages posted just before a shutdown still reach the gateway.
struct RegistrationOutboxDrain: LifecycleHandler {
    func shutdownAsync(_ app: Application) async { await app.registrationOutbox.drain() }
}

extension Application {
    private struct RegistrationOutboxKey: StorageKey { typealias Value = RegistrationOutbox }

    /// Made when the registration module boots; before that (a command without the module) one of its own.
    public var registrationOutbox: RegistrationOutbox {
        get { storage[RegistrationOutboxKey.self] ?? Self.detachedOutbox }
        set { storage[RegistrationOutboxKey.self] = newValue }
    }

    private static let detachedOutbox = RegistrationOutbox()
}
