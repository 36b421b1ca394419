import Crypto
import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import ServiceHall

func uploadFile(_ app: Vapor.Application, token: String, number: String, material: String, data: Data,
                type: String = "application/pdf", name: String = "证明.pdf") async throws -> APIResult {
    let boundary = "shequ-\(UUID().uuidString)"
    var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: \(type)\r\n\r\n".utf8)
    body += data
    body += Data("\r\n--\(boundary)--\r\n".utf8)
    var headers = HTTPHeaders()
    headers.bearerAuthorization = BearerAuthorization(token: token)
    headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
    let res = try await app.testing().sendRequest(.POST, "/api/v1/applications/\(number)/materials/\(material)", headers: headers,
                                                 body: ByteBuffer(data: body))
    return APIResult(status: res.status, body: res.body.string, headers: res.headers)
}

let pdf = Data("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)

@Suite struct MaterialUploadTests {
    @Test func uploadedMaterialsCountAtAcceptanceAndReadsAreAudited() async throws {
        try await withServiceHall { app, f in
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let number = res.object["trackingNumber"] as! String
            let required = try await materialIDs(app, item: "RS-002")
            let up = try await uploadFile(app, token: f.resident, number: number, material: required[0], data: pdf)
            #expect(up.status == .created)
            #expect(up.object["sha256"] as? String == SHA256.hash(data: pdf).map { String(format: "%02x", $0) }.joined())
            // Nothing ticked at the window: the upload alone satisfies the ID card requirement.
            let accepted = try await app.api(.POST, "/api/v1/applications/\(number)/steps", token: f.windowA, json: ["step": "accept"])
            #expect(accepted.object["state"] as? String == "accepted")

            let listed = try await app.api(.GET, "/api/v1/applications/\(number)/materials", token: f.windowA).array
            let uploadID = try #require(listed.first?["id"] as? String)
            let file = try await app.api(.GET, "/api/v1/applications/\(number)/files/\(uploadID)", token: f.windowA)
            #expect(file.status == .ok)
            #expect(file.body == String(decoding: pdf, as: UTF8.self))
            #expect(file.headers.first(name: .contentType) == "application/pdf")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "material.read").count() == 1)
            #expect(try await app.api(.GET, "/api/v1/applications/\(number)/files/\(uploadID)", token: f.windowB).status == .notFound)
            #expect(try await app.api(.GET, "/api/v1/applications/\(number)/files/\(uploadID)").status == .unauthorized)
        }
    }

    @Test func wrongTypesOversizeAndStrangersAreRefused() async throws {
        try await withServiceHall { app, f in
            let res = try await app.api(.POST, "/api/v1/applications", token: f.resident, json: ["itemCode": "RS-002"])
            let number = res.object["trackingNumber"] as! String
            let material = try await materialIDs(app, item: "RS-002")[0]
            let exe = try await uploadFile(app, token: f.resident, number: number, material: material, data: Data("MZ\u{90}\u{0}".utf8),
                                           type: "application/pdf", name: "x.pdf")
            #expect(exe.status == .unsupportedMediaType)
            // Vapor takes the declared type from the file name's extension: a PDF named .png is refused.
            let mislabelled = try await uploadFile(app, token: f.resident, number: number, material: material, data: pdf,
                                                   type: "image/png", name: "scan.png")
            #expect(mislabelled.status == .unsupportedMediaType)
            let big = try await uploadFile(app, token: f.resident, number: number, material: material,
                                           data: pdf + Data(count: MaterialUploads.maxBytes))
            #expect(big.status == .payloadTooLarge)
            let otherItem = try await materialIDs(app, item: "GA-001")[0]
            #expect(try await uploadFile(app, token: f.resident, number: number, material: otherItem, data: pdf).status == .unprocessableEntity)
            #expect(try await uploadFile(app, token: f.windowB, number: number, material: material, data: pdf).status == .notFound)
            #expect(try await app.count(MaterialUpload.self) == 0)
            #expect(try await app.count(MaterialFile.self) == 0)
        }
    }
}
