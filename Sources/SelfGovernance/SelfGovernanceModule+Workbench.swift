import Fluent
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

extension SelfGovernanceModule {
    /// Each body sees the matters at its own step, per community: the residents' committee what to
    /// answer, execute and put to an assembly; the deliberation committee what to take up; the
    /// supervision committee what to check, overdue messages and appeals. Officials see their
    /// area's figures, residents what is open for their vote. Matters and messages are public
    /// lists, so a count per community tells no one more than the community's pages do.
    public func workbench(for actor: Actor, on req: Request) async throws -> [WorkbenchSection] {
        let db = req.db
        let today = LocalDate(instant: Date()).description
        var sections: [WorkbenchSection] = []

        let committee = actor.scopes(of: [.communityStaff])
        if !committee.isEmpty {
            let stages = try await GovernanceCounts.matters(in: committee, on: db)
            let messages = try await GovernanceCounts.unanswered(in: committee, today: today, on: db)
            let convene = try await GovernanceCounts.toConvene(in: committee, on: db)
            let names = try await GovernanceCounts.names(Set(stages.keys).union(messages.keys).union(convene.keys).union(communities(committee)), on: db)
            var items: [WorkbenchItem] = []
            for code in names.keys.sorted() {
                let place = names[code]
                let (open, late) = messages[code] ?? (0, 0)
                items.append(WorkbenchItem(.workbenchMessagesToAnswer, place: place, count: open, link: "/communities/\(code)/messages",
                                           urgency: late > 0 ? .overdue : .normal))
                items.append(WorkbenchItem(.workbenchMessagesOverdue, place: place, count: late,
                                           link: "/communities/\(code)/messages/overdue", urgency: late > 0 ? .overdue : .normal))
                items.append(WorkbenchItem(.workbenchMattersToExecute, place: place, count: stages[code]?[.execution] ?? 0,
                                           link: "/communities/\(code)/governance"))
                items.append(WorkbenchItem(.workbenchAssembliesToConvene, place: place, count: convene[code] ?? 0,
                                           link: "/communities/\(code)/governance"))
            }
            sections.append(WorkbenchSection(key: "selfGovernance-committee", title: .workbenchResidentsCommittee,
                                             items: items))
        }

        let deliberation = actor.scopes(of: [.deliberationMember])
        if !deliberation.isEmpty {
            let stages = try await GovernanceCounts.matters(in: deliberation, on: db)
            let names = try await GovernanceCounts.names(Set(stages.keys).union(communities(deliberation)), on: db)
            let items = names.keys.sorted().flatMap { code in [
                WorkbenchItem(.workbenchMattersRaised, place: names[code], count: stages[code]?[.raised] ?? 0,
                              link: "/communities/\(code)/governance"),
                WorkbenchItem(.workbenchMattersInDeliberation, place: names[code], count: stages[code]?[.deliberation] ?? 0,
                              link: "/communities/\(code)/governance"),
            ] }
            sections.append(WorkbenchSection(key: "selfGovernance-deliberation", title: .workbenchDeliberation,
                                             items: items))
        }

        let supervision = actor.scopes(of: [.supervisionMember])
        if !supervision.isEmpty {
            let stages = try await GovernanceCounts.matters(in: supervision, on: db)
            let messages = try await GovernanceCounts.unanswered(in: supervision, today: today, on: db)
            let appeals = try await GovernanceCounts.appeals(in: supervision, on: db)
            let names = try await GovernanceCounts.names(Set(stages.keys).union(messages.keys).union(appeals.keys).union(communities(supervision)), on: db)
            let items = names.keys.sorted().flatMap { code -> [WorkbenchItem] in
                let late = messages[code]?.late ?? 0
                return [
                    WorkbenchItem(.workbenchMattersToSupervise, place: names[code], count: stages[code]?[.supervision] ?? 0,
                                  link: "/communities/\(code)/governance"),
                    WorkbenchItem(.workbenchMessagesOverdue, place: names[code], count: late,
                                  link: "/communities/\(code)/messages/overdue", urgency: late > 0 ? .overdue : .normal),
                    WorkbenchItem(.workbenchAppeals, place: names[code], count: appeals[code] ?? 0,
                                  link: "/communities/\(code)/messages/overdue#appeals", urgency: (appeals[code] ?? 0) > 0 ? .dueSoon : .normal),
                ]
            }
            sections.append(WorkbenchSection(key: "selfGovernance-supervision", title: .workbenchSupervision,
                                             items: items))
        }

        let officials = actor.scopes(of: [.streetOfficial, .districtOfficial])
        if !officials.isEmpty {
            let stages = try await GovernanceCounts.matters(in: officials, on: db)
            let messages = try await GovernanceCounts.unanswered(in: officials, today: today, on: db)
            let open = stages.values.reduce(0) { $0 + $1.values.reduce(0, +) }
            let late = messages.values.reduce(0) { $0 + $1.late }
            sections.append(WorkbenchSection(key: "selfGovernance-area", title: .workbenchAreaGovernance, items: [
                WorkbenchItem(.workbenchOpenMatters, count: open, link: "/governance"),
                WorkbenchItem(.workbenchMessagesOverdue, count: late, link: "/governance", urgency: late > 0 ? .overdue : .normal),
                WorkbenchItem(.workbenchCommunitiesWithOpenMatters, count: stages.count, link: "/governance"),
            ]))
        }

        if actor.roles.contains(.resident), let own = actor.residentID, let resident = try await Resident.find(own, on: db) {
            let code = resident.divisionCode
            let voting = try await Assembly.query(on: db).filter(\.$divisionCode == code).filter(\.$state == .voting).count()
            sections.append(WorkbenchSection(key: "selfGovernance-resident", title: .workbenchMyCommunity, items: [
                WorkbenchItem(.workbenchOpenForVote, count: voting, link: "/communities/\(code)/governance",
                              urgency: voting > 0 ? .dueSoon : .normal),
                WorkbenchItem(.workbenchCommunityPage, link: "/communities/\(code)/governance"),
                WorkbenchItem(.channels, link: "/communities/\(code)/messages"),
            ]))
        }
        return sections
    }

    /// A body's own communities are listed even when nothing waits there, so its zeros are said too.
    private func communities(_ scopes: [String]) -> Set<String> { Set(scopes.filter { $0.count == 12 }) }
}

/// Grouped counts per community inside a role's scopes: one query per figure, whatever the number of communities.
enum GovernanceCounts {
    static func inScopes(_ scopes: [String], column: String = "division_code") -> SQLQueryString {
        guard !scopes.isEmpty else { return "1 = 0" }
        let parts: [SQLQueryString] = scopes.map { p in "(\(ident: column) >= \(bind: p) AND \(ident: column) < \(bind: p + "~"))" }
        return "(" + parts.joined(separator: " OR ") + ")"
    }

    /// Matters still on the chain, by community and stage.
    static func matters(in scopes: [String], on db: any Database) async throws -> [String: [MatterStage: Int]] {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT division_code, stage, COUNT(*) AS n FROM matters
            WHERE stage NOT IN ('closed', 'rejected') AND \(inScopes(scopes))
            GROUP BY division_code, stage
            """).all()
        var out: [String: [MatterStage: Int]] = [:]
        for r in rows {
            guard let stage = MatterStage(rawValue: try r.decode(column: "stage", as: String.self)) else { continue }
            out[try r.decode(column: "division_code", as: String.self), default: [:]][stage] = try r.decode(column: "n", as: Int.self)
        }
        return out
    }

    /// Messages without an answer, and those of them past their due date (the overdue list's rule).
    static func unanswered(in scopes: [String], today: String, on db: any Database) async throws -> [String: (open: Int, late: Int)] {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT division_code, COUNT(*) AS n, SUM(CASE WHEN due_on < \(bind: today) THEN 1 ELSE 0 END) AS late
            FROM channel_messages WHERE answered_on IS NULL AND \(inScopes(scopes))
            GROUP BY division_code
            """).all()
        var out: [String: (open: Int, late: Int)] = [:]
        for r in rows {
            out[try r.decode(column: "division_code", as: String.self)] = (try r.decode(column: "n", as: Int.self),
                                                                           try r.decode(column: "late", as: Int?.self) ?? 0)
        }
        return out
    }

    /// Hidden forum topics whose authors appealed and the supervision committee has not decided.
    static func appeals(in scopes: [String], on db: any Database) async throws -> [String: Int] {
        try await grouped("""
            SELECT division_code, COUNT(*) AS n FROM channel_messages
            WHERE appeal_state = 'pending' AND \(inScopes(scopes)) GROUP BY division_code
            """, on: db)
    }

    /// Matters the deliberation committee recommended that wait for an assembly to be convened.
    static func toConvene(in scopes: [String], on db: any Database) async throws -> [String: Int] {
        try await grouped("""
            SELECT m.division_code AS division_code, COUNT(*) AS n FROM matters m
            WHERE m.stage = 'decision' AND \(inScopes(scopes, column: "division_code"))
            AND NOT EXISTS (SELECT 1 FROM assemblies a WHERE a.matter_id = m.id AND a.state IN ('scheduled', 'voting'))
            GROUP BY m.division_code
            """, on: db)
    }

    static func grouped(_ sql: SQLQueryString, on db: any Database) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for r in try await (db as! any SQLDatabase).raw(sql).all() {
            out[try r.decode(column: "division_code", as: String.self)] = try r.decode(column: "n", as: Int.self)
        }
        return out
    }

    static func names(_ codes: Set<String>, on db: any Database) async throws -> [String: String] {
        guard !codes.isEmpty else { return [:] }
        let divisions = try await Division.query(on: db).filter(\.$id ~~ codes).all()
        return Dictionary(divisions.compactMap { d in d.id.map { ($0, d.name) } }, uniquingKeysWith: { a, _ in a })
    }
}

extension Phrase {
    static let workbenchResidentsCommittee = Phrase(zh: "居委会待办", en: "Residents' committee")
    static let workbenchDeliberation = Phrase(zh: "议事委员会待办", en: "Deliberation committee")
    static let workbenchSupervision = Phrase(zh: "监督委员会待办", en: "Supervision committee")
    static let workbenchAreaGovernance = Phrase(zh: "辖区居民自治", en: "Self-governance in your area")
    static let workbenchMyCommunity = Phrase(zh: "我的社区", en: "My community")
    static let workbenchMessagesToAnswer = Phrase(zh: "待答复的留言", en: "Messages to answer")
    static let workbenchMessagesOverdue = Phrase(zh: "超期未答复的留言", en: "Messages overdue for an answer")
    static let workbenchMattersToExecute = Phrase(zh: "待执行的议题", en: "Matters to carry out")
    static let workbenchAssembliesToConvene = Phrase(zh: "待召集会议的议题", en: "Matters waiting for an assembly")
    static let workbenchMattersRaised = Phrase(zh: "待受理的议题", en: "Matters raised, to take up")
    static let workbenchMattersInDeliberation = Phrase(zh: "议事中的议题", en: "Matters in deliberation")
    static let workbenchMattersToSupervise = Phrase(zh: "待监督的议题", en: "Matters to supervise")
    static let workbenchAppeals = Phrase(zh: "待决定的申诉", en: "Appeals to decide")
    static let workbenchOpenMatters = Phrase(zh: "进行中的议题", en: "Open matters")
    static let workbenchCommunitiesWithOpenMatters = Phrase(zh: "有进行中议题的社区", en: "Communities with open matters")
    static let workbenchOpenForVote = Phrase(zh: "正在表决的会议", en: "Assemblies open for your vote")
    static let workbenchCommunityPage = Phrase(zh: "社区自治页面", en: "Community page")
}
