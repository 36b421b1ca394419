import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// A3: every committee's burden for the office and officials; a committee's own, with the shortfall form.
enum BurdenPages {
    static func communityBack(_ req: Request) async throws -> String {
        "/communities/\(try await req.taskCommunity().code)/task-burden"
    }

    static func list(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let year = try await req.reportYear()
        let page = try await BurdenAPIController.list(req)
        return WebPage(title: ctx.t(.burdenOfCommittees) + " · \(year)", [
            PublicTaskPages.yearForm(ctx, year: year, path: "/task-access/burden"),
            H.tag("p", [], [H.link("/task-access/burden.csv?year=\(year)", ctx.t(.downloadCSV))]),
            TaskAccessPages.table(ctx, [.taCommunity, .taTasks, .taHours, .taPromised, .taReceived, .taOutstanding], page.items.map { b in
                [H.link("/communities/\(b.community)/task-burden?year=\(year)", "\(b.name) \(b.community)"), .text(String(b.tasks)),
                 .text(String(b.hours)), .text(b.promised.description), .text(b.received.description), .text(b.outstanding.description)]
            }),
            Pager.nav(ctx, page, path: "/task-access/burden", keep: [("year", String(year))]),
        ])
    }

    static func community(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let actor = try req.requireActor()
        let detail = try await BurdenAPIController.community(req)
        let b = detail.burden
        let f = ctx.forms
        var content: [BodyNode] = [
            PublicTaskPages.yearForm(ctx, year: b.year, path: "/communities/\(b.community)/task-burden"),
            H.tag("dl", [("class", "record")], [
                H.tag("dt", [], [.text(ctx.t(.taTasks))]), H.tag("dd", [], [.text(String(b.tasks))]),
                H.tag("dt", [], [.text(ctx.t(.taHours))]), H.tag("dd", [], [.text(String(b.hours))]),
                H.tag("dt", [], [.text(ctx.t(.taPromised))]), H.tag("dd", [], [.text(b.promised.description)]),
                H.tag("dt", [], [.text(ctx.t(.taReceived))]), H.tag("dd", [], [.text(b.received.description)]),
                H.tag("dt", [], [.text(ctx.t(.taOutstanding))]), H.tag("dd", [], [.text(b.outstanding.description)]),
            ]),
            H.tag("h2", [], [.text(ctx.t(.tasksCarried))]),
            TaskAccessPages.table(ctx, [.taskTitle, .taLegalBasis, .taDepartment, .taClassification, .hoursPerYear], detail.tasks.map { t in
                [.text(t.title), .text(t.legalBasis), .text(t.department), .text(ctx.t(t.classification.phrase)), .text(String(t.hoursPerYear))]
            }),
            H.tag("h2", [], [.text(ctx.t(.taAgreements))]),
            TaskAccessPages.table(ctx, [.planTitle, .agreementKindLabel, .termStart, .taState], detail.agreements.map { a in
                [.text(a.title), .text(ctx.t(a.kind.phrase)), .text("\(a.termStart) – \(a.termEnd)"), .text(ctx.t(a.state.phrase))]
            }),
            H.tag("h2", [], [.text(ctx.t(.shortfalls))]),
            TaskAccessPages.table(ctx, [.taNature, .taNote, .taAnswer], detail.shortfalls.map { r in
                [.text(ctx.t(r.kind.phrase)), .text(r.text), .text(r.answer ?? ctx.t(.notAnswered))]
            }),
        ]
        if Policy.may(actor, .shortfallReport, at: b.community) {
            content.append(H.tag("h2", [], [.text(ctx.t(.reportShortfall))]))
            content.append(f.form(action: "/communities/\(b.community)/shortfalls", [
                f.select(.taNature, name: "kind", options: TaskAccessPages.options(ShortfallKind.self, ctx) { $0.phrase }, selected: nil),
                f.select(.taAgreements, name: "agreementID", options: detail.agreements.compactMap { a in a.id.map { (value: $0.uuidString, label: a.title) } },
                         selected: nil, includeEmpty: true),
                TaskAccessPages.textarea(ctx, .taNote, name: "text", max: 4000),
                f.submit(.reportShortfall),
            ]))
        }
        return WebPage(title: "\(b.name) · \(ctx.t(.taBurden)) · \(b.year)", content)
    }

    static func shortfalls(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let actor = try req.requireActor()
        let page = try await BurdenAPIController.shortfalls(req)
        let departments = Dictionary(try await Department.query(on: req.db).filter(\.$id ~~ Set(page.items.compactMap(\.departmentID))).all()
            .compactMap { d in d.id.map { ($0, d) } }, uniquingKeysWith: { a, _ in a })
        var rows: [[BodyNode]] = []
        for r in page.items {
            var answer: BodyNode = .text(r.answer ?? ctx.t(.notAnswered))
            if r.answer == nil, TaskAccessAuthority.mayAnswer(actor, r, department: r.departmentID.flatMap { departments[$0] }), let id = r.id {
                let f = ctx.forms
                answer = f.form(action: "/task-access/shortfalls/\(id.uuidString)/answer", [
                    TaskAccessPages.textarea(ctx, .taAnswer, name: "answer", max: 4000), f.submit(.taAnswer),
                ])
            }
            rows.append([.text(r.divisionCode), .text(ctx.t(r.kind.phrase)), .text(r.text), answer])
        }
        return WebPage(title: ctx.t(.shortfalls), [
            TaskAccessPages.table(ctx, [.taCommunity, .taNature, .taNote, .taAnswer], rows),
            Pager.nav(ctx, page, path: "/task-access/shortfalls"),
        ])
    }
}
