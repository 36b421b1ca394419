import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// The registry on paper-like pages: public lists (city-wide and per community),
/// one assessment with its basis, and for registrars the registration and
/// withdrawal forms, which post to the API's own handlers. No JavaScript.
enum AssessmentPages {
    static func index(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let status = try AssessmentsAPIController.status(req) ?? .registered
        let year = try AssessmentsAPIController.year(req)
        let page = try await AssessmentRegistry.list(status: status, year: year, on: req.db).paged(ListPageRequest(req), AssessmentView.init)
        let counts = try await AssessmentRegistry.countsByBody(year: year, on: req.db)
        var content: [BodyNode] = [H.tag("p", [], [.text(ctx.t(.assessmentRegistryIntro))])]
        if let actor = ctx.actor, Policy.may(actor, .assessmentRegister) {
            content.append(H.tag("p", [], [H.link("/assessments/new", ctx.t(.assessmentRegisterAction), class: "button")]))
        }
        content.append(H.tag("h2", [], [.text(ctx.t(.assessmentByBody))]))
        if counts.isEmpty {
            content.append(H.tag("p", [], [.text(ctx.t(.assessmentNone))]))
        } else {
            content.append(H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
                H.tag("thead", [], [H.tag("tr", [], [H.tag("th", [], [.text(ctx.t(.assessmentBody))]), H.tag("th", [], [.text(ctx.t(.assessmentCount))])])]),
                H.tag("tbody", [], counts.map { c in H.tag("tr", [], [
                    H.tag("td", [("data-label", ctx.t(.assessmentBody))], [.text(c.body)]),
                    H.tag("td", [("data-label", ctx.t(.assessmentCount))], [.text(String(c.count))]),
                ]) }),
            ])]))
        }
        let yearText = year.map(String.init)
        content.append(H.tag("h2", [], [.text(ctx.t(status.phrase))]))
        content.append(H.tag("p", [], [
            H.link("/assessments?status=registered" + (yearText.map { "&year=" + $0 } ?? ""), ctx.t(.assessmentShowRegistered)), .text(" · "),
            H.link("/assessments?status=withdrawn" + (yearText.map { "&year=" + $0 } ?? ""), ctx.t(.assessmentShowWithdrawn)), .text(" · "),
            H.link("/assessments.csv?status=\(status.rawValue)" + (yearText.map { "&year=" + $0 } ?? ""), ctx.t(.downloadCSV)),
        ]))
        content.append(table(page.items, ctx))
        content.append(Pager.nav(ctx, page, path: "/assessments", keep: [("status", status.rawValue), ("year", yearText)]))
        return WebPage(title: ctx.t(.assessmentRegistry), content)
    }

    static func community(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let code = try await AssessmentsAPIController.communityCode(req)
        let name = try await Division.find(code, on: req.db)?.name ?? code
        let page = try await AssessmentRegistry.covering(code, on: req.db, page: ListPageRequest(req))
        return WebPage(title: name + " · " + ctx.t(.assessmentCommunityTitle), [
            H.tag("p", [], [.text(ctx.t(.assessmentRegistryIntro))]),
            table(page.items, ctx),
            Pager.nav(ctx, page, path: "/communities/\(code)/assessments"),
            H.tag("p", [], [
                H.link("/assessments.csv?status=registered&community=\(code)", ctx.t(.downloadCSV)), .text(" · "),
                H.link("/assessments", ctx.t(.assessmentCityList)),
            ]),
        ])
    }

    static func table(_ items: [AssessmentView], _ ctx: RequestContext) -> BodyNode {
        guard !items.isEmpty else { return H.tag("p", [], [.text(ctx.t(.assessmentNone))]) }
        let head = [Phrase.assessmentTitle, .assessmentKind, .assessmentBody, .assessmentBasis, .assessmentYear, .assessmentStatus]
        return H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
            H.tag("thead", [], [H.tag("tr", [], head.map { H.tag("th", [], [.text(ctx.t($0))]) })]),
            H.tag("tbody", [], items.map { a in H.tag("tr", [], [
                H.tag("td", [("data-label", ctx.t(.assessmentTitle))], [H.link("/assessments/\(a.id.uuidString)", a.title)]),
                H.tag("td", [("data-label", ctx.t(.assessmentKind))], [.text(ctx.t(a.kind.phrase))]),
                H.tag("td", [("data-label", ctx.t(.assessmentBody))], [.text(a.body)]),
                H.tag("td", [("data-label", ctx.t(.assessmentBasis))], [.text(basisText(a, ctx))]),
                H.tag("td", [("data-label", ctx.t(.assessmentYear))], [.text(String(a.year) + (a.period.isEmpty ? "" : " " + a.period))]),
                H.tag("td", [("data-label", ctx.t(.assessmentStatus))], [.text(ctx.t(a.status.phrase))]),
            ]) }),
        ])])
    }

    static func basisText(_ a: AssessmentView, _ ctx: RequestContext) -> String {
        "\(ctx.t(a.basisLevel.phrase))：\(a.basisDocument) \(a.basisArticle)"
    }

    static func show(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let a = try await AssessmentsAPIController.show(req)
        let names = Dictionary(try await Division.query(on: req.db).filter(\.$id ~~ a.coverage).all().map { ($0.code, $0.name) },
                               uniquingKeysWith: { x, _ in x })
        func row(_ label: Phrase, _ value: [BodyNode]) -> [BodyNode] {
            [H.tag("dt", [], [.text(ctx.t(label))]), H.tag("dd", [], value)]
        }
        var facts = row(.assessmentKind, [.text(ctx.t(a.kind.phrase))]) + row(.assessmentBody, [.text(a.body)])
        facts += row(.assessmentBasis, [.text(basisText(a, ctx))])
        facts += row(.assessmentYear, [.text(String(a.year) + (a.period.isEmpty ? "" : " " + a.period))])
        facts += row(.assessmentCoverage, [H.tag("ul", [], a.coverage.map { code in
            H.tag("li", [], [code.count == 12 ? H.link("/communities/\(code)/assessments", names[code] ?? code) : .text("\(names[code] ?? code) (\(code))")])
        })])
        facts += row(.assessmentIndicators, [.text(a.indicators)])
        facts += row(.assessmentStatus, [.text(ctx.t(a.status.phrase))])
        if let reason = a.withdrawalReason { facts += row(.assessmentWithdrawReason, [.text(reason)]) }
        var content: [BodyNode] = [H.tag("dl", [("class", "record")], facts)]
        if a.status == .registered, let actor = ctx.actor, a.coverage.allSatisfy({ Policy.may(actor, .assessmentWithdraw, at: $0) }) {
            let f = ctx.forms
            content.append(f.form(action: "/assessments/\(a.id.uuidString)/withdraw", [
                H.tag("div", [("class", "field")], [
                    H.tag("label", [("for", "f-reason")], [.text(ctx.t(.assessmentWithdrawReason))]),
                    H.tag("textarea", [("name", "reason"), ("id", "f-reason"), ("maxlength", "1000"), ("rows", "3"), ("required", "required")], []),
                ]),
                f.submit(.assessmentWithdrawAction),
            ]))
        }
        content.append(H.tag("p", [], [H.link("/assessments", ctx.t(.assessmentCityList))]))
        return WebPage(title: a.title, content)
    }

    /// The registration form, for those the policy lets register; others are refused (and logged) here already.
    static func new(_ req: Request) async throws -> WebPage {
        let actor = try await req.authorize(.assessmentRegister, entity: "assessment")
        let ctx = req.context
        let f = ctx.forms
        let scopes = Policy.scopes(of: actor, for: .assessmentRegister)
        // A city-wide registrar sees the whole city: a few hundred divisions, one list.
        let divisions = try await Division.query(on: req.db).group(.or) { or in
            for prefix in scopes { or.group(.and) { $0.filter(\.$id >= prefix).filter(\.$id < prefix + "~") } }
        }.sort(\.$id).all()
        let isOffice = actor.grants.contains { $0.role == .leadingGroupOffice }
        let ownDepartments = Set(actor.grants.filter { $0.role == .departmentStaff }.compactMap(\.departmentID))
        let departments = try await Department.query(on: req.db).sort(\.$name).all()
            .filter { d in isOffice || d.id.map(ownDepartments.contains) == true }
        func indented(_ d: Division) -> String {
            String(repeating: "　", count: [4, 6, 9, 12].firstIndex(of: d.code.count) ?? 0) + d.name + " " + d.code
        }
        var fields: [BodyNode] = [
            H.tag("p", [("class", "hint")], [.text(ctx.t(.assessmentRegisterHint))]),
            f.field(.assessmentTitle, name: "title", required: true, maxLength: 200),
            f.select(.assessmentKind, name: "kind", options: AssessmentKind.allCases.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: nil),
            f.select(.assessmentDepartment, name: "departmentID", options: departments.compactMap { d in d.id.map { ($0.uuidString, d.name) } },
                     selected: nil, includeEmpty: isOffice),
        ]
        if isOffice {
            fields.append(f.select(.assessmentGovernment, name: "governmentCode",
                                   options: divisions.filter { $0.code.count < 12 }.map { ($0.code, indented($0)) }, selected: nil, includeEmpty: true))
        }
        fields += [
            f.select(.assessmentBasisLevel, name: "basisLevel", options: BasisLevel.allCases.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: nil,
                     includeEmpty: true),
            // Required on the page as in rule A5; the server refuses a missing basis all the same, with the rule.
            f.field(.assessmentBasisDocument, name: "basisDocument", required: true, maxLength: 300),
            f.field(.assessmentBasisArticle, name: "basisArticle", required: true, maxLength: 200),
            f.field(.assessmentYear, name: "year", value: String(LocalDate(instant: Date()).components.year), required: true,
                    inputmode: "numeric", maxLength: 4),
            f.field(.assessmentPeriod, name: "period", maxLength: 50),
            H.tag("div", [("class", "field")], [
                H.tag("label", [("for", "f-coverage")], [.text(ctx.t(.assessmentCoverage))]),
                H.tag("p", [("class", "hint"), ("id", "f-coverage-hint")], [.text(ctx.t(.assessmentCoverageHint))]),
                H.tag("select", [("name", "coverage[]"), ("id", "f-coverage"), ("multiple", "multiple"), ("size", "12"), ("required", "required"),
                                 ("aria-describedby", "f-coverage-hint")],
                      divisions.map { H.tag("option", [("value", $0.code)], [.text(indented($0))]) }),
            ]),
            H.tag("div", [("class", "field")], [
                H.tag("label", [("for", "f-indicators")], [.text(ctx.t(.assessmentIndicators))]),
                H.tag("textarea", [("name", "indicators"), ("id", "f-indicators"), ("maxlength", "2000"), ("rows", "4"), ("required", "required")], []),
            ]),
            f.submit(.assessmentRegisterAction),
        ]
        return WebPage(title: ctx.t(.assessmentRegisterAction), [f.form(action: "/assessments", fields)])
    }
}
