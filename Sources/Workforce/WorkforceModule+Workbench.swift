import Fluent
import ShequPlatform
import Vapor

extension WorkforceModule {
    /// Officials find their workers (counted as the grade list counts them), the workload and the grading tables;
    /// the city finds the drafts waiting; a worker finds their own record.
    public func workbench(for actor: Actor, on req: Request) async throws -> [WorkbenchSection] {
        var sections: [WorkbenchSection] = []
        let scopes = Policy.scopes(of: actor, for: .workforceRead)
        if !scopes.isEmpty {
            let serving = try await StaffQueries.current(in: scopes, on: req.db).count()
            var items = [WorkbenchItem(.wfWorkersInScope, count: serving, link: "/workforce"),
                         WorkbenchItem(.wfWorkload, link: "/workforce/workload")]
            if Policy.may(actor, .workforceManage) { items.append(WorkbenchItem(.wfNewRecord, link: "/workforce/staff/new")) }
            if Policy.may(actor, .workforceRules) {
                // Drafts of the cities the actor sets tables for, as the rules page lists them.
                let cities = Policy.scopes(of: actor, for: .workforceRules).map { String($0.prefix(4)) }
                let drafts = try await GradeRuleSet.query(on: req.db).filter(\.$state == .draft).filter(\.$scope ~~ cities).count()
                items.append(WorkbenchItem(.wfRules, count: drafts, link: "/workforce/rules"))
            } else {
                items.append(WorkbenchItem(.wfRules, link: "/workforce/rules"))
            }
            sections.append(WorkbenchSection(key: "workforce-officials", title: .wfWorkbench, items: items))
        }
        if try await StaffRecord.query(on: req.db).filter(\.$username == actor.username).count() > 0 {
            sections.append(WorkbenchSection(key: "workforce-own", title: .wfOwnWorkbench, items: [WorkbenchItem(.wfMyRecord, link: "/workforce/me")]))
        }
        return sections
    }
}
