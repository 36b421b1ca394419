import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// The charter in force with its rules in words, and for the residents' committee
/// and the street the form for a new version. The form posts twice: first the
/// rules come back as sentences to check, then the confirmed post runs the API's
/// adoption command (same checks, same audit, same public record).
enum CharterPages {
    static func path(_ code: String) -> String { "/communities/\(code)/charter" }

    struct Form: Content, ValidatedInput {
        var title: String
        var text: String
        var inForceFrom: String?
        var residentsAssemblyBase: AssemblyBase
        var quorumNumerator: Int
        var quorumDenominator: Int
        var quorumStrictlyMore: Bool?
        var majorityNumerator: Int
        var majorityDenominator: Int
        var majorityStrictlyMore: Bool?
        var majorityBase: MajorityBase
        var noticeDays: Int
        var secretBallot: Bool?
        /// Text, so the empty box ("registered residents only") reads as absent.
        var migrantsVoteAfterMonths: String?
        var representativesFewest: Int
        var representativesMost: Int
        var minimumAge: Int
        var confirmed: Bool?
        static var inputSchema: InputSchema { SelfGovernanceInputs.charterForm }

        /// A fewest above the most would make no range at all; refused by name, never trapped on.
        func rules() throws -> CharterRules {
            guard representativesFewest <= representativesMost else {
                throw ShequError.invalid(.errorCharterRules, "representativesPerGroup", code: "charter_rules")
            }
            let months = migrantsVoteAfterMonths.flatMap { $0.isEmpty ? nil : Int($0.trimmingCharacters(in: .whitespaces)) }
            return CharterRules(residentsAssemblyBase: residentsAssemblyBase,
                                quorum: Threshold(quorumNumerator, quorumDenominator, strictlyMore: quorumStrictlyMore ?? false),
                                majority: Threshold(majorityNumerator, majorityDenominator, strictlyMore: majorityStrictlyMore ?? false),
                                majorityBase: majorityBase, noticeDays: noticeDays, secretBallot: secretBallot ?? false,
                                migrantsVoteAfterMonths: months, representativesPerGroup: representativesFewest...representativesMost,
                                minimumAge: minimumAge)
        }

        var input: GovernanceAPIController.CharterInput {
            get throws {
                GovernanceAPIController.CharterInput(title: title, text: text, inForceFrom: (inForceFrom?.isEmpty ?? true) ? nil : inForceFrom,
                                                     rules: try rules())
            }
        }
    }

    static func show(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let code = try await req.community()
        let division = try await Division.find(code, on: req.db)
        let view = try await GovernanceAPIController.charter(req)
        var content: [BodyNode] = []
        if let title = view.title {
            content.append(H.tag("h2", [], [.text(title)]))
            content.append(H.tag("p", [], [.text(ctx.t(.gpCharterVersion) + " \(view.version) · " + (view.inForceFrom ?? ""))]))
        } else {
            content.append(H.tag("p", [], [.text(ctx.t(.noCharterYet))]))
        }
        content.append(H.tag("h2", [], [.text(ctx.t(.gpCharterRules))]))
        content.append(rulesList(view.rules, ctx))
        if let text = view.text { content.append(H.tag("div", [("class", "charter-text")], text.split(separator: "\n").map { H.tag("p", [], [.text(String($0))]) })) }
        if let actor = ctx.actor, Policy.may(actor, .charterWrite, at: code) {
            content.append(H.tag("h2", [], [.text(ctx.t(.gpCharterNew))]))
            content.append(form(code, values: nil, rules: view.rules, ctx))
        }
        content.append(H.tag("p", [], [H.link("/communities/\(code)/governance", ctx.t(.selfGovernance))]))
        return WebPage(title: (division?.name ?? code) + " · " + ctx.t(.gpCharter), content)
    }

    static func rulesList(_ rules: CharterRules, _ ctx: RequestContext) -> BodyNode {
        H.tag("ul", [("class", "rules")], RuleWords.lines(rules, ctx).map { H.tag("li", [], [.text($0)]) })
    }

    /// First post: the rules in words, with the same values ready to confirm or change.
    /// Second (confirmed) post: the API's command, then back to the charter.
    static func submit(_ req: Request) async throws -> Response {
        let ctx = req.context
        let code = try await req.community()
        let form = try req.validatedContent(Form.self)
        let input = try form.input
        guard form.confirmed == true else {
            // Refused and logged for the wrong role, and rules that cannot be adopted refused, before anyone reads them as settled.
            _ = try await req.actingFor(.residentsCommittee, .charterWrite, at: code, entity: "charter")
            try Charters.check(input.rules ?? .organicLaw)
            return try await WebPage(title: ctx.t(.gpCharterCheck), [
                H.tag("h2", [], [.text(form.title)]),
                rulesList(input.rules ?? .organicLaw, ctx),
                ctx.forms.form(action: "/communities/\(code)/charters", hidden(form) + [
                    H.void("input", [("type", "hidden"), ("name", "confirmed"), ("value", "true")]),
                    ctx.forms.submit(.gpCharterConfirm)]),
                H.tag("h2", [], [.text(ctx.t(.gpCharterChange))]),
                self.form(code, values: form, rules: input.rules ?? .organicLaw, ctx),
            ]).encodeResponse(for: req)
        }
        _ = try await GovernanceAPIController.adoptCharter(input, at: code, req: req)
        return req.redirect(to: path(code))
    }

    static func hidden(_ form: Form) -> [BodyNode] {
        let pairs: [(String, String)] = [
            ("title", form.title), ("text", form.text), ("inForceFrom", form.inForceFrom ?? ""),
            ("residentsAssemblyBase", form.residentsAssemblyBase.rawValue),
            ("quorumNumerator", String(form.quorumNumerator)), ("quorumDenominator", String(form.quorumDenominator)),
            ("quorumStrictlyMore", String(form.quorumStrictlyMore ?? false)),
            ("majorityNumerator", String(form.majorityNumerator)), ("majorityDenominator", String(form.majorityDenominator)),
            ("majorityStrictlyMore", String(form.majorityStrictlyMore ?? false)),
            ("majorityBase", form.majorityBase.rawValue), ("noticeDays", String(form.noticeDays)),
            ("secretBallot", String(form.secretBallot ?? false)), ("migrantsVoteAfterMonths", form.migrantsVoteAfterMonths ?? ""),
            ("representativesFewest", String(form.representativesFewest)), ("representativesMost", String(form.representativesMost)),
            ("minimumAge", String(form.minimumAge)),
        ]
        return pairs.map { H.void("input", [("type", "hidden"), ("name", $0.0), ("value", $0.1)]) }
    }

    /// The new-version form, filled with the rules in force (or the ones just checked).
    static func form(_ code: String, values: Form?, rules r: CharterRules, _ ctx: RequestContext) -> BodyNode {
        let f = ctx.forms
        func number(_ label: Phrase, _ name: String, _ value: Int?, _ range: ClosedRange<Int>, required: Bool = true) -> BodyNode {
            H.tag("div", [("class", "field")], [
                H.tag("label", [("for", "f-" + name)], [.text(ctx.t(label))]),
                H.void("input", [("type", "number"), ("name", name), ("id", "f-" + name), ("value", value.map { String($0) }),
                                 ("min", String(range.lowerBound)), ("max", String(range.upperBound)), ("inputmode", "numeric"),
                                 ("required", required ? "required" : nil)]),
            ])
        }
        let term = SelfGovernanceInputs.thresholdTerm
        return f.form(action: "/communities/\(code)/charters", [
            f.field(.gpCharterTitle, name: "title", value: values?.title, required: true),
            H.tag("div", [("class", "field")], [
                H.tag("label", [("for", "f-text")], [.text(ctx.t(.gpCharterText))]),
                H.tag("textarea", [("name", "text"), ("id", "f-text"), ("rows", "8"), ("maxlength", "20000"), ("required", "required")],
                      [.text(values?.text ?? "")]),
            ]),
            f.field(.gpCharterFrom, name: "inForceFrom", value: values?.inForceFrom, type: "date"),
            f.select(.gpCharterBase, name: "residentsAssemblyBase", options: AssemblyBase.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                     selected: r.residentsAssemblyBase.rawValue),
            number(.gpQuorumNumerator, "quorumNumerator", r.quorum.numerator, term),
            number(.gpQuorumDenominator, "quorumDenominator", r.quorum.denominator, term),
            f.checkbox(.gpQuorumStrict, name: "quorumStrictlyMore", checked: r.quorum.strictlyMore),
            number(.gpMajorityNumerator, "majorityNumerator", r.majority.numerator, term),
            number(.gpMajorityDenominator, "majorityDenominator", r.majority.denominator, term),
            f.checkbox(.gpMajorityStrict, name: "majorityStrictlyMore", checked: r.majority.strictlyMore),
            f.select(.gpMajorityBase, name: "majorityBase", options: MajorityBase.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                     selected: r.majorityBase.rawValue),
            number(.gpNoticeDays, "noticeDays", r.noticeDays, SelfGovernanceInputs.noticeDays),
            f.checkbox(.gpSecretBallot, name: "secretBallot", checked: r.secretBallot),
            number(.gpMigrantMonths, "migrantsVoteAfterMonths", r.migrantsVoteAfterMonths, SelfGovernanceInputs.migrantMonths, required: false),
            number(.gpRepresentativesFewest, "representativesFewest", r.representativesPerGroup.lowerBound, SelfGovernanceInputs.representatives),
            number(.gpRepresentativesMost, "representativesMost", r.representativesPerGroup.upperBound, SelfGovernanceInputs.representatives),
            number(.gpMinimumAge, "minimumAge", r.minimumAge, SelfGovernanceInputs.minimumAge),
            f.submit(.gpCharterPreview),
        ])
    }
}
