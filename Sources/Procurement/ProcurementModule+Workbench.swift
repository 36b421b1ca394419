import Fluent
import ShequKernel
import ShequPlatform
import Vapor

extension ProcurementModule {
    /// The buyer finds its projects in progress and the plan form; organisation staff the calls open to them;
    /// a panel member the projects waiting for their scores.
    public func workbench(for actor: Actor, on req: Request) async throws -> [WorkbenchSection] {
        var sections: [WorkbenchSection] = []
        let scopes = Policy.scopes(of: actor, for: .procurementManage)
        if !scopes.isEmpty {
            let active = try await PurchaseProject.query(on: req.db).filter(\.$stage != .evaluated).group(.or) { or in
                for s in scopes { or.group(.and) { $0.filter(\.$scopeCode >= s).filter(\.$scopeCode < s + "~") } }
            }.count()
            sections.append(WorkbenchSection(key: "procurement-buyer", title: .procWorkbenchBuyer, items: [
                WorkbenchItem(.procActive, count: active, link: "/procurement"),
                WorkbenchItem(.procNew, link: "/procurement/new"),
            ]))
        }
        if !actor.organizationIDs.isEmpty {
            let open = try await ProcurementPages.openCalls(for: actor, on: req.db).count
            sections.append(WorkbenchSection(key: "procurement-organization", title: .procWorkbenchOrg, items: [
                WorkbenchItem(.procOpenCalls, count: open, link: "/procurement/open-calls"),
                WorkbenchItem(.procTitle, link: "/procurement"),
            ]))
        }
        let seats = try await ProcurementPages.seats(of: actor, on: req.db)
        if !seats.isEmpty {
            sections.append(WorkbenchSection(key: "procurement-panel", title: .procWorkbenchPanel, items: [
                WorkbenchItem(.procAwaitingScores, count: seats.filter { $0.stage.acceptsScores }.count, link: "/procurement/panel"),
            ]))
        }
        return sections
    }
}
