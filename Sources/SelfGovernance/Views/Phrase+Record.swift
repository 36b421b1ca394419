import ShequKernel
import ShequPlatform

/// Labels for what the public record stores as codes. The record's own
/// sentences are kept in Chinese, the language of the community's official
/// record, because the hash covers them exactly as written.
extension MatterSource {
    var phrase: Phrase {
        switch self {
        case .resident: Phrase(zh: "居民提出", en: "a resident")
        case .mailbox: Phrase(zh: "民情信箱", en: "opinion mailbox")
        case .hotline: Phrase(zh: "社区热线", en: "community hotline")
        case .onlineDeliberation: Phrase(zh: "网络议事", en: "online deliberation")
        case .forum: Phrase(zh: "居民论坛", en: "residents' forum")
        case .committee: Phrase(zh: "居委会提出", en: "the residents' committee")
        case .street: Phrase(zh: "街道提出", en: "the street")
        }
    }
}

extension BodyKind {
    var phrase: Phrase {
        switch self {
        case .residentsCommittee: Phrase(zh: "居委会", en: "Residents' committee")
        case .deliberationCommittee: Phrase(zh: "议事协商委员会", en: "Deliberation committee")
        case .supervisionCommittee: Phrase(zh: "监督委员会", en: "Supervision committee")
        case .representativesAssembly: Phrase(zh: "居民代表会议", en: "Representatives' assembly")
        case .residentsGroup: Phrase(zh: "居民小组", en: "Residents' group")
        case .ownersCommittee: Phrase(zh: "业主委员会", en: "Owners' committee")
        }
    }
}

extension MatterNoteKind {
    var phrase: Phrase {
        switch self {
        case .discussion: Phrase(zh: "讨论", en: "Discussion")
        case .minutes: Phrase(zh: "会议纪要", en: "Minutes")
        case .option: Phrase(zh: "方案", en: "Option")
        case .recommendation: Phrase(zh: "建议", en: "Recommendation")
        case .progress: Phrase(zh: "执行进展", en: "Progress")
        case .assistance: Phrase(zh: "社会组织协助", en: "Assistance")
        case .inspection: Phrase(zh: "巡查", en: "Inspection")
        case .finding: Phrase(zh: "监督意见", en: "Finding")
        }
    }
}

extension AssemblyKind {
    var phrase: Phrase {
        switch self {
        case .residents: Phrase(zh: "居民会议", en: "Residents' assembly")
        case .representatives: Phrase(zh: "居民代表会议", en: "Representatives' assembly")
        }
    }
}

enum RecordLabels {
    static let kinds: [String: Phrase] = [
        "charter.adopted": Phrase(zh: "通过章程", en: "Charter adopted"),
        "body.created": Phrase(zh: "设立组织", en: "Body set up"),
        "body.member": Phrase(zh: "组织成员", en: "Member seated"),
        "matter.raised": Phrase(zh: "提出议题", en: "Matter raised"),
        "matter.takeUp": Phrase(zh: "受理议题", en: "Taken up"),
        "matter.decline": Phrase(zh: "不予受理", en: "Declined"),
        "matter.recommend": Phrase(zh: "提出建议", en: "Recommendation"),
        "matter.adopt": Phrase(zh: "表决通过", en: "Adopted"),
        "matter.reject": Phrase(zh: "表决未通过", en: "Not adopted"),
        "matter.finishExecution": Phrase(zh: "执行完毕", en: "Execution finished"),
        "matter.sendBack": Phrase(zh: "退回整改", en: "Sent back"),
        "matter.close": Phrase(zh: "办结", en: "Closed"),
        "assembly.convened": Phrase(zh: "召集会议", en: "Assembly convened"),
        "assembly.votingOpened": Phrase(zh: "开始表决", en: "Voting opened"),
        "assembly.result": Phrase(zh: "表决结果", en: "Result"),
        "assembly.adjourned": Phrase(zh: "流会", en: "Adjourned"),
        "task.added": Phrase(zh: "分解任务", en: "Task"),
        "task.progress": Phrase(zh: "执行进展", en: "Progress"),
        "task.assistance": Phrase(zh: "社会组织协助", en: "Assistance"),
        "supervision.finding": Phrase(zh: "监督意见", en: "Supervision finding"),
        "compound.created": Phrase(zh: "登记小区", en: "Compound registered"),
        "compound.guidance": Phrase(zh: "指导业委会", en: "Guidance"),
        "compound.supervision": Phrase(zh: "监督业委会", en: "Supervision"),
        "compound.threePartyMeeting": Phrase(zh: "三方联席会议", en: "Three-party meeting"),
        "compound.followUpDone": Phrase(zh: "跟进事项完成", en: "Follow-up done"),
    ]

    static func kind(_ code: String, _ ctx: RequestContext) -> String {
        if let p = kinds[code] { return ctx.t(p) }
        if code.hasPrefix("note."), let k = MatterNoteKind(rawValue: String(code.dropFirst(5))) { return ctx.t(k.phrase) }
        return code
    }

    /// "residentsCommittee · community.cuixiang" → "居委会 · community.cuixiang".
    static func body(_ stored: String, _ ctx: RequestContext) -> String {
        let parts = stored.components(separatedBy: " · ")
        guard let first = parts.first else { return stored }
        let label: String
        if let kind = BodyKind(rawValue: first) { label = ctx.t(kind.phrase) }
        else if first == "resident" { label = ctx.t(Phrase(zh: "居民", en: "Resident")) }
        else if first == "street" { label = ctx.t(Phrase(zh: "街道", en: "Street")) }
        else { label = first }
        return ([label] + parts.dropFirst()).joined(separator: " · ")
    }
}

extension MemberRole {
    var phrase: Phrase {
        switch self {
        case .chair: Phrase(zh: "主任", en: "Chair")
        case .viceChair: Phrase(zh: "副主任", en: "Vice-chair")
        case .member: Phrase(zh: "委员", en: "Member")
        case .representative: Phrase(zh: "居民代表", en: "Representative")
        case .groupLeader: Phrase(zh: "居民小组长", en: "Group leader")
        case .buildingHead: Phrase(zh: "楼栋长", en: "Building head")
        }
    }
}
