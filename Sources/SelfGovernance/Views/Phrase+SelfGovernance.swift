import ShequKernel
import ShequPlatform

/// Refusals cite the rule they apply: the Organic Law of Urban Residents'
/// Committees (《城市居民委员会组织法》) or the community's own charter.
extension Phrase {
    static let errorCharterRules = Phrase(zh: "章程中的表决规则无法施行，请检查：", en: "The charter's voting rules cannot work; check: ")
    static let errorNotAVoterHere = Phrase(zh: "您不是本社区的居民，不能参加本社区的表决。", en: "Only residents of this community vote in its assemblies.")
    static let errorTooYoungToVote = Phrase(zh: "按照章程，年满以下周岁的居民才能表决：", en: "Under the charter, residents vote from this age: ")
    static let errorMigrantNotYet = Phrase(zh: "按照章程，外来居民在本社区居住满以下月数后与户籍居民同等参加表决：", en: "Under the charter, migrant residents vote like registered ones after living here this many months: ")
    static let errorNoHousehold = Phrase(zh: "本次会议按户表决，您尚未登记在本社区的任何一户。", en: "This assembly votes by household, and you are not registered in a household of this community.")
    static let errorNotARepresentative = Phrase(zh: "居民代表会议只由在任的居民代表表决。", en: "Only serving residents' representatives vote in a representatives' assembly.")
    static let errorStepOutOfOrder = Phrase(zh: "议题须按“议事—决策—执行—协助—监督”的顺序推进，当前阶段不能进行此步：", en: "A matter moves in order (deliberation → decision → execution → assistance → supervision); this step is not possible now: ")
    static let errorTasksNotDone = Phrase(zh: "执行情况须在所有任务完成后才能报请监督。", en: "Execution can be reported finished only when every task is done.")
    static let errorFlaggedTasks = Phrase(zh: "监督委员会认定有任务未按决定执行，整改完成前不能结项。", en: "The supervision committee found a task not done as decided; the matter cannot close until it is put right.")
    static let errorNotDecided = Phrase(zh: "只有经居民会议或居民代表会议表决通过的议题才能交付执行。当前阶段：", en: "Only a matter adopted by the residents' (representatives') assembly can be executed. Current stage: ")
    static let errorNotReadyForDecision = Phrase(zh: "议题须经议事协商委员会提出建议后才能提交会议表决。当前阶段：", en: "A matter goes to an assembly only after the deliberation committee's recommendation. Current stage: ")
    static let errorNoticePeriod = Phrase(zh: "按照章程，会议须至少提前以下天数通知居民：", en: "Under the charter, residents must be given this many days' notice: ")
    static let errorCharterBelowLaw = Phrase(zh: "章程的表决规则不得低于《城市居民委员会组织法》第八条、第九条：年满十八周岁的居民方参加表决，居民会议须有过半数的成员（户代表、居民小组代表）到会方可举行，会议的决定须经到会人员的过半数通过。低于法定要求的规则：", en: "A charter may not ask less than the Organic Law of Urban Residents' Committees, Art. 8 and 9: residents vote from the age of eighteen, an assembly needs more than half of its members (household or group representatives) present, and a decision more than half of those present. Rules below the law: ")
    static let errorVotingBeforeStart = Phrase(zh: "会议尚未开始，不能开始表决（章程规定的通知期须届满）。会议开始时间：", en: "The assembly has not started, so voting cannot open (the charter's notice period must run its course). It starts at: ")
    static let errorAssemblyPending = Phrase(zh: "本议题已有一次会议尚未结束，须待其表决结束或流会后才能再次召集。", en: "An assembly on this matter has not ended yet; convene another only after it closes or is adjourned.")
    static let errorAssemblyClosed = Phrase(zh: "会议已经结束。", en: "The assembly has ended.")
    static let errorAlreadyPresent = Phrase(zh: "已登记到会。", en: "Already registered present.")
    static let errorAssemblyState = Phrase(zh: "会议当前状态下不能进行此操作：", en: "Not possible in the assembly's current state: ")
    static let errorVotingClosed = Phrase(zh: "表决已经结束，不能再投票。", en: "Voting has closed; no more ballots are taken.")
    static let errorVotingNotOpen = Phrase(zh: "表决尚未开始。", en: "Voting has not opened yet.")
    static let errorAlreadyVoted = Phrase(zh: "每位表决人只能投一票，您已经投过票。", en: "Each voter has one vote, and yours has been cast.")
    static let errorNoQuorum = Phrase(zh: "到会人数未过半数（《城市居民委员会组织法》及本社区章程），会议不能作出决定。到会/应到、所需：", en: "No quorum: more than half must be present (Organic Law of Urban Residents' Committees and the charter), so nothing can be decided. Present/eligible, needed: ")
    static let errorNotAMember = Phrase(zh: "只有议题所在社区的居民或相关组织才能进行此操作。", en: "Only residents or bodies of the matter's community can do this.")
    static let errorUnknownOrganization = Phrase(zh: "没有这个社会组织：", en: "No such social organisation: ")

    static let selfGovernance = Phrase(zh: "居民自治", en: "Self-governance")
    static let publicRecord = Phrase(zh: "公开记录", en: "Public record")
    static let publicRecordHolds = Phrase(zh: "公开记录完整，未被改动。", en: "The public record is intact: nothing has been altered.")
    static let publicRecordBroken = Phrase(zh: "公开记录校验失败，被改动的条目：", en: "The public record fails its check at entry ")
    static let matters = Phrase(zh: "议题", en: "Matters")
    static let assemblies = Phrase(zh: "会议", en: "Assemblies")
    static let charterInForce = Phrase(zh: "现行自治章程", en: "Charter in force")
    static let noCharterYet = Phrase(zh: "尚未制定章程，按《城市居民委员会组织法》的规定表决。", en: "No charter adopted yet; votes follow the Organic Law of Urban Residents' Committees.")
    static let quorumRule = Phrase(zh: "到会要求", en: "Quorum")
    static let majorityRule = Phrase(zh: "通过要求", en: "Majority")
    static let stage = Phrase(zh: "阶段", en: "Stage")
    static let tasks = Phrase(zh: "执行任务", en: "Tasks")
    static let record = Phrase(zh: "记录", en: "Record")
    static let vote = Phrase(zh: "投票", en: "Vote")
    static let voteInFavor = Phrase(zh: "赞成", en: "In favour")
    static let voteAgainst = Phrase(zh: "反对", en: "Against")
    static let voteAbstain = Phrase(zh: "弃权", en: "Abstain")
    static let voteCast = Phrase(zh: "您的票已记录。", en: "Your vote is recorded.")
    static let result = Phrase(zh: "表决结果", en: "Result")
    static let subscribeCalendar = Phrase(zh: "订阅会议日历", en: "Subscribe to the meetings calendar")
    static let noMattersYet = Phrase(zh: "暂无议题。", en: "No matters yet.")
    static let joinDiscussion = Phrase(zh: "发表意见", en: "Join the discussion")
    static let tallySoFar = Phrase(zh: "目前到会/应到：", en: "Present so far / eligible:")
    static let quorumNeeds = Phrase(zh: "法定到会人数：", en: "quorum:")
}

extension MatterStage {
    var phrase: Phrase {
        switch self {
        case .raised: Phrase(zh: "已提出", en: "Raised")
        case .deliberation: Phrase(zh: "议事", en: "Deliberation")
        case .decision: Phrase(zh: "待决策", en: "Awaiting decision")
        case .execution: Phrase(zh: "执行中", en: "Execution")
        case .supervision: Phrase(zh: "监督", en: "Supervision")
        case .closed: Phrase(zh: "已办结", en: "Closed")
        case .rejected: Phrase(zh: "未通过", en: "Not adopted")
        }
    }
}
