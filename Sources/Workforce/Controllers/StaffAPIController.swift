import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// Anything at all under a key a request must not carry (a grade, a pay band): decoded only to be refused.
struct Present: Decodable, Sendable {
    init(from decoder: any Decoder) throws {}
}

/// W1–W2's doors: decode against the declared input, authorise, run `StaffRecords` with the audit entry in one
/// transaction. The pages' forms post to these same handlers (PageDoor), so neither door adds or skips a step.
enum StaffAPIController {
    static let entity = "workforce_staff"

    struct StaffInput: Decodable, ValidatedInput {
        var kind: StaffKind
        var name: String
        var username: String?
        var divisionCode: String
        var placeID: UUID?
        var post: String
        var bodyMemberID: UUID?
        var contractStart: String?
        var contractEnd: String?
        var weeklyHours: Double
        var serviceSince: String
        var education: WorkerEducation
        var grade: Present?
        var payBand: Present?
        var payBandFen: Present?
        static var inputSchema: InputSchema { WorkforceInputs.staff }

        var carriesGrade: Bool { grade != nil || payBand != nil || payBandFen != nil }
        var draft: StaffRecords.Draft {
            .init(kind: kind, name: name, username: username?.isEmpty == true ? nil : username, divisionCode: divisionCode, placeID: placeID,
                  post: post, bodyMemberID: bodyMemberID, contractStart: contractStart, contractEnd: contractEnd, weeklyHours: weeklyHours,
                  serviceSince: serviceSince, education: education)
        }
    }

    struct ContractInput: Decodable, ValidatedInput {
        var contractStart: String?
        var contractEnd: String?
        var weeklyHours: Double
        var education: WorkerEducation?
        var grade: Present?
        var payBand: Present?
        var payBandFen: Present?
        static var inputSchema: InputSchema { WorkforceInputs.contract }
        var carriesGrade: Bool { grade != nil || payBand != nil || payBandFen != nil }
    }

    struct RotationInput: Decodable, ValidatedInput {
        var divisionCode: String
        var placeID: UUID?
        var post: String
        var startsOn: String
        var reason: String
        var grade: Present?
        static var inputSchema: InputSchema { WorkforceInputs.rotation }
    }

    struct TrainingInput: Content, ValidatedInput {
        var title: String
        var provider: String
        var hours: Int
        var completedOn: String
        static var inputSchema: InputSchema { WorkforceInputs.training }
    }

    struct CertificateInput: Content, ValidatedInput {
        var level: SocialWorkerCertificate?
        var title: String
        var number: String
        var issuedOn: String
        static var inputSchema: InputSchema { WorkforceInputs.certificate }
    }

    struct AppraisalInput: Content, ValidatedInput {
        var year: Int
        var result: AppraisalResult
        var note: String?
        static var inputSchema: InputSchema { WorkforceInputs.appraisal }
    }

    static func refuseGrade(_ carries: Bool) throws {
        if carries { throw ShequError.invalid(.wfGradeComputed, code: "grade_is_computed") }
    }

    /// Any key naming a grade or band, however spelt ("Grade", "payband", "grade "), is refused as the exact ones are:
    /// a client that believes it set a grade must not be told "created".
    static func refuseGradeKeys(_ req: Request) throws {
        let data = req.body.data.map { Data(buffer: $0) } ?? Data()
        var keys: [String] = []
        if req.headers.contentType == .urlEncodedForm {
            keys = String(decoding: data, as: UTF8.self).split(separator: "&").map {
                String($0.split(separator: "=", maxSplits: 1).first ?? "").replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
        } else if !data.isEmpty, let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            keys = Array(object.keys)
        }
        try refuseGrade(keys.contains { let k = $0.lowercased(); return k.contains("grade") || k.contains("band") })
    }

    // MARK: - Commands

    static func create(_ req: Request) async throws -> Response {
        try refuseGradeKeys(req)
        let input = try req.validatedContent(StaffInput.self)
        let code = input.divisionCode.trimmingCharacters(in: .whitespaces)
        let actor = try await req.authorize(.workforceManage, on: Resource(divisionCode: code), entity: entity)
        try refuseGrade(input.carriesGrade)
        let draft = input.draft
        let record = try await req.writeAudited("workforce.create", entity: entity) { db in
            let r = try await StaffRecords.create(draft, by: actor.username, reach: Policy.scopes(of: actor, for: .workforceManage), on: db)
            return Audited(r, id: r.id, scope: r.divisionCode, detail: "\(r.kind.rawValue) \(r.post)")
        }
        return try await StaffViews.detail(record, on: req.db).encodeResponse(status: .created, for: req)
    }

    static func changeContract(_ req: Request) async throws -> StaffDetail {
        let record = try await load(req)
        try refuseGradeKeys(req)
        let input = try req.validatedContent(ContractInput.self)
        let actor = try await authorizeManage(record, req)
        try refuseGrade(input.carriesGrade)
        let changed = try await req.writeAudited("workforce.contract", entity: entity) { db in
            let r = try await StaffRecords.changeContract(record, start: input.contractStart?.nilIfEmpty, end: input.contractEnd?.nilIfEmpty,
                                                          weeklyHours: input.weeklyHours, education: input.education, by: actor.username, on: db)
            return Audited(r, id: r.id, scope: r.divisionCode, detail: "\(r.contractStart ?? "")–\(r.contractEnd ?? "") \(r.weeklyMinutes) min")
        }
        return try await StaffViews.detail(changed, on: req.db)
    }

    /// A rotation into another street needs the receiving office too: the official must reach both places.
    static func rotate(_ req: Request) async throws -> Response {
        let record = try await load(req)
        try refuseGradeKeys(req)
        let input = try req.validatedContent(RotationInput.self)
        let actor = try await authorizeManage(record, req)
        try refuseGrade(input.grade != nil)
        let target = input.divisionCode.trimmingCharacters(in: .whitespaces)
        try await req.authorize(.workforceManage, on: Resource(divisionCode: target), entity: entity, entityID: record.id?.uuidString)
        let posting = try await req.writeAudited("workforce.rotate", entity: entity) { db in
            let p = try await StaffRecords.rotate(record, to: target, placeID: input.placeID, post: input.post, startsOn: input.startsOn,
                                                  reason: input.reason, by: actor.username, on: db)
            return Audited(p, id: record.id, scope: target, detail: "\(p.divisionCode) \(p.post) \(p.startsOn)")
        }
        _ = posting
        return try await StaffViews.detail(record, on: req.db).encodeResponse(status: .created, for: req)
    }

    static func addTraining(_ req: Request) async throws -> Response {
        let record = try await load(req)
        let input = try req.validatedContent(TrainingInput.self)
        let actor = try await authorizeManage(record, req)
        _ = try await req.writeAudited("workforce.training", entity: entity) { db in
            let t = try await StaffRecords.addTraining(record, title: input.title, provider: input.provider, hours: input.hours,
                                                       completedOn: input.completedOn, by: actor.username, on: db)
            return Audited(t.hours, id: record.id, scope: record.divisionCode, detail: "\(t.title) \(t.hours) h")
        }
        return try await StaffViews.detail(record, on: req.db).encodeResponse(status: .created, for: req)
    }

    static func addCertificate(_ req: Request) async throws -> Response {
        let record = try await load(req)
        let input = try req.validatedContent(CertificateInput.self)
        let actor = try await authorizeManage(record, req)
        _ = try await req.writeAudited("workforce.certificate", entity: entity) { db in
            let c = try await StaffRecords.addCertificate(record, level: input.level, title: input.title, number: input.number,
                                                          issuedOn: input.issuedOn, by: actor.username, on: db)
            return Audited(c.issuedOn, id: record.id, scope: record.divisionCode, detail: "\(c.level?.rawValue ?? "other") \(c.title)")
        }
        return try await StaffViews.detail(record, on: req.db).encodeResponse(status: .created, for: req)
    }

    static func addAppraisal(_ req: Request) async throws -> Response {
        let record = try await load(req)
        let input = try req.validatedContent(AppraisalInput.self)
        let actor = try await authorizeManage(record, req)
        _ = try await req.writeAudited("workforce.appraisal", entity: entity) { db in
            let a = try await StaffRecords.addAppraisal(record, year: input.year, result: input.result, note: input.note?.nilIfEmpty,
                                                        by: actor.username, on: db)
            return Audited(a.year, id: record.id, scope: record.divisionCode, detail: "\(a.year) \(a.result.rawValue)")
        }
        return try await StaffViews.detail(record, on: req.db).encodeResponse(status: .created, for: req)
    }

    // MARK: - Reads

    static func load(_ req: Request) async throws -> StaffRecord {
        guard let id = req.parameters.get("id", as: UUID.self), let record = try await StaffRecord.find(id, on: req.db) else {
            throw ShequError.notFound
        }
        return record
    }

    static func isOwn(_ record: StaffRecord, _ actor: Actor) -> Bool { record.username != nil && record.username == actor.username }

    /// Keeping a record is its street's or district's; one who cannot even read it (another street's official, the
    /// worker) is answered 404, one who can (the city) 403; either refusal is logged.
    static func authorizeManage(_ record: StaffRecord, _ req: Request) async throws -> Actor {
        let actor = try req.requireActor()
        let resource = Resource(divisionCode: record.divisionCode)
        let seen = Policy.may(actor, .workforceRead, on: resource) || isOwn(record, actor)
        let official = try await req.authorize(.workforceManage, on: resource, entity: entity, entityID: record.id?.uuidString, hide: !seen)
        // An official whose own account the record names would set their own grade's facts (appraisals, certificates,
        // education, contract, posting): a conflict of interest, refused and logged; another official keeps it.
        if isOwn(record, official) {
            let draft = req.auditDraft(Action.workforceManage.name, entity: entity, entityID: record.id?.uuidString, scope: record.divisionCode,
                                       outcome: .denied, detail: "own record")
            try await req.write { db in try await AuditLog.append(draft, on: db) }
            throw ShequError(.forbidden, .wfOwnRecord, code: "own_record")
        }
        return official
    }

    /// The whole record: officials in scope, and the worker themself by the account named on it.
    static func authorizeRead(_ record: StaffRecord, _ req: Request) async throws {
        let actor = try req.requireActor()
        if isOwn(record, actor) { return }
        try await req.authorize(.workforceRead, on: Resource(divisionCode: record.divisionCode), entity: entity, entityID: record.id?.uuidString,
                                hide: true)
    }

    static func show(_ req: Request) async throws -> StaffDetail {
        let record = try await load(req)
        try await authorizeRead(record, req)
        return try await StaffViews.detail(record, on: req.db)
    }

    /// The signed-in worker's own record; 404 for an account with none.
    static func mine(_ req: Request) async throws -> StaffDetail {
        let actor = try req.requireActor()
        guard let record = try await StaffRecord.query(on: req.db).filter(\.$username == actor.username).first() else { throw ShequError.notFound }
        return try await StaffViews.detail(record, on: req.db)
    }

    struct ListFilter: Sendable {
        var scopes: [String]
        var kind: StaffKind?
        var currentOnly: Bool
    }

    /// The officials' scopes, narrowed to `?division=` when given (a code inside them, else nothing).
    static func filter(_ req: Request) async throws -> ListFilter {
        let actor = try await req.authorize(.workforceRead, entity: entity)
        var scopes = Policy.scopes(of: actor, for: .workforceRead)
        if let raw = req.queryValue("division"), !raw.isEmpty {
            guard raw.count <= 12, raw.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { throw ShequError.invalid(.errorInvalidValue, "division") }
            scopes = scopes.contains { raw.hasPrefix($0) } ? [raw] : scopes.filter { $0.hasPrefix(raw) }
        }
        var kind: StaffKind?
        if let raw = req.queryValue("kind"), !raw.isEmpty {
            guard let k = StaffKind(rawValue: raw) else { throw ShequError.invalid(.errorInvalidValue, "kind") }
            kind = k
        }
        return ListFilter(scopes: scopes, kind: kind, currentOnly: req.queryValue("all") != "true")
    }

    /// The grade list: the workers in the reader's scope, a page at a time, each with the grade and band computed now.
    static func list(_ req: Request) async throws -> ListPage<StaffRow> {
        let f = try await filter(req)
        return try await StaffListQuery.page(f, try ListPageRequest(req), on: req.db)
    }

    /// A community's staff as anyone may see them: names and posts of those serving now.
    static func publicList(_ code: String, on db: any Database) async throws -> [PublicStaffRow] {
        guard code.count == 12, code.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return [] }
        let records = try await StaffQueries.current(in: [code], on: db).filter(\.$divisionCode == code).sort(\.$post).sort(\.$name).all()
        let rules = try await Grading.inForce(city: String(code.prefix(4)), on: db).1
        let order = Dictionary(rules.posts.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        return records.sorted { (order[$0.post] ?? 99, $0.name) < (order[$1.post] ?? 99, $1.name) }
            .map { PublicStaffRow(name: $0.name, post: $0.post, postName: rules.post($0.post)?.zh ?? $0.post,
                                  postNameEn: rules.post($0.post)?.en ?? $0.post) }
    }

    static func communityStaff(_ req: Request) async throws -> [PublicStaffRow] {
        guard let code = req.parameters.get("code"), code.count == 12, try await Division.find(code, on: req.db)?.level == .community else {
            throw ShequError.notFound
        }
        return try await publicList(code, on: req.db)
    }

    static let kindQuery = QueryParameter.oneOf("kind", StaffKind.allCases.map(\.rawValue))
    static let divisionQuery = QueryParameter.string("division", max: 12)
    static let allQuery = QueryParameter.boolean("all")
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
