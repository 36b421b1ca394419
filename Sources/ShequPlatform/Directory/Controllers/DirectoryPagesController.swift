import Fluent
import Vapor

/// Household and organization screens: thin wrappers over the API controllers' audited operations.
enum DirectoryPagesController {
    static func households(_ req: Request) async throws -> WebPage {
        let page = try await HouseholdsController.list(req)
        let items = page.items
        let ctx = req.context
        let actor = try req.requireActor()
        var content: [BodyNode] = []
        if Policy.may(actor, .householdWrite) {
            let f = ctx.forms
            content.append(H.tag("details", [], [
                H.tag("summary", [], [.text(ctx.t(.newHousehold))]),
                f.form(action: "/households", [
                    f.field(.communityCode, name: "divisionCode", required: true, inputmode: "numeric", maxLength: 12),
                    f.field(.address, name: "address", required: true, maxLength: 200),
                    f.field(.buildingID, name: "buildingID", maxLength: 36),
                    f.submit(.save),
                ]),
            ]))
        }
        content.append(items.isEmpty ? H.tag("p", [], [.text(ctx.t(.noResults))]) : H.tag("ul", [], items.map {
            H.tag("li", [], [H.link("/households/\($0.id)", $0.address), .text(" · \($0.divisionCode)")])
        }))
        content.append(Pager.nav(ctx, page, keep: pageFilters(req)))
        content += try await structure(req, ctx: ctx, canWrite: Policy.may(actor, .householdWrite))
        return WebPage(title: ctx.t(.households), content)
    }

    /// Residents' groups and buildings, listed under the households they organise.
    static func structure(_ req: Request, ctx: RequestContext, canWrite: Bool) async throws -> [BodyNode] {
        let groupsPage = try await CommunityStructureController.groups(req, paging: ListPageRequest(req, pageParameter: "groupsPage"))
        let buildingsPage = try await CommunityStructureController.buildings(req, paging: ListPageRequest(req, pageParameter: "buildingsPage"))
        let groups = groupsPage.items, buildings = buildingsPage.items
        let f = ctx.forms
        var content: [BodyNode] = [H.tag("h2", [], [.text(ctx.t(.residentsGroups))])]
        content.append(groups.isEmpty ? H.tag("p", [], [.text(ctx.t(.noResults))]) : H.tag("ul", [], groups.map {
            H.tag("li", [], [.text("\($0.name) · \($0.divisionCode) · \($0.id?.uuidString ?? "")")])
        }))
        content.append(Pager.nav(ctx, groupsPage, pageParameter: "groupsPage", keep: pageFilters(req)))
        if canWrite {
            content.append(H.tag("details", [], [
                H.tag("summary", [], [.text(ctx.t(.newResidentsGroup))]),
                f.form(action: "/residents-groups", [
                    f.field(.communityCode, name: "divisionCode", required: true, inputmode: "numeric", maxLength: 12),
                    f.field(.name, name: "name", required: true, maxLength: 100),
                    f.submit(.save),
                ]),
            ]))
        }
        content.append(H.tag("h2", [], [.text(ctx.t(.buildings))]))
        content.append(buildings.isEmpty ? H.tag("p", [], [.text(ctx.t(.noResults))]) : H.tag("ul", [], buildings.map {
            H.tag("li", [], [.text("\($0.name) · \($0.divisionCode) · \($0.id?.uuidString ?? "")")])
        }))
        content.append(Pager.nav(ctx, buildingsPage, pageParameter: "buildingsPage", keep: pageFilters(req)))
        if canWrite {
            content.append(H.tag("details", [], [
                H.tag("summary", [], [.text(ctx.t(.newBuilding))]),
                f.form(action: "/buildings", [
                    f.field(.communityCode, name: "divisionCode", required: true, inputmode: "numeric", maxLength: 12),
                    f.field(.name, name: "name", required: true, maxLength: 100),
                    f.field(.residentsGroupID, name: "residentsGroupID", maxLength: 36),
                    f.field(.buildingHeadID, name: "buildingHeadID", maxLength: 36),
                    f.submit(.save),
                ]),
            ]))
        }
        return content
    }

    /// Three lists share the households page, each with its own page number: a link to the next
    /// page of one keeps where the others are, and the community filter.
    private static func pageFilters(_ req: Request) -> [(String, String?)] {
        ["community", "per", "page", "groupsPage", "buildingsPage"].map { ($0, req.queryValue($0)) }
    }

    struct GroupForm: Content { var divisionCode: String; var name: String }
    struct BuildingForm: Content { var divisionCode: String; var name: String; var residentsGroupID: String?; var buildingHeadID: String? }

    static func createGroup(_ req: Request) async throws -> Response {
        let form = try req.validatedContent(GroupForm.self)
        _ = try await CommunityStructureController.createGroupAudited(ResidentsGroupInput(divisionCode: form.divisionCode, name: form.name), req: req)
        return req.redirect(to: "/households")
    }

    static func createBuilding(_ req: Request) async throws -> Response {
        let form = try req.validatedContent(BuildingForm.self)
        let input = BuildingInput(divisionCode: form.divisionCode, name: form.name,
                                  residentsGroupID: try ResidentPagesController.optionalUUID(form.residentsGroupID, field: "residentsGroupID"),
                                  buildingHeadID: try ResidentPagesController.optionalUUID(form.buildingHeadID, field: "buildingHeadID"))
        _ = try await CommunityStructureController.createBuildingAudited(input, req: req)
        return req.redirect(to: "/households")
    }

    struct HouseholdForm: Content { var divisionCode: String; var address: String; var buildingID: String? }

    static func createHousehold(_ req: Request) async throws -> Response {
        let form = try req.validatedContent(HouseholdForm.self)
        let input = HouseholdInput(divisionCode: form.divisionCode, address: form.address,
                                   buildingID: try ResidentPagesController.optionalUUID(form.buildingID, field: "buildingID"))
        let household = try await HouseholdsController.createAudited(input, req: req)
        return req.redirect(to: "/households/\(try household.requireID())")
    }

    static func household(_ req: Request) async throws -> WebPage {
        let h = try await HouseholdsController.show(req)
        let ctx = req.context
        let members = h.members ?? []
        return WebPage(title: h.address, [
            H.tag("dl", [("class", "record")], [
                H.tag("dt", [], [.text(ctx.t(.community))]), H.tag("dd", [], [H.link("/divisions/\(h.divisionCode)", h.divisionCode)]),
                H.tag("dt", [], [.text(ctx.t(.householdID))]), H.tag("dd", [], [.text(h.id.uuidString)]),
            ]),
            H.tag("h2", [], [.text(ctx.t(.members))]),
            members.isEmpty ? H.tag("p", [], [.text(ctx.t(.noResults))]) : H.tag("ul", [], members.map { m in
                H.tag("li", [], [H.link("/residents/\(m.id)", m.name),
                                 .text(" · " + (m.relationToHead.map { ctx.t($0.phrase) } ?? "") + " · " + m.idNumber)])
            }),
        ])
    }

    static func organizations(_ req: Request) async throws -> WebPage {
        let page = try await OrganizationsController.list(req)
        let items = page.items
        let ctx = req.context
        let actor = try req.requireActor()
        var content: [BodyNode] = []
        if Policy.may(actor, .organizationWrite) {
            let f = ctx.forms
            content.append(H.tag("details", [], [
                H.tag("summary", [], [.text(ctx.t(.newOrganization))]),
                f.form(action: "/organizations", [
                    f.select(.kind, name: "kind", options: OrganizationKind.allCases.filter { $0 != .socialOrganization }.map { ($0.rawValue, ctx.t($0.phrase)) },
                             selected: nil),
                    f.field(.name, name: "name", required: true, maxLength: 100),
                    f.field(.category, name: "category", required: true, maxLength: 100),
                    f.field(.contact, name: "contact", required: true, maxLength: 200),
                    f.field(.divisionCode, name: "divisionCode", required: true, inputmode: "numeric", maxLength: 12),
                    f.field(.servedCommunities, name: "served", maxLength: 400),
                    f.submit(.save),
                ]),
            ]))
        }
        let head = [Phrase.name, .kind, .category, .contact, .divisionCode].map { H.tag("th", [], [.text(ctx.t($0))]) }
        content.append(items.isEmpty ? H.tag("p", [], [.text(ctx.t(.noResults))]) :
            H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
                H.tag("thead", [], [H.tag("tr", [], head)]),
                H.tag("tbody", [], items.map { o in H.tag("tr", [], [
                    H.tag("td", [("data-label", ctx.t(.name))], [.text(o.name)]),
                    H.tag("td", [("data-label", ctx.t(.kind))], [.text(ctx.t(o.kind.phrase))]),
                    H.tag("td", [("data-label", ctx.t(.category))], [.text(o.category)]),
                    H.tag("td", [("data-label", ctx.t(.contact))], [.text(o.contact)]),
                    H.tag("td", [("data-label", ctx.t(.divisionCode))], [.text(o.divisionCode)]),
                ]) }),
            ])]))
        content.append(Pager.nav(ctx, page, keep: [("kind", req.queryValue("kind"))]))
        return WebPage(title: ctx.t(.organizations), content)
    }

    struct OrganizationForm: Content {
        var kind: String
        var name: String
        var category: String
        var contact: String
        var divisionCode: String
        var served: String?
    }

    static func createOrganization(_ req: Request) async throws -> Response {
        let form = try req.validatedContent(OrganizationForm.self)
        guard let kind = OrganizationKind(rawValue: form.kind) else { throw ShequError.invalid(.errorInvalidValue, "kind") }
        let served = (form.served ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " }).map(String.init)
        _ = try await OrganizationsController.createAudited(
            OrganizationInput(kind: kind, name: form.name, category: form.category, contact: form.contact,
                              divisionCode: form.divisionCode, servedCommunities: served), req: req)
        return req.redirect(to: "/organizations")
    }

    /// Promises only pages that answer: the menu, which the policy already filters to what
    /// this visitor may open, and for a signed-in person their workbench.
    static func home(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        var content: [BodyNode] = [H.tag("p", [], [.text(ctx.t(.homeIntro))])]
        if ctx.actor != nil {
            content.append(H.tag("p", [], [H.link(WorkbenchPage.path, ctx.t(.workbenchOpen))]))
        } else {
            content.append(H.tag("p", [], [H.link("/sign-in", ctx.t(.signIn)), .text(" · " + ctx.t(.homeSignInHint))]))
        }
        content.append(H.tag("h2", [], [.text(ctx.t(.homeStart))]))
        content.append(H.tag("ul", [], ctx.menu.map { H.tag("li", [], [H.link($0.path, ctx.t($0.phrase))]) }))
        return WebPage(title: ctx.t(.appName), content)
    }
}
