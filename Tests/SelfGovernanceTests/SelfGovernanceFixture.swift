import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import SelfGovernance

/// A community (紫荆社区) with five adult voters, a child and a neighbour from
/// another community, plus one account per body.
struct Governance {
    let voters: [(id: UUID, token: String)]
    let child: (id: UUID, token: String)
    let outsider: (id: UUID, token: String)
    let committee: String
    let deliberation: String
    let supervision: String
    let otherCommittee: String
    let admin: String
}

func withGovernance(_ body: (Vapor.Application, Governance) async throws -> Void) async throws {
    try await withShequ { app in
        let admin = try await app.token("admin", adminPassword)
        func resident(_ name: String, _ community: String, _ idBody: String, residency: String = "registered") async throws -> (UUID, String) {
            var json = residentJSON(community, name, idBody)
            json["residency"] = residency
            let res = try await app.api(.POST, "/api/v1/residents", token: admin, json: json)
            let id = try #require(UUID(uuidString: res.object["id"] as? String ?? ""), "\(res.body)")
            let username = "r.\(idBody.suffix(6))"
            try await makeAccount(app, username, .resident, community, residentID: id)
            return (id, try await app.token(username))
        }
        var voters: [(UUID, String)] = []
        for i in 1...5 { voters.append(try await resident("居民\(i)", communityA, "44040219800101" + String(format: "%03d", i))) }
        let child = try await resident("小孩", communityA, "44040220150101011")
        let outsider = try await resident("邻居", communityB, "44040219800101021")
        try await makeAccount(app, "rc.a", .communityStaff, communityA)
        try await makeAccount(app, "delib.a", .deliberationMember, communityA)
        try await makeAccount(app, "superv.a", .supervisionMember, communityA)
        try await makeAccount(app, "rc.b", .communityStaff, communityB)
        try await body(app, Governance(voters: voters, child: child, outsider: outsider, committee: try await app.token("rc.a"),
                                       deliberation: try await app.token("delib.a"), supervision: try await app.token("superv.a"),
                                       otherCommittee: try await app.token("rc.b"), admin: admin))
    }
}

/// A week and a minute from now: past the Organic-Law default notice period.
func afterNotice(days: Int = 7) -> String {
    Date().addingTimeInterval(Double(days) * 86_400 + 60).formatted(.iso8601)
}

/// Raises a matter and takes it to an open vote; returns (matter id, assembly id).
func matterOpenForVote(_ app: Vapor.Application, _ g: Governance, title: String = "加装电梯") async throws -> (String, String) {
    let raised = try await app.api(.POST, "/api/v1/communities/\(communityA)/matters", token: g.voters[0].token,
                                   json: ["title": title, "description": "3栋居民希望加装电梯。"])
    #expect(raised.status == .created, "\(raised.body)")
    let matter = try #require(raised.object["id"] as? String)
    #expect(try await app.api(.POST, "/api/v1/matters/\(matter)/steps", token: g.deliberation, json: ["step": "takeUp"]).status == .ok)
    #expect(try await app.api(.POST, "/api/v1/matters/\(matter)/notes", token: g.deliberation,
                              json: ["kind": "minutes", "text": "议事会纪要：多数居民支持，费用按楼层分摊。"]).status == .created)
    #expect(try await app.api(.POST, "/api/v1/matters/\(matter)/steps", token: g.deliberation,
                              json: ["step": "recommend", "text": "建议提交居民会议表决。"]).status == .ok)
    let convened = try await app.api(.POST, "/api/v1/matters/\(matter)/assemblies", token: g.committee,
                                     json: ["kind": "residents", "title": "居民会议：加装电梯", "place": "社区活动室", "startsAt": afterNotice()])
    #expect(convened.status == .created, "\(convened.body)")
    let assembly = try #require(convened.object["id"] as? String)
    try await arrive(app, assembly)
    #expect(try await app.api(.POST, "/api/v1/assemblies/\(assembly)/open", token: g.committee).status == .ok)
    return (matter, assembly)
}

/// The notice period runs its course: the assembly's start moves to a minute ago,
/// as if the week had passed (the tests do not wait for the clock).
func arrive(_ app: Vapor.Application, _ assembly: String) async throws {
    let a = try #require(try await Assembly.find(UUID(uuidString: assembly), on: app.db))
    a.startsAt = Date().addingTimeInterval(-60)
    try await a.save(on: app.db)
}

func vote(_ app: Vapor.Application, _ assembly: String, _ token: String, _ choice: String) async throws -> APIResult {
    try await app.api(.POST, "/api/v1/assemblies/\(assembly)/ballots", token: token, json: ["choice": choice])
}
