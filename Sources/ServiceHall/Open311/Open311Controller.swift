import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// Open311 GeoReport v2 over the service hall, so existing hotline, mailbox and
/// 311 clients work unchanged. A service is a catalogue item; a service request
/// is an ordinary application (channel `open311`) whose `service_request_id` is
/// its tracking number. Submitting needs an `api_key`: an API token of an
/// account entitled to apply on residents' behalf, or the applicant's own.
/// Requests for items the catalogue marks public-interest can be followed by
/// anyone; every other request only with an `api_key` that reaches it.
enum Open311Controller {
    static let jurisdictions: Set<String> = ["", "4404", "zhuhai"]

    /// Runs a handler and answers every failure in the spec's error format.
    static func guarded(_ req: Request, file: String?, _ body: (Open311Format) async throws -> Response) async -> Response {
        let format = file.flatMap(Open311Format.split)?.1 ?? .json
        do {
            if let j = try? req.query.get(String.self, at: "jurisdiction_id"), !jurisdictions.contains(j) {
                throw Open311Error(status: .notFound, description: "jurisdiction_id not found")
            }
            return try await body(format)
        } catch let e as Open311Error {
            return (try? e.response(format)) ?? Response(status: e.status)
        } catch let e as ShequError {
            let status: HTTPResponseStatus = e.status == .unprocessableEntity || e.status == .conflict ? .badRequest : e.status
            return (try? Open311Error(status: status, description: e.message(.en)).response(format)) ?? Response(status: status)
        } catch is DecodingError {
            return (try? Open311Error(status: .badRequest, description: "malformed request").response(format)) ?? Response(status: .badRequest)
        } catch let e as any AbortError where (400..<500).contains(Int(e.status.code)) {
            // Vapor's own refusals (an unsupported content type, a body too large) are the client's
            // doing and answer as such; only what nobody anticipated is a 500.
            return (try? Open311Error(status: e.status, description: e.reason).response(format)) ?? Response(status: e.status)
        } catch {
            req.logger.report(error: error)
            return (try? Open311Error(status: .internalServerError, description: "internal error").response(format)) ?? Response(status: .internalServerError)
        }
    }

    static func format(_ req: Request, _ name: String) throws -> Open311Format {
        guard let file = req.parameters.get(name), let (_, format) = Open311Format.split(file) else {
            throw Open311Error(status: .notFound, description: "use .json or .xml")
        }
        return format
    }

    // MARK: services

    static func services(_ req: Request) async -> Response {
        await guarded(req, file: req.url.path.components(separatedBy: "/").last) { format in
            // Headings are known from every item, retired ones included; a retired item takes no requests, so it is not offered.
            let items = try await ServiceItem.query(on: req.db).sort(\.$code).all()
            let parents = Set(items.compactMap(\.parentCode))
            let list = items.filter { !parents.contains($0.code) && !$0.retired }.map { item -> Open311Value in
                .object([("service_code", .string(item.code)), ("service_name", .string(item.nameZh)),
                         ("description", .string(item.nameEn + " — " + item.legalBasis)), ("metadata", .bool(true)),
                         ("type", .string("batch")), ("keywords", .string(item.itemType.rawValue)),
                         ("group", .string(item.serviceArea.rawValue)),
                         // Beyond GeoReport v2: whether its requests can be followed without an api_key.
                         ("public_interest", .bool(item.publicInterest))])
            }
            return try format.response(.list(element: "service", list), root: "services")
        }
    }

    static func serviceDefinition(_ req: Request) async -> Response {
        await guarded(req, file: req.parameters.get("file")) { format in
            let (code, _) = Open311Format.split(req.parameters.get("file") ?? "") ?? ("", .json)
            guard let item = try await ServiceItem.query(on: req.db).filter(\.$code == code).first() else {
                throw Open311Error(status: .notFound, description: "service_code not found")
            }
            guard !item.retired else { throw retired(code, status: .notFound) }
            // Staff keys name the resident; with a resident's own key the applicant is the key's holder.
            var attributes: [Open311Value] = [attribute(code: "id_number", order: 1, required: false,
                                                        description: "申请人居民身份证号码（使用本人 api_key 时可不填）/ the applicant's resident ID number (not needed with the applicant's own api_key)")]
            let materials = try await CatalogueVersions.currentMaterials(of: item.requireID(), on: req.db)
            for (i, m) in materials.enumerated() {
                attributes.append(attribute(code: "material_\(m.position)", order: i + 2, required: false,
                                            description: "\(m.nameZh) / \(m.nameEn)", variable: false))
            }
            return try format.response(.object([("service_code", .string(item.code)),
                                                ("attributes", .list(element: "attribute", attributes))]), root: "service_definition")
        }
    }

    /// In both languages, as the spec's single description allows: the item is known but takes no new requests.
    static func retired(_ code: String, status: HTTPResponseStatus = .badRequest) -> Open311Error {
        Open311Error(status: status, description: Phrase.errorItemRetired.zh + code + " / " + Phrase.errorItemRetired.en + code)
    }

    static func attribute(code: String, order: Int, required: Bool, description: String, variable: Bool = true) -> Open311Value {
        .object([("variable", .bool(variable)), ("code", .string(code)), ("datatype", .string(variable ? "string" : "text")),
                 ("required", .bool(required)), ("datatype_description", .string(nil)), ("order", .int(order)),
                 ("description", .string(description))])
    }

    // MARK: requests

    struct PostForm: Content {
        var api_key: String?
        var service_code: String?
        var description: String?
        var attribute: [String: String]?
    }

    static func post(_ req: Request) async -> Response {
        await guarded(req, file: req.url.path.components(separatedBy: "/").last) { format in
            let form = try req.validatedContent(PostForm.self)
            let key = form.api_key ?? req.query[String.self, at: "api_key"] ?? ""
            guard !key.isEmpty, try await req.authenticate(apiToken: key) != nil else {
                throw Open311Error(status: .forbidden, description: "a valid api_key is required to submit")
            }
            guard let code = form.service_code, !code.isEmpty else {
                throw Open311Error(status: .badRequest, description: "service_code is required")
            }
            // Said before the applicant is looked for, so the client hears why whatever the ID number; the command refuses it too.
            if code.count <= 32, try await ServiceItem.query(on: req.db).filter(\.$code == code).filter(\.$retired == true).count() > 0 {
                throw retired(code)
            }
            // A resident's own key applies for themself; staff keys name the resident by ID number.
            let idNumber = form.attribute?["id_number"].flatMap { $0.isEmpty ? nil : $0 }
            guard idNumber != nil || req.actor?.residentID != nil else {
                throw Open311Error(status: .badRequest, description: "attribute[id_number] is required")
            }
            let input = ApplicationsAPIController.SubmitInput(itemCode: code, details: form.description, residentID: nil,
                                                              residentIDNumber: idNumber, channel: .open311, placeID: nil)
            let a: Application
            do {
                a = try await ApplicationsAPIController.submitAudited(input, req: req)
            } catch let e as ShequError where e.status == .notFound || e.status == .forbidden {
                throw Open311Error(status: .forbidden, description: "no resident with that ID number in the api_key's scope")
            }
            return try format.response(.list(element: "request", [.object([
                ("service_request_id", .string(a.trackingNumber)),
                ("service_notice", .string("受理编号 \(a.trackingNumber)")), ("account_id", .string(nil)),
            ])]), root: "service_requests")
        }
    }

    /// Who is reading: anonymous, or the holder of a valid `api_key`.
    static func reader(_ req: Request) async throws -> Open311Reader {
        guard let key = req.query[String.self, at: "api_key"], !key.isEmpty else { return Open311Reader(actor: nil) }
        guard let actor = try await req.authenticate(apiToken: key) else {
            throw Open311Error(status: .forbidden, description: "api_key not valid")
        }
        return Open311Reader(actor: actor)
    }

    /// Anyone may follow requests for public-interest items; the rest, and what was written in any
    /// request, only an api_key holder who reaches the application (staff in scope, or the applicant).
    static func requests(_ req: Request) async -> Response {
        await guarded(req, file: req.url.path.components(separatedBy: "/").last) { format in
            let reader = try await reader(req)
            let q = Application.query(on: req.db)
            reader.filter(q, publicItems: try await ServiceItem.query(on: req.db).filter(\.$publicInterest == true).all(\.$id))
            if let ids = req.query[String.self, at: "service_request_id"], !ids.isEmpty {
                q.filter(\.$trackingNumber ~~ ids.split(separator: ",").compactMap { TrackingNumber.normalize(String($0)) })
            } else {
                if let codes = req.query[String.self, at: "service_code"], !codes.isEmpty {
                    let wanted = codes.split(separator: ",").map(String.init)
                    let itemIDs = try await ServiceItem.query(on: req.db).filter(\.$code ~~ wanted).all(\.$id)
                    q.filter(\.$itemID ~~ itemIDs)
                }
                if let status = req.query[String.self, at: "status"], !status.isEmpty {
                    let wanted = Set(status.split(separator: ","))
                    guard wanted.isSubset(of: ["open", "closed"]) else {
                        throw Open311Error(status: .badRequest, description: "status is open or closed")
                    }
                    if wanted == ["open"] { q.filter(\.$state !~ ApplicationState.final) }
                    if wanted == ["closed"] { q.filter(\.$state ~~ ApplicationState.final) }
                }
                let (start, end) = try dateRange(req)
                q.filter(\.$createdAt >= start).filter(\.$createdAt <= end)
            }
            let apps = try await q.sort(\.$createdAt, .descending).limit(1000).all()
            return try format.response(.list(element: "request", try await records(apps, reader: reader, on: req.db)), root: "service_requests")
        }
    }

    static func request(_ req: Request) async -> Response {
        await guarded(req, file: req.parameters.get("file")) { format in
            let (raw, _) = Open311Format.split(req.parameters.get("file") ?? "") ?? ("", .json)
            let reader = try await reader(req)
            // A personal request out of reach answers as an unknown one, so numbers cannot be probed for.
            guard let number = TrackingNumber.normalize(raw),
                  let a = try await Application.query(on: req.db).filter(\.$trackingNumber == number).first(),
                  let item = try await req.application.catalogueCache.entry(id: a.itemID, on: req.db)?.item,
                  item.publicInterest || reader.reaches(a) else {
                throw Open311Error(status: .notFound, description: "service_request_id not found")
            }
            return try format.response(.list(element: "request", try await records([a], reader: reader, on: req.db)), root: "service_requests")
        }
    }

    /// Requests are created synchronously, so a token is simply the request's own id.
    static func token(_ req: Request) async -> Response {
        await guarded(req, file: req.parameters.get("file")) { format in
            let (raw, _) = Open311Format.split(req.parameters.get("file") ?? "") ?? ("", .json)
            let reader = try await reader(req)
            // The same rule as a request itself: a personal number out of reach is not confirmed to exist.
            guard let number = TrackingNumber.normalize(raw),
                  let a = try await Application.query(on: req.db).filter(\.$trackingNumber == number).first(),
                  let item = try await req.application.catalogueCache.entry(id: a.itemID, on: req.db)?.item,
                  item.publicInterest || reader.reaches(a) else {
                throw Open311Error(status: .notFound, description: "token not found")
            }
            return try format.response(.list(element: "request", [.object([("service_request_id", .string(number)), ("token", .string(number))])]),
                                       root: "service_requests")
        }
    }

    /// The spec's default window is the last 90 days, and a range may not exceed 90 days.
    static func dateRange(_ req: Request) throws -> (Date, Date) {
        let parse: (String) -> Date? = { raw in
            let f = ISO8601DateFormatter()
            return f.date(from: raw) ?? { f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]; return f.date(from: raw) }()
        }
        var end = Date()
        var start = end.addingTimeInterval(-90 * 86400)
        if let raw = req.query[String.self, at: "end_date"] {
            guard let d = parse(raw) else { throw Open311Error(status: .badRequest, description: "end_date must be W3C datetime") }
            end = d
            start = d.addingTimeInterval(-90 * 86400)
        }
        if let raw = req.query[String.self, at: "start_date"] {
            guard let d = parse(raw) else { throw Open311Error(status: .badRequest, description: "start_date must be W3C datetime") }
            start = d
        }
        guard end.timeIntervalSince(start) <= 90 * 86400 + 1, start <= end else {
            throw Open311Error(status: .badRequest, description: "the date range may not exceed 90 days")
        }
        return (start, end)
    }

    static func records(_ apps: [Application], reader: Open311Reader, on db: any Database) async throws -> [Open311Value] {
        let items = try await ServiceItem.query(on: db).filter(\.$id ~~ Set(apps.map(\.itemID))).all()
        let byID = Dictionary(uniqueKeysWithValues: items.map { ($0.id!, $0) })
        let w3c = ISO8601DateFormatter()
        w3c.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        return apps.map { a in
            let item = byID[a.itemID]
            let mayRead = reader.reaches(a)
            var fields: [(String, Open311Value)] = [
                ("service_request_id", .string(a.trackingNumber)),
                ("status", .string(a.state.isFinal ? "closed" : "open")),
                ("status_notes", .string(a.state.rawValue)),
                ("service_name", .string(item?.nameZh)),
                ("service_code", .string(item?.code)),
                ("agency_responsible", .string(item.map { $0.handledBy.rawValue })),
                ("requested_datetime", .string(a.createdAt.map(w3c.string))),
                ("updated_datetime", .string(a.updatedAt.map(w3c.string))),
                ("expected_datetime", .string(a.dueOn.map { $0 + "T17:30:00+08:00" })),
            ]
            // What the applicant wrote is personal: only staff in scope see it.
            fields.append(("description", .string(mayRead ? a.details : nil)))
            fields.append(("address", .string(mayRead ? a.divisionCode : nil)))
            return .object(fields)
        }
    }
}

/// What an Open311 reader reaches: public-interest requests always; personal ones, and what anyone
/// wrote in a request, only through the service hall's own rule (`ApplicationReach`) or as the applicant.
struct Open311Reader {
    let actor: Actor?

    func reaches(_ a: Application) -> Bool {
        guard let actor else { return false }
        return ApplicationsAPIController.isApplicant(actor, a) || ApplicationReach(actor, for: .applicationRead).covers(a)
    }

    func filter(_ q: QueryBuilder<Application>, publicItems: [UUID]) {
        q.group(.or) { or in
            or.filter(\.$itemID ~~ publicItems)
            guard let actor else { return }
            if Policy.may(actor, .applicationRead) { _ = ApplicationReach(actor, for: .applicationRead).filter(or) }
            if let own = actor.residentID, actor.roles.contains(.resident) { or.filter(\.$residentID == own) }
        }
    }
}
