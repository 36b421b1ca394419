import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// H8's doors. Thin: decode against the kind's declared input, authorise at the community, run `OfficeRecords`
/// with its audit entry in one transaction. The pages' forms post to these same handlers (PageDoor).
enum OfficeAPIController {
    static let entity = "committee_office_entry"

    struct MinutesInput: Content, ValidatedInput {
        var heldOn: LocalDate
        var title: String
        var attendees: String
        var text: String
        var corrects: String?
        static var inputSchema: InputSchema { OfficeInputs.minutes }
    }

    struct DutyInput: Content, ValidatedInput {
        var dutyOn: LocalDate
        var startsAt: String
        var endsAt: String
        var person: String
        var note: String?
        var corrects: String?
        static var inputSchema: InputSchema { OfficeInputs.duty }
    }

    struct LogInput: Content, ValidatedInput {
        var loggedOn: LocalDate
        var title: String
        var text: String
        var corrects: String?
        static var inputSchema: InputSchema { OfficeInputs.log }
    }

    struct DocumentReceivedInput: Content, ValidatedInput {
        var dated: LocalDate
        var title: String
        var counterpart: String
        var reference: String?
        /// Text, not a date: a page's form sends the empty field when there is no deadline.
        var deadline: String?
        var summary: String?
        var corrects: String?
        static var inputSchema: InputSchema { OfficeInputs.documentReceived }
    }

    struct DocumentSentInput: Content, ValidatedInput {
        var dated: LocalDate
        var title: String
        var counterpart: String
        var reference: String?
        var deadline: String?
        var summary: String?
        var corrects: String?
        static var inputSchema: InputSchema { OfficeInputs.documentSent }
    }

    struct SealUseInput: Content, ValidatedInput {
        var usedOn: LocalDate
        var document: String
        var purpose: String
        var usedBy: String
        var approvedBy: String
        var corrects: String?
        static var inputSchema: InputSchema { OfficeInputs.sealUse }
    }

    struct HandledInput: Content, ValidatedInput {
        var handledOn: LocalDate
        var text: String
        static var inputSchema: InputSchema { OfficeInputs.handled }
    }

    enum State: String, Codable { case current, corrected, open, overdue, handled }

    struct EntryView: Content {
        var id: UUID
        var kind: OfficeKind
        var community: String
        var onDate: String
        var title: String?
        var body: String?
        var people: String?
        var startsAt: String?
        var endsAt: String?
        var reference: String?
        var deadline: String?
        var approvedBy: String?
        var correctsID: UUID?
        var correctedBy: UUID?
        var handledOn: String?
        var handling: String?
        var state: State
        var recordedBy: String
        var recordedAt: Date?
    }

    // MARK: - Commands

    /// The handler that records one kind: its own input, the one rule set.
    static func record(_ kind: OfficeKind) -> @Sendable (Request) async throws -> Response {
        { req in
            let code = try await req.officeCommunity()
            let actor = try await req.authorize(.committeeOfficeWrite, at: code, entity: entity)
            let draft = try draft(kind, req)
            let entry = try await req.writeAudited("committeeOffice.\(kind.rawValue)", entity: entity) { db in
                let e = try await OfficeRecords.record(draft, community: code, by: actor.username, on: db)
                return Audited(e, id: e.id, scope: code, detail: [e.onDate, e.title ?? e.people ?? "",
                                                                   e.correctsID.map { "corrects \($0.uuidString)" } ?? ""].joined(separator: " "))
            }
            return try await views([entry], community: code, on: req.db)[0].encodeResponse(status: .created, for: req)
        }
    }

    static func handled(_ req: Request) async throws -> Response {
        let code = try await req.officeCommunity()
        let actor = try await req.authorize(.committeeOfficeWrite, at: code, entity: entity)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw ShequError.notFound }
        let input = try req.validatedContent(HandledInput.self)
        let draft = OfficeRecords.Draft(kind: .documentHandled, onDate: input.handledOn, body: input.text, handles: id)
        let entry = try await req.writeAudited("committeeOffice.documentHandled", entity: entity) { db in
            let e = try await OfficeRecords.record(draft, community: code, by: actor.username, on: db)
            return Audited(e, id: e.id, scope: code, detail: "handles \(id.uuidString)")
        }
        return try await views([entry], community: code, on: req.db)[0].encodeResponse(status: .created, for: req)
    }

    static func draft(_ kind: OfficeKind, _ req: Request) throws -> OfficeRecords.Draft {
        switch kind {
        case .minutes:
            let i = try req.validatedContent(MinutesInput.self)
            return .init(kind: kind, onDate: i.heldOn, title: i.title, body: i.text, people: i.attendees, corrects: try uuid(i.corrects))
        case .duty:
            let i = try req.validatedContent(DutyInput.self)
            return .init(kind: kind, onDate: i.dutyOn, body: i.note, people: i.person, startsAt: i.startsAt, endsAt: i.endsAt, corrects: try uuid(i.corrects))
        case .log:
            let i = try req.validatedContent(LogInput.self)
            return .init(kind: kind, onDate: i.loggedOn, title: i.title, body: i.text, corrects: try uuid(i.corrects))
        case .documentReceived:
            let i = try req.validatedContent(DocumentReceivedInput.self)
            return .init(kind: kind, onDate: i.dated, title: i.title, body: i.summary, people: i.counterpart, reference: i.reference,
                         deadline: try date(i.deadline, "deadline"), corrects: try uuid(i.corrects))
        case .documentSent:
            let i = try req.validatedContent(DocumentSentInput.self)
            return .init(kind: kind, onDate: i.dated, title: i.title, body: i.summary, people: i.counterpart, reference: i.reference,
                         deadline: try date(i.deadline, "deadline"), corrects: try uuid(i.corrects))
        case .sealUse:
            let i = try req.validatedContent(SealUseInput.self)
            return .init(kind: kind, onDate: i.usedOn, title: i.document, body: i.purpose, people: i.usedBy, approvedBy: i.approvedBy,
                         corrects: try uuid(i.corrects))
        case .documentHandled:
            throw ShequError.notFound
        }
    }

    static func uuid(_ raw: String?) throws -> UUID? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let id = UUID(uuidString: raw) else { throw ShequError.invalid(.errorInvalidValue, "corrects", code: "invalid") }
        return id
    }

    static func date(_ raw: String?, _ field: String) throws -> LocalDate? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let day = LocalDate(raw) else { throw ShequError.invalid(.errorInvalidValue, field, code: "invalid_date") }
        return day
    }

    // MARK: - Reads

    static func list(_ kind: OfficeKind) -> @Sendable (Request) async throws -> ListPage<EntryView> {
        { req in
            let code = try await req.officeCommunity()
            try await req.authorize(.committeeOfficeRead, at: code, entity: entity)
            return try await listQuery(kind, code, on: req.db).paged(try ListPageRequest(req)) { rows in
                try await views(rows, community: code, on: req.db)
            }
        }
    }

    static func listQuery(_ kind: OfficeKind, _ code: String, on db: any Database) -> QueryBuilder<OfficeEntry> {
        OfficeEntry.query(on: db).filter(\.$divisionCode == code).filter(\.$kind == kind)
            .sort(\.$onDate, .descending).sort(\.$startsAt, .descending).sort(\.$createdAt, .descending).sort(\.$id)
    }

    static func overdue(_ req: Request) async throws -> ListPage<EntryView> {
        let code = try await req.officeCommunity()
        try await req.authorize(.committeeOfficeRead, at: code, entity: entity)
        return try await OfficeRecords.overdue(code, on: req.db).paged(try ListPageRequest(req)) { rows in
            try await views(rows, community: code, on: req.db)
        }
    }

    /// Rows as a screen shows them: whether corrected, and a document's handling and state.
    static func views(_ rows: [OfficeEntry], community: String, on db: any Database) async throws -> [EntryView] {
        let ids = rows.compactMap(\.id)
        let followers = ids.isEmpty ? [] : try await OfficeEntry.query(on: db).filter(\.$divisionCode == community)
            .group(.or) { $0.filter(\.$correctsID ~~ ids).filter(\.$handlesID ~~ ids) }.all()
        let correctedBy = Dictionary(followers.compactMap { f in f.correctsID.map { ($0, f) } }, uniquingKeysWith: { a, _ in a })
        let handledBy = Dictionary(followers.compactMap { f in f.handlesID.map { ($0, f) } }, uniquingKeysWith: { a, _ in a })
        let today = LocalDate(instant: Date()).description
        return try rows.map { e in
            let id = try e.requireID()
            let handling = handledBy[id]
            let state: State
            if correctedBy[id] != nil { state = .corrected }
            else if OfficeKind.documents.contains(e.kind) {
                state = handling != nil ? .handled : (e.deadline.map { $0 < today } ?? false) ? .overdue : .open
            } else { state = .current }
            return EntryView(id: id, kind: e.kind, community: e.divisionCode, onDate: e.onDate, title: e.title, body: e.body, people: e.people,
                             startsAt: e.startsAt, endsAt: e.endsAt, reference: e.reference, deadline: e.deadline, approvedBy: e.approvedBy,
                             correctsID: e.correctsID, correctedBy: correctedBy[id]?.id, handledOn: handling?.onDate, handling: handling?.body,
                             state: state, recordedBy: e.recordedBy, recordedAt: e.createdAt)
        }
    }
}

extension Request {
    /// A community from the path: a 12-digit community on file, or 404.
    func officeCommunity() async throws -> String {
        guard let code = parameters.get("code"), code.count == 12, code.allSatisfy(\.isNumber),
              let division = try await Division.find(code, on: db), division.level == .community else { throw ShequError.notFound }
        return code
    }
}
