import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// `shequ recompute-deadlines`: after a later holiday notice is added
/// (`SHEQU_HOLIDAYS_FILE`), counts again the due date of every open accepted
/// application due on or after the first day the added notice lists, from its
/// acceptance and with its supplement pauses, and records each change in the
/// audit log of its street.
struct RecomputeDeadlinesCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Counts the due dates of open applications again on the current holiday calendar (after SHEQU_HOLIDAYS_FILE changes)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let notices = try app.holidayNotices
        let changed = try await DeadlineRecount.run(calendar: notices.calendar, from: notices.recountFrom,
                                                    writeGate: app.writeGate, on: app.db)
        context.console.print("due dates recounted: \(changed.checked) open applications checked, \(changed.moved) moved")
    }
}

enum DeadlineRecount {
    struct Outcome: Sendable { var checked = 0; var moved = 0 }

    /// Only dates from `from` on can have been counted without the added notice; earlier ones stand.
    static func run(calendar: WorkingCalendar, from: LocalDate, writeGate: WriteGate, on db: any Database) async throws -> Outcome {
        let open = try await Application.query(on: db)
            .filter(\.$state !~ ApplicationState.final)
            .filter(\.$acceptedOn != nil)
            .filter(\.$dueOn >= from.description)
            .all()
        var outcome = Outcome(checked: open.count)
        // By the item version each application was accepted under (issue 11): a later change of the limit does not move it.
        let promisedDays = Dictionary(try await ServiceItemVersion.query(on: db).all().map { ("\($0.itemID) \($0.version)", $0.promisedDays) },
                                      uniquingKeysWith: { first, _ in first })
        var drafts: [AuditDraft] = []
        var moves: [(id: UUID, due: String)] = []
        for a in open {
            guard let accepted = a.acceptedOn.flatMap(LocalDate.init), let days = promisedDays["\(a.itemID) \(a.itemVersion)"] else { continue }
            let paused = ApplicationService.spans(a).map { $0.from...$0.to }
            let due = calendar.deadline(from: accepted, workingDays: days, paused: paused).description
            guard due != a.dueOn else { continue }
            let id = try a.requireID()
            drafts.append(AuditDraft(actor: "system", action: "application.recomputeDue", entity: "application",
                                     entityID: id.uuidString, scope: a.divisionCode, detail: "\(a.trackingNumber) \(a.dueOn ?? "") → \(due)"))
            moves.append((id, due))
        }
        guard !moves.isEmpty else { return outcome }
        try await writeGate.transaction(on: db) { [moves, drafts] tx in
            for move in moves {
                try await Application.query(on: tx).filter(\.$id == move.id).set(\.$dueOn, to: move.due).update()
            }
            try await AuditLog.appendAll(drafts, on: tx)
        }
        outcome.moved = moves.count
        return outcome
    }
}
