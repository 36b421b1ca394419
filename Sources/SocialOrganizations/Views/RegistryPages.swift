import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// The public registry on pages: the list (by category, a page at a time, with its CSV) and an organisation's
/// own page. No one needs to sign in; contact phones are masked as everywhere else.
enum RegistryPages {
    static func index(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let category = try FilingsAPIController.category(req)
        let page = try await FilingsAPIController.registry(req)
        let names = try await SocialOrganizationsViews.divisionNames(page.items.flatMap { [$0.streetCode] + $0.communities }, on: req.db)
        var content: [BodyNode] = [H.tag("p", [], [.text(ctx.t(.soRegistryIntro))])]
        if let actor = ctx.actor, Policy.may(actor, .socialOrganizationFile) {
            content.append(H.tag("p", [], [H.link("/organization-filings/new", ctx.t(.fileOrganization), class: "button")]))
        }
        content.append(H.tag("form", [("method", "get"), ("action", "/social-organizations")], [
            ctx.forms.select(.soCategory, name: "category",
                             options: [("", ctx.t(.soAllCategories))] + SocialOrganizationCategory.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                             selected: category?.rawValue ?? ""),
            ctx.forms.submit(.soShowState),
        ]))
        let classes = try await CreditQueries.classes(organizations: page.items.map(\.id), on: req.db)
        content.append(SocialOrganizationsViews.table(ctx, head: [.soName, .soCategory, .soStreet, .soCommunities, .soMembers, .soPartner, .soSupervisionClass],
                                                      rows: page.items.map { e in [
            H.link("/social-organizations/\(e.id.uuidString)", e.name), .text(ctx.t(e.category.phrase)),
            .text(names[e.streetCode] ?? e.streetCode), .text(e.communities.map { names[$0] ?? $0 }.joined(separator: "、")),
            .text(String(e.members)), .text(ctx.t(e.partner.phrase)), .text(classes[e.id].map { ctx.t($0.phrase) } ?? ""),
        ] }, empty: .soNone))
        content.append(Pager.nav(ctx, page, path: "/social-organizations", keep: [("category", category?.rawValue)]))
        content.append(H.tag("p", [], [H.link("/social-organizations.csv" + (category.map { "?category=" + $0.rawValue } ?? ""), ctx.t(.downloadCSV))]))
        content.append(H.tag("p", [], [.text(ctx.t(.soListsLinks) + "："), H.link("/social-organizations/abnormal", ctx.t(CreditList.abnormal.phrase)),
                                       .text(" · "), H.link("/social-organizations/dishonest", ctx.t(CreditList.dishonest.phrase))]))
        return WebPage(title: ctx.t(.socialOrganizations), content)
    }

    static func show(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let e = try await FilingsAPIController.entry(req)
        let names = try await SocialOrganizationsViews.divisionNames([e.streetCode] + e.communities, on: req.db)
        let facts = SocialOrganizationsViews.facts(ctx, [
            (.soCategory, ctx.t(e.category.phrase)),
            (.soStreet, "\(names[e.streetCode] ?? e.streetCode) (\(e.streetCode))"),
            (.soCommunities, e.communities.map { "\(names[$0] ?? $0) (\($0))" }.joined(separator: "、")),
            (.soPurpose, e.purpose),
            (.soMembers, String(e.members)),
            (.soPartner, ctx.t(e.partner.phrase)),
            (.soContactName, e.contactName),
            (.soContactPhone, e.contactPhone),
            (.soApprovedAt, e.approvedAt.map { BeijingTime.text($0) } ?? ""),
        ])
        // C3: the class with its rule, the lists, the integrity record and the annual reports (and the forms of those who write them).
        let credit = try await IntegrityPages.sections(req, try await IntegrityAPIController.load(req))
        return WebPage(title: e.name, [facts] + credit + [H.tag("p", [], [H.link("/social-organizations", ctx.t(.socialOrganizations))])])
    }

    static let csvHeader = ["id", "name", "category", "category_zh", "street_code", "communities", "purpose", "members", "partner",
                            "contact_name", "contact_phone_masked", "approved_at", "supervision_class"]

    /// The whole registry (or one category) for a spreadsheet: what the page lists, never a phone in full.
    static func csv(_ req: Request) async throws -> Response {
        let category = try FilingsAPIController.category(req)
        let filings = try await FilingQueries.registry(category: category, on: req.db).all()
        let served = try await Filings.communities(of: filings.compactMap(\.id), on: req.db)
        let day = IntegrityRecord.today
        let classes = try await IntegrityRecord.facts(for: filings, on: req.db).mapValues { SupervisionClass.of($0, on: day).0.rawValue }
        let rows = filings.compactMap { f in f.id.flatMap { RegistryEntry(f, communities: served[$0] ?? []) } }.map { e in
            [e.id.uuidString, e.name, e.category.rawValue, e.category.phrase.zh, e.streetCode, e.communities.joined(separator: " "), e.purpose,
             String(e.members), e.partner.rawValue, e.contactName, e.contactPhone, e.approvedAt.map { BeijingTime.text($0) } ?? "",
             classes[e.id] ?? ""]
        }
        return .csv(filename: "social-organizations.csv", header: csvHeader, rows: rows)
    }
}

/// What the registry's and the filings' pages share.
enum SocialOrganizationsViews {
    static func divisionNames(_ codes: [String], on db: any Database) async throws -> [String: String] {
        let unique = Array(Set(codes))
        guard !unique.isEmpty else { return [:] }
        return Dictionary(try await Division.query(on: db).filter(\.$id ~~ unique).all().map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    static func table(_ ctx: RequestContext, head: [Phrase], rows: [[BodyNode]], empty: Phrase) -> BodyNode {
        guard !rows.isEmpty else { return H.tag("p", [], [.text(ctx.t(empty))]) }
        let labels = head.map { ctx.t($0) }
        return H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
            H.tag("thead", [], [H.tag("tr", [], labels.map { H.tag("th", [("scope", "col")], [.text($0)]) })]),
            H.tag("tbody", [], rows.map { cells in
                H.tag("tr", [], zip(labels, cells).map { label, cell in H.tag("td", [("data-label", label)], [cell]) })
            }),
        ])])
    }

    static func facts(_ ctx: RequestContext, _ rows: [(Phrase, String)]) -> BodyNode {
        H.tag("dl", [("class", "record")], rows.flatMap { label, value in
            [H.tag("dt", [], [.text(ctx.t(label))]), H.tag("dd", [], [.text(value)])]
        })
    }
}
