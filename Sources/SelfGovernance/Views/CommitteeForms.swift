import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// The committees' side of a matter page: each body sees only the forms for
/// its own next steps. The forms post through `PageDoor` to the API's own
/// handlers (same checks, same audit, same public record) and come back to
/// the matter, so nothing here decides anything the API does not.
enum CommitteeForms {
    static func panel(_ d: MattersAPIController.MatterDetail, req: Request) -> [BodyNode] {
        let ctx = req.context
        guard let actor = ctx.actor else { return [] }
        let m = d.matter, id = m.id!.uuidString, code = m.divisionCode
        let f = ctx.forms
        var out: [BodyNode] = []
        func textarea(_ label: Phrase, name: String = "text", required: Bool = true) -> BodyNode {
            H.tag("div", [("class", "field")], [
                H.tag("label", [("for", "f-\(name)-\(id)")], [.text(ctx.t(label))]),
                H.tag("textarea", [("name", name), ("id", "f-\(name)-\(id)"), ("rows", "3"), ("maxlength", "4000"),
                                   ("required", required ? "required" : nil)], []),
            ])
        }
        func step(_ step: MatterStep, _ label: Phrase, text: Phrase? = nil) -> BodyNode {
            f.form(action: "/matters/\(id)/steps", [H.void("input", [("type", "hidden"), ("name", "step"), ("value", step.rawValue)])]
                   + (text.map { [textarea($0)] } ?? []) + [f.submit(label)])
        }
        if Policy.may(actor, .matterDeliberate, at: code) {
            switch m.stage {
            case .raised:
                out += [step(.takeUp, .formTakeUp), step(.decline, .formDecline, text: .formReason)]
            case .deliberation:
                out.append(f.form(action: "/matters/\(id)/notes", [
                    H.void("input", [("type", "hidden"), ("name", "kind"), ("value", MatterNoteKind.minutes.rawValue)]),
                    textarea(.formMinutes), f.submit(.formRecordMinutes)]))
                out.append(step(.recommend, .formRecommend, text: .formRecommendation))
            default: break
            }
        }
        if Policy.may(actor, .assemblyConvene, at: code) {
            if m.stage == .decision && !d.assemblies.contains(where: { $0.state != .closed }) {
                out.append(f.form(action: "/matters/\(id)/assemblies", [
                    f.select(.formAssemblyKind, name: "kind", options: AssemblyKind.allCases.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: "residents"),
                    f.field(.formTitle, name: "title", value: m.title, required: true),
                    f.field(.formPlace, name: "place", required: true),
                    f.field(.formStartsAt, name: "startsAt", type: "datetime-local", required: true, hint: .formBeijingTime),
                    f.submit(.formConvene)]))
            }
            for a in d.assemblies where a.state != .closed {
                let aid = a.id!.uuidString
                // At the door: the resident's ID number, as on the card they show.
                out.append(f.form(action: "/assemblies/\(aid)/attendance", [
                    f.field(.formAttendeeID, name: "idNumber", required: true, autocomplete: "off", maxLength: 18), f.submit(.formRegisterPresent)]))
                if a.state == .scheduled {
                    out.append(Date() >= a.startsAt ? f.form(action: "/assemblies/\(aid)/open", [f.submit(.formOpenVoting)])
                        : H.tag("p", [("class", "hint")], [.text(ctx.t(.formVotingOpensAtStart) + BeijingTime.text(a.startsAt))]))
                }
                if a.state == .voting { out.append(f.form(action: "/assemblies/\(aid)/close", [f.submit(.formCloseVoting)])) }
                out.append(f.form(action: "/assemblies/\(aid)/adjourn", [f.submit(.formAdjourn)]))
            }
        }
        if Policy.may(actor, .matterExecute, at: code), m.stage == .execution {
            out.append(f.form(action: "/matters/\(id)/tasks", [
                f.field(.formTitle, name: "title", required: true), f.field(.formOwner, name: "owner", required: true),
                f.field(.formDueOn, name: "dueOn", type: "date", required: true), f.submit(.formAddTask)]))
            for t in d.tasks where t.state != .done {
                out.append(f.form(action: "/tasks/\(t.id!.uuidString)/reports", [
                    H.tag("p", [], [.text(t.title)]), textarea(.formProgressReport),
                    f.field(.formProgress, name: "progress", value: String(t.progress), type: "number", required: true, inputmode: "numeric"),
                    f.submit(.formReport)]))
            }
            out.append(step(.finishExecution, .formFinishExecution))
        }
        if Policy.may(actor, .matterSupervise, at: code), m.stage == .execution || m.stage == .supervision {
            out.append(f.form(action: "/matters/\(id)/findings", [
                f.select(.formTask, name: "taskID", options: d.tasks.map { ($0.id!.uuidString, $0.title) }, selected: nil, includeEmpty: true),
                f.select(.formVerdict, name: "asDecided", options: [("true", ctx.t(.formAsDecided)), ("false", ctx.t(.formNotAsDecided))], selected: "true"),
                textarea(.formFinding), f.submit(.formPublishFinding)]))
            if m.stage == .supervision { out.append(step(.close, .formCloseMatter, text: .formConclusion)) }
        }
        return out.isEmpty ? [] : [H.tag("section", [("class", "committee")], [H.tag("h2", [], [.text(ctx.t(.formCommittee))])] + out)]
    }

    static func matterOf(_ req: Request) async throws -> String { "/matters/" + (req.parameters.get("id") ?? "") }

    static func matterOfAssembly(_ req: Request) async throws -> String {
        "/matters/" + (try await AssembliesAPIController.load(req).matterID.uuidString)
    }

    static func matterOfTask(_ req: Request) async throws -> String {
        "/matters/" + (try await MattersAPIController.loadTask(req).1.id!.uuidString)
    }

    /// In-person attendance found by ID number (blind index), never by browsing the residents list.
    static func attend(_ req: Request) async throws -> Response {
        struct Form: Content, ValidatedInput { var idNumber: String; static var inputSchema: InputSchema { SelfGovernanceInputs.attendanceForm } }
        let form = try req.validatedContent(Form.self)
        let id = try ResidentService.parseID(form.idNumber.trimmingCharacters(in: .whitespaces).uppercased())
        let index = PersonalDataVault(secrets: req.application.secrets).index(id.rawValue, kind: "id")
        let assembly = try await AssembliesAPIController.registerAttendance(req: req) { who in
            let found = try await Resident.query(on: req.db).filter(\.$idNumberIndex == index).first()
            try await req.answerExactLookup("assembly.attendance.byIDNumber", account: who.actor.accountID,
                                            found: found?.id, in: found?.divisionCode)
            guard let resident = found else { throw ShequError.invalid(.errorNotAVoterHere, code: "not_a_voter") }
            return try resident.requireID()
        }
        return req.redirect(to: "/matters/\(assembly.matterID.uuidString)")
    }

    /// `datetime-local` has no zone; people here mean Beijing time.
    static func convene(_ req: Request) async throws -> Response {
        struct Form: Content, ValidatedInput {
            var kind: AssemblyKind; var title: String; var place: String; var startsAt: String
            static var inputSchema: InputSchema { SelfGovernanceInputs.conveneForm }
        }
        let form = try req.validatedContent(Form.self)
        guard let startsAt = try? Date(form.startsAt + ":00+08:00", strategy: .iso8601) else {
            throw ShequError.invalid(.errorInvalidValue, "startsAt", code: "invalid")
        }
        let input = AssembliesAPIController.ConveneInput(kind: form.kind, title: form.title, place: form.place, startsAt: startsAt)
        let assembly = try await AssembliesAPIController.convene(input, req: req)
        return req.redirect(to: "/matters/\(assembly.matterID.uuidString)")
    }
}

extension Phrase {
    static let formVotingOpensAtStart = Phrase(zh: "表决在会议开始后开放，会议开始时间：", en: "Voting opens when the assembly starts, at ")
    static let formCommittee = Phrase(zh: "委员会办理", en: "For the committees")
    static let formTakeUp = Phrase(zh: "受理议题", en: "Take up")
    static let formDecline = Phrase(zh: "不予受理", en: "Decline")
    static let formReason = Phrase(zh: "理由", en: "Reason")
    static let formMinutes = Phrase(zh: "议事纪要", en: "Minutes")
    static let formRecordMinutes = Phrase(zh: "记录纪要", en: "Record the minutes")
    static let formRecommend = Phrase(zh: "提出建议，提交表决", en: "Recommend and send to a vote")
    static let formRecommendation = Phrase(zh: "建议", en: "Recommendation")
    static let formAssemblyKind = Phrase(zh: "会议类型", en: "Kind of assembly")
    static let formTitle = Phrase(zh: "名称", en: "Title")
    static let formPlace = Phrase(zh: "地点", en: "Place")
    static let formStartsAt = Phrase(zh: "开会时间", en: "Starts at")
    static let formBeijingTime = Phrase(zh: "北京时间；须符合章程规定的提前通知天数。", en: "Beijing time; the charter's notice period applies.")
    static let formConvene = Phrase(zh: "召集会议", en: "Convene")
    static let formOpenVoting = Phrase(zh: "开始表决", en: "Open voting")
    static let formAttendeeID = Phrase(zh: "到会居民身份证号码", en: "ID number of the resident arriving")
    static let formRegisterPresent = Phrase(zh: "登记到会", en: "Register present")
    static let formCloseVoting = Phrase(zh: "结束表决并计票", en: "Close and count")
    static let formAdjourn = Phrase(zh: "宣布流会", en: "Adjourn without a decision")
    static let formOwner = Phrase(zh: "责任人", en: "Owner")
    static let formDueOn = Phrase(zh: "完成期限", en: "Due on")
    static let formAddTask = Phrase(zh: "添加任务", en: "Add task")
    static let formProgressReport = Phrase(zh: "进展情况", en: "Progress report")
    static let formProgress = Phrase(zh: "完成百分比", en: "Percent done")
    static let formReport = Phrase(zh: "报告进展", en: "Report")
    static let formFinishExecution = Phrase(zh: "执行完毕，提请监督", en: "Execution finished: ask for supervision")
    static let formTask = Phrase(zh: "任务", en: "Task")
    static let formVerdict = Phrase(zh: "结论", en: "Verdict")
    static let formAsDecided = Phrase(zh: "按决定执行", en: "Done as decided")
    static let formNotAsDecided = Phrase(zh: "未按决定执行", en: "Not done as decided")
    static let formFinding = Phrase(zh: "监督意见", en: "Finding")
    static let formPublishFinding = Phrase(zh: "公布监督意见", en: "Publish the finding")
    static let formCloseMatter = Phrase(zh: "确认办结", en: "Close the matter")
    static let formConclusion = Phrase(zh: "结论", en: "Conclusion")
}
