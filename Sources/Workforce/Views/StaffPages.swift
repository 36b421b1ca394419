import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// The workers' records on pages: the grade list and the workload for officials, one record with its history and
/// forms, the worker's own record. Every form posts to the route the API uses (PageDoor), so both run one command.
enum StaffPages {
    static func table(_ ctx: RequestContext, _ head: [Phrase], _ rows: [[BodyNode]]) -> BodyNode {
        guard !rows.isEmpty else { return H.tag("p", [], [.text(ctx.t(.wfNothingYet))]) }
        let labels = head.map { ctx.t($0) }
        return H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
            H.tag("thead", [], [H.tag("tr", [], labels.map { H.tag("th", [("scope", "col")], [.text($0)]) })]),
            H.tag("tbody", [], rows.map { cells in
                H.tag("tr", [], zip(labels, cells).map { label, cell in H.tag("td", [("data-label", label)], [cell]) })
            }),
        ])])
    }

    static func may(_ ctx: RequestContext, _ action: Action) -> Bool { ctx.actor.map { Policy.may($0, action) } ?? false }

    static func yuan(_ fen: Int64?) -> String { fen.map { Money(fen: $0).yuanText } ?? "—" }

    static func hours(_ h: Double) -> String { h == h.rounded() ? String(Int(h)) : String(format: "%.2f", h) }

    static func links(_ ctx: RequestContext) -> BodyNode {
        var items: [BodyNode] = []
        if may(ctx, .workforceRead) {
            items.append(H.tag("li", [], [H.link("/workforce", ctx.t(.wfTitle))]))
            items.append(H.tag("li", [], [H.link("/workforce/workload", ctx.t(.wfWorkload))]))
        }
        if may(ctx, .workforceManage) { items.append(H.tag("li", [], [H.link("/workforce/staff/new", ctx.t(.wfNewRecord))])) }
        items.append(H.tag("li", [], [H.link("/workforce/rules", ctx.t(.wfRules))]))
        return H.tag("ul", [("class", "links")], items)
    }

    static let listHead: [Phrase] = [.wfName, .wfDivision, .wfPost, .wfKind, .wfGrade, .wfPayBand, .wfWeeklyHours, .wfCurrent]

    static func cells(_ r: StaffRow, _ ctx: RequestContext) -> [String] {
        [r.name, r.divisionName + (r.placeName.map { " · " + $0 } ?? ""), ctx.language == .en ? r.postNameEn : r.postName, ctx.t(r.kind.phrase), r.grade.map(String.init) ?? "—",
         yuan(r.payBandFen), hours(r.weeklyHours), ctx.t(r.current ? .wfYes : .wfNo)]
    }

    /// The grade list, filtered and paged, with its CSV.
    static func list(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let page = try await StaffAPIController.list(req)
        let keep: [(String, String?)] = [("division", req.queryValue("division")), ("kind", req.queryValue("kind")), ("all", req.queryValue("all"))]
        let query = keep.compactMap { k, v in v.flatMap { $0.isEmpty ? nil : k + "=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } }
        let f = ctx.forms
        return WebPage(title: ctx.t(.wfTitle), [
            H.tag("p", [], [.text(ctx.t(.wfIntro))]),
            links(ctx),
            H.tag("form", [("method", "get"), ("action", "/workforce")], [
                f.field(.wfDivision, name: "division", value: req.queryValue("division"), inputmode: "numeric", maxLength: 12),
                f.select(.wfKind, name: "kind", options: [("", ctx.t(.wfAllKinds))] + StaffKind.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                         selected: req.queryValue("kind") ?? ""),
                f.checkbox(.wfIncludeFormer, name: "all", checked: req.queryValue("all") == "true"),
                f.submit(.wfFilter),
            ]),
            table(ctx, listHead, page.items.map { r in
                [H.link("/workforce/staff/\(r.id.uuidString)", r.name)] + cells(r, ctx).dropFirst().map { .text($0) }
            }),
            Pager.nav(ctx, page, path: "/workforce", keep: keep),
            H.tag("p", [], [H.link("/workforce/staff.csv" + (query.isEmpty ? "" : "?" + query.joined(separator: "&")), ctx.t(.downloadCSV))]),
        ])
    }

    /// Every row of the filtered list (no paging: the spreadsheet takes them all).
    static func csv(_ req: Request) async throws -> Response {
        let ctx = req.context
        let f = try await StaffAPIController.filter(req)
        let records = try await StaffListQuery.all(f, on: req.db)
        var rows: [[String]] = []
        for chunk in records.chunked(500) {
            rows += try await StaffViews.rows(Array(chunk), on: req.db).map { r in [r.divisionCode] + cells(r, ctx) + [r.username ?? ""] }
        }
        return .csv(filename: "workforce-staff.csv", header: ([.wfDivision] + listHead + [.wfAccount]).map { ctx.t($0) }, rows: rows)
    }

    static func newRecord(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        try await req.authorize(.workforceManage, entity: StaffAPIController.entity)
        let rules = try await Grading.inForce(city: "4404", on: req.db).1
        let f = ctx.forms
        return WebPage(title: ctx.t(.wfNewRecord), [
            H.tag("p", [("class", "hint")], [.text(ctx.t(.wfGradeComputed))]),
            f.form(action: "/workforce/staff", [
                f.select(.wfKind, name: "kind", options: StaffKind.allCases.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: StaffKind.districtHired.rawValue),
                f.field(.wfName, name: "name", required: true, maxLength: WorkforceInputs.nameMax),
                f.field(.wfAccount, name: "username", hint: .wfUsernameHint, maxLength: 64),
                f.field(.wfDivision, name: "divisionCode", required: true, inputmode: "numeric", maxLength: 12),
                f.field(.wfPlaceID, name: "placeID", maxLength: 36),
                f.select(.wfPost, name: "post", options: rules.posts.map { ($0.code, ctx.language == .en ? $0.en : $0.zh) }, selected: rules.posts.last?.code),
                f.field(.wfSeatID, name: "bodyMemberID", maxLength: 36),
                f.field(.wfContractStart, name: "contractStart", type: "date", maxLength: 10),
                f.field(.wfContractEnd, name: "contractEnd", type: "date", maxLength: 10),
                f.field(.wfWeeklyHours, name: "weeklyHours", value: "40", required: true, inputmode: "decimal", maxLength: 6),
                f.field(.wfServiceSince, name: "serviceSince", type: "date", required: true, maxLength: 10),
                f.select(.wfEducation, name: "education", options: WorkerEducation.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                         selected: WorkerEducation.bachelor.rawValue),
                f.submit(.wfNewRecord),
            ]),
        ])
    }

    static func show(_ req: Request) async throws -> WebPage {
        let detail = try await StaffAPIController.show(req)
        let ctx = req.context
        var content = record(detail, ctx)
        let manage = ctx.actor.map { a in Policy.may(a, .workforceManage, at: detail.record.divisionCode) } ?? false
        if manage { content += forms(detail, ctx) }
        content.append(links(ctx))
        return WebPage(title: detail.record.name + " · " + ctx.t(.wfTitle), content)
    }

    static func mine(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        _ = try req.requireActor()
        do {
            let detail = try await StaffAPIController.mine(req)
            return WebPage(title: ctx.t(.wfMyRecord), record(detail, ctx))
        } catch let e as ShequError where e.status == .notFound {
            return WebPage(title: ctx.t(.wfMyRecord), [H.tag("p", [], [.text(ctx.t(.wfNoRecord))])])
        }
    }

    /// One record as its officials and the worker see it: where and how they serve, how the grade comes about, and
    /// the history that follows them.
    static func record(_ d: StaffDetail, _ ctx: RequestContext) -> [BodyNode] {
        let r = d.record
        func row(_ label: Phrase, _ value: String) -> BodyNode {
            H.tag("div", [], [H.tag("dt", [], [.text(ctx.t(label))]), H.tag("dd", [], [.text(value)])])
        }
        var facts: [BodyNode] = [
            row(.wfName, r.name), row(.wfKind, ctx.t(r.kind.phrase)), row(.wfDivision, "\(r.divisionName) (\(r.divisionCode))"), row(.wfPlace, r.placeName ?? "—"),
            row(.wfPost, ctx.language == .en ? r.postNameEn : r.postName), row(.wfAccount, r.username ?? "—"), row(.wfWeeklyHours, hours(r.weeklyHours)),
        ]
        if let seat = d.seat { facts.append(row(.wfSeat, seat)) } else {
            facts.append(row(.wfContract, "\(d.contractStart ?? "—") – \(d.contractEnd ?? "")"))
        }
        facts += [row(.wfServiceSince, d.serviceSince), row(.wfEducation, ctx.t(d.education.phrase)), row(.wfCurrent, ctx.t(r.current ? .wfYes : .wfNo))]
        var content: [BodyNode] = [H.tag("dl", [], facts), H.tag("h2", [], [.text(ctx.t(.wfHowGraded))])]
        if let g = d.grading {
            content.append(H.tag("dl", [], [
                row(.wfRuleSet, d.ruleSet), row(.wfServiceYears, String(g.serviceYears)), row(.wfEducationYears, String(g.educationYears)),
                row(.wfAppraisalYears, String(g.appraisalYears)), row(.wfCountedYears, String(g.countedYears)), row(.wfSteps, String(g.steps)),
                row(.wfCertificateBonus, "\(g.certificateBonus)" + (g.certificate.map { " (\(ctx.t($0.phrase)))" } ?? "")),
                row(.wfGrade, String(g.grade) + (g.capped ? " · " + ctx.t(.wfCapped) : "")), row(.wfPayBand, yuan(g.payBandFen)),
            ]))
        } else {
            content.append(H.tag("p", [("class", "notice")], [.text(ctx.t(.wfNoGrade))]))
        }
        content.append(H.tag("h2", [], [.text(ctx.t(.wfPostings))]))
        content.append(table(ctx, [.wfDivision, .wfPlace, .wfPost, .wfFrom, .wfTo, .wfReason], d.postings.map { p in
            [.text("\(p.divisionName) (\(p.divisionCode))"), .text(p.placeName ?? "—"), .text(ctx.language == .en ? p.postNameEn : p.postName), .text(p.startsOn), .text(p.endsOn ?? "—"), .text(p.reason)]
        }))
        content.append(H.tag("h2", [], [.text(ctx.t(.wfTraining))]))
        content.append(H.tag("p", [], [.text(ctx.t(.wfTrainingTotal) + String(d.trainingHours))]))
        content.append(table(ctx, [.wfTitleField, .wfProvider, .wfHours, .wfCompletedOn], d.training.map { t in
            [.text(t.title), .text(t.provider), .text(String(t.hours)), .text(t.completedOn)]
        }))
        content.append(H.tag("h2", [], [.text(ctx.t(.wfCertificates))]))
        content.append(table(ctx, [.wfLevel, .wfTitleField, .wfNumber, .wfIssuedOn], d.certificates.map { c in
            [.text(c.level.map { ctx.t($0.phrase) } ?? ctx.t(.wfOtherCertificate)), .text(c.title), .text(c.number), .text(c.issuedOn)]
        }))
        content.append(H.tag("h2", [], [.text(ctx.t(.wfAppraisals))]))
        content.append(table(ctx, [.wfYear, .wfResult, .wfNote], d.appraisals.map { a in
            [.text(String(a.year)), .text(ctx.t(a.result.phrase)), .text(a.note)]
        }))
        return content
    }

    static func forms(_ d: StaffDetail, _ ctx: RequestContext) -> [BodyNode] {
        let f = ctx.forms
        let base = "/workforce/staff/\(d.record.id.uuidString)"
        var contract: [BodyNode] = []
        if d.seat == nil {
            contract += [f.field(.wfContractStart, name: "contractStart", value: d.contractStart, type: "date", maxLength: 10),
                         f.field(.wfContractEnd, name: "contractEnd", value: d.contractEnd, type: "date", maxLength: 10)]
        }
        contract += [f.field(.wfWeeklyHours, name: "weeklyHours", value: hours(d.record.weeklyHours), required: true, inputmode: "decimal", maxLength: 6),
                     f.select(.wfEducation, name: "education", options: WorkerEducation.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                              selected: d.education.rawValue),
                     f.submit(.wfChangeContract)]
        return [
            H.tag("h2", [], [.text(ctx.t(.wfChangeContract))]), f.form(action: base + "/contract", contract),
            H.tag("h2", [], [.text(ctx.t(.wfRotate))]),
            f.form(action: base + "/rotations", [
                f.field(.wfDivision, name: "divisionCode", value: d.record.divisionCode, required: true, inputmode: "numeric", maxLength: 12),
                f.field(.wfPlaceID, name: "placeID", maxLength: 36),
                f.field(.wfPost, name: "post", value: d.record.post, required: true, maxLength: WorkerGradeRules.postCodeMax),
                f.field(.wfStartsOn, name: "startsOn", type: "date", required: true, maxLength: 10),
                f.field(.wfReason, name: "reason", required: true, maxLength: WorkforceInputs.reasonMax),
                f.submit(.wfRotate),
            ]),
            H.tag("h2", [], [.text(ctx.t(.wfAddTraining))]),
            f.form(action: base + "/training", [
                f.field(.wfTitleField, name: "title", required: true, maxLength: WorkforceInputs.titleMax),
                f.field(.wfProvider, name: "provider", required: true, maxLength: WorkforceInputs.titleMax),
                f.field(.wfHours, name: "hours", type: "number", required: true, inputmode: "numeric", maxLength: 4),
                f.field(.wfCompletedOn, name: "completedOn", type: "date", required: true, maxLength: 10),
                f.submit(.wfAddTraining),
            ]),
            H.tag("h2", [], [.text(ctx.t(.wfAddCertificate))]),
            f.form(action: base + "/certificates", [
                f.select(.wfLevel, name: "level", options: [("", ctx.t(.wfOtherCertificate))] + SocialWorkerCertificate.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                         selected: ""),
                f.field(.wfTitleField, name: "title", required: true, maxLength: WorkforceInputs.titleMax),
                f.field(.wfNumber, name: "number", required: true, maxLength: WorkforceInputs.numberMax),
                f.field(.wfIssuedOn, name: "issuedOn", type: "date", required: true, maxLength: 10),
                f.submit(.wfAddCertificate),
            ]),
            H.tag("h2", [], [.text(ctx.t(.wfAddAppraisal))]),
            f.form(action: base + "/appraisals", [
                f.field(.wfYear, name: "year", type: "number", required: true, inputmode: "numeric", maxLength: 4),
                f.select(.wfResult, name: "result", options: AppraisalResult.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                         selected: AppraisalResult.competent.rawValue),
                f.field(.wfNote, name: "note", maxLength: WorkforceInputs.noteMax),
                f.submit(.wfAddAppraisal),
            ]),
        ]
    }

    static func back(_ req: Request) async throws -> String {
        "/workforce/staff/" + (try await StaffAPIController.load(req).requireID().uuidString)
    }

    // MARK: - Workload

    static func workloadCells(_ w: WorkloadRow, _ ctx: RequestContext) -> [String] {
        [w.name, w.community, String(w.tasks), String(w.hours), String(w.staff),
         w.tasksPerWorkerTenths.map { "\($0 / 10).\($0 % 10)" } ?? ctx.t(.wfNoOne), w.hoursPerWorker.map(String.init) ?? ctx.t(.wfNoOne)]
    }

    static let workloadHead: [Phrase] = [.wfName, .wfDivision, .wfTasks, .wfTaskHours, .wfStaffCount, .wfTasksPerWorker, .wfHoursPerWorker]

    static func workload(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let page = try await WorkloadAPIController.list(req)
        let year = try WorkloadAPIController.year(req)
        return WebPage(title: ctx.t(.wfWorkload), [
            H.tag("p", [], [.text(ctx.t(.wfWorkloadIntro))]),
            H.tag("form", [("method", "get"), ("action", "/workforce/workload")], [
                ctx.forms.field(.wfYear, name: "year", value: String(year), type: "number", inputmode: "numeric", maxLength: 4),
                ctx.forms.submit(.wfFilter),
            ]),
            table(ctx, workloadHead, page.items.map { workloadCells($0, ctx).map { .text($0) } }),
            Pager.nav(ctx, page, path: "/workforce/workload", keep: [("year", req.queryValue("year"))]),
            H.tag("p", [], [H.link("/workforce/workload.csv?year=\(year)", ctx.t(.downloadCSV))]),
            links(ctx),
        ])
    }

    static func workloadCSV(_ req: Request) async throws -> Response {
        let ctx = req.context
        let scopes = try await WorkloadAPIController.scopes(req)
        let year = try WorkloadAPIController.year(req)
        var rows: [[String]] = []
        var n = 1
        while true {
            let page = try await WorkloadAPIController.page(scopes: scopes, year: year, page: ListPageRequest(page: n, perPage: ListPageRequest.maxPerPage), on: req.db)
            rows += page.items.map { workloadCells($0, ctx) }
            guard n < page.pageCount, n < ListPageRequest.maxPage else { break }
            n += 1
        }
        return .csv(filename: "workforce-workload-\(year).csv", header: workloadHead.map { ctx.t($0) }, rows: rows)
    }

    // MARK: - The community's page

    static func communityPage(_ code: String, on req: Request) async throws -> [BodyNode] {
        let staff = try await StaffAPIController.publicList(code, on: req.db)
        guard !staff.isEmpty else { return [] }
        let ctx = req.context
        return [H.tag("section", [("id", "workforce-staff")], [
            H.tag("h2", [], [.text(ctx.t(.wfCommunityStaff))]),
            H.tag("ul", [], staff.map { H.tag("li", [], [.text("\($0.name) · \(ctx.language == .en ? $0.postNameEn : $0.postName)")]) }),
            H.tag("p", [], [H.link("/communities/\(code)/staff", ctx.t(.wfCommunityStaff))]),
        ])]
    }

    static func communityStaff(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let staff = try await StaffAPIController.communityStaff(req)
        let code = req.parameters.get("code") ?? ""
        let name = try await Division.find(code, on: req.db)?.name ?? code
        return WebPage(title: name + " · " + ctx.t(.wfCommunityStaff), [
            table(ctx, [.wfName, .wfPost], staff.map { [.text($0.name), .text(ctx.language == .en ? $0.postNameEn : $0.postName)] }),
            H.tag("p", [], [H.link("/communities/\(code)/staff.csv", ctx.t(.downloadCSV))]),
            H.tag("p", [], [H.link("/communities/\(code)/governance", name)]),
        ])
    }

    static func communityStaffCSV(_ req: Request) async throws -> Response {
        let ctx = req.context
        let staff = try await StaffAPIController.communityStaff(req)
        return .csv(filename: "community-staff.csv", header: [ctx.t(.wfName), ctx.t(.wfPost)], rows: staff.map { [$0.name, $0.postName] })
    }
}

extension Phrase {
    static let wfNothingYet = Phrase(zh: "暂无。", en: "None yet.")
}
