import Fluent
import Foundation
import SelfGovernance
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import CommunityPolicing

/// The people of the policing suites: the district that records officers, the committees of two communities,
/// an officer for each, and a second officer holding the role at 紫荆社区 whom nothing is referred to.
enum PolicingFixture {
    static let recorder = "pol.district"
    static let committeeA = "pol.committee.a"
    static let committeeB = "pol.committee.b"
    static let officerA = "pol.officer.a"
    static let officerB = "pol.officer.b"
    static let otherOfficerA = "pol.officer.a2"

    struct World {
        let officerA: String
        let officerB: String
    }

    static func officerJSON(_ username: String, name: String, number: String, communities: [String]) -> [String: Any] {
        ["username": username, "name": name, "policeNumber": number, "workPhone": "0756-2212110",
         "dutyHours": "周二、周四 9:00–17:00 社区警务室", "communities": communities]
    }

    /// Accounts for every part, and officers A and B recorded by the district; returns the officers' ids.
    static func world(_ app: Application) async throws -> World {
        try await makeAccount(app, recorder, .districtOfficial, "440402")
        try await makeAccount(app, committeeA, .communityStaff, communityA)
        try await makeAccount(app, committeeB, .communityStaff, communityB)
        try await makeAccount(app, officerA, .communityPolice, communityA)
        try await makeAccount(app, officerB, .communityPolice, communityB)
        try await makeAccount(app, otherOfficerA, .communityPolice, communityA)
        let token = try await app.token(recorder)
        let a = try await app.api(.POST, "/api/v1/police-officers", token: token,
                                  json: officerJSON(officerA, name: "陈建华", number: "031204", communities: [communityA]))
        let b = try await app.api(.POST, "/api/v1/police-officers", token: token,
                                  json: officerJSON(officerB, name: "黄志强", number: "031587", communities: [communityB]))
        return World(officerA: try #require(a.object["id"] as? String, "\(a.body)"), officerB: try #require(b.object["id"] as? String, "\(b.body)"))
    }

    /// A message of a community as SelfGovernance stores it; `dueInDays` below zero makes it overdue.
    static func message(_ app: Application, _ channel: SelfGovernance.Channel, in community: String = communityA, subject: String = "夜里有人撬车",
                        dueInDays: Int = 5) async throws -> String {
        let due = LocalDate(instant: Date()).adding(days: dueInDays)
        let m = try await Channels.submit(channel, community: community, residentID: nil, authorName: "王小明", anonymous: false,
                                          subject: subject, text: "3号楼车棚夜里有人撬电动车。", recordedBy: nil, dueOn: due, db: app.db)
        return try m.requireID().uuidString
    }

    static func denied(_ app: Application) async throws -> Int {
        try await AuditEntry.query(on: app.db).filter(\.$outcome == "denied").count()
    }
}
