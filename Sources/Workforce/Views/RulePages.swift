import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// The grading tables on pages: anyone reads the table in force and the drafts; the city drafts one (a form that
/// starts from the table in force, posts and bands as lines), previews who moves, and adopts it.
enum RulePages {
    struct RuleSetForm: Content, ValidatedInput {
        var name: String
        var posts: String
        var stepYears: Int
        var educationYears: [String: Int]?
        var certificateBonus: [String: Int]?
        var appraisalYears: [String: Int]?
        var payBands: String

        static var inputSchema: InputSchema {
            InputSchema("GradeRuleSetForm", [
                .string("name", max: WorkforceInputs.ruleSetNameMax, min: 1, required: true),
                .string("posts", max: 2000, min: 1, required: true, description: "one a line: code lowest highest zh en"),
                .integer("stepYears", WorkerGradeRules.stepYearsRange, required: true),
                .object("educationYears", WorkerEducation.allCases.map { .integer($0.rawValue, WorkerGradeRules.educationYearsRange) }),
                .object("certificateBonus", SocialWorkerCertificate.allCases.map { .integer($0.rawValue, WorkerGradeRules.certificateBonusRange) }),
                .object("appraisalYears", AppraisalResult.allCases.map { .integer($0.rawValue, WorkerGradeRules.appraisalYearsRange) }),
                .string("payBands", max: 2000, min: 1, required: true, description: "yuan a month, grade 1 first, one a line"),
            ])
        }
    }

    static func rulesTable(_ rules: WorkerGradeRules, _ ctx: RequestContext) -> [BodyNode] {
        let edu = WorkerEducation.allCases.map { "\(ctx.t($0.phrase)) \(rules.educationYears[$0.rawValue] ?? 0)" }.joined(separator: "，")
        let cert = SocialWorkerCertificate.allCases.map { "\(ctx.t($0.phrase)) +\(rules.certificateBonus[$0.rawValue] ?? 0)" }.joined(separator: "，")
        let appr = AppraisalResult.allCases.map { "\(ctx.t($0.phrase)) \(rules.appraisalYears[$0.rawValue] ?? 0)" }.joined(separator: "，")
        return [
            StaffPages.table(ctx, [.wfPost, .wfLowest, .wfHighest], rules.posts.map { p in
                [.text(ctx.language == .en ? p.en : p.zh), .text(String(p.lowest)), .text(String(p.highest))]
            }),
            H.tag("dl", [], [
                H.tag("dt", [], [.text(ctx.t(.wfStepYears))]), H.tag("dd", [], [.text(String(rules.stepYears))]),
                H.tag("dt", [], [.text(ctx.t(.wfEducationYears))]), H.tag("dd", [], [.text(edu)]),
                H.tag("dt", [], [.text(ctx.t(.wfCertificateBonus))]), H.tag("dd", [], [.text(cert)]),
                H.tag("dt", [], [.text(ctx.t(.wfAppraisalYears))]), H.tag("dd", [], [.text(appr)]),
                H.tag("dt", [], [.text(ctx.t(.wfPayBand))]),
                H.tag("dd", [], [.text(rules.payBandsFen.enumerated().map { "\($0 + 1): \(Money(fen: $1).yuanText)" }.joined(separator: "；"))]),
            ]),
        ]
    }

    static func index(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let views = try await RuleSetsAPIController.list(req)
        var content: [BodyNode] = [H.tag("p", [("class", "hint")], [.text(ctx.t(.wfPlaceholderBands))])]
        let (_, inForce) = try await Grading.inForce(city: try RuleSetsAPIController.cityQuery(req), on: req.db)
        content.append(H.tag("h2", [], [.text(ctx.t(.wfRuleSet))]))
        content += rulesTable(inForce, ctx)
        let rulesActor = StaffPages.may(ctx, .workforceRules)
        content.append(StaffPages.table(ctx, [.wfName, .wfState, .wfTo], views.map { v in
            let name: BodyNode = (rulesActor && v.id != nil) ? H.link("/workforce/rules/\(v.id?.uuidString ?? "")", v.name) : .text(v.name)
            return [name, .text(ctx.t(v.state.phrase)), .text(v.adoptedBy ?? "—")]
        }))
        if rulesActor {
            let f = ctx.forms
            let posts = inForce.posts.map { "\($0.code) \($0.lowest) \($0.highest) \($0.zh) \($0.en)" }.joined(separator: "\n")
            let bands = inForce.payBandsFen.map { Money(fen: $0).yuanText.replacingOccurrences(of: ",", with: "") }.joined(separator: "\n")
            var fields: [BodyNode] = [
                f.field(.wfName, name: "name", required: true, maxLength: WorkforceInputs.ruleSetNameMax),
                textarea(ctx, .wfPostsLines, name: "posts", value: posts, rows: 4),
                f.field(.wfStepYears, name: "stepYears", value: String(inForce.stepYears), type: "number", required: true, inputmode: "numeric", maxLength: 2),
            ]
            fields += WorkerEducation.allCases.map { e in
                f.field(Phrase(zh: ctx.t(.wfEducationYears) + "：" + e.phrase.zh, en: ctx.t(.wfEducationYears) + ": " + e.phrase.en),
                        name: "educationYears[\(e.rawValue)]", value: String(inForce.educationYears[e.rawValue] ?? 0), type: "number", maxLength: 2)
            }
            fields += SocialWorkerCertificate.allCases.map { c in
                f.field(Phrase(zh: ctx.t(.wfCertificateBonus) + "：" + c.phrase.zh, en: ctx.t(.wfCertificateBonus) + ": " + c.phrase.en),
                        name: "certificateBonus[\(c.rawValue)]", value: String(inForce.certificateBonus[c.rawValue] ?? 0), type: "number", maxLength: 2)
            }
            fields += AppraisalResult.allCases.map { a in
                f.field(Phrase(zh: ctx.t(.wfAppraisalYears) + "：" + a.phrase.zh, en: ctx.t(.wfAppraisalYears) + ": " + a.phrase.en),
                        name: "appraisalYears[\(a.rawValue)]", value: String(inForce.appraisalYears[a.rawValue] ?? 0), type: "number", maxLength: 2)
            }
            fields += [textarea(ctx, .wfBandsLines, name: "payBands", value: bands, rows: 8), f.submit(.wfDraftTable)]
            content += [H.tag("h2", [], [.text(ctx.t(.wfDraftTable))]), H.tag("p", [("class", "hint")], [.text(ctx.t(.wfDraftHint))]),
                        f.form(action: "/workforce/rules", fields)]
        }
        content.append(StaffPages.links(ctx))
        return WebPage(title: ctx.t(.wfRules), content)
    }

    static func textarea(_ ctx: RequestContext, _ label: Phrase, name: String, value: String, rows: Int) -> BodyNode {
        H.tag("div", [("class", "field")], [
            H.tag("label", [("for", "f-\(name)")], [.text(ctx.t(label))]),
            H.tag("textarea", [("name", name), ("id", "f-\(name)"), ("maxlength", "2000"), ("rows", String(rows))], [.text(value)]),
        ])
    }

    /// Reads the form's lines into the API's input, then runs the API's drafting command; the browser goes on to the
    /// draft's preview. A line that cannot be read is named (422) before anything is written.
    static func draft(_ req: Request) async throws -> Response {
        let form = try req.validatedContent(RuleSetForm.self)
        try await req.authorize(.workforceRules, entity: RuleSetsAPIController.entity)
        var posts: [WorkerGradeRules.Post] = []
        for (n, line) in form.posts.split(whereSeparator: \.isNewline).enumerated() {
            let w = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard w.count >= 5, let lo = Int(w[1]), let hi = Int(w[2]) else {
                throw ShequError.invalid(.wfRulesInvalid, "posts \(n + 1)", code: "invalid_value")
            }
            posts.append(.init(code: w[0], zh: w[3], en: w[4...].joined(separator: " "), lowest: lo, highest: hi))
        }
        var bands: [Int64] = []
        for (n, line) in form.payBands.split(whereSeparator: \.isNewline).enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            guard let money = Money(yuan: text) else { throw ShequError.invalid(.wfRulesInvalid, "payBands \(n + 1)", code: "invalid_value") }
            bands.append(money.fen)
        }
        let input = RuleSetsAPIController.RuleSetInput(
            name: form.name, scope: nil, posts: posts, stepYears: form.stepYears, educationYears: form.educationYears ?? [:],
            certificateBonus: form.certificateBonus ?? [:], appraisalYears: form.appraisalYears ?? [:], payBandsFen: bands)
        let view = try await RuleSetsAPIController.draft(input, req: req)
        return req.redirect(to: "/workforce/rules/\(view.id?.uuidString ?? "")")
    }

    static var movesHead: [Phrase] { [.wfName, .wfDivision, .wfPost, .wfGrade, .wfPayBand, .wfGrade, .wfPayBand] }

    static func moveCells(_ m: Grading.Move) -> [String] {
        [m.name, m.divisionCode, m.post, m.gradeNow.map(String.init) ?? "—", StaffPages.yuan(m.bandNowFen),
         m.gradeDraft.map(String.init) ?? "—", StaffPages.yuan(m.bandDraftFen)]
    }

    /// A draft and who moves under it, with the adopt button while it is a draft.
    static func show(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let preview = try await RuleSetsAPIController.preview(req)
        let v = preview.ruleSet
        let summary = ctx.t(.wfPreviewSummary).replacingOccurrences(of: "%1", with: String(preview.workers))
            .replacingOccurrences(of: "%2", with: String(preview.moves.count))
        let paging = try ListPageRequest(req)
        let shown = Array(preview.moves.dropFirst(paging.offset).prefix(paging.perPage))
        let page = ListPage(items: shown, total: preview.moves.count, page: paging.page, perPage: paging.perPage)
        var content: [BodyNode] = [H.tag("p", [], [.text("\(ctx.t(v.state.phrase)) · \(v.scope) · \(ctx.t(.wfRuleSet)): \(preview.inForce)")])]
        content += rulesTable(v.rules, ctx)
        content += [
            H.tag("h2", [], [.text(ctx.t(.wfPreview))]),
            H.tag("p", [("role", "status")], [.text(summary)]),
            H.tag("p", [("class", "hint")], [.text("\(ctx.t(.wfGrade))/\(ctx.t(.wfPayBand)): \(ctx.t(.wfNow)) → \(ctx.t(.wfUnderDraft))")]),
            StaffPages.table(ctx, movesHead, shown.map { m in
                [H.link("/workforce/staff/\(m.staffID.uuidString)", m.name)] + moveCells(m).dropFirst().map { .text($0) }
            }),
            Pager.nav(ctx, page),
            H.tag("p", [], [H.link("/workforce/rules/\(v.id?.uuidString ?? "")/moves.csv", ctx.t(.downloadCSV))]),
        ]
        if v.state == .draft, let id = v.id {
            content.append(ctx.forms.form(action: "/workforce/rules/\(id.uuidString)/adopt", [ctx.forms.submit(.wfAdopt)]))
        }
        content.append(H.tag("p", [], [H.link("/workforce/rules", ctx.t(.wfRules))]))
        return WebPage(title: v.name, content)
    }

    static func movesCSV(_ req: Request) async throws -> Response {
        let ctx = req.context
        let preview = try await RuleSetsAPIController.preview(req)
        let head = [ctx.t(.wfName), ctx.t(.wfDivision), ctx.t(.wfPost), ctx.t(.wfNow) + " " + ctx.t(.wfGrade), ctx.t(.wfNow) + " " + ctx.t(.wfPayBand),
                    ctx.t(.wfUnderDraft) + " " + ctx.t(.wfGrade), ctx.t(.wfUnderDraft) + " " + ctx.t(.wfPayBand)]
        return .csv(filename: "grading-preview.csv", header: head, rows: preview.moves.map(moveCells))
    }
}
