import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// The organisation applies to come off a list (its own staff); the street finds the waiting applications with
/// their 5-working-day deadline and answers each by recording the removal (`IntegrityAPIController.remove`).
enum RemovalApplicationsController {
    static let entity = "social_organization_removal_application"

    static func apply(_ req: Request) async throws -> Response {
        let filing = try await IntegrityAPIController.load(req)
        let input = try req.validatedContent(IntegrityAPIController.RemovalInput.self)
        guard let orgID = filing.organizationID else { throw ShequError.notFound }
        let actor = try await req.authorize(.socialOrganizationRemovalApply, on: Resource(organizationID: orgID), entity: entity,
                                            entityID: orgID.uuidString)
        let today = IntegrityRecord.today
        let calendar = try req.application.workingCalendar
        let view = try await req.writeAudited("socialOrganization.removalApply", entity: entity) { db in
            let application = try await RemovalApplications.apply(organizationID: orgID, to: input.list, rectification: input.rectification,
                                                                   byAccount: actor.accountID, username: actor.username, on: today, on: db)
            return Audited(try RemovalApplicationView(application, name: filing.name, calendar: calendar), id: application.id,
                           scope: application.streetCode, detail: "\(filing.name) \(application.list.rawValue)")
        }
        return try await view.encodeResponse(status: .created, for: req)
    }

    /// The waiting applications of the street's (or district's) organisations, oldest first.
    static func waiting(_ req: Request) async throws -> ListPage<RemovalApplicationView> {
        let actor = try await req.authorize(.socialOrganizationListRemoval, entity: entity)
        let scopes = Policy.scopes(of: actor, for: .socialOrganizationListRemoval)
        let calendar = try req.application.workingCalendar
        return try await RemovalApplications.waiting(scopes: scopes, on: req.db).paged(ListPageRequest(req), rows: { rows in
            let names = try await Filing.query(on: req.db).filter(\.$organizationID ~~ rows.map(\.organizationID)).all()
            let byID = Dictionary(names.compactMap { f in f.organizationID.map { ($0, f.name) } }, uniquingKeysWith: { a, _ in a })
            return try rows.map { try RemovalApplicationView($0, name: byID[$0.organizationID] ?? "", calendar: calendar) }
        })
    }

    /// An organisation's waiting applications (public, shown on its page).
    static func waiting(organization id: UUID, name: String, on req: Request) async throws -> [RemovalApplicationView] {
        let calendar = try req.application.workingCalendar
        return try await RemovalApplication.query(on: req.db).filter(\.$organizationID == id).filter(\.$removalID == nil).all()
            .map { try RemovalApplicationView($0, name: name, calendar: calendar) }
    }

    static func page(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let page = try await waiting(req)
        let names = try await SocialOrganizationsViews.divisionNames(page.items.map(\.streetCode), on: req.db)
        let today = IntegrityRecord.today.description
        return WebPage(title: ctx.t(.soRemovalApplications), [
            H.tag("p", [], [.text(ctx.t(.soRemovalApplicationsIntro))]),
            SocialOrganizationsViews.table(ctx, head: [.soName, .soStreet, .soList, .soRectification, .soAppliedOn, .soDueOn], rows: page.items.map { a in [
                H.link("/social-organizations/\(a.organizationID.uuidString)", a.name), .text(names[a.streetCode] ?? a.streetCode),
                .text(ctx.t(a.list.phrase)), .text(a.rectification), .text(a.appliedOn),
                (a.dueOn ?? "") < today ? H.tag("strong", [], [.text((a.dueOn ?? "") + " " + ctx.t(.soOverdue))]) : .text(a.dueOn ?? ""),
            ] }, empty: .soNoApplications),
            Pager.nav(ctx, page, path: "/social-organizations/removal-applications"),
        ])
    }
}
