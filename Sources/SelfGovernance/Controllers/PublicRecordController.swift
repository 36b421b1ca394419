import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// The public record and the meetings calendar: open to anyone, no sign-in.
enum PublicRecordController {
    /// A page of the record, newest first, with the verdict on its whole chain.
    struct RecordView: Content {
        var community: String
        var holds: Bool
        var brokenAt: Int?
        var problem: String?
        var items: [PublicRecordEntry]
        var total: Int
        var page: Int
        var perPage: Int

        var asPage: ListPage<PublicRecordEntry> { ListPage(items: items, total: total, page: page, perPage: perPage) }
    }

    static func record(_ req: Request) async throws -> RecordView {
        let community = try await req.community()
        let (_, finding) = try await PublicRecord.verify(community: community, on: req.db)
        let entries = try await PublicRecordEntry.query(on: req.db).filter(\.$divisionCode == community)
            .sort(\.$sequence, .descending).paged(ListPageRequest(req))
        return RecordView(community: community, holds: finding == nil, brokenAt: finding?.sequence, problem: finding?.problem,
                          items: entries.items, total: entries.total, page: entries.page, perPage: entries.perPage)
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
