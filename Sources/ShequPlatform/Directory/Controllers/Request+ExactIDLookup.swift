import Fluent
import ShequKernel
import Vapor

/// Finding a resident by exact ID number tells the caller whether that person is
/// registered, and where: a reveal in all but name, whichever door asks (the
/// search, a duplicate on create or import, applying or attending by ID number).
/// Every such answer given to staff takes a place under the same per-account
/// limit as the exact search and is audited, never with the number itself.
extension Request {
    /// Takes a place under the account's exact-lookup limit; over it, the refusal is audited and answered 429.
    public func admitExactLookup(_ door: String, by kind: String = "id", account: UUID) async throws {
        let admitted = try await ResidentSearchThrottle.take(account: account, gate: application.writeGate, on: db)
        guard !admitted else { return }
        let draft = auditDraft(door, entity: "resident", outcome: .denied, detail: "by \(kind), over the limit")
        try await write { db in try await AuditLog.append(draft, on: db) }
        throw ShequError.exactLookupLimit
    }

    /// Records who looked a resident up through which door and what it found.
    public func auditExactLookup(_ door: String, by kind: String = "id", found id: UUID?, in scope: String?) async throws {
        let draft = exactLookupDraft(door, by: kind, found: id, in: scope)
        try await write { db in try await AuditLog.append(draft, on: db) }
    }

    /// Admits and audits one answer: the number was looked up and the resident `id` (or nobody) came back.
    /// Finding someone the caller may already read (their own community's voter at the door, a resident
    /// of their area at the window) tells them nothing new: it is audited but takes no place, so an
    /// assembly of two hundred can be signed in. A miss, or a find outside their area, is what a probe
    /// learns from, and that counts.
    public func answerExactLookup(_ door: String, by kind: String = "id", account: UUID, found id: UUID?, in scope: String?) async throws {
        let known = id != nil && scope.map { code in actor.map { Policy.may($0, .residentRead, at: code) } ?? false } ?? false
        if !known { try await admitExactLookup(door, by: kind, account: account) }
        try await auditExactLookup(door, by: kind, found: id, in: scope)
    }

    func exactLookupDraft(_ door: String, by kind: String = "id", found id: UUID?, in scope: String?,
                          outcome: AuditDraft.Outcome = .ok) -> AuditDraft {
        auditDraft(door, entity: "resident", entityID: id?.uuidString, scope: scope, outcome: outcome,
                   detail: "by \(kind), " + (outcome == .denied ? "over the limit" : id == nil ? "none found" : "found"))
    }
}

extension ShequError {
    public static var exactLookupLimit: ShequError {
        ShequError(.tooManyRequests, .errorSearchLimit,
                   detail: " (\(ResidentSearchThrottle.perMinute)/min, \(ResidentSearchThrottle.perHour)/h)", code: "search_limit")
    }
}
