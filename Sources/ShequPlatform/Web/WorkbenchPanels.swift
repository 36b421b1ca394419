import Vapor

/// Each module's share of the workbench stands alone: one that fails while counting (a query that breaks, a
/// table a migration has not reached) is logged and shown as unavailable, and every other module's panel still
/// renders, so one module's fault never takes a role's whole start page with it.
enum WorkbenchPanels {
    static func sections(of module: any ShequModule, for actor: Actor, on req: Request) async -> [WorkbenchSection] {
        do {
            return try await module.workbench(for: actor, on: req)
        } catch {
            req.logger.error("workbench panel unavailable", metadata: ["module": .string(module.name), "error": .string(String(reflecting: error))])
            return [unavailable(module)]
        }
    }

    /// A section with no link and no count: only that this part could not be shown now.
    static func unavailable(_ module: any ShequModule) -> WorkbenchSection {
        WorkbenchSection(key: module.name + "-unavailable", title: .workbenchPanelUnavailableTitle,
                         items: [WorkbenchItem(.workbenchPanelUnavailable, place: module.name, link: nil)])
    }
}

extension Phrase {
    public static let workbenchPanelUnavailableTitle = Phrase(zh: "部分内容暂时无法显示", en: "Part of your workbench is unavailable")
    public static let workbenchPanelUnavailable = Phrase(zh: "此部分暂时无法显示，请稍后刷新；其余内容不受影响。模块",
                                                         en: "This part cannot be shown right now; please refresh later. The rest is unaffected. Module")
}
