import ShequPlatform

extension Action {
    // Each step of a matter belongs to one body (S1, S2).
    public static let charterWrite = Action("charter.write")
    public static let bodyWrite = Action("body.write")
    public static let matterRaise = Action("matter.raise")
    public static let matterDeliberate = Action("matter.deliberate")
    public static let assemblyConvene = Action("assembly.convene")
    public static let matterExecute = Action("matter.execute")
    public static let matterSupervise = Action("matter.supervise")
    public static let messageOverdueRead = Action("message.overdueRead")
    // A resident's own voice: a letter or forum post in their community, an appeal of their own post's moderation.
    public static let messagePost = Action("message.post")
    public static let messageAppeal = Action("message.appeal")
}

extension SelfGovernanceModule {
    /// The residents' committee (community staff) convenes and executes, the deliberation
    /// and supervision committees act only on their own steps, and the street guides.
    public var policy: PolicyRules {
        PolicyRules(
            byRole: [
                .charterWrite: [.communityStaff, .streetOfficial],
                .bodyWrite: [.communityStaff, .streetOfficial],
                .matterRaise: [.communityStaff, .streetOfficial],
                .matterDeliberate: [.deliberationMember],
                .assemblyConvene: [.communityStaff],
                .matterExecute: [.communityStaff],
                .matterSupervise: [.supervisionMember],
                // Unanswered messages: the committee that owes the answer and the one that watches it.
                .messageOverdueRead: [.communityStaff, .supervisionMember],
            ],
            // Residents raise matters, discuss and vote only in the community they live in:
            // the record passed to the policy is their own resident record there.
            byRelation: [.matterRaise: [.ownRecord], .matterDiscuss: [.ownRecord], .assemblyVote: [.ownRecord],
                         .messagePost: [.ownRecord], .messageAppeal: [.ownRecord]]
        )
    }
}
