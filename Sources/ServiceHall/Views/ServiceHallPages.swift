import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// The service hall's screens: the catalogue anyone can read, applying online,
/// the staff's queue of applications by deadline, and tracking without signing in.
enum ServiceHallPages {
    /// Said beside a due date counted past the published holiday notices, so
    /// nobody plans around it as if it were firm.
    static func provisionalNote(_ provisional: Bool?, _ dueOn: String?, _ ctx: RequestContext) -> [BodyNode] {
        guard provisional == true, let year = dueOn?.prefix(4) else { return [] }
        return [H.tag("p", [("class", "note")], [.text(ctx.t(.provisionalDue(year: String(year))))])]
    }

    static func catalogue(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let items = try await CatalogueController.items(on: req.db)
        var content: [BodyNode] = []
        for area in ServiceArea.allCases {
            let inArea = items.filter { $0.serviceArea == area }
            guard !inArea.isEmpty else { continue }
            content.append(H.tag("h2", [], [.text(ctx.t(area.phrase))]))
            content.append(H.tag("ul", [], inArea.map { item in
                H.tag("li", [("class", item.parentCode == nil ? nil : "sub")], [
                    H.link("/services/\(item.code)", name(item, ctx)),
                    .text(" · " + ctx.t(.promisedLimit) + " \(item.promisedDays) " + ctx.t(.workingDays)
                          + (item.requiredPower.map { " · " + ctx.t(.requiredPower) + ": " + ctx.t($0.phrase) } ?? "")),
                ])
            }))
        }
        return WebPage(title: ctx.t(.serviceCatalogue), content)
    }

    static func name(_ item: ServiceItem, _ ctx: RequestContext) -> String { ctx.language == .en ? item.nameEn : item.nameZh }

    static func guide(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        let (item, materials) = try await CatalogueController.find(req)
        func row(_ label: Phrase, _ value: String) -> [BodyNode] {
            [H.tag("dt", [], [.text(ctx.t(label))]), H.tag("dd", [], [.text(value)])]
        }
        var facts = row(.itemCode, item.code) + row(.itemType, ctx.t(item.itemType.phrase)) + row(.legalBasis, item.legalBasis)
        facts += row(.handledBy, ctx.t(item.handledBy.phrase))
        facts += row(.statutoryLimit, "\(item.statutoryDays) " + ctx.t(.workingDays))
        facts += row(.promisedLimit, "\(item.promisedDays) " + ctx.t(.workingDays))
        facts += row(.fee, item.feeKind == .free ? ctx.t(.feeFree) : ctx.t(item.feeKind.phrase) + (item.fee > .zero ? " \(item.fee)" : ""))
        if let power = item.requiredPower {
            // O2: say where it can be handled before anyone makes the trip.
            let streets = try await DelegatedPowers.holdingStreets(of: power, on: LocalDate(instant: Date()), db: req.db)
            facts += [H.tag("dt", [], [.text(ctx.t(.requiredPower))]), H.tag("dd", [], [
                .text(ctx.t(power.phrase) + " · "),
                H.link("/delegated-powers?power=\(power.rawValue)", ctx.t(.whereHandled)),
            ])]
            facts += [H.tag("dt", [], [.text(ctx.t(.streetsHoldingPower))]), H.tag("dd", [], streets.isEmpty ? [.text("—")] :
                streets.enumerated().flatMap { i, d in (i > 0 ? [BodyNode.text("、")] : []) + [H.link("/divisions/\(d.code)", d.name)] })]
        }
        var content: [BodyNode] = [H.tag("dl", [("class", "record")], facts)]
        if !materials.isEmpty {
            content.append(H.tag("h2", [], [.text(ctx.t(.materials))]))
            content.append(H.tag("ol", [], materials.map { m in
                H.tag("li", [], [.text((ctx.language == .en ? m.nameEn : m.nameZh)
                    + (m.mandatory ? "" : " " + ctx.t(.optional)) + (m.deferrable ? " · " + ctx.t(.deferrable) : ""))])
            }))
        }
        // A resident may apply for a leaf item; read once for both branches below.
        var applicable = false
        if ctx.actor?.residentID != nil { applicable = try await Catalogue.isApplicable(item, on: req.db) }
        if applicable, item.requiredPower != nil, let own = ctx.actor?.residentID, let applicant = try await Applicant.find(id: own, on: req.db),
           try await !DelegatedPowerCheck.admits(item, applicantDivision: applicant.divisionCode, place: nil,
                                                 today: LocalDate(instant: Date()), on: req.db) {
            // The submission would be refused (O2): say so and where to go instead of offering the form.
            content.append(H.tag("p", [("class", "note")], [.text(ctx.t(.errorPowerNotHeld))]))
        } else if applicable {
            let f = ctx.forms
            content.append(H.tag("h2", [], [.text(ctx.t(.applyOnline))]))
            content.append(f.form(action: "/services/\(item.code)/apply", multipart: true, [
                H.tag("div", [("class", "field")], [
                    H.tag("label", [("for", "f-details")], [.text(ctx.t(.applicationDetails) + " " + ctx.t(.optional))]),
                    H.tag("textarea", [("name", "details"), ("id", "f-details"), ("maxlength", "2000"), ("rows", "4")], []),
                ]),
            ] + (materials.isEmpty ? [] : [uploadFields(materials, ctx)]) + [
                f.submit(.applyOnline),
            ]))
        } else if ctx.actor == nil {
            content.append(H.tag("p", [], [H.link("/sign-in?next=/services/\(item.code)", ctx.t(.signInToApply))]))
        }
        return WebPage(title: name(item, ctx), content)
    }

    /// The apply form: details, and a file for any of the item's materials (multipart; a plain form has no files).
    struct ApplyForm: Content {
        var details: String?
        /// Keyed by material id; a browser sends an empty part for each file input left empty.
        var files: [String: File]?
    }

    static func apply(_ req: Request) async throws -> Response {
        let form = try req.validatedContent(ApplyForm.self)
        guard let code = req.parameters.get("code"), ServiceHallInputs.isItemCode(code) else { throw ShequError.notFound }
        let files = try await checkedFiles(form.files ?? [:], req: req)
        let a = try await ApplicationsAPIController.submitAudited(.init(itemCode: code, details: form.details), req: req)
        // Each file through the upload command the API and the application page use, after the application exists.
        for (material, file) in files {
            _ = try await MaterialsController.uploadAudited(file, material: material, to: a, req: req)
        }
        return req.redirect(to: "/applications/\(a.trackingNumber)")
    }

    /// Every chosen file checked (one of the item's materials; type and size as the upload command checks them)
    /// before the application is submitted, so a bad file leaves nothing behind.
    static func checkedFiles(_ files: [String: File], req: Request) async throws -> [(UUID, File)] {
        let chosen = files.filter { $0.value.data.readableBytes > 0 }
        guard !chosen.isEmpty else { return [] }
        let (_, materials) = try await CatalogueController.find(req)
        let known = Set(materials.compactMap(\.id))
        return try chosen.sorted { $0.key < $1.key }.map { key, file -> (UUID, File) in
            guard let id = UUID(uuidString: key), known.contains(id) else {
                throw ShequError.invalid(.errorInvalidValue, "materialID", code: "unknown_material")
            }
            _ = try MaterialUploads.check(Data(buffer: file.data), declaredType: file.contentType?.serialize())
            return (id, file)
        }
    }

    /// The apply form carries the item's files, each at most `MaterialUploads.maxBytes`: room for four at the limit.
    static let applyBodyLimit: ByteCount = "41mb"

    static let acceptedFiles = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"

    /// One optional file input per material, named so the form decodes them keyed by material.
    static func uploadFields(_ materials: [MaterialRequirement], _ ctx: RequestContext) -> BodyNode {
        H.tag("fieldset", [], [
            H.tag("legend", [], [.text(ctx.t(.hallAttachMaterials))]),
            H.tag("p", [("class", "hint")], [.text(ctx.t(.hallUploadLimits))]),
        ] + materials.compactMap { m in
            m.id.map { id in
                H.tag("div", [("class", "field")], [
                    H.tag("label", [("for", "f-file-\(id)")], [.text((ctx.language == .en ? m.nameEn : m.nameZh) + " " + ctx.t(.optional))]),
                    H.void("input", [("type", "file"), ("name", "files[\(id.uuidString)]"), ("id", "f-file-\(id)"), ("accept", acceptedFiles)]),
                ])
            }
        })
    }

    static func list(_ req: Request) async throws -> WebPage {
        let page = try await ApplicationsAPIController.list(req)
        let items = page.items
        let ctx = req.context
        let due = req.query[String.self, at: "due"] ?? ""
        var content: [BodyNode] = [H.tag("nav", [("class", "actions"), ("aria-label", ctx.t(.applications))], [
            H.link("/applications", ctx.t(.allOpen), class: due.isEmpty ? "current" : nil),
            H.link("/applications?due=soon", ctx.t(.dueSoon), class: due == "soon" ? "current" : nil),
            H.link("/applications?due=overdue", ctx.t(.overdue), class: due == "overdue" ? "current" : nil),
        ])]
        content += hallLinks(ctx)
        if ctx.actor?.residentID != nil {
            // The newest few above the list; the page number below is the applications'.
            let notices = try await ApplicationsAPIController.notifications(req, paging: ListPageRequest(page: 1, perPage: 10)).items
            if !notices.isEmpty {
                content.append(H.tag("h2", [], [.text(ctx.t(.notices))]))
                content.append(H.tag("ul", [], notices.map { H.tag("li", [], [.text($0.text)]) }))
            }
        }
        if items.contains(where: { $0.dueOnProvisional == true }) {
            content.append(H.tag("p", [("class", "note")], [.text(ctx.t(.provisionalLegend))]))
        }
        if items.isEmpty {
            content.append(H.tag("p", [], [.text(ctx.t(.noResults))]))
        } else {
            let head = [Phrase.trackingNumber, .serviceItem, .state, .dueOn].map { H.tag("th", [], [.text(ctx.t($0))]) }
            content.append(H.tag("div", [("class", "table-wrap")], [H.tag("table", [("class", "responsive")], [
                H.tag("thead", [], [H.tag("tr", [], head)]),
                H.tag("tbody", [], items.map { a in H.tag("tr", [], [
                    H.tag("td", [("data-label", ctx.t(.trackingNumber))], [H.link("/applications/\(a.trackingNumber)", a.trackingNumber)]),
                    H.tag("td", [("data-label", ctx.t(.serviceItem))], [.text(a.itemName)]),
                    H.tag("td", [("data-label", ctx.t(.state))], [.text(ctx.t(a.state.phrase))]),
                    H.tag("td", [("data-label", ctx.t(.dueOn))], [.text((a.dueOn ?? "—") + (a.dueOnProvisional == true ? " *" : ""))]),
                ]) }),
            ])]))
        }
        content.append(Pager.nav(ctx, page, path: "/applications", keep: [("due", due)]))
        return WebPage(title: ctx.t(.applications), content)
    }

    static func detail(_ req: Request) async throws -> WebPage {
        let application = try await ApplicationsAPIController.load(req, for: .applicationRead)
        let a = try await ApplicationsAPIController.summaryWithHistory(application, req: req)
        let ctx = req.context
        let actor = try req.requireActor()
        func row(_ label: Phrase, _ value: String) -> [BodyNode] {
            [H.tag("dt", [], [.text(ctx.t(label))]), H.tag("dd", [], [.text(value)])]
        }
        var facts = row(.trackingNumber, a.trackingNumber) + row(.serviceItem, a.itemName) + row(.state, ctx.t(a.state.phrase))
        facts += row(.channel, ctx.t(a.channel.phrase))
        if let on = a.acceptedOn { facts += row(.acceptedOn, on) }
        if let due = a.dueOn { facts += row(.dueOn, due) }
        if let outcome = a.outcome, !outcome.isEmpty { facts += row(.outcome, outcome) }
        var content: [BodyNode] = [H.tag("dl", [("class", "record")], facts)]
        content.append(H.tag("p", [], [H.link("/applications/\(a.trackingNumber)/item", ctx.t(.asAccepted))]))
        content += provisionalNote(a.dueOnProvisional, a.dueOn, ctx)
        content.append(H.tag("h2", [], [.text(ctx.t(.history))]))
        content.append(H.tag("ol", [], (a.events ?? []).map { e in
            H.tag("li", [], [.text("\(ctx.t(e.to.phrase)) · \(e.actor)" + (e.reason.isEmpty ? "" : " · \(e.reason)")
                                   + (e.materials.isEmpty ? "" : " · \(ctx.t(.materials)): \(e.materials)"))])
        }))
        let f = ctx.forms
        let handles = ApplicationReach(actor, for: .applicationHandle).covers(application)
        let materials = try await CatalogueVersions.materials(for: application, on: req.db)
        let mayUpload = !a.state.isFinal && (handles || ApplicationsAPIController.isApplicant(actor, application))
        content += try await materialsSection(application, materials: materials, upload: mayUpload, req: req)
        if handles && !a.state.isFinal {
            let steps = ApplicationStep.allCases.filter { $0 != .withdraw && (try? ApplicationWorkflow.next(from: a.state, step: $0)) != nil }
            let destinations = steps.contains(.transfer) ? try await TransferDestination.options(on: req.db) : []
            content.append(H.tag("h2", [], [.text(ctx.t(.takeStep))]))
            content.append(f.form(action: "/applications/\(a.trackingNumber)/steps", [
                f.select(.step, name: "step", options: steps.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: nil),
                H.tag("fieldset", [], [H.tag("legend", [], [.text(ctx.t(.materialsHint))])] + materials.map { m in
                    H.tag("div", [("class", "field check")], [
                        H.void("input", [("type", "checkbox"), ("name", "materialIDs[]"), ("id", "m-\(m.id!)"), ("value", m.id!.uuidString)]),
                        H.tag("label", [("for", "m-\(m.id!)")], [.text(ctx.language == .en ? m.nameEn : m.nameZh)]),
                    ])
                }),
                f.field(.reason, name: "reason", maxLength: 2000),
                f.checkbox(.arisesLater, name: "arisesLater"),
            ] + (destinations.isEmpty ? [] : [
                f.select(.transferTo, name: "transferTo", options: destinations, selected: nil, includeEmpty: true),
            ]) + [
                f.submit(.save),
            ]))
        } else if actor.residentID == application.residentID && a.state.canBeRated,
                  try await Rating.query(on: req.db).filter(\.$applicationID == application.requireID()).count() == 0 {
            content.append(H.tag("h2", [], [.text(ctx.t(.rateService))]))
            content.append(f.form(action: "/applications/\(a.trackingNumber)/rating", [
                f.select(.ratingLevel, name: "level", options: RatingLevel.allCases.map { ($0.rawValue, ctx.t($0.phrase)) }, selected: nil),
                f.field(.ratingComment, name: "comment", maxLength: 1000),
                f.submit(.rateService),
            ]))
        } else if actor.residentID == application.residentID && !a.state.isFinal {
            content.append(f.form(action: "/applications/\(a.trackingNumber)/steps", [
                H.void("input", [("type", "hidden"), ("name", "step"), ("value", ApplicationStep.withdraw.rawValue)]),
                f.submit(.withdrawApplication),
            ]))
        }
        return WebPage(title: a.trackingNumber, content)
    }

    struct StepForm: Content {
        var step: String
        var reason: String?
        var materialIDs: [String]?
        var arisesLater: String?
        /// "department:<id>", "outpost:<id>" or "center:<id>", from one select.
        var transferTo: String?
    }

    static func step(_ req: Request) async throws -> Response {
        let form = try req.validatedContent(StepForm.self)
        guard let step = ApplicationStep(rawValue: form.step) else { throw ShequError.invalid(.errorInvalidValue, "step") }
        let ids = try (form.materialIDs ?? []).map { raw -> UUID in
            guard let id = UUID(uuidString: raw) else { throw ShequError.invalid(.errorInvalidValue, "materialIDs") }
            return id
        }
        var input = StepInput(step: step, reason: form.reason, materialIDs: ids, arisesLater: form.arisesLater == "true", outcome: nil)
        try input.setTransfer(form.transferTo)
        let a = try await ApplicationsAPIController.takeStep(input, req: req)
        return req.redirect(to: "/applications/\(a.trackingNumber)")
    }

    static func rate(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(RatingInput.self)
        _ = try await RatingsController.rateAudited(input, req: req)
        return req.redirect(to: "/applications/\(req.parameters.get("trackingNumber") ?? "")")
    }

    static func track(_ req: Request) async throws -> WebPage {
        let ctx = req.context
        var content: [BodyNode] = []
        if req.query[String.self, at: "trackingNumber"] != nil {
            do {
                let found = try await ApplicationsAPIController.lookup(req)
                content.append(H.tag("dl", [("class", "record"), ("role", "status")], [
                    H.tag("dt", [], [.text(ctx.t(.serviceItem))]), H.tag("dd", [], [.text(found.itemName)]),
                    H.tag("dt", [], [.text(ctx.t(.state))]), H.tag("dd", [], [.text(ctx.t(found.state.phrase))]),
                    H.tag("dt", [], [.text(ctx.t(.expectedOn))]), H.tag("dd", [], [.text(found.expectedOn ?? "—")]),
                ]))
                content += provisionalNote(found.expectedOnProvisional, found.expectedOn, ctx)
            } catch let e as ShequError {
                content.append(H.tag("p", [("class", "error"), ("role", "alert")], [.text(e.message(ctx.language))]))
            }
        }
        content.append(H.tag("form", [("method", "get"), ("action", "/track")], [
            ctx.forms.field(.trackingNumber, name: "trackingNumber", value: req.query[String.self, at: "trackingNumber"], required: true, maxLength: 20),
            ctx.forms.field(.last4, name: "last4", required: true, autocomplete: "off", maxLength: 4),
            ctx.forms.submit(.search),
        ]))
        return WebPage(title: ctx.t(.trackApplication), content)
    }
}

extension ServiceHallPages {
    /// The hall's pages each role may use, from its start page: residents their bookings; window staff their places'
    /// queues and the walk-in form; everyone who reads applications the ratings report.
    static func hallLinks(_ ctx: RequestContext) -> [BodyNode] {
        guard let actor = ctx.actor else { return [] }
        var links: [(String, Phrase)] = []
        if actor.residentID != nil { links.append(("/appointments", .hallMyAppointments)) }
        if !ApplicationReach(actor, for: .applicationHandle).byPlaceOnly.divisions.isEmpty || Policy.may(actor, .serviceSetup) {
            links.append(("/queue", .hallPlaces))
        }
        if Policy.may(actor, .applicationSubmitForResident) { links.append(("/walk-in", .hallWalkInApply)) }
        if Policy.may(actor, .applicationRead) { links.append(("/ratings", .hallRatingsReport)) }
        guard !links.isEmpty else { return [] }
        return [H.tag("nav", [("class", "actions"), ("aria-label", ctx.t(.hallServiceHallDesk))], links.map { H.link($0.0, ctx.t($0.1)) })]
    }

    /// The item's materials with the files handed in for each (downloads audited by the route) and, while the
    /// application is open, an upload form per material for the applicant and the staff who handle it.
    static func materialsSection(_ a: Application, materials: [MaterialRequirement], upload: Bool, req: Request) async throws -> [BodyNode] {
        guard !materials.isEmpty else { return [] }
        let ctx = req.context
        let uploads = try await MaterialUpload.query(on: req.db).filter(\.$applicationID == a.requireID()).sort(\.$createdAt).all()
        return [
            H.tag("h2", [], [.text(ctx.t(.hallMaterialsAndFiles))]),
            upload ? H.tag("p", [("class", "hint")], [.text(ctx.t(.hallUploadLimits))]) : .empty,
            H.tag("ul", [("class", "materials")], materials.compactMap { m -> BodyNode? in
                guard let id = m.id else { return nil }
                let files = uploads.filter { $0.materialID == id }
                var item: [BodyNode] = [H.tag("p", [], [.text((ctx.language == .en ? m.nameEn : m.nameZh) + (m.mandatory ? "" : " " + ctx.t(.optional)))])]
                if !files.isEmpty {
                    item.append(H.tag("ul", [], files.compactMap { u in
                        u.id.map { H.tag("li", [], [H.link("/applications/\(a.trackingNumber)/files/\($0)", u.filename), .text(" · \(u.size / 1024 + 1) KB")]) }
                    }))
                }
                if upload {
                    item.append(ctx.forms.form(action: "/applications/\(a.trackingNumber)/materials/\(id)", multipart: true, [
                        H.tag("div", [("class", "field")], [
                            H.tag("label", [("for", "f-upload-\(id)")], [.text(ctx.t(.hallChooseFile))]),
                            H.void("input", [("type", "file"), ("name", "file"), ("id", "f-upload-\(id)"), ("accept", acceptedFiles), ("required", "required")]),
                        ]),
                        ctx.forms.submit(.hallUploadFile),
                    ]))
                }
                return H.tag("li", [], item)
            }),
        ]
    }

    /// The hall's pages, registered by the module in one line: each form posts through `PageDoor` to the API
    /// route's own handler, or (where a form's fields differ from the API's body) calls the same command.
    static func hallRoutes(web: any RoutesBuilder, api: APIRoutes) {
        web.get("queue", use: QueuePages.places)
        web.get("places", ":id", "queue", use: QueuePages.queue)
        web.post("service-windows", ":id", "call", use: PageDoor.submit(QueueController.call, back: QueuePages.backFromWindow))
        web.post("service-tickets", ":id", "recall", use: PageDoor.submit(QueueController.recall, back: QueuePages.backFromTicket))
        web.post("service-tickets", ":id", "skip", use: PageDoor.submit(QueueController.skip, back: QueuePages.backFromTicket))

        web.get("places", ":id", "slots", use: AppointmentPages.slots)
        web.post("places", ":id", "slots", use: PageDoor.submit(AppointmentsController.createSlot, back: AppointmentPages.backToSlots))
        web.post("slots", ":id", "appointments", use: PageDoor.submit(AppointmentsController.book, back: AppointmentPages.backFromSlot))
        web.get("appointments", use: AppointmentPages.mine)
        web.post("appointments", ":id", "cancel", use: PageDoor.submit(AppointmentsController.cancel, back: { _ in "/appointments" }))
        web.get("places", ":id", "appointments", use: AppointmentPages.day)
        web.post("appointments", ":id", "arrive", use: PageDoor.submit(AppointmentsController.arrive, back: AppointmentPages.backFromAppointment))

        web.get("places", ":id", "roster", use: RosterPages.show)
        web.on(.POST, "places", ":id", "roster", body: .collect(maxSize: RosterFormLimits.body), use: RosterPages.set).formBody(limit: RosterFormLimits.body)

        web.get("walk-in", use: WalkInPages.form)
        web.post("walk-in", use: WalkInPages.submit)

        web.on(.POST, "applications", ":trackingNumber", "materials", ":materialID", body: .collect(maxSize: "11mb"),
               use: PageDoor.submit(MaterialsController.upload, back: { req in "/applications/\(req.parameters.get("trackingNumber") ?? "")" }))
            .formBody(limit: "11mb")
        web.get("applications", ":trackingNumber", "files", ":uploadID", use: MaterialsController.download)

        web.get("ratings", use: RatingPages.report)
        web.get("ratings", "report.csv", use: RatingPages.csv)
        web.post("follow-ups", ":id", "answer", use: PageDoor.submit(RatingsController.answer, back: { _ in "/ratings" }))

        api.on(.POST, "service-tickets/{id}/recall", doc: .init("Call a ticket called or skipped today once more (window staff of its place)", tag: "queue",
                                                                responses: [200: "Called again", 409: "Not called or skipped today"]),
               use: QueueController.recall)
        api.on(.POST, "service-tickets/{id}/skip", doc: .init("Skip a called ticket whose holder did not come (window staff of its place)", tag: "queue",
                                                              responses: [200: "Skipped", 409: "Not called today"]),
               use: QueueController.skip)
        api.schema(RosterPages.RosterForm.self)
        api.schema(WalkInPages.WalkInForm.self)
    }
}
