import Fluent
import ShequKernel
import Vapor

/// The grants of district powers to streets: a public list; the district's officials
/// and the leading-group office find the forms to grant and revoke on the same page.
enum DelegatedPowerPages {
    static let path = "/delegated-powers"

    static func list(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let page = try await DelegatedPowersController.list(req)
        let division = req.queryValue("division") ?? ""
        let power = req.queryValue("power") ?? ""
        let mayGrantAnywhere = ctx.actor.map { Policy.may($0, .delegatedPowerGrant) } ?? false
        var content: [BodyNode] = [H.tag("p", [], [.text(ctx.t(.delegatedPowersIntro))])]
        var query = [("division", division), ("power", power)].filter { !$0.1.isEmpty }
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        if !query.isEmpty { query = "?" + query }
        content.append(H.tag("nav", [("class", "actions")], [
            H.link(path, ctx.t(.delegatedPowers), class: power.isEmpty ? "current" : nil),
        ] + DistrictPower.allCases.map { p in
            H.link(path + "?power=\(p.rawValue)", ctx.t(p.phrase), class: power == p.rawValue ? "current" : nil)
        } + [H.link(path + ".csv" + query, ctx.t(.downloadCSV))]))
        if page.items.isEmpty {
            content.append(H.tag("p", [], [.text(ctx.t(.noResults))]))
        } else {
            let head = [Phrase.powerDistrictPower, .powerStreet, .powerGrantingDistrict, .powerDecisionDocument, .powerDecidedOn,
                        .powerEffectiveFrom, .powerState].map { H.tag("th", [], [.text(ctx.t($0))]) }
            var rows: [BodyNode] = []
            for p in page.items {
                let state: String
                if let revokedOn = p.revokedOn {
                    state = ctx.t(.powerRevoked) + " " + revokedOn + (p.revocationReason.map { " · " + $0 } ?? "")
                } else {
                    state = ctx.t(p.inForce ? .powerInForce : .powerNotYetInForce)
                }
                var stateCell: [BodyNode] = [.text(state)]
                if p.revokedOn == nil, let actor = ctx.actor, Policy.may(actor, .delegatedPowerRevoke, at: p.streetCode) {
                    let f = ctx.forms
                    stateCell.append(f.form(action: "\(path)/\(p.id)/revoke", [
                        f.field(.powerRevocationReason, name: "reason", required: true, maxLength: 500),
                        f.field(.powerRevokedOn, name: "revokedOn", type: "date", maxLength: 10),
                        f.submit(.revokePower),
                    ]))
                }
                rows.append(H.tag("tr", [], [
                    H.tag("td", [("data-label", ctx.t(.powerDistrictPower))], [.text(p.powerName)]),
                    H.tag("td", [("data-label", ctx.t(.powerStreet))], [H.link("/divisions/\(p.streetCode)", p.streetName)]),
                    H.tag("td", [("data-label", ctx.t(.powerGrantingDistrict))], [H.link("/divisions/\(p.districtCode)", p.districtCode)]),
                    H.tag("td", [("data-label", ctx.t(.powerDecisionDocument))], [.text(p.decisionDocument)]),
                    H.tag("td", [("data-label", ctx.t(.powerDecidedOn))], [.text(p.decidedOn)]),
                    H.tag("td", [("data-label", ctx.t(.powerEffectiveFrom))], [.text(p.effectiveFrom)]),
                    H.tag("td", [("data-label", ctx.t(.powerState))], stateCell),
                ]))
            }
            content.append(H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
                H.tag("thead", [], [H.tag("tr", [], head)]), H.tag("tbody", [], rows),
            ])]))
        }
        content.append(Pager.nav(ctx, page, path: path, keep: [("division", division), ("power", power)]))
        if mayGrantAnywhere, let actor = ctx.actor {
            // Only the streets this official may grant to are offered.
            let streets = try await Division.query(on: req.db).filter(\.$level == .street).sort(\.$id).all()
                .filter { Policy.may(actor, .delegatedPowerGrant, at: $0.code) }
            let f = ctx.forms
            content.append(H.tag("h2", [], [.text(ctx.t(.grantPower))]))
            content.append(f.form(action: path, [
                f.select(.powerDistrictPower, name: "power", options: DistrictPower.allCases.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: nil),
                f.select(.powerStreet, name: "streetCode", options: streets.map { ($0.code, "\($0.name) \($0.code)") }, selected: nil),
                f.field(.powerDecisionDocument, name: "decisionDocument", required: true, maxLength: 100),
                f.field(.powerDecidedOn, name: "decidedOn", type: "date", required: true, maxLength: 10),
                f.field(.powerEffectiveFrom, name: "effectiveFrom", type: "date", maxLength: 10),
                f.submit(.grantPower),
            ]))
        }
        return WebPage(title: ctx.t(.delegatedPowers), content)
    }
}
