import Fluent
import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import SocialOrganizations

/// A multipart body is decoded by Vapor without the declared input being checked (the platform checks JSON and
/// urlencoded forms only), so the filing's own rules must hold the bounds: a NUL that PostgreSQL cannot store, a
/// division code that is no code, more communities than the published maximum.
@Suite struct FilingMultipartTests {
    static func multipart(_ app: Application, _ path: String, token: String, _ pairs: [(String, String)]) async throws -> APIResult {
        let boundary = "shequ-\(UUID().uuidString)"
        var body = Data()
        for (k, v) in pairs { body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n".utf8) }
        body += Data("--\(boundary)--\r\n".utf8)
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        let res = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(data: body))
        return APIResult(status: res.status, body: res.body.string, headers: res.headers)
    }

    static func filing(name: String = "多部分测试服务队", street: String = streetA, communities: [String] = [communityA],
                       contactName: String = "黄丽华", purpose: String = "助老") -> [(String, String)] {
        [("name", name), ("category", "other"), ("streetCode", street)] + communities.map { ("communities[]", $0) }
            + [("purpose", purpose), ("contactName", contactName), ("contactPhone", FilingFixture.phone), ("members", "12")]
    }

    @Test func aMultipartFilingIsHeldToTheDeclaredBounds() async throws {
        try await withShequ { app in
            let f = try await FilingFixture.make(app)
            let path = "/api/v1/organization-filings"
            // The door is open to multipart: a well-formed filing is filed, so the refusals below are the rules' own.
            let fine = try await Self.multipart(app, path, token: f.resident, Self.filing())
            #expect(fine.status == .created, "\(fine.status) \(fine.body)")

            let cases: [(String, [(String, String)])] = [
                ("name NUL", Self.filing(name: "空字符\u{0}服务队")),
                ("contactName NUL", Self.filing(name: "联系人测试", contactName: "黄\u{0}丽华")),
                ("purpose control", Self.filing(name: "宗旨测试", purpose: "助老\u{7}")),
                ("streetCode NUL", Self.filing(name: "街道测试", street: "440402\u{0}01")),
                ("community NUL", Self.filing(name: "社区测试", communities: ["440402001\u{0}01"])),
                ("too many communities", Self.filing(name: "社区过多测试",
                                                     communities: Array(repeating: communityA, count: FilingInputs.communitiesMax + 1))),
            ]
            for (label, pairs) in cases {
                let res = try await Self.multipart(app, path, token: f.resident, pairs)
                #expect(res.status == .unprocessableEntity, "\(label): \(res.status) \(res.body)")
            }
            #expect(try await Filing.query(on: app.db).count() == 1)

            // A decision's reason, likewise.
            let id = try await f.file(app, "理由控制字符测试")
            let refused = try await Self.multipart(app, "\(path)/\(id)/refuse", token: f.streetA, [("reason", "不\u{0}符合")])
            #expect(refused.status == .unprocessableEntity, "\(refused.status) \(refused.body)")
            #expect(try await Filing.find(UUID(uuidString: id), on: app.db)?.state == .submitted)
            #expect(try await app.api(.GET, "/healthz").status == .ok)
        }
    }
}
