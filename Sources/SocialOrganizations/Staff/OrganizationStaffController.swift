import Fluent
import Foundation
import ShequPlatform
import Vapor

/// The staff list's doors: thin, the API and the page's forms run the same handlers (PageDoor).
enum OrganizationStaffController {
    static let entity = "organization_staff"

    struct AddInput: Content, ValidatedInput {
        var username: String
        static var inputSchema: InputSchema {
            InputSchema("OrganizationStaffInput", [.string("username", max: 32, min: 3, required: true, description: "the account to add, by its username")])
        }
    }

    static func list(_ req: Request) async throws -> [OrganizationStaff.Member] {
        let (id, filing) = try await CrossBorderAPIController.load(req)
        return try await list(id, filing, req)
    }

    static func list(_ id: UUID, _ filing: Filing, _ req: Request) async throws -> [OrganizationStaff.Member] {
        try await CrossBorderAPIController.authorize(.organizationStaffRead, id, filing, entity: entity, req, hide: true)
        return try await OrganizationStaff.members(of: id, on: req.db)
    }

    static func add(_ req: Request) async throws -> Response {
        let (id, filing) = try await CrossBorderAPIController.load(req)
        let input = try req.validatedContent(AddInput.self)
        try await CrossBorderAPIController.authorize(.organizationStaffManage, id, filing, entity: entity, req)
        let member = try await req.writeAudited(Action.organizationStaffManage.name + ".add", entity: entity) { db in
            let member = try await OrganizationStaff.add(username: input.username, to: id, scope: filing.streetCode, on: db)
            return Audited(member, id: id, scope: filing.streetCode, detail: "\(filing.name): + \(member.username)")
        }
        return try await member.encodeResponse(status: .created, for: req)
    }

    static func remove(_ req: Request) async throws -> [OrganizationStaff.Member] {
        let (id, filing) = try await CrossBorderAPIController.load(req)
        guard let accountID = req.parameters.get("accountID", as: UUID.self) else { throw ShequError.notFound }
        try await CrossBorderAPIController.authorize(.organizationStaffManage, id, filing, entity: entity, req)
        return try await req.writeAudited(Action.organizationStaffManage.name + ".remove", entity: entity) { db in
            let username = try await OrganizationStaff.remove(accountID, from: id, on: db)
            return Audited(try await OrganizationStaff.members(of: id, on: db), id: id, scope: filing.streetCode, detail: "\(filing.name): − \(username)")
        }
    }

    // MARK: - Page

    static func page(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let (id, filing) = try await CrossBorderAPIController.load(req)
        let members = try await list(id, filing, req)
        let manages = ctx.actor.map { Policy.may($0, .organizationStaffManage, on: Resource(divisionCode: filing.streetCode, organizationID: id)) } ?? false
        let base = "/social-organizations/\(id.uuidString)/staff"
        var content: [BodyNode] = [
            H.tag("p", [], [H.link("/social-organizations/\(id.uuidString)", filing.name)]),
            H.tag("p", [], [.text(ctx.t(.staffIntro))]),
            SocialOrganizationsViews.table(ctx, head: [.staffUsername, .staffName] + (manages ? [.staffRemove] : []), rows: members.map { m in
                [.text(m.username), .text(m.displayName)] + (manages && members.count > 1 ? [
                    ctx.forms.form(action: "\(base)/\(m.accountID.uuidString)/remove", [ctx.forms.submit(.staffRemove)]),
                ] : manages ? [.text("—")] : [])
            }, empty: .staffNone),
        ]
        if manages {
            content += [
                H.tag("h2", [], [.text(ctx.t(.staffAdd))]),
                ctx.forms.form(action: base, [
                    ctx.forms.field(.staffUsername, name: "username", required: true, autocomplete: "off", maxLength: 32),
                    ctx.forms.submit(.staffAdd),
                ]),
            ]
        }
        return WebPage(title: "\(filing.name) · \(ctx.t(.staffTitle))", content)
    }

    static func back(_ req: Request) async throws -> String {
        "/social-organizations/" + (try await CrossBorderAPIController.load(req).0.uuidString) + "/staff"
    }
}

extension SocialOrganizationsModule {
    static let staffPolicy = PolicyRules(
        byRole: [.organizationStaffRead: [.streetOfficial, .districtOfficial]],
        byRelation: [.organizationStaffRead: [.organizationMember], .organizationStaffManage: [.organizationMember]]
    )

    func staffRoutes(web: any RoutesBuilder, api: APIRoutes) {
        web.get("social-organizations", ":id", "staff", use: OrganizationStaffController.page)
        web.post("social-organizations", ":id", "staff", use: PageDoor.submit(OrganizationStaffController.add, back: OrganizationStaffController.back))
        web.post("social-organizations", ":id", "staff", ":accountID", "remove",
                 use: PageDoor.submit(OrganizationStaffController.remove, back: OrganizationStaffController.back))
        api.schema(OrganizationStaffController.AddInput.self)
        let tag = "social-organizations"
        api.on(.GET, "social-organizations/{id}/staff", doc: .init("Who acts for the organisation (its staff; its street's and district's officials)",
                                                               tag: tag, responses: [200: "OK", 404: "Not in the registry, or not within reach (logged)"]),
               use: OrganizationStaffController.list)
        api.on(.POST, "social-organizations/{id}/staff", doc: .init("Add an existing account as the organisation's staff (its own staff only)", tag: tag,
                                                                requestBody: "OrganizationStaffInput",
                                                                responses: [201: "Added", 403: "Not the organisation's staff (logged)", 404: "Not in the registry",
                                                                            409: "Already its staff", 422: "No enabled account of that name"]),
               use: OrganizationStaffController.add)
        api.on(.POST, "social-organizations/{id}/staff/{accountID}/remove",
               doc: .init("Remove a staff member (its own staff only; never the last, nor an account's only grant)", tag: tag,
                          responses: [200: "Removed; the remaining staff", 403: "Not the organisation's staff (logged)", 404: "No such staff member",
                                      409: "The last staff member, or the account's only grant"]),
               use: OrganizationStaffController.remove)
    }
}
