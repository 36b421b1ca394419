import Fluent
import ShequPlatform
import Vapor

extension TaskAccessModule {
    /// Departments: their plans sent back or still drafts, their agreements, shortfalls naming them.
    /// The leading-group office: its review queue, overdue reviews, the burden and funds per task.
    /// A committee: what it carries and what it reported missing. Each count is the total of the
    /// list it links to (the same reach functions the lists use).
    public func workbench(for actor: Actor, on req: Request) async throws -> [WorkbenchSection] {
        var sections: [WorkbenchSection] = []
        let department = !TaskAccessAuthority.ownDepartments(actor).isEmpty
        let office = TaskAccessAuthority.isOffice(actor)
        let roles = actor.roles

        if department || office {
            let plans = try await PlansAPIController.readable(req).count()
            let agreements = try await AgreementsAPIController.list(req).total
            let shortfalls = try await shortfallCounts(req)
            var items = [WorkbenchItem(.taPlans, count: plans, link: "/task-access/plans")]
            if department {
                let sentBack = try await PlansAPIController.readable(req).filter(\.$state == .changesRequested).count()
                let drafts = try await PlansAPIController.readable(req).filter(\.$state == .draft).count()
                items.append(WorkbenchItem(.workbenchPlansSentBack, count: sentBack, link: "/task-access/plans?state=changesRequested",
                                           urgency: sentBack > 0 ? .dueSoon : .normal))
                items.append(WorkbenchItem(.workbenchPlanDrafts, count: drafts, link: "/task-access/plans?state=draft"))
            }
            if office {
                let queue = try await PlansAPIController.readable(req).filter(\.$state == .submitted).count()
                let overdue = try await Plans.overdueReviews(for: actor, today: req.today, on: req.db)
                items.append(WorkbenchItem(.reviewQueue, count: queue, link: "/task-access/plans?state=submitted",
                                           urgency: queue > 0 ? .dueSoon : .normal))
                items.append(WorkbenchItem(.overdueReviews, count: overdue, link: "/task-access/plans#review-queue",
                                           urgency: overdue > 0 ? .overdue : .normal))
            }
            items.append(WorkbenchItem(.taAgreements, count: agreements, link: "/task-access/agreements"))
            items += shortfallItems(shortfalls)
            if Policy.may(actor, .taskFundsRead) { items.append(WorkbenchItem(.taskFunds, link: TaskReportPages.path)) }
            if office { items.append(WorkbenchItem(.burdenOfCommittees, link: "/task-access/burden")) }
            sections.append(WorkbenchSection(key: office ? "taskAccess-office" : "taskAccess-department",
                                             title: office ? .workbenchTaskAccessOffice : .workbenchTaskAccessDepartment, items: items))
        }

        let committees = actor.grants.filter { $0.role == .communityStaff }.map(\.scope)
        if !committees.isEmpty, !department, !office {
            var items = committees.filter { $0.count == 12 }.map {
                WorkbenchItem(.tasksCarried, place: $0, link: "/communities/\($0)/task-burden")
            }
            items += shortfallItems(try await shortfallCounts(req))
            sections.append(WorkbenchSection(key: "taskAccess-committee", title: .workbenchTaskAccessCommittee, items: items))
        }

        if !roles.isDisjoint(with: [.streetOfficial, .districtOfficial, .cityAdministrator]), Policy.may(actor, .burdenRead) {
            sections.append(WorkbenchSection(key: "taskAccess-area", title: .workbenchTaskAccessArea, items: [
                WorkbenchItem(.burdenOfCommittees, link: "/task-access/burden"),
            ]))
        }
        return sections
    }

    /// The shortfall list's total, and how many of those still wait for an answer.
    private func shortfallCounts(_ req: Request) async throws -> (all: Int, open: Int) {
        let actor = try req.requireActor()
        let own = TaskAccessAuthority.ownDepartments(actor)
        let places = actor.grants.filter { [.leadingGroupOffice, .communityStaff].contains($0.role) }.map(\.scope)
        guard !own.isEmpty || !places.isEmpty else { return (0, 0) }
        let all = try await BurdenAPIController.shortfalls(req).total
        let open = try await ShortfallReport.query(on: req.db).group(.or) { or in
            if !own.isEmpty { or.filter(\.$departmentID ~~ own) }
            for scope in places { or.group(.and) { $0.filter(\.$divisionCode >= scope).filter(\.$divisionCode < scope + "~") } }
        }.filter(\.$answer == nil).count()
        return (all, open)
    }

    private func shortfallItems(_ counts: (all: Int, open: Int)) -> [WorkbenchItem] {
        // One line with the list's total; any still unanswered marks it as waiting.
        [WorkbenchItem(.shortfalls, count: counts.all, link: "/task-access/shortfalls", urgency: counts.open > 0 ? .dueSoon : .normal)]
    }
}

extension Phrase {
    static let workbenchTaskAccessDepartment = Phrase(zh: "本部门的准入事项", en: "Your department's task access")
    static let workbenchTaskAccessOffice = Phrase(zh: "领导小组办公室监管", en: "What the leading-group office oversees")
    static let workbenchTaskAccessCommittee = Phrase(zh: "社区行政事务准入", en: "Tasks your committee carries")
    static let workbenchTaskAccessArea = Phrase(zh: "辖区社区负担", en: "Committees' burden in your area")
    static let workbenchPlansSentBack = Phrase(zh: "被退回修改的计划", en: "Plans sent back for changes")
    static let workbenchPlanDrafts = Phrase(zh: "未提交的计划草稿", en: "Plan drafts not submitted")
}
