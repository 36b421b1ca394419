import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// One project, every stage in public; below it, the form the reader may use at this stage: the buyer's next
/// step, the organisation staff's application, the panel member's link to their sheets.
enum ProjectPage {
    static func show(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let p = try await ProcurementAPIController.load(req)
        let d = try await ProjectDetail.make(p, viewer: req.actor, on: req.db)
        let v = d.project
        var content: [BodyNode] = [ProcurementViews.facts(ctx, [
            (.procStage, ctx.t(v.stage.phrase)),
            (.procArea, ctx.t(v.area.phrase)),
            (.procBuyer, "\(v.scopeName) (\(v.scopeCode))"),
            (.procDescription, d.description),
            (.procFund, d.fundName),
            (.procBudget, v.budget),
            (.procTermMonths, String(v.termMonths) + (d.longTermReason.map { " — " + $0 } ?? "")),
            (.procPlannedBy, d.plannedBy),
        ])]
        if let method = v.method {
            content.append(H.tag("h2", [], [.text(ctx.t(.procCall))]))
            var rows: [(Phrase, String)] = [(.procMethod, ctx.t(method.phrase))]
            if let r = d.methodReason { rows.append((.procMethodReason, r)) }
            if !d.invitees.isEmpty { rows.append((.procInviteesLabel, d.invitees.joined(separator: "、"))) }
            rows.append((.procClosesOn, v.closesOn ?? ""))
            if let w = d.weights, w.count == 3 {
                rows.append((.procWeightsLabel, "\(ctx.t(.procCriterionQuality)) \(w[0])% · \(ctx.t(.procCriterionExperience)) \(w[1])% · \(ctx.t(.procCriterionPrice)) \(w[2])%"))
            }
            if !d.panel.isEmpty {
                rows.append((.procPanel, d.panel.map { "\($0.seat) \(ctx.t($0.role.phrase)) · \($0.office)" }.joined(separator: "、")))
            }
            rows.append((.procApplicationCount, String(d.applicationCount)))
            content.append(ProcurementViews.facts(ctx, rows))
            content.append(H.tag("h2", [], [.text(ctx.t(.procApplicants))]))
            content.append(ProcurementViews.table(ctx, head: [.procOrganization, .procPrice, .procTotal, .procQuality, .procSheets, .procProposal],
                                                  rows: d.standings.map { s in [
                .text(s.application.organizationName + (s.application.id == d.winnerApplicationID ? " ★" : "")), .text(s.application.price),
                .text(s.total.map(PanelScoring.text) ?? "—"), .text(s.quality.map(PanelScoring.text) ?? "—"),
                .text(s.sheets.map { sheet in
                    sheet.conflict ? "\(sheet.member): \(ctx.t(.procConflictDeclared))"
                                   : "\(sheet.member): \((sheet.scores ?? []).map(String.init).joined(separator: "/"))"
                }.joined(separator: "；")),
                .text(s.application.proposal),
            ] }, empty: .procNoApplicationsYet))
        }
        if let winner = d.standings.first(where: { $0.application.id == d.winnerApplicationID }) {
            content.append(H.tag("h2", [], [.text(ctx.t(.procAward))]))
            var rows: [(Phrase, String)] = [(.procWinner, winner.application.organizationName),
                                            (.procAwardValue, Money(fen: d.awardValueFen ?? 0).yuanText), (.procAwardReason, d.awardReason ?? "")]
            if let why = d.preferenceReason {
                rows.append((.procPreferenceAgainst, (d.passedOver.map { "\($0) — " } ?? "") + ctx.t(.procBecause) + why))
            }
            content.append(ProcurementViews.facts(ctx, rows))
        }
        if let c = d.contract {
            content.append(H.tag("h2", [], [.text(ctx.t(.procContract))]))
            content.append(ProcurementViews.facts(ctx, [
                (.procContractContent, c.content), (.procContractTerm, "\(c.termStart) – \(c.termEnd)"), (.procContractQuantity, c.quantity),
                (.procContractQuality, c.quality), (.procContractPrice, c.price), (.procContractSettlement, c.settlement),
                (.procContractLiability, c.liability),
            ]))
            content.append(H.tag("h2", [], [.text(ctx.t(.procPayments))]))
            content.append(H.tag("p", [], [.text("\(ctx.t(.procPaid)) \(Money(fen: d.paidFen).yuanText) / \(c.price)")]))
            content.append(ProcurementViews.table(ctx, head: [.procMilestone, .procAmount, .procPaidBy, .procLedger], rows: d.payments.map { pay in [
                .text(pay.milestone), .text(pay.amount), .text(pay.paidBy + " · " + (pay.paidAt.map { BeijingTime.text($0) } ?? "")),
                .text(pay.ledgerTransactionID.uuidString),
            ] }, empty: .procNoPayments))
            content.append(H.tag("h2", [], [.text(ctx.t(.procSupervision))]))
            content.append(ProcurementViews.table(ctx, head: [.procVisitedOn, .procFinding, .procFindingText, .procRecordedBy], rows: d.supervision.map { r in [
                .text(r.visitedOn), .text(ctx.t(r.finding.phrase)), .text(r.text), .text(r.recordedBy),
            ] }, empty: .procNoSupervision))
        }
        if let score = d.evaluationScore {
            content.append(H.tag("h2", [], [.text(ctx.t(.procEvaluation))]))
            content.append(ProcurementViews.facts(ctx, [(.procEvaluationScore, String(score)), (.procEvaluationSummary, d.evaluationSummary ?? ""),
                                                        (.procRecordedBy, d.evaluatedBy ?? "")]))
        }
        content += try await forms(req, p, d)
        // Its publication in the Open Contracting Data Standard, for anyone who checks it.
        content.append(H.tag("p", [], [H.link("/ocds/projects/\(try p.requireID().uuidString)", ctx.t(.ocdsProjectTitle) + "OCDS 1.1")]))
        content.append(H.tag("p", [], [H.link("/procurement", ctx.t(.procTitle))]))
        return WebPage(title: v.title, content)
    }

    /// The forms this reader may use now; none for anyone else.
    static func forms(_ req: Request, _ p: PurchaseProject, _ d: ProjectDetail) async throws -> [BodyNode] {
        let ctx = req.context, f = ctx.forms
        guard let actor = ctx.actor, let id = p.id else { return [] }
        let base = "/procurement/\(id.uuidString)"
        var out: [BodyNode] = []
        if Policy.may(actor, .procurementManage, on: p.resource) {
            switch p.stage {
            case .planned:
                let orgs = try await ProcurementEligibility.registry(on: req.db)
                out += [H.tag("h2", [], [.text(ctx.t(.procPublishCall))]), f.form(action: base + "/call", [
                    f.select(.procMethod, name: "method", options: ProcurementMethod.allCases.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: "open"),
                    ProcurementViews.textarea(ctx, .procMethodReason, name: "reason", max: ProcurementInputs.reasonMax, required: false, hint: .procMethodReasonHint),
                    H.tag("div", [("class", "field")], [
                        H.tag("label", [("for", "f-invitees")], [.text(ctx.t(.procInviteesLabel) + " " + ctx.t(.optional))]),
                        H.tag("select", [("name", "invitees[]"), ("id", "f-invitees"), ("multiple", "multiple"), ("size", "6")],
                              orgs.map { H.tag("option", [("value", $0.id.uuidString)], [.text($0.name)]) }),
                    ]),
                    f.field(.procClosesOn, name: "closesOn", value: ProcurementText.today.adding(days: 14).description, type: "date", required: true, maxLength: 10),
                    f.field(.procCriterionQuality, name: "weightQuality", value: "60", type: "number", required: true, inputmode: "numeric", maxLength: 3),
                    f.field(.procCriterionExperience, name: "weightExperience", value: "20", type: "number", required: true, inputmode: "numeric", maxLength: 3),
                    f.field(.procCriterionPrice, name: "weightPrice", value: "20", type: "number", required: true, inputmode: "numeric", maxLength: 3),
                    H.tag("p", [("class", "hint")], [.text(ctx.t(.procPanelHint))]),
                    panelField(ctx, 1, required: true), panelField(ctx, 2, required: false), panelField(ctx, 3, required: false),
                    f.submit(.procPublishCall),
                ])]
            case .callOpen:
                out += [H.tag("h2", [], [.text(ctx.t(.procCloseCall))]), f.form(action: base + "/close", [f.submit(.procCloseCall)])]
            case .scoring:
                out += [H.tag("h2", [], [.text(ctx.t(.procAward))]), H.tag("p", [("class", "hint")], [.text(ctx.t(.procB2Hint))]), f.form(action: base + "/award", [
                    f.select(.procWinner, name: "applicationID", options: d.standings.map {
                        ($0.application.id.uuidString, "\($0.application.organizationName) · \($0.total.map(PanelScoring.text) ?? "—")")
                    }, selected: d.standings.first?.application.id.uuidString),
                    ProcurementViews.textarea(ctx, .procAwardReason, name: "reason", max: ProcurementInputs.reasonMax, required: true),
                    ProcurementViews.textarea(ctx, .procPreferenceReason, name: "preferenceReason", max: ProcurementInputs.reasonMax, required: false),
                    f.submit(.procAwardSubmit),
                ])]
            case .awarded:
                out += [H.tag("h2", [], [.text(ctx.t(.procContract))]), f.form(action: base + "/contract", [
                    ProcurementViews.textarea(ctx, .procContractContent, name: "content", max: ProcurementInputs.textMax, required: true, value: p.description),
                    f.field(.procContractQuantity, name: "quantity", required: true, maxLength: ProcurementInputs.reasonMax),
                    f.field(.procContractQuality, name: "quality", required: true, maxLength: ProcurementInputs.reasonMax),
                    f.field(.procContractPrice, name: "price", value: Money(fen: p.awardValueFen ?? 0).yuanText, required: true, inputmode: "decimal", maxLength: 24),
                    f.field(.procContractSettlement, name: "settlement", required: true, maxLength: ProcurementInputs.reasonMax),
                    f.field(.procContractLiability, name: "liability", required: true, maxLength: ProcurementInputs.reasonMax),
                    f.field(.procContractStart, name: "termStart", value: ProcurementText.today.description, type: "date", required: true, maxLength: 10),
                    f.submit(.procContractSubmit),
                ])]
            case .contracted:
                out += [H.tag("h2", [], [.text(ctx.t(.procPay))]), f.form(action: base + "/payments", [
                    f.field(.procMilestone, name: "milestone", required: true, maxLength: ProcurementInputs.titleMax),
                    f.field(.procAmount, name: "amount", required: true, inputmode: "decimal", maxLength: 24),
                    f.submit(.procPay),
                ])]
                out += [H.tag("h2", [], [.text(ctx.t(.procSupervise))]), f.form(action: base + "/supervision", [
                    f.field(.procVisitedOn, name: "visitedOn", value: ProcurementText.today.description, type: "date", required: true, maxLength: 10),
                    f.select(.procFinding, name: "finding", options: SupervisionFinding.allCases.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: nil),
                    ProcurementViews.textarea(ctx, .procFindingText, name: "text", max: ProcurementInputs.textMax, required: true),
                    f.submit(.procSupervise),
                ])]
                out += [H.tag("h2", [], [.text(ctx.t(.procEvaluate))]), f.form(action: base + "/evaluation", [
                    f.field(.procEvaluationScore, name: "score", type: "number", required: true, hint: .procEvaluationHint, inputmode: "numeric", maxLength: 3),
                    ProcurementViews.textarea(ctx, .procEvaluationSummary, name: "summary", max: ProcurementInputs.textMax, required: true),
                    f.submit(.procEvaluate),
                ])]
            case .evaluated:
                break
            }
        }
        let applied = Set(d.standings.map(\.application.organizationID))
        let mine = actor.organizationIDs.filter { !applied.contains($0) }
        if p.stage.acceptsApplications, !mine.isEmpty {
            let names = try await Organization.query(on: req.db).filter(\.$id ~~ mine).all()
            out += [H.tag("h2", [], [.text(ctx.t(.procApply))]), f.form(action: base + "/applications", [
                f.select(.procOrganization, name: "organizationID", options: names.compactMap { o in o.id.map { ($0.uuidString, o.name) } }, selected: nil),
                ProcurementViews.textarea(ctx, .procProposal, name: "proposal", max: ProcurementInputs.textMax, required: true),
                f.field(.procPrice, name: "price", required: true, inputmode: "decimal", maxLength: 24),
                f.submit(.procApply),
            ])]
        }
        if p.stage.acceptsScores, try await ProcurementPanelMember.query(on: req.db).filter(\.$projectID == id).filter(\.$accountID == actor.accountID).count() > 0 {
            out.append(H.tag("p", [], [H.link(base + "/score", ctx.t(.procScoreLink), class: "button")]))
        }
        return out
    }

    /// The panel member's sheets: per application, declare no conflict and score it, or declare the conflict and stand aside.
    static func score(_ req: Request) async throws -> WebPage {
        let ctx = req.context, f = ctx.forms
        let p = try await ProcurementAPIController.load(req)
        let id = try p.requireID()
        let actor = try req.requireActor()
        let seat = try await ProcurementPanelMember.query(on: req.db).filter(\.$projectID == id).filter(\.$accountID == actor.accountID).first()
        try await req.authorize(.procurementScore, on: Resource(authorAccountID: seat?.accountID), entity: ProcurementAPIController.entity,
                                entityID: id.uuidString)
        let standings = try await ProcurementStandings.of(p, on: req.db)
        var content: [BodyNode] = [H.tag("p", [], [.text(ctx.t(.procScoreIntro))])]
        if !p.stage.acceptsScores { content.append(H.tag("p", [], [.text(ctx.t(.procNotScoring))])) }
        for s in standings {
            guard let appID = s.application.id else { continue }
            content.append(H.tag("h2", [], [.text("\(s.application.organizationName) · \(Money(fen: s.application.priceFen).yuanText)")]))
            content.append(H.tag("p", [], [.text(s.application.proposal)]))
            if let mine = s.sheets.first(where: { $0.memberAccountID == actor.accountID }) {
                content.append(H.tag("p", [], [.text(mine.conflict ? ctx.t(.procConflictDeclared) : "\(ctx.t(.procScored)) \((mine.scores ?? []).map(String.init).joined(separator: "/"))")]))
                continue
            }
            guard p.stage.acceptsScores else { continue }
            let action = "/procurement/\(id.uuidString)/applications/\(appID.uuidString)/score"
            content.append(f.form(action: action, [
                H.void("input", [("type", "hidden"), ("name", "noConflict"), ("value", "true")]),
                H.tag("p", [], [.text(ctx.t(.procNoConflictStatement))]),
                scoreField(ctx, .procCriterionQuality, "scoreQuality", appID), scoreField(ctx, .procCriterionExperience, "scoreExperience", appID),
                scoreField(ctx, .procCriterionPrice, "scorePrice", appID),
                f.submit(.procScoreSubmit),
            ]))
            content.append(f.form(action: action, [
                ProcurementViews.textarea(ctx, .procConflictStatement, name: "conflictStatement", id: "f-conflict-\(appID.uuidString)",
                                          max: ProcurementInputs.reasonMax, required: true),
                f.submit(.procDeclareConflict),
            ]))
        }
        content.append(H.tag("p", [], [H.link("/procurement/\(id.uuidString)", p.title)]))
        return WebPage(title: ctx.t(.procScoreTitle) + " · " + p.title, content)
    }

    static func panelField(_ ctx: RequestContext, _ n: Int, required: Bool) -> BodyNode {
        let id = "f-panel-\(n)"
        return H.tag("div", [("class", "field")], [
            H.tag("label", [("for", id)], [.text(ctx.t(.procPanelMember) + " \(n)" + (required ? "" : " " + ctx.t(.optional)))]),
            H.void("input", [("type", "text"), ("name", "panel[]"), ("id", id), ("maxlength", "64"), ("autocomplete", "off"),
                             ("required", required ? "required" : nil)]),
        ])
    }

    static func scoreField(_ ctx: RequestContext, _ label: Phrase, _ name: String, _ app: UUID) -> BodyNode {
        let id = "f-\(name)-\(app.uuidString)"
        return H.tag("div", [("class", "field")], [
            H.tag("label", [("for", id)], [.text(ctx.t(label) + " (0–100)")]),
            H.void("input", [("type", "number"), ("name", name), ("id", id), ("min", "0"), ("max", "100"), ("required", "required"), ("inputmode", "numeric")]),
        ])
    }

    /// Where a project's forms return: its page (a 404 first if there is no such project).
    static func back(_ req: Request) async throws -> String {
        "/procurement/" + (try await ProcurementAPIController.load(req).requireID().uuidString)
    }
}
