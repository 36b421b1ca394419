import Fluent
import ShequKernel
import ShequPlatform
import Vapor

extension Charter: Content {}
extension GovernanceBody: Content {}
extension BodyMember: Content {}
extension Matter: Content {}
extension MatterNote: Content {}
extension MatterTask: Content {}
extension Assembly: Content {}
extension PublicRecordEntry: Content {}

/// Parse, authorise, call `Matters` / `Assemblies` / `Charters`, answer JSON.
enum GovernanceAPIController {
    struct CharterInput: Content {
        var title: String
        var text: String
        var inForceFrom: String?
        var rules: CharterRules?
    }

    struct CharterView: Content {
        var version: Int
        var title: String?
        var text: String?
        var inForceFrom: String?
        var rules: CharterRules
    }

    static func charter(_ req: Request) async throws -> CharterView {
        let community = try await req.community()
        let (version, rules, charter) = try await Charters.inForce(community, on: LocalDate(instant: Date()), db: req.db)
        return CharterView(version: version, title: charter?.title, text: charter?.text, inForceFrom: charter?.inForceFrom, rules: rules)
    }

    static func adoptCharter(_ req: Request) async throws -> Response {
        let community = try await req.community()
        let input = try req.validatedContent(CharterInput.self)
        return try await adoptCharter(input, at: community, req: req).encodeResponse(status: .created, for: req)
    }

    /// The command both doors run: the API's JSON and the page's confirmed form.
    static func adoptCharter(_ input: CharterInput, at community: String, req: Request) async throws -> Charter {
        let who = try await req.actingFor(.residentsCommittee, .charterWrite, at: community, entity: "charter")
        let from = try input.inForceFrom.map { try date($0, field: "inForceFrom") } ?? LocalDate(instant: Date())
        return try await req.writeRecorded("charter.adopt", entity: "charter", scope: community) { db in
            try await Charters.adopt(community: community, title: input.title, text: input.text, rules: input.rules ?? .organicLaw,
                                     inForceFrom: from, by: who.body, on: db)
        }
    }

    struct BodyInput: Content {
        var kind: BodyKind
        var name: String
    }

    struct MemberInput: Content {
        var residentID: UUID
        var role: MemberRole
        var termStart: String
        var termEnd: String
        /// Required for a representative on the representatives' assembly.
        var groupID: UUID?
    }

    struct BodyView: Content {
        var body: GovernanceBody
        var members: [MemberView]
    }

    struct MemberView: Content {
        var name: String
        var role: MemberRole
        var termStart: String
        var termEnd: String
    }

    static func bodies(_ req: Request) async throws -> [BodyView] {
        let community = try await req.community()
        let bodies = try await GovernanceBody.query(on: req.db).filter(\.$divisionCode == community).sort(\.$kind).all()
        let members = try await BodyMember.query(on: req.db).filter(\.$bodyID ~~ bodies.compactMap(\.id)).all()
        return bodies.map { b in
            BodyView(body: b, members: members.filter { $0.bodyID == b.id }.map {
                MemberView(name: $0.displayName, role: $0.role, termStart: $0.termStart, termEnd: $0.termEnd)
            })
        }
    }

    static func createBody(_ req: Request) async throws -> Response {
        let community = try await req.community()
        let input = try req.validatedContent(BodyInput.self)
        let who = try await req.actingFor(.residentsCommittee, .bodyWrite, at: community, entity: "body")
        let name = try Matters.clean(input.name, field: "name", max: 100)
        let body = try await req.writeRecorded("body.create", entity: "body", scope: community) { db in
            let b = GovernanceBody()
            b.divisionCode = community
            b.kind = input.kind
            b.name = name
            try await b.create(on: db)
            try await PublicRecord.append(.init(community: community, matterID: nil, kind: "body.created", body: who.body,
                                                summary: "\(input.kind.phrase.zh)：\(name)"), on: db)
            return b
        }
        return try await body.encodeResponse(status: .created, for: req)
    }

    static func loadBody(_ req: Request) async throws -> GovernanceBody {
        guard let id = req.parameters.get("id", as: UUID.self), let body = try await GovernanceBody.find(id, on: req.db) else {
            throw ShequError.notFound
        }
        return body
    }

    static func addMember(_ req: Request) async throws -> Response {
        let body = try await loadBody(req)
        let input = try req.validatedContent(MemberInput.self)
        return try await seat(on: body, role: input.role, termStart: input.termStart, termEnd: input.termEnd, groupID: input.groupID,
                              req: req) { _ in input.residentID }
            .encodeResponse(status: .created, for: req)
    }

    /// The command both doors run: once the committee is authorised, it names the
    /// resident (the API by record, the page by the ID card shown) and the seat is recorded.
    static func seat(on body: GovernanceBody, role: MemberRole, termStart: String, termEnd: String, groupID: UUID?, req: Request,
                     resident named: (GovernanceActor) async throws -> UUID) async throws -> MemberView {
        let id = try body.requireID()
        let who = try await req.actingFor(.residentsCommittee, .bodyWrite, at: body.divisionCode, entity: "body", entityID: id.uuidString)
        let start = try date(termStart, field: "termStart"), end = try date(termEnd, field: "termEnd")
        guard start <= end else { throw ShequError.invalid(.errorInvalidValue, "termEnd", code: "invalid") }
        let residentID = try await named(who)
        // Members come from the community's residents, migrants included (S5).
        guard let resident = try await Resident.find(residentID, on: req.db), resident.divisionCode == body.divisionCode else {
            throw ShequError.invalid(.errorNotAMember, code: "not_a_resident")
        }
        if body.kind == .representativesAssembly && role == .representative {
            try await Representatives.checkSeat(groupID: groupID, body: body, term: start...end, on: req.db)
        }
        let member = try await req.writeRecorded("body.addMember", entity: "body", scope: body.divisionCode) { db in
            let m = BodyMember()
            m.bodyID = id
            m.residentID = residentID
            m.displayName = resident.name
            m.role = role
            m.termStart = start.description
            m.termEnd = end.description
            m.groupID = groupID
            try await m.create(on: db)
            try await PublicRecord.append(.init(community: body.divisionCode, matterID: nil, kind: "body.member", body: who.body,
                                                summary: "\(body.name)：\(resident.name)，\(role.phrase.zh)，任期 \(start) 至 \(end)"), on: db)
            return m
        }
        return MemberView(name: member.displayName, role: member.role, termStart: member.termStart, termEnd: member.termEnd)
    }

    static func date(_ raw: String, field: String) throws -> LocalDate {
        guard let d = LocalDate(raw) else { throw ShequError.invalid(.errorInvalidValue, field, code: "invalid") }
        return d
    }
}
