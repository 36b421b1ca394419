import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// Agreements, legacy letters' conversion, inspections and disbursements.
enum AgreementPages {
    static func back(_ req: Request) async throws -> String {
        guard let a = try await TaskAgreement.find(try req.idParameter(), on: req.db) else { throw ShequError.notFound }
        return "/task-access/agreements/\(try a.requireID().uuidString)"
    }

    static func list(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let page = try await AgreementsAPIController.list(req)
        let names = try await TaskAccessPages.departmentNames(page.items.map(\.departmentID), on: req.db)
        return WebPage(title: ctx.t(.taAgreements), [
            TaskAccessPages.table(ctx, [.planTitle, .agreementKindLabel, .taParty, .taDepartment, .taFunding, .taState], page.items.map { a in
                [H.link("/task-access/agreements/\(a.id?.uuidString ?? "")", a.title), .text(ctx.t(a.kind.phrase)), .text(a.divisionCode),
                 .text(names[a.departmentID] ?? ""), .text(a.funding.description), .text(ctx.t(a.state.phrase))]
            }),
            Pager.nav(ctx, page, path: "/task-access/agreements"),
        ])
    }

    static func show(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let actor = try req.requireActor()
        let detail = try await AgreementsAPIController.show(req)
        let a = detail.agreement
        let id = try a.requireID().uuidString
        let department = try await req.department(a.departmentID)
        let f = ctx.forms
        var content: [BodyNode] = [H.tag("dl", [("class", "record")], [
            H.tag("dt", [], [.text(ctx.t(.agreementKindLabel))]), H.tag("dd", [], [.text(ctx.t(a.kind.phrase))]),
            H.tag("dt", [], [.text(ctx.t(.taState))]), H.tag("dd", [], [.text(ctx.t(a.state.phrase) + (a.closingReason.map { " · " + $0 } ?? ""))]),
            H.tag("dt", [], [.text(ctx.t(.taDepartment))]), H.tag("dd", [], [.text(detail.department)]),
            H.tag("dt", [], [.text(ctx.t(.taParty))]), H.tag("dd", [], [.text(a.divisionCode)]),
            H.tag("dt", [], [.text(ctx.t(.termStart))]), H.tag("dd", [], [.text("\(a.termStart) – \(a.termEnd)")]),
            H.tag("dt", [], [.text(ctx.t(.deliverables))]), H.tag("dd", [], [.text(a.deliverables)]),
            H.tag("dt", [], [.text(ctx.t(.inspectionSchedule))]), H.tag("dd", [], [.text(a.inspectionSchedule)]),
            H.tag("dt", [], [.text(ctx.t(.taFunding))]), H.tag("dd", [], [.text(a.funding.description)]),
        ])]
        if let planID = a.planID { content.append(H.tag("p", [], [H.link("/task-access/plans/\(planID.uuidString)", ctx.t(.taPlans))])) }
        content.append(H.tag("h2", [], [.text(ctx.t(.taCommunities))]))
        content.append(TaskAccessPages.table(ctx, [.taCommunity, .taPromised], detail.communities.map { c in
            // A department reads its agreement but not the committee's burden page: the code alone, not a link it is refused.
            [Policy.may(actor, .burdenRead, at: c.divisionCode) ? H.link("/communities/\(c.divisionCode)/task-burden", c.divisionCode) : .text(c.divisionCode),
             .text(Money(fen: c.promisedFen).description)]
        }))
        content.append(H.tag("h2", [], [.text(ctx.t(.taInspections))]))
        content.append(TaskAccessPages.table(ctx, [.inspectedOn, .taResult, .taFindings], detail.inspections.map { i in
            [.text(i.inspectedOn), .text(ctx.t(i.result.phrase)), .text(i.findings)]
        }))
        content.append(H.tag("h2", [], [.text(ctx.t(.disbursements))]))
        content.append(TaskAccessPages.table(ctx, [.taCommunity, .amountYuan, .taMemo], detail.disbursements.map { d in
            [.text(d.divisionCode), .text(Money(fen: d.amountFen).description), .text(d.memo)]
        }))
        let active = a.state == .active
        if active && a.kind != .responsibilityLetter && TaskAccessAuthority.may(actor, .agreementInspect, for: department) {
            content.append(H.tag("h2", [], [.text(ctx.t(.recordInspection))]))
            content.append(f.form(action: "/task-access/agreements/\(id)/inspections", [
                f.field(.inspectedOn, name: "inspectedOn", value: LocalDate(instant: Date()).description, type: "date", required: true, maxLength: 10),
                f.select(.taResult, name: "result", options: TaskAccessPages.options(InspectionResult.self, ctx) { $0.phrase }, selected: nil),
                TaskAccessPages.textarea(ctx, .taFindings, name: "findings", max: 4000),
                f.submit(.recordInspection),
            ]))
        }
        if active && a.kind != .responsibilityLetter && TaskAccessAuthority.may(actor, .agreementDisburse, for: department) {
            content.append(H.tag("h2", [], [.text(ctx.t(.disburse))]))
            content.append(f.form(action: "/task-access/agreements/\(id)/disbursements", [
                f.select(.taCommunity, name: "community", options: detail.communities.map { (value: $0.divisionCode, label: $0.divisionCode) }, selected: nil),
                f.field(.amountYuan, name: "amount", required: true, inputmode: "decimal", maxLength: 20),
                f.field(.taMemo, name: "memo", maxLength: 500),
                f.submit(.disburse),
            ]))
        }
        if active && TaskAccessAuthority.may(actor, .agreementWrite, for: department) {
            if a.kind == .responsibilityLetter {
                content.append(H.tag("h2", [], [.text(ctx.t(.taConvert))]))
                content.append(f.form(action: "/task-access/agreements/\(id)/convert", [
                    f.select(.agreementKindLabel, name: "kind",
                             options: [AgreementKind.entrustment, .purchaseOfService].map { (value: $0.rawValue, label: ctx.t($0.phrase)) }, selected: nil),
                    TaskAccessPages.textarea(ctx, .taReason, name: "reason", max: 2000),
                    f.submit(.taConvert),
                ]))
            }
            content.append(H.tag("h2", [], [.text(ctx.t(.taTerminate))]))
            content.append(f.form(action: "/task-access/agreements/\(id)/terminate", [
                TaskAccessPages.textarea(ctx, .taReason, name: "reason", max: 2000), f.submit(.taTerminate),
            ]))
        }
        return WebPage(title: a.title, content)
    }
}
