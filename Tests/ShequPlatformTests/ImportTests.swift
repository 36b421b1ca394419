import Fluent
import Foundation
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

@Suite struct ImportTests {
    static let header = "community_code,name,id_number,phone,residency,household_address,relation_to_head\n"

    static func csv(_ rows: [String]) -> String { header + rows.joined(separator: "\n") + "\n" }

    static let good1 = "\(communityA),张三,\(validID("44040219800101123")),13800138000,registered,1栋101室,head"
    static let good2 = "\(communityA),李四,\(validID("44040219820202123")),,migrant,1栋101室,spouse"

    @Test func aFileWithBadRowsImportsNothingAndNamesEveryBadLine() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            let body = Self.csv([Self.good1,
                                 "\(communityA),王五,440402198001011230,,registered,,",
                                 "440402001999,赵六,\(validID("44040219830101123")),,registered,,",
                                 Self.good2,
                                 "\(communityA),钱七,\(validID("44040219840101123")),,visitor,,"])
            let res = try await app.api(.POST, "/api/v1/residents/import", token: token, raw: body,
                                        contentType: HTTPMediaType(type: "text", subType: "csv"), headers: ["Accept-Language": "en"])
            #expect(res.status == .unprocessableEntity)
            #expect(res.object["committed"] as? Bool == false)
            let errors = res.object["errors"] as? [[String: Any]] ?? []
            #expect(errors.compactMap { $0["line"] as? Int } == [3, 4, 6])
            #expect((errors.first?["message"] as? String ?? "").contains("check character"))
            #expect(try await app.count(Resident.self) == 0)
            #expect(try await app.count(Household.self) == 0)
        }
    }

    @Test func onlyGoodRowsWhenAskedAndHouseholdsAreFormed() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            let body = Self.csv([Self.good1, "\(communityA),王五,440402198001011230,,registered,,", Self.good2])
            let res = try await app.api(.POST, "/api/v1/residents/import?onlyGoodRows=true", token: token, raw: body,
                                        contentType: HTTPMediaType(type: "text", subType: "csv"))
            #expect(res.status == .ok)
            #expect(res.object["imported"] as? Int == 2)
            #expect(res.object["householdsCreated"] as? Int == 1)
            #expect((res.object["errors"] as? [[String: Any]])?.compactMap { $0["line"] as? Int } == [3])
            let household = try #require(try await Household.query(on: app.db).first())
            let head = try #require(try await Resident.query(on: app.db).filter(\.$name == "张三").first())
            #expect(household.headOfHouseholdID == head.id)
            #expect(try await Resident.query(on: app.db).filter(\.$householdID == household.id!).count() == 2)
            // Importing the same file again adds nobody: both ID numbers are already registered.
            let again = try await app.api(.POST, "/api/v1/residents/import?onlyGoodRows=true", token: token, raw: body,
                                          contentType: HTTPMediaType(type: "text", subType: "csv"))
            #expect(again.object["imported"] as? Int == 0)
            #expect(try await app.count(Resident.self) == 2)
        }
    }

    @Test func aNonUTF8FileIsRefusedWithAdvice() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            // "张三" in GBK: the bytes a spreadsheet saves when told "CSV" on a Chinese Windows.
            var data = Data(Self.header.utf8)
            data += Data("\(communityA),".utf8) + Data([0xD5, 0xC5, 0xC8, 0xFD]) + Data(",\(validID("44040219800101123")),,registered,,\n".utf8)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: token)
            headers.contentType = HTTPMediaType(type: "text", subType: "csv")
            headers.add(name: .acceptLanguage, value: "en")
            let res = try await app.testing().sendRequest(.POST, "/api/v1/residents/import", headers: headers, body: ByteBuffer(data: data))
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains("UTF-8"))
            #expect(try await app.count(Resident.self) == 0)
        }
    }

    @Test func staffCannotImportIntoAnotherStreet() async throws {
        try await withShequ { app in
            try await makeAccount(app, "center.b", .centerStaff, streetB)
            let token = try await app.token("center.b")
            let res = try await app.api(.POST, "/api/v1/residents/import", token: token, raw: Self.csv([Self.good1]),
                                        contentType: HTTPMediaType(type: "text", subType: "csv"))
            #expect(res.status == .unprocessableEntity)
            #expect((res.object["errors"] as? [[String: Any]])?.first?["line"] as? Int == 2)
            #expect(try await app.count(Resident.self) == 0)
        }
    }
}
