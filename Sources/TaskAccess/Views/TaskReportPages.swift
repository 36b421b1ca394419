import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// F1 "per task" for the office and department staff: the same handler as the JSON route, so the same scope.
enum TaskReportPages {
    static let path = "/task-access/task-funds"

    static func routes(_ web: any RoutesBuilder) {
        web.get("task-access", "task-funds", use: list)
        web.get("task-access", "task-funds.csv", use: TaskReportAPIController.csv)
    }

    static func list(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let report = try await TaskReportAPIController.list(req)
        let year = report.year
        return WebPage(title: ctx.t(.taskFunds) + " · \(year)", [
            PublicTaskPages.yearForm(ctx, year: year, path: path),
            H.tag("p", [("class", "hint")], [.text(ctx.t(.taskFundsIntro))]),
            H.tag("p", [("class", "hint")], [.text(ctx.t(.taskFundsMustNote))]),
            H.tag("p", [], [H.link("\(path).csv?year=\(year)", ctx.t(.downloadCSV))]),
            H.tag("h2", [], [.text(ctx.t(.taskFundsTotals))]),
            H.tag("dl", [("class", "record")], [
                H.tag("dt", [], [.text(ctx.t(.taApprovedPlans))]), H.tag("dd", [], [.text(String(report.approvedPlans))]),
                H.tag("dt", [], [.text(ctx.t(.taReserved))]), H.tag("dd", [], [.text(report.promised.description)]),
                H.tag("dt", [], [.text(ctx.t(.taCommitted))]), H.tag("dd", [], [.text(report.committed.description)]),
                H.tag("dt", [], [.text(ctx.t(.taDisbursed))]), H.tag("dd", [], [.text(report.disbursed.description)]),
            ]),
            TaskAccessPages.table(ctx, [.taskTitle, .taDepartment, .taClassification, .taHours, .taCommittees, .taPlansFunding,
                                        .taReserved, .taCommitted, .taDisbursed], report.items.map { t in
                [H.link("/task-access/tasks/\(t.taskID.uuidString)", t.title), .text(t.department), .text(ctx.t(t.classification.phrase)),
                 .text(String(t.hoursPerYear)), .text(String(t.committees)), .text(String(t.plans)),
                 .text(t.promised.description), .text(t.committed.description), .text(t.disbursed.description)]
            }),
            Pager.nav(ctx, report.listPage, path: path, keep: [("year", String(year))]),
        ])
    }
}
