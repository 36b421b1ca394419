import Foundation
import ShequTestSupport
import Testing
import Vapor
@testable import ShequPlatform

/// A multipart body with a boundary the parser cannot take once stopped the
/// whole process (multipart-kit's precondition), from an anonymous request.
@Suite struct MultipartBoundaryTests {
    @Test func aBrokenBoundaryIsA400AndTheServerKeepsAnswering() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            let broken = ["multipart/form-data; boundary=", "multipart/form-data", "multipart/form-data; boundary=\"\"",
                          "multipart/form-data; boundary=" + String(repeating: "a", count: 71), "multipart/mixed; boundary=a\u{7f}b"]
            for header in broken {
                for path in ["/sign-in", "/api/v1/auth/token", "/api/v1/residents/import", "/preferences"] {
                    var headers = HTTPHeaders([("Content-Type", header)])
                    if path.hasPrefix("/api/v1/residents") { headers.bearerAuthorization = BearerAuthorization(token: token) }
                    let res = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: "x"))
                    #expect(res.status == .badRequest, "\(header) on \(path): \(res.status)")
                }
            }
            #expect(try await app.api(.GET, "/healthz").status == .ok)
        }
    }

    @Test func boundariesFollowRFC2046() {
        #expect(MultipartBoundaryGuard.isUsable(boundary: "----WebKitFormBoundary7MA4YWxkTrZu0gW"))
        #expect(MultipartBoundaryGuard.isUsable(boundary: "a"))
        #expect(!MultipartBoundaryGuard.isUsable(boundary: nil))
        #expect(!MultipartBoundaryGuard.isUsable(boundary: ""))
        #expect(!MultipartBoundaryGuard.isUsable(boundary: "ends in space "))
        #expect(!MultipartBoundaryGuard.isUsable(boundary: String(repeating: "b", count: 71)))
        #expect(!MultipartBoundaryGuard.isUsable(boundary: "中文"))
    }
}
