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

    /// A multipart form is held to the bounds the route declares, as an urlencoded one is: it once reached
    /// the command unchecked, and a NUL in a name was a 500 on PostgreSQL.
    @Test func aMultipartFormMeetsTheDeclaredBounds() async throws {
        try await withShequ { app in
            let token = try await app.token("admin", adminPassword)
            func multipart(_ fields: [(String, String)], file: Bool = false) -> ByteBuffer {
                var text = ""
                for (name, value) in fields {
                    text += "--b1\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
                }
                // A file part is bounded where files are taken, not as text: its bytes are not read as a field.
                if file { text += "--b1\r\nContent-Disposition: form-data; name=\"name\"; filename=\"a.txt\"\r\n\r\n\u{0}\r\n" }
                return ByteBuffer(string: text + "--b1--\r\n")
            }
            var headers = HTTPHeaders([("Content-Type", "multipart/form-data; boundary=b1")])
            headers.bearerAuthorization = BearerAuthorization(token: token)
            let before = try await app.count(Resident.self)
            let nul = try await app.testing().sendRequest(.POST, "/api/v1/residents", headers: headers,
                                                          body: multipart([("divisionCode", communityA), ("name", "张\u{0}三")]))
            #expect(nul.status == .unprocessableEntity)
            #expect(nul.body.string.contains("control_character"))
            let long = try await app.testing().sendRequest(.POST, "/api/v1/residents", headers: headers,
                                                           body: multipart([("divisionCode", communityA), ("name", String(repeating: "张", count: 500))]))
            #expect(long.status == .unprocessableEntity)
            #expect(long.body.string.contains("too_long") && long.body.string.contains("name"))
            let fileOnly = try await app.testing().sendRequest(.POST, "/api/v1/residents", headers: headers,
                                                               body: multipart([("divisionCode", communityA)], file: true))
            #expect(fileOnly.status.code < 500 && fileOnly.status != .created)
            #expect(try await app.count(Resident.self) == before)
        }
    }

    @Test func multipartTextPartsAreReadAsAFormWouldBe() throws {
        let body = ByteBuffer(string: "--x\r\nContent-Disposition: form-data; name=\"a[]\"\r\n\r\n1 & 2=3\r\n"
            + "--x\r\nContent-Disposition: form-data; name=\"a[]\"\r\n\r\n中\r\n"
            + "--x\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--x--\r\n")
        let tree = try InputValue.multipartForm(body, boundary: "x")
        guard case .array(let values)? = tree["a"] else { Issue.record("a[] is not an array: \(tree)"); return }
        #expect(values.count == 2)
        if case .string(let first) = values[0] { #expect(first == "1 & 2=3") } else { Issue.record("not a string") }
        #expect(tree["f"] == nil)
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
