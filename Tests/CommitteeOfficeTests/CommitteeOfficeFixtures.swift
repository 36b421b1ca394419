import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import CommitteeOffice

/// The committee of 紫荆社区, its street, and the outsiders the office records are kept from.
enum OfficeFixture {
    static let committee = "office.committee.a"
    static let street = "office.street.a"
    static let otherCommittee = "office.committee.b"
    static let otherStreet = "office.street.b"
    static let district = "office.district"
    static let resident = "office.resident.a"
    static let base = "/api/v1/communities/\(communityA)/office"

    static func accounts(_ app: Application) async throws {
        try await makeAccount(app, committee, .communityStaff, communityA)
        try await makeAccount(app, street, .streetOfficial, streetA)
        try await makeAccount(app, otherCommittee, .communityStaff, communityB)
        try await makeAccount(app, otherStreet, .streetOfficial, streetB)
        try await makeAccount(app, district, .districtOfficial, "440402")
        try await makeAccount(app, resident, .resident, communityA)
    }

    static func day(_ offset: Int) -> String { LocalDate(instant: Date()).adding(days: offset).description }

    static var minutes: [String: Any] { ["heldOn": day(-1), "title": "居委会例会", "attendees": "张丽、李强、王芳", "text": "部署冬季消防检查。"] }
    static var duty: [String: Any] { ["dutyOn": day(1), "startsAt": "08:30", "endsAt": "17:30", "person": "王芳"] }
    static var log: [String: Any] { ["loggedOn": day(0), "title": "走访独居老人", "text": "走访6户。"] }
    static func received(deadline: Int?, title: String = "关于开展消防检查的通知") -> [String: Any] {
        var json: [String: Any] = ["dated": day(-10), "title": title, "counterpart": "翠香街道办事处", "reference": "翠香街〔2026〕45号"]
        if let deadline { json["deadline"] = day(deadline) }
        return json
    }
    static var sent: [String: Any] { ["dated": day(-2), "title": "关于增设充电点的请示", "counterpart": "翠香街道办事处", "deadline": day(10)] }
    static var seal: [String: Any] { ["usedOn": day(0), "document": "居住证明", "purpose": "子女入学", "usedBy": "王芳", "approvedBy": "张丽"] }

    static func denied(_ app: Application) async throws -> Int {
        try await AuditEntry.query(on: app.db).filter(\.$outcome == "denied").count()
    }
}
