import Fluent
import ShequKernel
import Vapor

/// Thin: parse, authorise, call `ResidentService`, answer JSON.
enum ResidentsAPIController {
    struct Revealed: Content {
        var id: UUID
        var idNumber: String
        var phone: String?
    }

    static func vault(_ req: Request) -> PersonalDataVault { PersonalDataVault(secrets: req.application.secrets) }

    static func list(_ req: Request) async throws -> ListPage<ResidentSummary> {
        let actor = try await req.authorize(.residentRead, entity: "resident")
        let paging = try ListPageRequest(req)
        let q = req.query[String.self, at: "q"]
        let exact = ResidentService.exactKind(of: q)
        if let exact { try await admitExactSearch(exact, actor: actor, req: req) }
        let result = try await ResidentService.search(
            scopes: Policy.scopes(of: actor, for: .residentRead), q: q,
            community: try req.divisionCodeQuery("community")?.rawValue, page: paging.page, perPage: paging.perPage,
            vault: vault(req), on: req.db)
        if let exact {
            // Audited like a reveal: who searched and whom it found, never the number searched for.
            let found = result.items.count == 1 ? result.items[0] : nil
            try await req.writeAudited("resident.search", entity: "resident") { _ in
                Audited((), id: found?.id, scope: found?.divisionCode, detail: "by \(exact), \(result.total) found")
            }
        }
        return ListPage(items: try result.items.map(ResidentSummary.init), total: result.total, page: paging.page, perPage: paging.perPage)
    }

    /// Takes a place under the account's exact-search limit; over it, the refusal is audited and answered 429.
    static func admitExactSearch(_ kind: String, actor: Actor, req: Request) async throws {
        try await req.admitExactLookup("resident.search", by: kind, account: actor.accountID)
    }

    /// Loads a resident the actor may act on; anything else is "not found", and the attempt is logged.
    static func load(_ req: Request, for action: Action) async throws -> Resident {
        _ = try req.requireActor() // signed out is 401 before any lookup
        guard let id = req.parameters.get("id", as: UUID.self) else { throw ShequError.notFound }
        guard let resident = try await Resident.find(id, on: req.db) else { throw ShequError.notFound }
        // An office's grant over the resident's place, or the resident's own record where the action allows it.
        try await req.authorize(action, on: Resource(divisionCode: resident.divisionCode, residentID: id),
                                entity: "resident", entityID: id.uuidString, hide: true)
        return resident
    }

    static func show(_ req: Request) async throws -> ResidentSummary {
        try ResidentSummary(try await load(req, for: .residentRead))
    }

    static func create(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(ResidentInput.self)
        let resident = try await createAudited(input, req: req)
        return try await ResidentSummary(resident).encodeResponse(status: .created, for: req)
    }

    // The …Audited functions are the commands both doors run: each authorises (loading the
    // record through the policy itself), applies the service's rules and writes with its audit
    // entry, so a page cannot reach a write by a path that skips a step.

    static func createAudited(_ input: ResidentInput, req: Request) async throws -> Resident {
        try await req.authorize(.residentWrite, at: input.divisionCode, entity: "resident")
        let vault = vault(req)
        do {
            return try await req.writeAudited("resident.create", entity: "resident") { db in
                let resident = try await ResidentService.create(input, vault: vault, on: db)
                return Audited(resident, id: resident.id, scope: resident.divisionCode)
            }
        } catch let e as ShequError where e.code == "duplicate_id" {
            // "Already registered" answers for the whole city, so it is an exact lookup like any other.
            let index = vault.index(try ResidentService.parseID(input.idNumber).rawValue, kind: "id")
            let existing = try await Resident.query(on: req.db).filter(\.$idNumberIndex == index).first()
            try await req.answerExactLookup("resident.create.duplicate", account: try req.requireActor().accountID,
                                            found: existing?.id, in: existing?.divisionCode)
            throw e
        }
    }

    static func update(_ req: Request) async throws -> ResidentSummary {
        let change = try req.validatedContent(ResidentUpdate.self)
        return try ResidentSummary(try await updateAudited(change, req: req))
    }

    @discardableResult
    static func updateAudited(_ change: ResidentUpdate, req: Request) async throws -> Resident {
        let resident = try await load(req, for: .residentWrite)
        let vault = vault(req)
        let fields = [change.name.map { _ in "name" }, change.phone.map { _ in "phone" },
                      change.residency.map { _ in "residency" }, change.relationToHead.map { _ in "relationToHead" },
                      change.residentSince.map { _ in "residentSince" }].compactMap { $0 }
        try await req.writeAudited("resident.update", entity: "resident") { db in
            try await ResidentService.update(resident, with: change, vault: vault, on: db)
            return Audited((), id: resident.id, scope: resident.divisionCode, detail: fields.joined(separator: ","))
        }
        return resident
    }

    static func move(_ req: Request) async throws -> ResidentSummary {
        let move = try req.validatedContent(ResidentMove.self)
        return try ResidentSummary(try await moveAudited(move, req: req))
    }

    /// Both ends of a move must be inside the actor's scope.
    @discardableResult
    static func moveAudited(_ move: ResidentMove, req: Request) async throws -> Resident {
        let resident = try await load(req, for: .residentWrite)
        try await req.authorize(.residentWrite, at: move.divisionCode, entity: "resident", entityID: resident.id?.uuidString)
        let from = resident.divisionCode
        try await req.writeAudited("resident.move", entity: "resident") { db in
            try await ResidentService.move(resident, to: move, on: db)
            return Audited((), id: resident.id, scope: resident.divisionCode, detail: "\(from)->\(resident.divisionCode)")
        }
        return resident
    }

    static func reveal(_ req: Request) async throws -> Revealed {
        try await revealAudited(req: req).revealed
    }

    /// Every reveal of a full ID number is written to the audit log before it is shown.
    static func revealAudited(req: Request) async throws -> (resident: Resident, revealed: Revealed) {
        let resident = try await load(req, for: .residentRevealID)
        let vault = vault(req)
        let revealed = Revealed(id: try resident.requireID(), idNumber: try vault.open(resident.idNumberSealed),
                                phone: try resident.phoneSealed.map(vault.open))
        try await req.writeAudited("resident.revealID", entity: "resident") { _ in
            Audited((), id: resident.id, scope: resident.divisionCode)
        }
        return (resident, revealed)
    }

    static func importCSV(_ req: Request) async throws -> Response {
        let actor = try await req.authorize(.residentImport, entity: "resident")
        guard let body = req.body.data else { throw ShequError.invalid(.errorMissingField, "body", code: "missing_body") }
        let text = try ResidentImport.decode(Data(buffer: body))
        let onlyGood = req.query[String.self, at: "onlyGoodRows"] == "true"
        let report = try await importAudited(text: text, onlyGood: onlyGood, actor: actor, req: req)
        let status: HTTPResponseStatus = report.committed ? .ok : report.lookupLimitReached == true ? .tooManyRequests : .unprocessableEntity
        return try await report.encodeResponse(status: status, for: req)
    }

    static func importAudited(text: String, onlyGood: Bool, actor: Actor, req: Request) async throws -> ResidentImport.Report {
        let vault = vault(req)
        let language = req.language
        return try await req.write { db in
            let report = try await ResidentImport.run(text: text, onlyGoodRows: onlyGood, actor: actor, language: language,
                                                      vault: vault, on: db) { existing, admitted, db in
                // Each "already registered" row is an exact lookup: counted and audited in this transaction.
                let draft = req.exactLookupDraft("resident.import.duplicate", found: admitted ? existing.id : nil,
                                                 in: admitted ? existing.divisionCode : nil, outcome: admitted ? .ok : .denied)
                try await AuditLog.append(draft, on: db)
            }
            if report.committed {
                try await AuditLog.append(req.auditDraft("resident.import", entity: "resident",
                                                         detail: "imported \(report.imported), skipped \(report.errors.count)"), on: db)
            }
            return report
        }
    }

    static func exportCSV(_ req: Request) async throws -> Response {
        let actor = try await req.authorize(.residentExport, entity: "resident")
        let scopes = Policy.scopes(of: actor, for: .residentExport)
        // Logged before the first byte leaves, so an export cut short is still on record.
        try await req.writeAudited("resident.export", entity: "resident") { _ in
            Audited((), id: nil, scope: scopes.count == 1 ? scopes[0] : nil, detail: "scopes \(scopes.joined(separator: ","))")
        }
        let db = req.db
        let response = Response(status: .ok)
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "residents.csv")
        response.body = .init(asyncStream: { writer in
            do {
                try await ResidentExport.write(scopes: scopes, on: db, to: writer)
            } catch {
                try await writer.write(.error(error))
            }
        })
        return response
    }
}

