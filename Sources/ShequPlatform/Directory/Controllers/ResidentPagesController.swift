import Fluent
import ShequKernel
import Vapor

/// The residents' pages reuse the API controller's audited operations, so a
/// form and a JSON call can never take different rules.
enum ResidentPagesController {
    struct CreateForm: Content {
        var divisionCode: String
        var name: String
        var idNumber: String
        var phone: String?
        var residency: String
        var householdID: String?
        var relationToHead: String?
        var residentSince: String?
    }

    struct EditForm: Content {
        var name: String?
        var phone: String?
        var residency: String?
        var residentSince: String?
    }

    struct MoveForm: Content {
        var divisionCode: String
        var householdID: String?
        var relationToHead: String?
    }

    struct ImportForm: Content {
        var file: File
        var onlyGoodRows: String?
    }

    static func list(_ req: Request) async throws -> WebPage {
        let listing = try await ResidentsAPIController.list(req)
        let actor = try req.requireActor()
        return ResidentViews.list(req.context, listing,
                                  q: req.query[String.self, at: "q"], canWrite: Policy.may(actor, .residentWrite))
    }

    static func new(_ req: Request) async throws -> WebPage {
        try await req.authorize(.residentWrite, entity: "resident")
        return ResidentViews.form(req.context, values: [:], error: nil)
    }

    static func optionalUUID(_ raw: String?, field: String) throws -> UUID? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let id = UUID(uuidString: raw) else { throw ShequError.invalid(.errorInvalidValue, field) }
        return id
    }

    static func date(_ raw: String?, field: String) throws -> LocalDate? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let day = LocalDate(raw) else { throw ShequError.invalid(.errorInvalidValue, field) }
        return day
    }

    static func relation(_ raw: String?) throws -> RelationToHead? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let r = RelationToHead(rawValue: raw) else { throw ShequError.invalid(.errorInvalidValue, "relationToHead") }
        return r
    }

    static func create(_ req: Request) async throws -> Response {
        let form = try req.validatedContent(CreateForm.self)
        let values = ["divisionCode": form.divisionCode, "name": form.name, "idNumber": form.idNumber, "phone": form.phone ?? "",
                      "residency": form.residency, "householdID": form.householdID ?? "", "relationToHead": form.relationToHead ?? "",
                      "residentSince": form.residentSince ?? ""]
        do {
            guard let residency = Residency(rawValue: form.residency) else { throw ShequError.invalid(.errorInvalidValue, "residency") }
            let input = ResidentInput(divisionCode: form.divisionCode, name: form.name, idNumber: form.idNumber, phone: form.phone,
                                      residency: residency, householdID: try optionalUUID(form.householdID, field: "householdID"),
                                      relationToHead: try relation(form.relationToHead),
                                      residentSince: try date(form.residentSince, field: "residentSince"))
            let resident = try await ResidentsAPIController.createAudited(input, req: req)
            return req.redirect(to: "/residents/\(try resident.requireID())?saved=1")
        } catch let e as ShequError where e.status != .forbidden && e.status != .unauthorized {
            return try await ResidentViews.form(req.context, values: values, error: e.message(req.language))
                .withStatus(e.status).encodeResponse(for: req)
        }
    }

    static func detailPage(_ req: Request, _ resident: Resident, revealed: ResidentsAPIController.Revealed? = nil,
                           notice: Phrase? = nil, error: String? = nil, status: HTTPResponseStatus = .ok) async throws -> WebPage {
        let actor = try req.requireActor()
        let community = try await Division.find(resident.divisionCode, on: req.db)
        return ResidentViews.detail(req.context, resident: try ResidentSummary(resident), communityName: community?.name,
                                    revealed: revealed, canWrite: Policy.may(actor, .residentWrite, at: resident.divisionCode),
                                    canReveal: Policy.may(actor, .residentRevealID, at: resident.divisionCode),
                                    notice: notice, error: error).withStatus(status)
    }

    static func show(_ req: Request) async throws -> WebPage {
        let resident = try await ResidentsAPIController.load(req, for: .residentRead)
        let saved = req.query[String.self, at: "saved"] != nil
        return try await detailPage(req, resident, notice: saved ? .saved : nil)
    }

    static func reveal(_ req: Request) async throws -> WebPage {
        let (resident, revealed) = try await ResidentsAPIController.revealAudited(req: req)
        return try await detailPage(req, resident, revealed: revealed)
    }

    static func update(_ req: Request) async throws -> Response {
        let form = try req.validatedContent(EditForm.self)
        do {
            var residency: Residency? = nil
            if let raw = form.residency, !raw.isEmpty {
                guard let r = Residency(rawValue: raw) else { throw ShequError.invalid(.errorInvalidValue, "residency") }
                residency = r
            }
            // An empty phone box means "leave it", so a masked number is never written back over the real one.
            let phone = form.phone.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            let resident = try await ResidentsAPIController.updateAudited(
                ResidentUpdate(name: form.name, phone: phone, residency: residency, residentSince: try date(form.residentSince, field: "residentSince")),
                req: req)
            return req.redirect(to: "/residents/\(try resident.requireID())?saved=1")
        } catch let e as ShequError where e.status != .forbidden && e.status != .unauthorized && e.status != .notFound {
            return try await errorPage(req, e)
        }
    }

    static func move(_ req: Request) async throws -> Response {
        let form = try req.validatedContent(MoveForm.self)
        do {
            let move = ResidentMove(divisionCode: form.divisionCode.trimmingCharacters(in: .whitespaces),
                                    householdID: try optionalUUID(form.householdID, field: "householdID"),
                                    relationToHead: try relation(form.relationToHead))
            let resident = try await ResidentsAPIController.moveAudited(move, req: req)
            return req.redirect(to: "/residents/\(try resident.requireID())?saved=1")
        } catch let e as ShequError where e.status != .forbidden && e.status != .unauthorized && e.status != .notFound {
            return try await errorPage(req, e)
        }
    }

    /// A refused change shows the record again, as it now stands, with the reason.
    static func errorPage(_ req: Request, _ e: ShequError) async throws -> Response {
        let fresh = try await ResidentsAPIController.load(req, for: .residentWrite)
        return try await detailPage(req, fresh, error: e.message(req.language), status: e.status).encodeResponse(for: req)
    }

    static func importPage(_ req: Request) async throws -> WebPage {
        try await req.authorize(.residentImport, entity: "resident")
        return ResidentViews.importForm(req.context, report: nil, error: nil)
    }

    static func importUpload(_ req: Request) async throws -> WebPage {
        let actor = try await req.authorize(.residentImport, entity: "resident")
        let form = try req.content.decode(ImportForm.self)
        do {
            let text = try ResidentImport.decode(Data(buffer: form.file.data))
            let report = try await ResidentsAPIController.importAudited(text: text, onlyGood: form.onlyGoodRows == "true",
                                                                        actor: actor, req: req)
            return ResidentViews.importForm(req.context, report: report, error: nil)
                .withStatus(report.committed ? .ok : .unprocessableEntity)
        } catch let e as ShequError {
            return ResidentViews.importForm(req.context, report: nil, error: e.message(req.language)).withStatus(e.status)
        }
    }
}
