import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// Three-party meetings (居委会、业委会、物业) on a compound's page: their minutes,
/// who came for each party, and the follow-ups until each is recorded done.
enum MeetingPages {
    static func section(_ d: CompoundsAPIController.CompoundDetail, mayWrite: Bool, req: Request) -> [BodyNode] {
        let ctx = req.context
        let f = ctx.forms
        let c = d.compound
        var out: [BodyNode] = [H.tag("h2", [], [.text(ctx.t(.gpMeetings))])]
        if d.meetings.isEmpty { out.append(H.tag("p", [], [.text(ctx.t(.gpNothingYet))])) }
        for m in d.meetings {
            out.append(H.tag("h3", [], [.text(m.heldOn + " · " + m.topic)]))
            out.append(H.tag("p", [], [.text(m.minutes)]))
            out.append(H.tag("ul", [], m.attendees.split(separator: "\n").map { line -> BodyNode in
                let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                let party = parts.first.flatMap { MeetingParty(rawValue: $0) }.map { ctx.t($0.phrase) } ?? parts.first ?? ""
                return H.tag("li", [], [.text(ctx.t(.gpPresentFor) + party + "：" + (parts.count > 1 ? parts[1] : ""))])
            }))
            let followUps = d.followUps.filter { $0.meetingID == m.id }
            guard !followUps.isEmpty else { continue }
            out.append(PageTable.render(ctx, [.gpFollowUpParty, .gpFollowUp, .gpDueOn, .gpState], followUps.map { u -> [BodyNode] in
                let state: BodyNode
                if let done = u.doneOn {
                    state = .text(ctx.t(.gpDoneOn) + " " + done + "：" + (u.outcome ?? ""))
                } else if mayWrite, let id = u.id {
                    state = f.form(action: "/meeting-follow-ups/\(id.uuidString)/done", [
                        f.field(.gpOutcome, name: "outcome", required: true, maxLength: 1000), f.submit(.gpMarkDone)])
                } else {
                    state = .text(ctx.t(.gpOpen))
                }
                return [.text(ctx.t(u.party.phrase)), .text(u.text), .text(u.dueOn), state]
            }))
        }
        guard mayWrite else { return out }
        guard c.ownersCommitteeID != nil, c.propertyManagerID != nil else {
            return out + [H.tag("p", [("class", "hint")], [.text(ctx.t(.gpMeetingNeedsParties))])]
        }
        var fields: [BodyNode] = [
            f.field(.gpHeldOn, name: "heldOn", type: "date", required: true),
            f.field(.gpTopic, name: "topic", required: true),
            CompoundPages.textarea(ctx, .gpMinutes, name: "minutes", id: "f-minutes", max: 4000),
        ]
        fields += MeetingParty.allCases.map { p in
            f.field(Phrase(zh: Phrase.gpPresentFor.zh + p.phrase.zh, en: Phrase.gpPresentFor.en + p.phrase.en), name: p.rawValue + "Present", required: true)
        }
        for i in 1...SelfGovernanceInputs.followUpRows {
            fields.append(H.tag("fieldset", [], [
                H.tag("legend", [], [.text(ctx.t(.gpFollowUp) + " \(i)")]),
                f.select(.gpFollowUpParty, name: "followUp\(i)Party", options: MeetingParty.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                         selected: MeetingParty.propertyManager.rawValue),
                f.field(.gpFollowUpText, name: "followUp\(i)Text", maxLength: 1000),
                f.field(.gpDueOn, name: "followUp\(i)DueOn", type: "date"),
            ]))
        }
        return out + [H.tag("h3", [], [.text(ctx.t(.gpMeetingRecord))]),
                      f.form(action: "/compounds/\(c.id?.uuidString ?? "")/meetings", fields + [f.submit(.gpMeetingRecord)])]
    }

    struct MeetingForm: Content, ValidatedInput {
        var heldOn: String
        var topic: String
        var minutes: String
        var residentsCommitteePresent: String?
        var ownersCommitteePresent: String?
        var propertyManagerPresent: String?
        var followUp1Party: String?, followUp1Text: String?, followUp1DueOn: String?
        var followUp2Party: String?, followUp2Text: String?, followUp2DueOn: String?
        var followUp3Party: String?, followUp3Text: String?, followUp3DueOn: String?
        static var inputSchema: InputSchema { SelfGovernanceInputs.meetingForm }

        /// The API's input: a row with text is a follow-up and needs its party and date; an empty row is none.
        var input: CompoundsAPIController.MeetingInput {
            get throws {
                let rows: [(party: String?, text: String?, due: String?)] = [
                    (followUp1Party, followUp1Text, followUp1DueOn), (followUp2Party, followUp2Text, followUp2DueOn),
                    (followUp3Party, followUp3Text, followUp3DueOn)]
                var followUps: [CompoundsAPIController.FollowUpInput] = []
                for (i, row) in rows.enumerated() {
                    guard let text = row.text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
                    guard let party = row.party.flatMap({ MeetingParty(rawValue: $0) }) else {
                        throw ShequError(.badRequest, .errorMissingField, detail: "followUp\(i + 1)Party", code: "missing_field")
                    }
                    guard let due = row.due, !due.isEmpty else {
                        throw ShequError(.badRequest, .errorMissingField, detail: "followUp\(i + 1)DueOn", code: "missing_field")
                    }
                    followUps.append(.init(party: party, text: text, dueOn: due))
                }
                let present: [String: String] = [
                    MeetingParty.residentsCommittee.rawValue: residentsCommitteePresent ?? "",
                    MeetingParty.ownersCommittee.rawValue: ownersCommitteePresent ?? "",
                    MeetingParty.propertyManager.rawValue: propertyManagerPresent ?? "",
                ]
                return .init(heldOn: heldOn, topic: topic, minutes: minutes, attendees: present.filter { !$0.value.isEmpty }, followUps: followUps)
            }
        }
    }

    static func record(_ req: Request) async throws -> Response {
        let c = try await CompoundsAPIController.load(req)
        let form = try req.validatedContent(MeetingForm.self)
        _ = try await CompoundsAPIController.recordMeeting(try form.input, at: c, req: req)
        return req.redirect(to: CompoundPages.path(c.id))
    }

    static func compoundOfFollowUp(_ req: Request) async throws -> String {
        guard let id = req.parameters.get("id", as: UUID.self), let u = try await MeetingFollowUp.find(id, on: req.db),
              let m = try await ThreePartyMeeting.find(u.meetingID, on: req.db) else { throw ShequError.notFound }
        return CompoundPages.path(m.compoundID)
    }
}
