import Fluent
import Foundation
import SelfGovernance
import ShequKernel
import ShequPlatform

/// O5's rules for referrals, callable without HTTP: the residents' committee hands an unanswered hotline call or
/// mailbox letter about public security to the officer attached to the community; the officer's answer is written
/// through `Channels.answer`, so the message is answered, tracked and overdue exactly as any other message.
public enum PoliceReferrals {
    /// What may be referred: the two channels a resident uses to report something, not the public forum.
    public static let referable: Set<Channel> = [.hotline, .mailbox]

    public static func refer(_ loaded: ChannelMessage, to officer: PoliceOfficer, note: String?, by username: String,
                             on db: any Database) async throws -> PoliceReferral {
        // Read again in the caller's transaction: the committee may have answered it since the request loaded it.
        try await PolicingLock.officer(try officer.requireID(), on: db)
        try await PolicingLock.message(try loaded.requireID(), on: db)
        guard let m = try await ChannelMessage.find(try loaded.requireID(), on: db) else { throw ShequError.notFound }
        guard referable.contains(m.channel) else { throw ShequError.invalid(.policingNotReferable, m.channel.rawValue, code: "not_referable") }
        guard m.answeredOn == nil, !m.hidden else { throw ShequError(.conflict, .policingAlreadyAnswered, code: "already_answered") }
        let officerID = try officer.requireID()
        let attached = try await PoliceOfficerCommunity.query(on: db).filter(\.$officerID == officerID)
            .filter(\.$divisionCode == m.divisionCode).count() > 0
        guard attached else { throw ShequError.invalid(.policingNotAttached, officer.name, code: "officer_not_attached") }
        let messageID = try m.requireID()
        guard try await PoliceReferral.query(on: db).filter(\.$messageID == messageID).count() == 0 else {
            throw ShequError(.conflict, .policingAlreadyReferred, code: "already_referred")
        }
        let r = PoliceReferral()
        r.id = UUID()
        r.messageID = messageID
        r.divisionCode = m.divisionCode
        r.officerID = officerID
        r.referredBy = username
        let trimmed = note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        r.note = trimmed.isEmpty ? nil : try PlainText.clean(trimmed, field: "note", max: PolicingInputs.noteMax)
        do {
            try await r.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw ShequError(.conflict, .policingAlreadyReferred, code: "already_referred")
        }
        return r
    }

    /// The officer's answer becomes the message's answer, in SelfGovernance's own terms (one answer, dated, by whom).
    public static func answer(_ r: PoliceReferral, message m: ChannelMessage, text: String, by username: String, today: LocalDate,
                              on db: any Database) async throws {
        guard m.id == r.messageID else { throw ShequError.notFound }
        let clean = try PlainText.clean(text, field: "text", max: PolicingInputs.answerMax)
        // `Channels.answer` refuses an answered message by the copy it is given: read it again in this transaction,
        // else an answer the committee gave since the request loaded it is silently overwritten.
        try await PolicingLock.message(r.messageID, on: db)
        guard let current = try await ChannelMessage.find(r.messageID, on: db) else { throw ShequError.notFound }
        try await Channels.answer(current, text: clean, by: username, today: today, db: db)
    }

    /// Referrals whose message still has no answer.
    public static func waitingQuery(on db: any Database) -> QueryBuilder<PoliceReferral> {
        PoliceReferral.query(on: db).join(ChannelMessage.self, on: \PoliceReferral.$messageID == \ChannelMessage.$id)
            .filter(ChannelMessage.self, \.$answeredOn == nil)
    }

    /// The officer the referral names, acting within their communityPolice grant: no other officer, even one
    /// attached to the same community, reads or answers it.
    public static func isOfficer(_ actor: Actor, of r: PoliceReferral, on db: any Database) async throws -> Bool {
        guard Policy.may(actor, .policeReferralAnswer, at: r.divisionCode) else { return false }
        return try await PoliceOfficers.officer(of: actor, on: db)?.id == r.officerID
    }
}
