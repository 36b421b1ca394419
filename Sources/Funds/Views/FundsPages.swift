import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// The funds on pages: the public summaries, the reports with their CSV, and the leading-group
/// office's forms, each posting to the route the API uses (PageDoor), so both run one command.
enum FundsPages {
    static func table(_ ctx: RequestContext, head: [Phrase], rows: [[String]], total: [String]? = nil) -> BodyNode {
        guard !rows.isEmpty else { return H.tag("p", [], [.text(ctx.t(.nothingYet))]) }
        let headCells = head.map { ctx.t($0) }
        var body = rows.map { cells in
            H.tag("tr", [], zip(headCells, cells).map { label, cell in H.tag("td", [("data-label", label)], [.text(cell)]) })
        }
        if let total {
            body.append(H.tag("tr", [("class", "total")], zip(headCells, total).map { label, cell in H.tag("th", [("data-label", label)], [.text(cell)]) }))
        }
        return H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
            H.tag("thead", [], [H.tag("tr", [], headCells.map { H.tag("th", [("scope", "col")], [.text($0)]) })]),
            H.tag("tbody", [], body),
        ])])
    }

    static func may(_ ctx: RequestContext, _ action: Action) -> Bool { ctx.actor.map { Policy.may($0, action) } ?? false }

    static func reportLinks(_ ctx: RequestContext) -> BodyNode {
        var links: [BodyNode] = [
            H.tag("li", [], [H.link("/fund-reports/districts", ctx.t(.reportByDistrict))]),
            H.tag("li", [], [H.link("/fund-reports/committees", ctx.t(.reportByCommittee))]),
        ]
        if may(ctx, .fundRead) { links.append(H.tag("li", [], [H.link("/fund-reports/departments", ctx.t(.reportByDepartment))])) }
        return H.tag("ul", [("class", "links")], links)
    }

    static func fundRows(_ funds: [FundsReport.FundRow], _ ctx: RequestContext) -> [[String]] {
        funds.map { f in
            [f.name, ctx.t(f.kind.phrase), "\(f.firstYear)–\(f.lastYear)", f.document, f.figures.contributed.yuanText,
             f.figures.allocatedToDistricts.yuanText, f.figures.unallocated.yuanText, f.figures.disbursed.yuanText, f.figures.remaining.yuanText]
        }
    }

    static let fundHead: [Phrase] = [.fundName, .fundKind, .fundPeriod, .fundDocument, .contributed, .allocatedToDistricts, .unallocated, .disbursed, .remaining]

    static func start(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let funds = try await FundsAPIController.list(req)
        var content: [BodyNode] = [
            H.tag("p", [], [.text(ctx.t(.fundsIntro))]),
            H.tag("h2", [], [.text(ctx.t(.reportByFund))]),
            H.tag("p", [("class", "hint")], [.text(ctx.t(.fundColumnsFund))]),
        ]
        if funds.isEmpty {
            content.append(H.tag("p", [], [.text(ctx.t(.noFundsYet))]))
        } else {
            content.append(H.tag("ul", [], funds.map { f in H.tag("li", [], [H.link("/funds/\(f.id.uuidString)", f.name)]) }))
            content.append(table(ctx, head: fundHead, rows: fundRows(funds, ctx)))
        }
        content.append(H.tag("p", [], [H.link("/fund-reports/funds.csv", ctx.t(.downloadCSV))]))
        content.append(reportLinks(ctx))
        // A residents' committee sees first what it has received, with the agreements' figures beside it.
        let own = ctx.actor?.grants.filter { $0.role == .communityStaff && $0.scope.count == 12 }.map(\.scope) ?? []
        for community in Set(own).sorted() {
            let received = try await FundsLedger.receivedByCommittee(community, on: req.db)
            content.append(H.tag("p", [("class", "notice")], [
                .text("\(ctx.t(.ownCommitteeReceived)) \(community): ¥\(received.yuanText) "),
                H.link("/fund-reports/committees?district=\(community.prefix(6))", ctx.t(.reportByCommittee)),
            ]))
        }
        if may(ctx, .fundCreate) {
            let f = ctx.forms
            content.append(H.tag("h2", [], [.text(ctx.t(.createFund))]))
            content.append(f.form(action: "/funds", [
                f.field(.fundName, name: "name", required: true, maxLength: 100),
                f.select(.fundKind, name: "kind", options: FundKind.allCases.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: FundKind.special.rawValue),
                f.field(.firstYear, name: "firstYear", type: "number", required: true, inputmode: "numeric", maxLength: 4),
                f.field(.lastYear, name: "lastYear", type: "number", required: true, inputmode: "numeric", maxLength: 4),
                f.field(.decisionDocument, name: "document", required: true, maxLength: FundsInputs.documentMax),
                f.submit(.createFund),
            ]))
        }
        return WebPage(title: ctx.t(.funds), content)
    }

    static func fund(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let detail = try await FundsAPIController.show(req)
        let f = detail.fund
        var content: [BodyNode] = [
            H.tag("p", [], [.text("\(ctx.t(f.kind.phrase)) · \(f.firstYear)–\(f.lastYear) · \(f.document)")]),
            H.tag("p", [("class", "hint")], [.text(ctx.t(.fundColumnsFund))]),
            table(ctx, head: Array(fundHead.dropFirst(4)), rows: fundRows([f], ctx).map { Array($0.dropFirst(4)) }),
            H.tag("h2", [], [.text(ctx.t(.reportByDistrict))]),
            H.tag("p", [("class", "hint")], [.text(ctx.t(.fundColumnsDistrict))]),
            table(ctx, head: [.district, .allocated, .disbursed, .remaining], rows: detail.districts.map(cells)),
            H.tag("ul", [("class", "links")], [
                H.tag("li", [], [H.link("/fund-reports/districts?fund=\(f.id.uuidString)", ctx.t(.reportByDistrict))]),
                H.tag("li", [], [H.link("/fund-reports/committees?fund=\(f.id.uuidString)", ctx.t(.reportByCommittee))]),
                may(ctx, .fundRead) ? H.tag("li", [], [H.link("/fund-reports/departments?fund=\(f.id.uuidString)", ctx.t(.reportByDepartment))]) : .empty,
                may(ctx, .fundRead) ? H.tag("li", [], [H.link("/funds/\(f.id.uuidString)/entries", ctx.t(.ledgerEntries))]) : .empty,
            ]),
        ]
        content += budgetLineSection(ctx, fund: f, lines: detail.budgetLines)
        let forms = ctx.forms
        if may(ctx, .fundContribute) {
            content.append(H.tag("h2", [], [.text(ctx.t(.recordContribution))]))
            content.append(forms.form(action: "/funds/\(f.id.uuidString)/contributions", [
                forms.field(.contributorCode, name: "divisionCode", value: f.divisionCode, required: true, inputmode: "numeric", maxLength: 12),
                forms.field(.amountYuan, name: "amount", required: true, hint: .amountHint, inputmode: "decimal", maxLength: 24),
                forms.field(.decisionDocument, name: "document", required: true, maxLength: FundsInputs.documentMax),
                forms.field(.memo, name: "memo", maxLength: FundsInputs.memoMax),
                forms.submit(.recordContribution),
            ]))
        }
        if may(ctx, .fundAllocate) {
            content.append(H.tag("h2", [], [.text(ctx.t(.allocateToDistrict))]))
            content.append(forms.form(action: "/funds/\(f.id.uuidString)/allocations", [
                allocationSource(ctx, lines: detail.budgetLines),
                forms.field(.districtCode, name: "district", required: true, inputmode: "numeric", maxLength: 6),
                forms.field(.amountYuan, name: "amount", required: true, hint: .amountHint, inputmode: "decimal", maxLength: 24),
                forms.field(.decisionDocument, name: "document", required: true, maxLength: FundsInputs.documentMax),
                forms.field(.memo, name: "memo", maxLength: FundsInputs.memoMax),
                forms.submit(.allocateToDistrict),
            ]))
        }
        return WebPage(title: f.name, content)
    }

    static func cells(_ r: FundsReport.Row) -> [String] {
        ["\(r.name) (\(r.key))", r.allocated.yuanText, r.disbursed.yuanText, r.remaining.yuanText]
    }

    static func totals(_ rows: [FundsReport.Row], _ ctx: RequestContext) -> [String]? {
        guard !rows.isEmpty, let a = Money.sum(rows.map(\.allocated)), let d = Money.sum(rows.map(\.disbursed)),
              let r = Money.sum(rows.map(\.remaining)) else { return nil }
        return [ctx.t(.total), a.yuanText, d.yuanText, r.yuanText]
    }

    /// The fund chooser: a GET form, so a report for one fund has an address of its own.
    static func fundChooser(_ req: Request, path: String, extra: [BodyNode] = []) async throws -> BodyNode {
        let ctx = req.context
        let selected = try FundsAPIController.fundFilter(req)?.uuidString ?? ""
        let funds = try await Fund.query(on: req.db).sort(\.$firstYear).sort(\.$name).all()
        return H.tag("form", [("method", "get"), ("action", path)], [
            ctx.forms.select(.fundName, name: "fund", options: [("", ctx.t(.allFunds))] + funds.compactMap { f in f.id.map { ($0.uuidString, f.name) } },
                             selected: selected),
        ] + extra + [ctx.forms.submit(.showReport)])
    }

    static func csvLink(_ req: Request, _ path: String) -> BodyNode {
        let query = req.url.query.map { "?" + $0 } ?? ""
        return H.tag("p", [], [H.link(path + query, req.context.t(.downloadCSV))])
    }

    static func report(_ req: Request, title: Phrase, columns: Phrase, first: Phrase, rows: [FundsReport.Row], path: String,
                       second: Phrase = .disbursed, extra: [BodyNode] = []) async throws -> WebPage {
        let ctx = req.context
        // A page of rows, the total over all of them: the city's 343 committees on one page took 30 ms to
        // render and 72 kB to send (a p99 of 53 ms at city scale); the CSV and the API keep every row.
        let paging = try ListPageRequest(req)
        let shown = Array(rows.dropFirst(paging.offset).prefix(paging.perPage))
        let page = ListPage(items: shown, total: rows.count, page: paging.page, perPage: paging.perPage)
        return WebPage(title: ctx.t(.funds) + " · " + ctx.t(title), [
            try await fundChooser(req, path: path, extra: extra),
            H.tag("p", [("class", "hint")], [.text(ctx.t(columns))]),
            table(ctx, head: [first, .allocated, second, .remaining], rows: shown.map(cells), total: totals(rows, ctx).map { cells in
                // Said in so many words when the page shows fewer rows than the total sums.
                rows.count > shown.count ? [ctx.t(.totalOfAllRows).replacingOccurrences(of: "%@", with: String(rows.count))] + cells.dropFirst() : cells
            }),
            Pager.nav(ctx, page, path: path, keep: [("fund", req.query[String.self, at: "fund"]), ("district", req.query[String.self, at: "district"])]),
            csvLink(req, path + ".csv"),
            H.tag("p", [], [H.link("/funds", ctx.t(.funds))]),
        ])
    }

    static func districts(_ req: Request) async throws -> WebPage {
        try await report(req, title: .reportByDistrict, columns: .fundColumnsDistrict, first: .district,
                         rows: FundsAPIController.districtReport(req), path: "/fund-reports/districts")
    }

    static func committees(_ req: Request) async throws -> WebPage {
        let district = req.query[String.self, at: "district"] ?? ""
        return try await report(req, title: .reportByCommittee, columns: .fundColumnsCommittee, first: .community,
                                rows: FundsAPIController.committeeReport(req), path: "/fund-reports/committees", second: .received,
                                extra: [req.context.forms.field(.districtCode, name: "district", value: district, inputmode: "numeric", maxLength: 6)])
    }

    static func departments(_ req: Request) async throws -> WebPage {
        try await report(req, title: .reportByDepartment, columns: .fundColumnsDepartment, first: .department,
                         rows: FundsAPIController.departmentReport(req), path: "/fund-reports/departments")
    }

    static func entries(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let fund = try await FundsAPIController.load(req)
        let page = try await FundsAPIController.entries(req)
        // A budget line's account is named by the line's code, as the fund's page lists it.
        var lineCodes: [UUID: String] = [:]
        for line in try await BudgetLines.lines(of: fund.requireID(), on: req.db) { if let id = line.id { lineCodes[id] = line.code } }
        let rows = page.items.map { e in
            let place = e.account.divisionCode ?? (e.account.kind == .budgetLine ? e.account.referenceID.flatMap { lineCodes[$0] } : nil)
            return [String(e.seq), BeijingTime.text(e.recordedAt), ctx.t(.accountKind(e.account.kind)) + (place.map { " " + $0 } ?? ""),
                    e.amount.yuanText, e.citation.document, e.memo, e.actor]
        }
        return WebPage(title: fund.name + " · " + ctx.t(.ledgerEntries), [
            H.tag("p", [("class", "hint")], [.text(ctx.t(.ledgerEntriesIntro))]),
            table(ctx, head: [.sequence, .recordedAt, .account, .amountYuan, .citation, .memo, .recordedBy], rows: rows),
            Pager.nav(ctx, page),
            H.tag("p", [], [H.link("/funds/\(fund.id?.uuidString ?? "")", fund.name)]),
        ])
    }
}

extension FundsPages {
    /// Where a fund's forms return: its page (a 404 first if there is no such fund).
    static func back(_ req: Request) async throws -> String {
        "/funds/" + (try await FundsAPIController.load(req).requireID().uuidString)
    }
}
