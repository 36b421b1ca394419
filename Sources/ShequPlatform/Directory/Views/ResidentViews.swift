import Vapor

/// Residents' screens. Pure functions of their data and the request context.
enum ResidentViews {
    static func list(_ ctx: RequestContext, _ listing: ListPage<ResidentSummary>, q: String?, canWrite: Bool) -> WebPage {
        let items = listing.items
        let f = ctx.forms
        var content: [BodyNode] = [
            H.tag("form", [("method", "get"), ("action", "/residents"), ("role", "search")], [
                f.field(.searchLabel, name: "q", value: q, type: "search", required: true, hint: .searchHint, maxLength: 50),
                f.submit(.search),
            ]),
        ]
        var actions: [BodyNode] = []
        if canWrite {
            actions.append(H.link("/residents/new", ctx.t(.newResident)))
            actions.append(H.link("/residents/import", ctx.t(.importResidents)))
        }
        actions.append(H.link("/residents/export.csv", ctx.t(.downloadCSV)))
        content.append(H.tag("div", [("class", "actions")], actions))
        // The pager below says how many were found, once.
        if items.isEmpty {
            content.append(H.tag("p", [], [.text(ctx.t(.noResults))]))
        } else {
            let head = [Phrase.personName, .sex, .birthYear, .idNumber, .phone, .residency, .community].map { H.tag("th", [], [.text(ctx.t($0))]) }
            let rows = items.map { r in
                H.tag("tr", [], [
                    H.tag("td", [("data-label", ctx.t(.personName))], [H.link("/residents/\(r.id)", r.name)]),
                    H.tag("td", [("data-label", ctx.t(.sex))], [.text(ctx.t(r.sex == .male ? .male : .female))]),
                    H.tag("td", [("data-label", ctx.t(.birthYear))], [.text(String(r.birthYear))]),
                    H.tag("td", [("data-label", ctx.t(.idNumber))], [.text(r.idNumber)]),
                    H.tag("td", [("data-label", ctx.t(.phone))], [.text(r.phone ?? "")]),
                    H.tag("td", [("data-label", ctx.t(.residency))], [.text(ctx.t(r.residency.phrase))]),
                    H.tag("td", [("data-label", ctx.t(.community))], [.text(r.divisionCode)]),
                ])
            }
            content.append(H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
                H.tag("thead", [], [H.tag("tr", [], head)]), H.tag("tbody", [], rows)])]))
        }
        content.append(Pager.nav(ctx, listing, path: "/residents", keep: [("q", q)]))
        return WebPage(title: ctx.t(.residents), content)
    }

    static func form(_ ctx: RequestContext, values: [String: String], error: String?) -> WebPage {
        let f = ctx.forms
        var content: [BodyNode] = []
        if let error { content.append(H.tag("p", [("class", "error"), ("role", "alert")], [.text(error)])) }
        content.append(f.form(action: "/residents", [
            f.field(.communityCode, name: "divisionCode", value: values["divisionCode"], required: true, inputmode: "numeric", maxLength: 12),
            f.field(.personName, name: "name", value: values["name"], required: true, autocomplete: "off", maxLength: 50),
            f.field(.idNumber, name: "idNumber", value: values["idNumber"], required: true, hint: .idHint, autocomplete: "off", maxLength: 18),
            f.field(.phone, name: "phone", value: values["phone"], type: "tel", autocomplete: "off", inputmode: "tel", maxLength: 20),
            f.select(.residency, name: "residency", options: Residency.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                     selected: values["residency"] ?? Residency.registered.rawValue),
            f.field(.residentSince, name: "residentSince", value: values["residentSince"], type: "date", hint: .residentSinceHint, maxLength: 10),
            f.field(.householdID, name: "householdID", value: values["householdID"], maxLength: 36),
            f.select(.relationToHead, name: "relationToHead", options: RelationToHead.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                     selected: values["relationToHead"], includeEmpty: true),
            f.submit(.save),
        ]))
        return WebPage(title: ctx.t(.newResident), content)
    }

    static func detail(_ ctx: RequestContext, resident r: ResidentSummary, communityName: String?, revealed: ResidentsAPIController.Revealed?,
                       canWrite: Bool, canReveal: Bool, notice: Phrase? = nil, error: String? = nil) -> WebPage {
        let f = ctx.forms
        var content: [BodyNode] = []
        if let notice { content.append(H.tag("p", [("class", "notice"), ("role", "status")], [.text(ctx.t(notice))])) }
        if let error { content.append(H.tag("p", [("class", "error"), ("role", "alert")], [.text(error)])) }
        func row(_ label: Phrase, _ value: String) -> [BodyNode] {
            [H.tag("dt", [], [.text(ctx.t(label))]), H.tag("dd", [], [.text(value)])]
        }
        func mayRead(_ action: Action, at code: String?) -> Bool {
            guard let actor = ctx.actor else { return false }
            return code.map { Policy.may(actor, action, at: $0) } ?? Policy.may(actor, action)
        }
        var facts = row(.personName, r.name) + row(.sex, ctx.t(r.sex == .male ? .male : .female)) + row(.birthYear, String(r.birthYear))
        facts += row(.idNumber, revealed?.idNumber ?? r.idNumber) + row(.phone, revealed?.phone ?? r.phone ?? "")
        facts += row(.residency, ctx.t(r.residency.phrase)) + row(.residentSince, r.residentSince)
        facts += [H.tag("dt", [], [.text(ctx.t(.community))]),
                  H.tag("dd", [], [H.link("/divisions/\(r.divisionCode)", (communityName ?? "") + " " + r.divisionCode)])]
        if let h = r.householdID {
            facts += [H.tag("dt", [], [.text(ctx.t(.household))]), H.tag("dd", [], [mayRead(.householdRead, at: r.divisionCode) ? H.link("/households/\(h)", h.uuidString) : .text(h.uuidString)])]
            facts += row(.relationToHead, r.relationToHead.map { ctx.t($0.phrase) } ?? "")
        }
        content.append(H.tag("dl", [("class", "record")], facts))
        if revealed != nil { content.append(H.tag("p", [("class", "notice")], [.text(ctx.t(.revealedNotice))])) }
        if canReveal && revealed == nil {
            content.append(H.tag("div", [("class", "actions")], [
                f.form(action: "/residents/\(r.id)/reveal", [H.tag("button", [("type", "submit")], [.text(ctx.t(.revealID))])]),
            ]))
        }
        if canWrite {
            content.append(H.tag("h2", [], [.text(ctx.t(.edit))]))
            content.append(f.form(action: "/residents/\(r.id)", [
                f.field(.personName, name: "name", value: r.name, required: true, maxLength: 50),
                f.field(.phone, name: "phone", type: "tel", inputmode: "tel", maxLength: 20),
                f.select(.residency, name: "residency", options: Residency.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                         selected: r.residency.rawValue),
                f.field(.residentSince, name: "residentSince", value: r.residentSince, type: "date", maxLength: 10),
                f.submit(.save),
            ]))
            content.append(H.tag("h2", [], [.text(ctx.t(.moveResident))]))
            content.append(f.form(action: "/residents/\(r.id)/move", [
                f.field(.communityCode, name: "divisionCode", value: r.divisionCode, required: true, inputmode: "numeric", maxLength: 12),
                f.field(.householdID, name: "householdID", maxLength: 36),
                f.select(.relationToHead, name: "relationToHead", options: RelationToHead.allCases.map { ($0.rawValue, ctx.t($0.phrase)) },
                         selected: nil, includeEmpty: true),
                f.submit(.move),
            ]))
        }
        // A resident reading their own record has no residents list or household page to go back to.
        if mayRead(.residentRead, at: nil) { content.append(H.tag("p", [], [H.link("/residents", ctx.t(.back))])) }
        return WebPage(title: r.name, content)
    }

    static func importForm(_ ctx: RequestContext, report: ResidentImport.Report?, error: String?) -> WebPage {
        let f = ctx.forms
        var content: [BodyNode] = []
        if let error { content.append(H.tag("p", [("class", "error"), ("role", "alert")], [.text(error)])) }
        if let report {
            if report.committed {
                content.append(H.tag("p", [("class", "notice"), ("role", "status")],
                                     [.text(ctx.t(.importDone) + "\(report.imported) \(ctx.t(.residents)), \(report.householdsCreated) \(ctx.t(.households))")]))
                if !report.errors.isEmpty { content.append(H.tag("p", [], [.text(ctx.t(.importSkipped))])) }
            } else {
                content.append(H.tag("p", [("class", "error"), ("role", "alert")], [.text(ctx.t(.importNothing))]))
            }
            if !report.errors.isEmpty {
                content.append(H.tag("ol", [("class", "errors")], report.errors.map {
                    H.tag("li", [("value", String($0.line))], [.text(ctx.t(.line) + "\($0.line)" + ctx.t(.lineSuffix) + ": " + $0.message)])
                }))
            }
        }
        content.append(H.tag("p", [], [.text(ctx.t(.importIntro)), H.tag("code", [], [.text(ResidentImport.columns.joined(separator: ","))])]))
        content.append(f.form(action: "/residents/import", multipart: true, [
            f.file(.importFile, name: "file", accept: ".csv,text/csv"),
            f.checkbox(.importOnlyGood, name: "onlyGoodRows"),
            f.submit(.importResidents),
        ]))
        return WebPage(title: ctx.t(.importResidents), content)
    }
}
