import Fluent
import ShequKernel
import ShequPlatform
import Vapor

extension SocialOrganizationsModule {
    /// A street (or district) official finds the filings waiting for its review, counted as the queue counts
    /// them; a resident finds the filing form and their own filings.
    public func workbench(for actor: Actor, on req: Request) async throws -> [WorkbenchSection] {
        var sections: [WorkbenchSection] = []
        let scopes = Policy.scopes(of: actor, for: .socialOrganizationReview)
        if !scopes.isEmpty {
            let waiting = try await FilingQueries.queue(scopes: scopes, state: .submitted, on: req.db).count()
            sections.append(WorkbenchSection(key: "socialOrganizations-review", title: .workbenchFilingReview, items: [
                WorkbenchItem(.filingsWaiting, count: waiting, link: "/organization-filings"),
                WorkbenchItem(.socialOrganizations, link: "/social-organizations"),
                WorkbenchItem(CreditList.abnormal.phrase, link: "/social-organizations/abnormal"),
                try await removalApplications(scopes: Policy.scopes(of: actor, for: .socialOrganizationListRemoval), on: req),
            ]))
        }
        if Policy.may(actor, .socialOrganizationFile) {
            let own = try await FilingQueries.own(account: actor.accountID, on: req.db).count()
            sections.append(WorkbenchSection(key: "socialOrganizations-filer", title: .workbenchOwnFilings, items: [
                WorkbenchItem(.myFilings, count: own, link: "/organization-filings/mine"),
                WorkbenchItem(.fileOrganization, link: "/organization-filings/new"),
            ]))
        }
        if !actor.organizationIDs.isEmpty {
            // The organisations this account acts for (C1): each one's public page, where its own records hang.
            let organizations = try await Organization.query(on: req.db).filter(\.$id ~~ actor.organizationIDs).sort(\.$name).all()
            // Its page carries its class, its integrity record and its reports (C3); the report's form is one step away.
            // A Hong Kong or Macao partner also records its social workers and joint projects (C4).
            let partners = Set(try await Filing.query(on: req.db).filter(\.$organizationID ~~ actor.organizationIDs)
                .filter(\.$partner != .none).all().compactMap(\.organizationID))
            sections.append(WorkbenchSection(key: "socialOrganizations-staff", title: .workbenchOwnOrganizations, items: try organizations.flatMap {
                let id = try $0.requireID()
                let page = "/social-organizations/\(id)"
                return [WorkbenchItem(.ownOrganization, place: $0.name, link: page),
                        WorkbenchItem(.soFileAnnualReport, place: $0.name, link: page + "/annual-reports/new"),
                        WorkbenchItem(.staffTitle, place: $0.name, link: page + "/staff")]
                    + (partners.contains(id) ? [WorkbenchItem(.crossBorderWorkersPage, place: $0.name, link: page + "/cross-border")] : [])
            }))
        }
        return sections
    }

    /// The organisations' applications to come off a list waiting in these streets, counted as the list counts
    /// them; marked when the oldest is past its 5 working days (or due today).
    func removalApplications(scopes: [String], on req: Request) async throws -> WorkbenchItem {
        let oldest = try await RemovalApplications.waiting(scopes: scopes, on: req.db).first()
        let count = try await RemovalApplications.waiting(scopes: scopes, on: req.db).count()
        let today = IntegrityRecord.today
        let due = try oldest.flatMap { RemovalApplications.dueOn($0, calendar: try req.application.workingCalendar) }
        let urgency: WorkbenchUrgency = due.map { $0 < today ? .overdue : $0 == today ? .dueSoon : .normal } ?? .normal
        return WorkbenchItem(.soRemovalApplications, count: count, link: "/social-organizations/removal-applications", urgency: urgency)
    }
}
