import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// H8 on pages: the office's index (its lists and the overdue documents), one list per kind with its form for the
/// committee (and a correction form pre-filled from the entry corrected), and the CSV of each list.
enum OfficePages {
    typealias View = OfficeAPIController.EntryView

    /// A column of a kind's list: its heading, its CSV name and its value.
    struct Column {
        let phrase: Phrase
        let csv: String
        let value: (View) -> String
    }

    static func columns(_ kind: OfficeKind) -> [Column] {
        let date = Column(phrase: .officeDate, csv: "date", value: \.onDate)
        let by = Column(phrase: .officeRecordedBy, csv: "recorded_by", value: \.recordedBy)
        switch kind {
        case .minutes:
            return [date, Column(phrase: .officeMeeting, csv: "title", value: { $0.title ?? "" }),
                    Column(phrase: .officeAttendees, csv: "attendees", value: { $0.people ?? "" }),
                    Column(phrase: .officeMinutesText, csv: "text", value: { $0.body ?? "" }), by]
        case .duty:
            return [date, Column(phrase: .officeHours, csv: "hours", value: { "\($0.startsAt ?? "")–\($0.endsAt ?? "")" }),
                    Column(phrase: .officePerson, csv: "person", value: { $0.people ?? "" }),
                    Column(phrase: .officeNote, csv: "note", value: { $0.body ?? "" })]
        case .log:
            return [date, Column(phrase: .officeLogTitle, csv: "title", value: { $0.title ?? "" }),
                    Column(phrase: .officeLogText, csv: "text", value: { $0.body ?? "" }), by]
        case .documentReceived, .documentSent:
            return [date, Column(phrase: .officeDocTitle, csv: "title", value: { $0.title ?? "" }),
                    Column(phrase: kind == .documentReceived ? .officeFrom : .officeTo, csv: "counterpart", value: { $0.people ?? "" }),
                    Column(phrase: .officeReference, csv: "reference", value: { $0.reference ?? "" }),
                    Column(phrase: .officeDeadline, csv: "deadline", value: { $0.deadline ?? "" }),
                    Column(phrase: .officeHandling, csv: "handling", value: { v in v.handledOn.map { "\($0) \(v.handling ?? "")" } ?? "" })]
        case .sealUse:
            return [date, Column(phrase: .officeSealDocument, csv: "document", value: { $0.title ?? "" }),
                    Column(phrase: .officeSealPurpose, csv: "purpose", value: { $0.body ?? "" }),
                    Column(phrase: .officeUsedBy, csv: "used_by", value: { $0.people ?? "" }),
                    Column(phrase: .officeApprovedBy, csv: "approved_by", value: { $0.approvedBy ?? "" }), by]
        case .documentHandled:
            return [date, Column(phrase: .officeHandling, csv: "text", value: { $0.body ?? "" }), by]
        }
    }

    // MARK: - Pages

    static func index(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let code = try await req.officeCommunity()
        let overdue = try await OfficeAPIController.overdue(req)
        let name = try await Division.find(code, on: req.db)?.name ?? code
        let base = "/communities/\(code)/office"
        return WebPage(title: "\(name) · \(ctx.t(.officeTitle))", [
            H.tag("p", [], [.text(ctx.t(.officeIntro))]),
            H.tag("ul", [], OfficeKind.listed.map { H.tag("li", [], [H.link("\(base)/\($0.segment)", ctx.t($0.phrase))]) }),
            H.tag("h2", [], [.text(ctx.t(.officeOverdue))]),
            table(ctx, OfficeKind.documentReceived, overdue.items, code: code, writer: false, columns: overdueColumns(ctx)),
            Pager.nav(ctx, overdue, path: base),
            H.tag("p", [], [H.link("\(base)/overdue.csv", ctx.t(.downloadCSV))]),
            H.tag("p", [], [H.link("/communities/\(code)/governance", name)]),
        ])
    }

    static func list(_ kind: OfficeKind) -> @Sendable (Request) async throws -> WebPage {
        { req in
            let ctx = req.context
            let code = try await req.officeCommunity()
            let page = try await OfficeAPIController.list(kind)(req)
            let base = "/communities/\(code)/office"
            let writer = ctx.actor.map { Policy.may($0, .committeeOfficeWrite, at: code) } ?? false
            var content: [BodyNode] = [
                table(ctx, kind, page.items, code: code, writer: writer),
                Pager.nav(ctx, page, path: "\(base)/\(kind.segment)"),
                H.tag("p", [], [H.link("\(base)/\(kind.segment).csv", ctx.t(.downloadCSV)), .text(" · "), H.link(base, ctx.t(.officeTitle))]),
            ]
            if writer {
                if OfficeKind.documents.contains(kind), let raw = req.query[String.self, at: "handle"], let id = UUID(uuidString: raw) {
                    let f = ctx.forms
                    content.insert(contentsOf: [
                        H.tag("h2", [], [.text(ctx.t(.officeHandle))]),
                        f.form(action: "\(base)/documents/\(id.uuidString)/handled", [
                            f.field(.officeHandledOn, name: "handledOn", value: LocalDate(instant: Date()).description, type: "date", required: true, maxLength: 10),
                            textarea(ctx, .officeHandling, name: "text", value: "", max: OfficeInputs.summaryMax, required: true),
                            f.submit(.officeHandle),
                        ]),
                    ], at: 0)
                }
                var corrected: OfficeEntry?
                if let raw = req.query[String.self, at: "corrects"], let id = UUID(uuidString: raw),
                   let e = try await OfficeEntry.find(id, on: req.db), e.divisionCode == code, e.kind == kind { corrected = e }
                content += [H.tag("h2", [("id", "record")], [.text(ctx.t(corrected == nil ? kind.recordPhrase : .officeCorrect))])]
                if corrected != nil { content.append(H.tag("p", [("class", "notice")], [.text(ctx.t(.officeCorrecting))])) }
                content.append(form(ctx, kind, action: "\(base)/\(kind.segment)", from: corrected))
            }
            return WebPage(title: ctx.t(kind.phrase), content)
        }
    }

    /// The overdue list holds documents received and sent: each row says which, and the other party is not
    /// headed 来文单位 for a document the committee sent.
    static func overdueColumns(_ ctx: RequestContext) -> [Column] {
        let listed = columns(.documentReceived)
        return [listed[0], Column(phrase: .officeRegister, csv: "kind", value: { ctx.t($0.kind.phrase) }), listed[1],
                Column(phrase: .officeCounterpart, csv: "counterpart", value: { $0.people ?? "" })] + listed[3...]
    }

    static func table(_ ctx: RequestContext, _ kind: OfficeKind, _ rows: [View], code: String, writer: Bool, columns given: [Column]? = nil) -> BodyNode {
        guard !rows.isEmpty else { return H.tag("p", [], [.text(ctx.t(.officeNone))]) }
        let cols = given ?? columns(kind)
        let labels = cols.map { ctx.t($0.phrase) } + [ctx.t(.officeState)]
        let base = "/communities/\(code)/office/\(kind.segment)"
        return H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
            H.tag("thead", [], [H.tag("tr", [], labels.map { H.tag("th", [("scope", "col")], [.text($0)]) })]),
            H.tag("tbody", [], rows.map { v in
                var cells: [BodyNode] = cols.map { .text($0.value(v)) }
                var state: [BodyNode] = [H.tag("strong", [], [.text(ctx.t(v.state.phrase))])]
                if writer, v.state != .corrected, v.state != .handled {
                    state += [.text(" "), H.link("\(base)?corrects=\(v.id.uuidString)#record", ctx.t(.officeCorrect))]
                    if v.state == .open || v.state == .overdue {
                        state += [.text(" · "), H.link("\(base)?handle=\(v.id.uuidString)", ctx.t(.officeHandle))]
                    }
                }
                cells.append(H.tag("span", [], state))
                return H.tag("tr", [("id", "e-" + v.id.uuidString)], cells.enumerated().map { i, cell in
                    H.tag("td", [("data-label", i < labels.count ? labels[i] : nil)], [cell])
                })
            }),
        ])])
    }

    /// The kind's form; a correction starts from the entry it corrects.
    static func form(_ ctx: RequestContext, _ kind: OfficeKind, action: String, from e: OfficeEntry?) -> BodyNode {
        let f = ctx.forms
        let today = LocalDate(instant: Date()).description
        var fields: [BodyNode] = []
        func date(_ label: Phrase, _ name: String) -> BodyNode {
            f.field(label, name: name, value: e?.onDate ?? today, type: "date", required: true, maxLength: 10)
        }
        switch kind {
        case .minutes:
            fields = [date(.officeDate, "heldOn"),
                      f.field(.officeMeeting, name: "title", value: e?.title, required: true, maxLength: OfficeInputs.titleMax),
                      f.field(.officeAttendees, name: "attendees", value: e?.people, required: true, maxLength: OfficeInputs.peopleMax),
                      textarea(ctx, .officeMinutesText, name: "text", value: e?.body ?? "", max: OfficeInputs.textMax, required: true)]
        case .duty:
            fields = [date(.officeDate, "dutyOn"),
                      f.field(.officeStartsAt, name: "startsAt", value: e?.startsAt ?? "08:30", type: "time", required: true, maxLength: 5),
                      f.field(.officeEndsAt, name: "endsAt", value: e?.endsAt ?? "17:30", type: "time", required: true, maxLength: 5),
                      f.field(.officePerson, name: "person", value: e?.people, required: true, maxLength: OfficeInputs.nameMax),
                      f.field(.officeNote, name: "note", value: e?.body, maxLength: OfficeInputs.noteMax)]
        case .log:
            fields = [date(.officeDate, "loggedOn"),
                      f.field(.officeLogTitle, name: "title", value: e?.title, required: true, maxLength: OfficeInputs.titleMax),
                      textarea(ctx, .officeLogText, name: "text", value: e?.body ?? "", max: OfficeInputs.textMax, required: true)]
        case .documentReceived, .documentSent:
            fields = [date(.officeDate, "dated"),
                      f.field(.officeDocTitle, name: "title", value: e?.title, required: true, maxLength: OfficeInputs.titleMax),
                      f.field(kind == .documentReceived ? .officeFrom : .officeTo, name: "counterpart", value: e?.people, required: true,
                              maxLength: OfficeInputs.titleMax),
                      f.field(.officeReference, name: "reference", value: e?.reference, maxLength: OfficeInputs.referenceMax),
                      f.field(.officeDeadline, name: "deadline", value: e?.deadline, type: "date", maxLength: 10),
                      textarea(ctx, .officeSummary, name: "summary", value: e?.body ?? "", max: OfficeInputs.summaryMax, required: false)]
        case .sealUse:
            fields = [date(.officeDate, "usedOn"),
                      f.field(.officeSealDocument, name: "document", value: e?.title, required: true, maxLength: OfficeInputs.titleMax),
                      textarea(ctx, .officeSealPurpose, name: "purpose", value: e?.body ?? "", max: OfficeInputs.summaryMax, required: true),
                      f.field(.officeUsedBy, name: "usedBy", value: e?.people, required: true, maxLength: OfficeInputs.nameMax),
                      f.field(.officeApprovedBy, name: "approvedBy", value: e?.approvedBy, required: true, maxLength: OfficeInputs.nameMax)]
        case .documentHandled:
            fields = []
        }
        if let id = e?.id { fields.append(H.void("input", [("type", "hidden"), ("name", "corrects"), ("value", id.uuidString)])) }
        return f.form(action: action, fields + [f.submit(e == nil ? kind.recordPhrase : .officeCorrect)])
    }

    static func textarea(_ ctx: RequestContext, _ label: Phrase, name: String, value: String, max: Int, required: Bool) -> BodyNode {
        H.tag("div", [("class", "field")], [
            H.tag("label", [("for", "f-" + name)], [.text(ctx.t(label) + (required ? "" : " " + ctx.t(.optional)))]),
            H.tag("textarea", [("name", name), ("id", "f-" + name), ("rows", "5"), ("maxlength", String(max)),
                               ("required", required ? "required" : nil)], [.text(value)]),
        ])
    }

    // MARK: - CSV

    static func csv(_ kind: OfficeKind) -> @Sendable (Request) async throws -> Response {
        { req in
            let code = try await req.officeCommunity()
            try await req.authorize(.committeeOfficeRead, at: code, entity: OfficeAPIController.entity)
            let rows = try await OfficeAPIController.views(OfficeAPIController.listQuery(kind, code, on: req.db).all(), community: code, on: req.db)
            return csvResponse(kind, rows, filename: "\(kind.segment)-\(code).csv")
        }
    }

    static func overdueCSV(_ req: Request) async throws -> Response {
        let code = try await req.officeCommunity()
        try await req.authorize(.committeeOfficeRead, at: code, entity: OfficeAPIController.entity)
        let rows = try await OfficeAPIController.views(OfficeRecords.overdue(code, on: req.db).all(), community: code, on: req.db)
        return csvResponse(.documentReceived, rows, filename: "overdue-documents-\(code).csv")
    }

    static func csvResponse(_ kind: OfficeKind, _ rows: [View], filename: String) -> Response {
        let cols = columns(kind)
        return .csv(filename: filename, header: ["id", "kind"] + cols.map(\.csv) + ["state", "corrects", "corrected_by"], rows: rows.map { v in
            [v.id.uuidString, v.kind.rawValue] + cols.map { $0.value(v) } + [v.state.rawValue, v.correctsID?.uuidString ?? "", v.correctedBy?.uuidString ?? ""]
        })
    }

    static func back(_ kind: OfficeKind) -> @Sendable (Request) async throws -> String {
        { req in "/communities/\(try await req.officeCommunity())/office/\(kind.segment)" }
    }

    /// After a handling, back to the list of the document's kind.
    static func handledBack(_ req: Request) async throws -> String {
        let code = try await req.officeCommunity()
        guard let id = req.parameters.get("id", as: UUID.self), let doc = try await OfficeEntry.find(id, on: req.db), doc.divisionCode == code else {
            throw ShequError.notFound
        }
        return "/communities/\(code)/office/\(doc.kind.segment)"
    }
}
