import Fluent
import SQLKit
import ShequKernel
import ShequPlatform
import Vapor

/// The public record and the meetings calendar: open to anyone, no sign-in.
enum PublicRecordController {
    /// A page of the record, newest first, with the verdict on its whole chain (at most a minute old).
    struct RecordView: Content {
        var community: String
        var holds: Bool
        var brokenAt: Int?
        var problem: String?
        var items: [PublicRecordRow]
        var total: Int
        var page: Int
        var perPage: Int

        var asPage: ListPage<PublicRecordRow> { ListPage(items: items, total: total, page: page, perPage: perPage) }
    }

    static func record(_ req: Request, community: String, finding: PublicRecord.Finding?) async throws -> RecordView {
        let page = try ListPageRequest(req)
        let entries = try await req.db.sql().select().columns(PublicRecordRow.columns.map { SQLIdentifier($0) })
            .from(PublicRecordEntry.schema).where("division_code", .equal, community).orderBy("sequence", .descending)
            .paged(page, decoding: PublicRecordRow.self)
        return RecordView(community: community, holds: finding == nil, brokenAt: finding?.sequence, problem: finding?.problem,
                          items: entries.items, total: entries.total, page: entries.page, perPage: entries.perPage)
    }

    /// The verdict shown (kept a minute at most, `ChainVerdicts`) and the version of what the record's pages
    /// show: its head, read before the entries, and that verdict, which can change while the head stays.
    static func verdictAndVersion(_ community: String, req: Request) async throws -> (PublicRecord.Finding?, String) {
        let head = try await PublicRecord.heads.token(community, on: req.db)
        let finding = try await PublicRecord.shownVerdict(community: community, head: head, on: req.db, kept: req.application.publicRecordVerdicts)
        return (finding, head + "|" + (finding.map { "\($0.sequence) \($0.problem)" } ?? "holds"))
    }

    static func recordAnswer(_ req: Request) async throws -> Response {
        let community = try await req.community()
        let (finding, version) = try await verdictAndVersion(community, req: req)
        return try await req.application.publicAnswers.json(req, token: version) {
            try await record(req, community: community, finding: finding)
        }
    }

    /// iCalendar (RFC 5545) of the community's assemblies, for any calendar app to subscribe to.
    static func calendar(_ req: Request) async throws -> Response {
        let community = try await req.community()
        // A subscribing calendar takes the whole feed, so it is bounded by date rather than cut at a row count.
        let since = Date().addingTimeInterval(-366 * 24 * 3600)
        let assemblies = try await Assembly.query(on: req.db).filter(\.$divisionCode == community).filter(\.$startsAt >= since)
            .sort(\.$startsAt).all()
        let response = Response(status: .ok, body: .init(string: ICalendar.document(name: community, events: assemblies.map {
            ICalendar.Event(uid: "\($0.id!.uuidString)@shequ", start: $0.startsAt, minutes: 120, summary: $0.title,
                            location: $0.place, status: $0.state == .closed ? "CONFIRMED" : "TENTATIVE")
        })))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        return response
    }
}

extension Application {
    private struct PublicRecordVerdictsKey: StorageKey { typealias Value = ChainVerdicts<PublicRecord.Finding?> }

    /// Set when the module boots, before any request, so requests only read it.
    var publicRecordVerdicts: ChainVerdicts<PublicRecord.Finding?> {
        get { storage[PublicRecordVerdictsKey.self] ?? ChainVerdicts() }
        set { storage[PublicRecordVerdictsKey.self] = newValue }
    }
}
