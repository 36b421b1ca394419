import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// C4 on pages: the public linkage of 横琴, 拱北 and 湾仔 with every joint project (and its CSV), and a partner's own
/// page of social workers and projects with the forms of those who record them. Forms post to the API's handlers.
enum CrossBorderPages {
    static func index(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let linkage = try await CrossBorderAPIController.linkage(req)
        let page = try await CrossBorderAPIController.projects(req)
        let names = try await SocialOrganizationsViews.divisionNames(page.items.map(\.streetCode), on: req.db)
        return WebPage(title: ctx.t(.crossBorderLinkage), [
            H.tag("p", [], [.text(ctx.t(.crossBorderIntro))]),
            SocialOrganizationsViews.table(ctx, head: [.crossBorderStreet, .crossBorderMacaoPartners, .crossBorderMacaoWorkers, .crossBorderProjects,
                                                       .crossBorderStatus], rows: linkage.map { l in [
                .text("\(l.streetName) (\(l.streetCode))"), .text(l.macaoPartners.isEmpty ? "—" : l.macaoPartners.joined(separator: "、")),
                .text(String(l.macaoWorkers)), .text(String(l.jointProjects)),
                H.tag("strong", [], [.text(ctx.t(l.linked ? .crossBorderLinked : .crossBorderNotLinked))]),
            ] }, empty: .crossBorderNoProjects),
            H.tag("h2", [], [.text(ctx.t(.crossBorderAllProjects))]),
            projectTable(ctx, page.items, names: names),
            Pager.nav(ctx, page, path: "/cross-border", keep: []),
            H.tag("p", [], [H.link("/cross-border/joint-projects.csv", ctx.t(.downloadCSV))]),
            H.tag("p", [], [H.link("/social-organizations", ctx.t(.socialOrganizations))]),
        ])
    }

    /// A partner's social workers (masked permits) and its projects, with the recording forms, for its staff and street.
    static func partner(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let (id, filing) = try await CrossBorderAPIController.load(req)
        let workers = try await CrossBorderAPIController.workers(id, filing, req)
        let projects = try await CrossBorderAPIController.views(CrossBorderAPIController.projectsQuery(organization: id, on: req.db).all(), on: req.db)
        let streets = try await Division.query(on: req.db).filter(\.$level == .street).sort(\.$id).all()
        let names = Dictionary(streets.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        var content: [BodyNode] = [
            H.tag("p", [], [H.link("/social-organizations/\(id.uuidString)", filing.name)]),
            H.tag("h2", [], [.text(ctx.t(.crossBorderWorkers))]),
            SocialOrganizationsViews.table(ctx, head: [.crossBorderWorkerName, .crossBorderRegion, .crossBorderCredentialKind, .crossBorderCredentialNumber,
                                                       .crossBorderQualification], rows: workers.items.map { w in [
                .text(w.name), .text(ctx.t(w.region.phrase)), .text(ctx.t(w.credentialKind.phrase)), .text(w.credentialNumber), .text(w.qualification),
            ] }, empty: .crossBorderNoWorkers),
            Pager.nav(ctx, workers, path: "/social-organizations/\(id.uuidString)/cross-border", keep: []),
            H.tag("h2", [], [.text(ctx.t(.crossBorderProjects))]),
            projectTable(ctx, projects, names: names),
        ]
        // The forms only where they can succeed: a Hong Kong or Macao partner, and someone who may record for it.
        if filing.partner != .none, let actor = ctx.actor,
           Policy.may(actor, .crossBorderRecord, on: Resource(divisionCode: filing.streetCode, organizationID: id)) {
            let f = ctx.forms
            content += [
                H.tag("h2", [], [.text(ctx.t(.crossBorderRecordWorker))]),
                f.form(action: "/social-organizations/\(id.uuidString)/partner-workers", [
                    f.field(.crossBorderWorkerName, name: "name", required: true, autocomplete: "off", maxLength: CrossBorderInputs.nameMax),
                    f.select(.crossBorderCredentialKind, name: "credentialKind",
                             options: CrossBorderCredential.Kind.allCases.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: nil),
                    f.field(.crossBorderCredentialNumber, name: "credentialNumber", required: true, hint: .crossBorderCredentialHint,
                            autocomplete: "off", maxLength: 18),
                    f.field(.crossBorderQualification, name: "qualification", required: true, maxLength: CrossBorderInputs.qualificationMax),
                    f.submit(.crossBorderRecordWorker),
                ]),
                H.tag("h2", [], [.text(ctx.t(.crossBorderRecordProject))]),
                f.form(action: "/social-organizations/\(id.uuidString)/joint-projects", [
                    f.field(.crossBorderProjectTitle, name: "title", required: true, maxLength: CrossBorderInputs.titleMax),
                    FilingPages.textarea(ctx, .crossBorderProjectSummary, name: "summary", id: "f-summary", max: CrossBorderInputs.summaryMax, required: true),
                    f.select(.crossBorderStreet, name: "streetCode", options: streets.map { ($0.code, "\($0.name) \($0.code)") },
                             selected: CrossBorder.linkageStreets.first),
                    f.field(.crossBorderStartsOn, name: "startsOn", type: "date", required: true, maxLength: 10),
                    f.field(.crossBorderEndsOn, name: "endsOn", type: "date", maxLength: 10),
                    f.submit(.crossBorderRecordProject),
                ]),
            ]
        }
        content.append(H.tag("p", [], [H.link("/cross-border", ctx.t(.crossBorderLinkage))]))
        return WebPage(title: "\(filing.name) · \(ctx.t(.crossBorderWorkersPage))", content)
    }

    static func projectTable(_ ctx: RequestContext, _ projects: [CrossBorderAPIController.ProjectView], names: [String: String]) -> BodyNode {
        SocialOrganizationsViews.table(ctx, head: [.crossBorderProjectTitle, .crossBorderOrganization, .crossBorderStreet, .crossBorderPeriod,
                                                   .crossBorderProjectSummary], rows: projects.map { p in [
            .text(p.title), H.link("/social-organizations/\(p.organizationID.uuidString)", p.organizationName),
            .text(names[p.streetCode] ?? p.streetCode), .text(p.startsOn + " – " + (p.endsOn ?? "")), .text(p.summary),
        ] }, empty: .crossBorderNoProjects)
    }

    static let csvHeader = ["id", "title", "organization_id", "organization", "street_code", "starts_on", "ends_on", "summary"]

    static func csv(_ req: Request) async throws -> Response {
        let rows = try await CrossBorderAPIController.views(CrossBorderAPIController.projectsQuery(organization: nil, on: req.db).all(), on: req.db)
        return .csv(filename: "joint-projects.csv", header: csvHeader, rows: rows.map {
            [$0.id.uuidString, $0.title, $0.organizationID.uuidString, $0.organizationName, $0.streetCode, $0.startsOn, $0.endsOn ?? "", $0.summary]
        })
    }

    static func back(_ req: Request) async throws -> String {
        "/social-organizations/" + (try await CrossBorderAPIController.load(req).0.uuidString) + "/cross-border"
    }
}
