import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// 好差评 on a page: the ratings report for everyone the API shows it to (with its CSV), and below it, for the
/// offices that answer them, the follow-ups of poor ratings with the answer form.
enum RatingPages {
    static func report(_ req: Request) async throws -> WebPage {
        let report = try await RatingsController.report(req)
        let actor = try req.requireActor()
        let ctx = req.context
        var facts: [BodyNode] = []
        func row(_ label: String, _ value: String) { facts += [H.tag("dt", [], [.text(label)]), H.tag("dd", [], [.text(value)])] }
        for level in RatingLevel.allCases { row(ctx.t(level.phrase), String(report.ratings[level.rawValue] ?? 0)) }
        row(ctx.t(.hallFollowUpsTotal), String(report.followUps))
        row(ctx.t(.hallFollowUpsAnsweredOnTime), "\(report.answeredOnTime) / \(report.answered)")
        row(ctx.t(.hallFollowUpsOpen), String(report.open))
        row(ctx.t(.overdue), String(report.overdue))
        row(ctx.t(.hallOnTimeRate), percent(report.onTimeRate))
        var content: [BodyNode] = [
            H.tag("dl", [("class", "record")], facts),
            H.tag("p", [], [H.link("/ratings/report.csv", ctx.t(.downloadCSV))]),
        ]
        // Answering is for the offices of the place rated; the report's other readers see the figures only.
        if Policy.may(actor, .applicationHandle) {
            content += try await followUps(req, ctx)
        }
        return WebPage(title: ctx.t(.hallRatingsReport), content)
    }

    /// One decimal, from whole per mille: 0.9876 → "98.8%" (the report's share is 0…1).
    static func percent(_ rate: Double) -> String {
        let permille = rate.isFinite ? Int((min(max(rate, 0), 1) * 1000).rounded()) : 0
        return "\(permille / 10).\(permille % 10)%"
    }

    static func followUps(_ req: Request, _ ctx: RequestContext) async throws -> [BodyNode] {
        let page = try await RatingsController.followUps(req)
        let ratings = page.items.isEmpty ? [] : try await Rating.query(on: req.db).filter(\.$id ~~ page.items.map(\.ratingID)).all()
        let ratingByID = Dictionary(uniqueKeysWithValues: ratings.compactMap { r in r.id.map { ($0, r) } })
        let applications = ratings.isEmpty ? [] : try await Application.query(on: req.db).filter(\.$id ~~ ratings.map(\.applicationID)).all()
        let numberByID = Dictionary(uniqueKeysWithValues: applications.compactMap { a in a.id.map { ($0, a.trackingNumber) } })
        let state = req.query[String.self, at: "state"] ?? ""
        let f = ctx.forms
        var content: [BodyNode] = [
            H.tag("h2", [], [.text(ctx.t(.hallFollowUps))]),
            H.tag("nav", [("class", "actions"), ("aria-label", ctx.t(.hallFollowUps))],
                  [H.link("/ratings", ctx.t(.allOpen), class: state.isEmpty ? "current" : nil)]
                  + FollowUpState.allCases.map { s in H.link("/ratings?state=\(s.rawValue)", ctx.t(s.phrase), class: state == s.rawValue ? "current" : nil) }),
        ]
        if page.items.isEmpty { content.append(H.tag("p", [], [.text(ctx.t(.noResults))])) }
        for followUp in page.items {
            let rating = ratingByID[followUp.ratingID]
            let number = rating.flatMap { numberByID[$0.applicationID] }
            var facts: [BodyNode] = []
            func row(_ label: Phrase, _ value: BodyNode) { facts += [H.tag("dt", [], [.text(ctx.t(label))]), H.tag("dd", [], [value])] }
            row(.trackingNumber, number.map { H.link("/applications/\($0)", $0) } ?? .text("—"))
            row(.ratingLevel, .text(rating.map { ctx.t($0.level.phrase) } ?? "—"))
            if let comment = rating?.comment, !comment.isEmpty { row(.ratingComment, .text(comment)) }
            row(.dueOn, .text(followUp.dueOn))
            row(.state, .text(ctx.t(followUp.state.phrase)))
            if !followUp.response.isEmpty { row(.hallFollowUpResponse, .text(followUp.response)) }
            var card: [BodyNode] = [H.tag("dl", [("class", "record")], facts)]
            if followUp.state == .open, let id = followUp.id {
                // Two forms, so neither sends a field the other needs empty (an empty ground is no ground the API reads).
                func response(_ suffix: String) -> BodyNode {
                    H.tag("div", [("class", "field")], [
                        H.tag("label", [("for", "f-response-\(suffix)-\(id)")], [.text(ctx.t(.hallFollowUpResponse))]),
                        H.tag("textarea", [("name", "response"), ("id", "f-response-\(suffix)-\(id)"), ("maxlength", "2000"),
                                           ("rows", "3"), ("required", "required")], []),
                    ])
                }
                card.append(f.form(action: "/follow-ups/\(id)/answer", [
                    H.void("input", [("type", "hidden"), ("name", "state"), ("value", FollowUpState.rectified.rawValue)]),
                    response("r"), f.submit(.hallAnswerRectified),
                ]))
                card.append(f.form(action: "/follow-ups/\(id)/answer", [
                    H.void("input", [("type", "hidden"), ("name", "state"), ("value", FollowUpState.appealed.rawValue)]),
                    H.tag("div", [("class", "field")], [
                        H.tag("label", [("for", "f-ground-\(id)")], [.text(ctx.t(.hallAppealGroundLabel))]),
                        H.tag("select", [("name", "appealGround"), ("id", "f-ground-\(id)")],
                              AppealGround.allCases.map { H.tag("option", [("value", $0.rawValue)], [.text(ctx.t($0.phrase))]) }),
                    ]),
                    response("a"), f.submit(.hallAnswerAppeal),
                ]))
            }
            content.append(H.tag("section", [("class", "card")], card))
        }
        content.append(Pager.nav(ctx, page, path: "/ratings", keep: [("state", state)]))
        return content
    }

    static func csv(_ req: Request) async throws -> Response {
        let report = try await RatingsController.report(req)
        var rows = RatingLevel.allCases.map { ["rating", $0.rawValue, String(report.ratings[$0.rawValue] ?? 0)] }
        rows += [["followUps", "total", String(report.followUps)], ["followUps", "answered", String(report.answered)],
                 ["followUps", "answeredOnTime", String(report.answeredOnTime)], ["followUps", "open", String(report.open)],
                 ["followUps", "overdue", String(report.overdue)], ["followUps", "onTimeRate", percent(report.onTimeRate)]]
        return .csv(filename: "ratings-report.csv", header: ["kind", "measure", "value"], rows: rows)
    }
}

extension FollowUpState {
    var phrase: Phrase {
        switch self {
        case .open: Phrase(zh: "待处理", en: "Open")
        case .rectified: Phrase(zh: "已整改", en: "Rectified")
        case .appealed: Phrase(zh: "已申诉", en: "Appealed")
        }
    }
}

extension AppealGround {
    var phrase: Phrase {
        switch self {
        case .mistaken: Phrase(zh: "误评", en: "Given by mistake")
        case .malicious: Phrase(zh: "恶意差评", en: "Malicious")
        }
    }
}
