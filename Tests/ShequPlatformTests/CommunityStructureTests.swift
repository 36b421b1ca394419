import Fluent
import Foundation
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

@Suite struct CommunityStructureTests {
    @Test func groupsBuildingsAndHouseholdsNestInsideOneCommunity() async throws {
        try await withShequ { app in
            try await makeAccount(app, "clerk", .communityStaff, communityA)
            let token = try await app.token("clerk")
            let group = try await app.api(.POST, "/api/v1/residents-groups", token: token, json: ["divisionCode": communityA, "name": "第一居民小组"])
            #expect(group.status == .created)
            let gid = try #require(group.object["id"] as? String)
            let head = try await app.api(.POST, "/api/v1/residents", token: token, json: residentJSON(communityA, "楼长", "44040219600101123"))
            let building = try await app.api(.POST, "/api/v1/buildings", token: token, json: [
                "divisionCode": communityA, "name": "1栋", "residentsGroupID": gid, "buildingHeadID": head.object["id"] as! String])
            #expect(building.status == .created)
            let bid = try #require(building.object["id"] as? String)
            let household = try await app.api(.POST, "/api/v1/households", token: token, json: ["divisionCode": communityA, "address": "1栋101", "buildingID": bid])
            #expect(household.status == .created)
            #expect(household.object["buildingID"] as? String == bid)
            let hid = try #require(household.object["id"] as? String)
            let renamed = try await app.api(.PATCH, "/api/v1/households/\(hid)", token: token, json: ["address": "1栋102"])
            #expect(renamed.object["address"] as? String == "1栋102")
            #expect(try await app.api(.PATCH, "/api/v1/households/\(hid)", token: token, json: ["address": ""]).status == .unprocessableEntity)
            #expect(try await app.api(.GET, "/api/v1/households/\(hid)", token: token).object["address"] as? String == "1栋102")
            let listed = try await app.api(.GET, "/api/v1/buildings?community=\(communityA)", token: token)
            #expect(listed.items.compactMap { $0["name"] as? String } == ["1栋"])

            // Parts of another community are refused, and nothing is created.
            let admin = try await app.token("admin", adminPassword)
            let elsewhere = try await app.api(.POST, "/api/v1/residents", token: admin, json: residentJSON(communityB, "外人", "44040219610101123"))
            let badHead = try await app.api(.POST, "/api/v1/buildings", token: token, json: [
                "divisionCode": communityA, "name": "2栋", "buildingHeadID": elsewhere.object["id"] as! String])
            #expect(badHead.status == .unprocessableEntity)
            let otherGroup = try await app.api(.POST, "/api/v1/residents-groups", token: admin, json: ["divisionCode": communityB, "name": "外组"])
            let badGroup = try await app.api(.POST, "/api/v1/buildings", token: admin, json: [
                "divisionCode": communityA, "name": "3栋", "residentsGroupID": otherGroup.object["id"] as! String])
            #expect(badGroup.status == .unprocessableEntity)
            #expect(try await app.count(Building.self) == 1)
            let outOfScope = try await app.api(.POST, "/api/v1/residents-groups", token: token, json: ["divisionCode": communityB, "name": "越权"])
            #expect(outOfScope.status == .forbidden)
            #expect(try await app.count(ResidentsGroup.self) == 2)
        }
    }
}
