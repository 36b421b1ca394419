import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// C3 on pages: an organisation's class, lists, integrity entries and annual reports on its registry page (with
/// the street's forms and the staff's link to file), the public abnormal and dishonesty lists with their CSV,
/// and the annual-report form. Every form posts to the API's own handler through PageDoor.
enum IntegrityPages {
    static func t(_ ctx: RequestContext, _ b: Bilingual) -> String { ctx.t(Phrase(zh: b.zh, en: b.en)) }

    /// What the registry page of `filing` gains: the class with its rule, the lists, the record and the reports.
    static func sections(_ req: Request, _ filing: Filing) async throws -> [BodyNode] {
        let ctx = req.context
        guard let orgID = filing.organizationID, let view = try await CreditQueries.supervision(of: filing, on: req.db) else { return [] }
        let base = "/social-organizations/\(orgID.uuidString)"
        var out: [BodyNode] = [
            H.tag("h2", [("id", "supervision")], [.text(ctx.t(.soSupervisionClass))]),
            H.tag("p", [("class", "class-\(view.supervisionClass.rawValue.lowercased())")], [H.tag("strong", [], [.text(t(ctx, view.classLabel))])]),
            H.tag("p", [], [.text(t(ctx, view.rule))]),
        ]
        out.append(contentsOf: view.listings.map { listing(ctx, $0) })
        // The organisation's own applications to come off, with the street's deadline; its staff apply here.
        let waiting = try await RemovalApplicationsController.waiting(organization: orgID, name: filing.name, on: req)
        out.append(contentsOf: waiting.map { a in
            H.tag("p", [], [.text(ctx.t(a.list.phrase) + "：" + ctx.t(.soApplicationWaiting) + (a.dueOn ?? "") + "（" + a.rectification + "）")])
        })
        let open = view.listings.filter { l in !waiting.contains { $0.list == l.list } }
        if let actor = ctx.actor, !open.isEmpty, Policy.may(actor, .socialOrganizationRemovalApply, on: Resource(organizationID: orgID)) {
            let f = ctx.forms
            out.append(H.tag("h3", [], [.text(ctx.t(.soApplyRemoval))]))
            out.append(f.form(action: base + "/removal-applications", [
                f.select(.soList, name: "list", options: open.map { ($0.list.rawValue, ctx.t($0.list.phrase)) }, selected: nil),
                FilingPages.textarea(ctx, .soRectification, name: "rectification", id: "f-apply-rectification", max: IntegrityInputs.rectificationMax,
                                     required: true),
                f.submit(.soApplyRemoval),
            ]))
        }
        out.append(rules(ctx))
        if !view.pastListings.isEmpty {
            out.append(H.tag("h3", [], [.text(ctx.t(.soPastListings))]))
            out.append(SocialOrganizationsViews.table(ctx, head: [.soList, .soSince, .soListingEnded], rows: view.pastListings.map { l in [
                .text(ctx.t(l.list.phrase)), .text(l.since), .text((l.endedOn ?? "") + " " + (l.ended.map { t(ctx, $0) } ?? "")),
            ] }, empty: .soNoEntries))
        }

        let reports = try await CreditQueries.reports(organization: orgID, page: ListPageRequest(req, pageParameter: "reports-page"), on: req.db)
        out.append(H.tag("h2", [("id", "annual-reports")], [.text(ctx.t(.soAnnualReports))]))
        if let actor = ctx.actor, Policy.may(actor, .socialOrganizationAnnualReportFile, on: Resource(organizationID: orgID)) {
            out.append(H.tag("p", [], [H.link(base + "/annual-reports/new", ctx.t(.soFileAnnualReport), class: "button")]))
        }
        out.append(SocialOrganizationsViews.table(ctx, head: [.soReportYear, .soReportActivities, .soMembers, .soIncome, .soSpending, .soFiledOn],
                                                  rows: reports.items.map { r in [
            .text(String(r.year)), .text(r.activities), .text(String(r.members)), .text("¥" + Money(fen: r.incomeFen).yuanText),
            .text("¥" + Money(fen: r.spendingFen).yuanText), .text(r.filedOn + (r.onTime ? "" : " " + ctx.t(.soLate))),
        ] }, empty: .soNoReports))
        out.append(Pager.nav(ctx, reports, path: base, pageParameter: "reports-page"))

        let entries = try await CreditQueries.entries(organization: orgID, page: ListPageRequest(req, pageParameter: "entries-page"), on: req.db)
        out.append(H.tag("h2", [("id", "integrity")], [.text(ctx.t(.soIntegrityRecord))]))
        out.append(SocialOrganizationsViews.table(ctx, head: [.soOccurredOn, .soKind, .soSource, .soSeverity, .soSummary, .soEvidence],
                                                  rows: entries.items.map { e in [
            .text(e.occurredOn), .text(ctx.t(e.kind.phrase)),
            .text(ctx.t(e.source.phrase) + (e.sourceReference.map { " · " + $0 } ?? "")),
            .text(ctx.t(e.severity.phrase) + (e.fineFen.map { " ¥" + Money(fen: $0).yuanText } ?? "")),
            .text(e.summary + (e.correctsID.map { " " + ctx.t(.soCorrects) + $0.uuidString.prefix(8) } ?? "")
                  + (e.correctedByID != nil ? " " + ctx.t(.soCorrected) : "")),
            .text(e.evidence),
        ] }, empty: .soNoEntries))
        out.append(Pager.nav(ctx, entries, path: base, pageParameter: "entries-page"))

        if let actor = ctx.actor, Policy.may(actor, .socialOrganizationIntegrityRecord, at: filing.streetCode) {
            out.append(contentsOf: entryForm(ctx, base: base, entries: entries.items))
        }
        if let actor = ctx.actor, Policy.may(actor, .socialOrganizationListRemoval, at: filing.streetCode), !view.listings.isEmpty {
            let f = ctx.forms
            out.append(H.tag("h2", [], [.text(ctx.t(.soRecordRemoval))]))
            out.append(f.form(action: base + "/list-removals", [
                f.select(.soList, name: "list", options: view.listings.map { ($0.list.rawValue, ctx.t($0.list.phrase)) }, selected: nil),
                FilingPages.textarea(ctx, .soRectification, name: "rectification", id: "f-rectification", max: IntegrityInputs.rectificationMax,
                                     required: true, hint: .soRectificationHint),
                f.submit(.soRecordRemoval),
            ]))
        }
        return out
    }

    static func listing(_ ctx: RequestContext, _ l: ListingView) -> BodyNode {
        H.tag("div", [("class", "notice")], [
            H.tag("p", [], [H.tag("strong", [], [.text(ctx.t(l.list.phrase) + " · " + ctx.t(.soSince) + " " + l.since)])]),
            H.tag("ul", [], l.reasons.map { H.tag("li", [], [.text(t(ctx, $0))]) }),
            H.tag("p", [], [.text(ctx.t(.soWayOff) + "：" + t(ctx, l.wayOff))]),
        ])
    }

    /// The stated rules, the same words as the kernel's doc comment.
    static func rules(_ ctx: RequestContext) -> BodyNode {
        H.tag("details", [], [
            H.tag("summary", [], [.text(ctx.t(.soRulesTitle))]),
            H.tag("ul", [], [Phrase.soRuleClasses, .soRuleAbnormal, .soRuleAbnormalOff, .soRuleDishonest, .soRuleDishonestOff, .soRuleRestart]
                .map { H.tag("li", [], [.text(ctx.t($0))]) }),
        ])
    }

    static func entryForm(_ ctx: RequestContext, base: String, entries: [IntegrityEntryView]) -> [BodyNode] {
        let f = ctx.forms
        return [
            H.tag("h2", [], [.text(ctx.t(.soRecordEntry))]),
            f.form(action: base + "/integrity-entries", [
                f.select(.soKind, name: "kind", options: IntegrityKind.allCases.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: IntegrityKind.bad.rawValue),
                f.select(.soSource, name: "source", options: IntegritySource.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                         selected: IntegritySource.inspection.rawValue),
                f.select(.soSeverity, name: "severity", options: IntegritySeverity.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                         selected: nil, includeEmpty: true),
                f.field(.soFine, name: "fine", hint: .soFineHint, inputmode: "decimal", maxLength: 24),
                f.field(.soOccurredOn, name: "occurredOn", value: IntegrityRecord.today.description, type: "date", required: true, maxLength: 10),
                f.field(.soSummary, name: "summary", required: true, maxLength: IntegrityInputs.summaryMax),
                FilingPages.textarea(ctx, .soEvidence, name: "evidence", id: "f-evidence", max: IntegrityInputs.evidenceMax, required: true,
                                     hint: .soEvidenceHint),
                f.field(.soSourceReference, name: "sourceReference", maxLength: IntegrityInputs.referenceMax),
                f.select(.soCorrectsEntry, name: "correctsID", options: entries.map { ($0.id.uuidString, "\($0.occurredOn) \($0.summary)") },
                         selected: nil, includeEmpty: true),
                f.submit(.soRecordEntry),
            ]),
        ]
    }

    // MARK: - The public lists

    static func abnormal(_ req: Request) async throws -> WebPage { try await list(req, .abnormal) }
    static func dishonest(_ req: Request) async throws -> WebPage { try await list(req, .dishonest) }

    static func list(_ req: Request, _ which: CreditList) async throws -> WebPage {
        let ctx = req.context
        let page = which == .abnormal ? try await IntegrityAPIController.abnormal(req) : try await IntegrityAPIController.dishonest(req)
        let names = try await SocialOrganizationsViews.divisionNames(page.items.map(\.streetCode), on: req.db)
        let path = "/social-organizations/" + which.rawValue
        let other: CreditList = which == .abnormal ? .dishonest : .abnormal
        return WebPage(title: ctx.t(which.phrase), [
            H.tag("p", [], [.text(ctx.t(which == .abnormal ? .soAbnormalIntro : .soDishonestIntro))]),
            rules(ctx),
            SocialOrganizationsViews.table(ctx, head: [.soName, .soStreet, .soSince, .soReason, .soWayOff, .soSupervisionClass], rows: page.items.map { v in
                let l = v.listings.first { $0.list == which }
                return [
                    H.link("/social-organizations/\(v.organizationID.uuidString)", v.name), .text(names[v.streetCode] ?? v.streetCode),
                    .text(l?.since ?? ""), .text(l.map { $0.reasons.map { t(ctx, $0) }.joined(separator: "；") } ?? ""),
                    .text(l.map { t(ctx, $0.wayOff) } ?? ""), .text(t(ctx, v.classLabel)),
                ]
            }, empty: .soNoneListed),
            Pager.nav(ctx, page, path: path),
            H.tag("p", [], [H.link(path + ".csv", ctx.t(.downloadCSV))]),
            H.tag("p", [], [H.link("/social-organizations/" + other.rawValue, ctx.t(other.phrase)), .text(" · "),
                            H.link("/social-organizations", ctx.t(.socialOrganizations))]),
        ])
    }

    static func abnormalCSV(_ req: Request) async throws -> Response { try await csv(req, .abnormal) }
    static func dishonestCSV(_ req: Request) async throws -> Response { try await csv(req, .dishonest) }

    static let csvHeader = ["organization_id", "name", "street_code", "list", "since", "reasons_zh", "reasons_en", "way_off_zh", "way_off_en",
                            "earliest_off", "supervision_class"]

    /// The whole list for a spreadsheet: what the page lists, every row.
    static func csv(_ req: Request, _ which: CreditList) async throws -> Response {
        let rows = try await CreditQueries.listed(which, on: req.db).compactMap { v -> [String]? in
            guard let l = v.listings.first(where: { $0.list == which }) else { return nil }
            return [v.organizationID.uuidString, v.name, v.streetCode, which.rawValue, l.since, l.reasons.map(\.zh).joined(separator: "；"),
                    l.reasons.map(\.en).joined(separator: "; "), l.wayOff.zh, l.wayOff.en, l.earliestOff ?? "", v.supervisionClass.rawValue]
        }
        return .csv(filename: "social-organizations-\(which.rawValue).csv", header: csvHeader, rows: rows)
    }

    // MARK: - The annual report's form

    static func newReport(_ req: Request) async throws -> WebPage {
        let filing = try await IntegrityAPIController.load(req)
        guard let orgID = filing.organizationID else { throw ShequError.notFound }
        try await req.authorize(.socialOrganizationAnnualReportFile, on: Resource(organizationID: orgID),
                                entity: IntegrityAPIController.reportEntity, entityID: orgID.uuidString)
        let ctx = req.context
        let f = ctx.forms
        let base = "/social-organizations/\(orgID.uuidString)"
        return WebPage(title: ctx.t(.soFileAnnualReport) + " · " + filing.name, [
            H.tag("p", [], [.text(ctx.t(.soAnnualReportIntro))]),
            f.form(action: base + "/annual-reports", [
                f.field(.soReportYear, name: "year", value: String(IntegrityRecord.today.components.year - 1), type: "number", required: true,
                        inputmode: "numeric", maxLength: 4),
                FilingPages.textarea(ctx, .soReportActivities, name: "activities", id: "f-activities", max: IntegrityInputs.activitiesMax, required: true),
                f.field(.soMembers, name: "members", type: "number", required: true, inputmode: "numeric", maxLength: 6),
                f.field(.soIncome, name: "income", hint: .soYuanHint, inputmode: "decimal", maxLength: 24),
                f.field(.soSpending, name: "spending", hint: .soYuanHint, inputmode: "decimal", maxLength: 24),
                f.submit(.soFileAnnualReport),
            ]),
            H.tag("p", [], [H.link(base, filing.name)]),
        ])
    }

    /// Where the organisation's forms return: its page (a 404 first if it is not in the registry).
    static func back(_ req: Request) async throws -> String {
        guard let id = try await IntegrityAPIController.load(req).organizationID else { throw ShequError.notFound }
        return "/social-organizations/\(id.uuidString)"
    }
}
