import Fluent
import ShequPlatform
import Vapor

extension FundsModule {
    /// The leading-group office keeps the funds: how many there are (the public list) and its reports.
    /// Department staff read their department's figures.
    public func workbench(for actor: Actor, on req: Request) async throws -> [WorkbenchSection] {
        var sections: [WorkbenchSection] = []
        if actor.roles.contains(.leadingGroupOffice) {
            sections.append(WorkbenchSection(key: "funds-office", title: .workbenchFundsOffice, items: [
                WorkbenchItem(.funds, count: try await Fund.query(on: req.db).count(), link: "/funds"),
                WorkbenchItem(.reportByDistrict, link: "/fund-reports/districts"),
                WorkbenchItem(.reportByCommittee, link: "/fund-reports/committees"),
                WorkbenchItem(.reportByDepartment, link: "/fund-reports/departments"),
            ]))
        } else if actor.roles.contains(.departmentStaff), Policy.may(actor, .fundRead) {
            sections.append(WorkbenchSection(key: "funds-department", title: .workbenchFundsDepartment, items: [
                WorkbenchItem(.reportByDepartment, link: "/fund-reports/departments"),
            ]))
        }
        return sections
    }
}

extension Phrase {
    static let workbenchFundsOffice = Phrase(zh: "专项资金管理", en: "Special funds you keep")
    static let workbenchFundsDepartment = Phrase(zh: "本部门经费", en: "Your department's funds")
}
