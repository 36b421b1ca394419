import ShequKernel
import ShequPlatform

/// The words of the self-governance pages that were API-only: charters, bodies,
/// compounds and their meetings, the supervision committee's lists.
extension Phrase {
    static let gpBusiness = Phrase(zh: "自治事务", en: "Self-governance business")
    static let gpStreetCommunities = Phrase(zh: "本街道的社区", en: "Communities of your street")
    static let gpRaiseMatter = Phrase(zh: "提出议题", en: "Raise a matter")
    static let gpMatterTitle = Phrase(zh: "议题名称", en: "Title")
    static let gpMatterDescription = Phrase(zh: "内容说明", en: "What it is about")

    static let gpCharter = Phrase(zh: "自治章程", en: "Charter")
    static let gpCharterVersion = Phrase(zh: "版本", en: "Version")
    static let gpCharterRules = Phrase(zh: "表决规则", en: "Voting rules")
    static let gpCharterNew = Phrase(zh: "制定新版章程", en: "Adopt a new version")
    static let gpCharterTitle = Phrase(zh: "章程名称", en: "Title")
    static let gpCharterText = Phrase(zh: "章程全文", en: "Full text")
    static let gpCharterFrom = Phrase(zh: "施行日期（留空为今天）", en: "In force from (empty: today)")
    static let gpCharterBase = Phrase(zh: "居民会议的组成", en: "Who makes up the residents' assembly")
    static let gpQuorumNumerator = Phrase(zh: "到会要求：分子", en: "Quorum: numerator")
    static let gpQuorumDenominator = Phrase(zh: "到会要求：分母", en: "Quorum: denominator")
    static let gpQuorumStrict = Phrase(zh: "到会人数须超过该比例（不勾选为“不少于”）", en: "Quorum: more than this fraction (unticked: at least it)")
    static let gpMajorityNumerator = Phrase(zh: "通过要求：分子", en: "Majority: numerator")
    static let gpMajorityDenominator = Phrase(zh: "通过要求：分母", en: "Majority: denominator")
    static let gpMajorityStrict = Phrase(zh: "赞成票须超过该比例（不勾选为“不少于”）", en: "Majority: more than this fraction (unticked: at least it)")
    static let gpMajorityBase = Phrase(zh: "通过比例的计算基数", en: "The majority is counted against")
    static let gpNoticeDays = Phrase(zh: "提前通知天数", en: "Days of notice")
    static let gpSecretBallot = Phrase(zh: "所有表决均采用无记名投票", en: "Secret ballot for every decision")
    static let gpMigrantMonths = Phrase(zh: "外来居民居住满多少个月后参加表决（留空：只有户籍居民参加）", en: "Months a migrant resident must have lived here to vote (empty: registered residents only)")
    static let gpRepresentativesFewest = Phrase(zh: "每个居民小组推选代表：最少", en: "Representatives per residents' group: fewest")
    static let gpRepresentativesMost = Phrase(zh: "每个居民小组推选代表：最多", en: "Representatives per residents' group: most")
    static let gpMinimumAge = Phrase(zh: "参加表决的最低年龄", en: "Age from which residents vote")
    static let gpCharterPreview = Phrase(zh: "查看规则说明", en: "Show the rules in words")
    static let gpCharterCheck = Phrase(zh: "请核对：通过后，以下规则将决定谁参加表决、何时有效", en: "Check these rules: once adopted they decide who votes and when a vote counts")
    static let gpCharterConfirm = Phrase(zh: "确认通过并公布", en: "Adopt and publish")
    static let gpCharterChange = Phrase(zh: "修改后再次查看", en: "Change and look again")

    static let gpBodies = Phrase(zh: "组织机构与成员", en: "Bodies and members")
    static let gpBodyKind = Phrase(zh: "机构类型", en: "Kind of body")
    static let gpBodyName = Phrase(zh: "名称", en: "Name")
    static let gpBodyCreate = Phrase(zh: "设立机构", en: "Set up the body")
    static let gpNoBodies = Phrase(zh: "尚未设立机构。", en: "No bodies set up yet.")
    static let gpMemberName = Phrase(zh: "姓名", en: "Name")
    static let gpMemberRole = Phrase(zh: "职务", en: "Role")
    static let gpMemberTerm = Phrase(zh: "任期", en: "Term")
    static let gpMemberID = Phrase(zh: "成员的居民身份证号码", en: "The member's ID number")
    static let gpTermStart = Phrase(zh: "任期开始", en: "Term starts")
    static let gpTermEnd = Phrase(zh: "任期结束", en: "Term ends")
    static let gpMemberGroup = Phrase(zh: "所属居民小组（居民代表须选择）", en: "Residents' group (a representative's)")
    static let gpSeatMember = Phrase(zh: "登记成员", en: "Seat a member")
    static let gpNoMembers = Phrase(zh: "暂无成员。", en: "No members yet.")

    static let gpCompounds = Phrase(zh: "小区与业主委员会", en: "Compounds and owners' committees")
    static let gpCompoundName = Phrase(zh: "小区名称", en: "Compound")
    static let gpOwnersCommittee = Phrase(zh: "业主委员会", en: "Owners' committee")
    static let gpPropertyManager = Phrase(zh: "物业服务企业", en: "Property manager")
    static let gpCompoundRegister = Phrase(zh: "登记小区", en: "Register the compound")
    static let gpNoCompounds = Phrase(zh: "尚未登记小区。", en: "No compounds registered yet.")
    static let gpNoneOnRecord = Phrase(zh: "未登记", en: "none on record")
    static let gpGuidance = Phrase(zh: "指导和监督记录", en: "Guidance and supervision")
    static let gpGuidanceKind = Phrase(zh: "类型", en: "Kind")
    static let gpGuidanceText = Phrase(zh: "内容", en: "What was done")
    static let gpGuidanceRecord = Phrase(zh: "记录", en: "Record it")
    static let gpNothingYet = Phrase(zh: "暂无记录。", en: "Nothing recorded yet.")
    static let gpRecordedOn = Phrase(zh: "记录日期", en: "Recorded on")
    static let gpBy = Phrase(zh: "记录人", en: "By")

    static let gpMeetings = Phrase(zh: "三方联席会议", en: "Three-party meetings")
    static let gpHeldOn = Phrase(zh: "召开日期", en: "Held on")
    static let gpTopic = Phrase(zh: "议题", en: "Topic")
    static let gpMinutes = Phrase(zh: "会议纪要", en: "Minutes")
    static let gpPresentFor = Phrase(zh: "出席人员 · ", en: "Present for ")
    static let gpFollowUp = Phrase(zh: "跟进事项", en: "Follow-up")
    static let gpFollowUps = Phrase(zh: "跟进事项", en: "Follow-ups")
    static let gpFollowUpParty = Phrase(zh: "负责方", en: "Party responsible")
    static let gpFollowUpText = Phrase(zh: "事项（留空则不添加）", en: "What (empty: none)")
    static let gpDueOn = Phrase(zh: "期限", en: "Due on")
    static let gpMeetingRecord = Phrase(zh: "记录会议", en: "Record the meeting")
    static let gpMeetingNeedsParties = Phrase(zh: "小区须登记业主委员会和物业服务企业后，才能召开三方联席会议。", en: "A three-party meeting needs the compound's owners' committee and property manager on record.")
    static let gpState = Phrase(zh: "状态", en: "State")
    static let gpOpen = Phrase(zh: "未完成", en: "Open")
    static let gpDoneOn = Phrase(zh: "完成于", en: "Done on")
    static let gpOutcome = Phrase(zh: "完成情况", en: "Outcome")
    static let gpMarkDone = Phrase(zh: "登记完成", en: "Record as done")

    static let gpSupervision = Phrase(zh: "逾期留言与申诉", en: "Overdue messages and appeals")
    static let gpOverdue = Phrase(zh: "逾期未答复的留言", en: "Messages overdue for an answer")
    static let gpNoOverdue = Phrase(zh: "没有逾期未答复的留言。", en: "No message is overdue.")
    static let gpSubject = Phrase(zh: "标题", en: "Subject")
    static let gpChannel = Phrase(zh: "渠道", en: "Channel")
    static let gpAuthor = Phrase(zh: "留言人", en: "From")
    static let gpDue = Phrase(zh: "答复期限", en: "Answer due")
    static let gpCSV = Phrase(zh: "下载 CSV", en: "Download CSV")
    static let gpAppeals = Phrase(zh: "待裁决的申诉", en: "Appeals awaiting a decision")
    static let gpNoAppeals = Phrase(zh: "没有待裁决的申诉。", en: "No appeal is waiting.")
    static let gpHiddenBecause = Phrase(zh: "隐藏理由", en: "Hidden because")
    static let gpAppealDecision = Phrase(zh: "裁决", en: "Decision")
    static let gpAppealReverse = Phrase(zh: "撤销隐藏，恢复显示", en: "Reverse: show it again")
    static let gpAppealUphold = Phrase(zh: "维持隐藏", en: "Uphold the hiding")
    static let gpAppealReason = Phrase(zh: "裁决理由", en: "Reason")
    static let gpAppealDecide = Phrase(zh: "作出裁决", en: "Decide")

    static let gpToMatter = Phrase(zh: "转为议题", en: "Turn into a matter")
    static let gpBecameMatter = Phrase(zh: "已转为议题", en: "Became a matter")
    static let gpToApplication = Phrase(zh: "转为服务申请（为留言人办理）", en: "Turn into a service application for its author")
    static let gpItemCode = Phrase(zh: "服务事项编码", en: "Service item code")
}

extension AssemblyBase {
    var phrase: Phrase {
        switch self {
        case .adults: Phrase(zh: "本社区年满十八周岁的居民", en: "the community's adult residents")
        case .households: Phrase(zh: "每户派代表", en: "one representative per household")
        case .groupRepresentatives: Phrase(zh: "每个居民小组推选的代表", en: "representatives chosen by each residents' group")
        }
    }
}

extension MajorityBase {
    var phrase: Phrase {
        switch self {
        case .present: Phrase(zh: "到会人员", en: "those present")
        case .votesCast: Phrase(zh: "投赞成票和反对票的人", en: "those voting for or against")
        }
    }
}

extension GuidanceKind {
    var phrase: Phrase {
        switch self {
        case .guidance: Phrase(zh: "指导", en: "Guidance")
        case .supervision: Phrase(zh: "监督", en: "Supervision")
        }
    }
}

extension MeetingParty {
    var phrase: Phrase {
        switch self {
        case .residentsCommittee: Phrase(zh: "居民委员会", en: "Residents' committee")
        case .ownersCommittee: Phrase(zh: "业主委员会", en: "Owners' committee")
        case .propertyManager: Phrase(zh: "物业服务企业", en: "Property manager")
        }
    }
}

/// A charter's rules as sentences a resident can check before they bind anyone.
enum RuleWords {
    static func lines(_ r: CharterRules, _ ctx: RequestContext) -> [String] {
        let en = ctx.language == .en
        let quorum = GovernancePages.describe(r.quorum, ctx), majority = GovernancePages.describe(r.majority, ctx)
        let base = ctx.t(r.residentsAssemblyBase.phrase), counted = ctx.t(r.majorityBase.phrase)
        let fewest = r.representativesPerGroup.lowerBound, most = r.representativesPerGroup.upperBound
        if en {
            return [
                "The residents' assembly is made up of \(base).",
                "An assembly may be held only when \(quorum) of its members are present.",
                "A decision needs \(majority) of \(counted) in favour.",
                "Residents are given at least \(r.noticeDays) days' notice of an assembly.",
                r.secretBallot ? "Every decision is by secret ballot." : "Elections are by secret ballot; other decisions need not be.",
                r.migrantsVoteAfterMonths.map { "Migrant residents who have lived here \($0) months vote like registered residents." }
                    ?? "Only registered residents vote.",
                "Each residents' group chooses \(fewest) to \(most) representatives.",
                "Residents vote from the age of \(r.minimumAge).",
            ]
        }
        return [
            "居民会议由\(base)组成。",
            "会议须有应到人员的\(quorum)到会，方可举行。",
            "会议的决定须经\(counted)的\(majority)同意。",
            "召开会议须至少提前 \(r.noticeDays) 天通知居民。",
            r.secretBallot ? "所有表决均采用无记名投票。" : "选举采用无记名投票，其他表决不限。",
            r.migrantsVoteAfterMonths.map { "在本社区居住满 \($0) 个月的外来居民与户籍居民同等参加表决。" } ?? "只有户籍居民参加表决。",
            "每个居民小组推选 \(fewest) 至 \(most) 名居民代表。",
            "年满 \(r.minimumAge) 周岁的居民参加表决。",
        ]
    }
}
