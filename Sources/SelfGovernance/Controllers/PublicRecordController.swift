import Fluent
import ShequKernel
import ShequPlatform
import Vapor

/// The public record and the meetings calendar: open to anyone, no sign-in.
enum PublicRecordController {
    struct RecordView: Content {
        var community: String
        var holds: Bool
        var brokenAt: Int?
        var problem: String?
        var entries: [PublicRecordEntry]
    }

    static func record(_ req: Request) async throws -> RecordView {
        let community = try await req.community()
        let (_, finding) = try await PublicRecord.verify(community: community, on: req.db)
        let entries = try await PublicRecordEntry.query(on: req.db).filter(\.$divisionCode == community)
            .sort(\.$sequence, .descending).limit(500).all()
        return RecordView(community: community, holds: finding == nil, brokenAt: finding?.sequence, problem: finding?.problem, entries: entries)
    }

    /// iCalendar (RFC 5545) of the community's assemblies, for any calendar app to subscribe to.
    static func calendar(_ req: Request) async throws -> Response {
        let community = try await req.community()
        let assemblies = try await Assembly.query(on: req.db).filter(\.$divisionCode == community).sort(\.$startsAt).limit(500).all()
        let response = Response(status: .ok, body: .init(string: ICalendar.document(name: community, events: assemblies.map {
            ICalendar.Event(uid: "\($0.id!.uuidString)@shequ", start: $0.startsAt, minutes: 120, summary: $0.title,
                            location: $0.place, status: $0.state == .closed ? "CONFIRMED" : "TENTATIVE")
        })))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        return response
    }
}
