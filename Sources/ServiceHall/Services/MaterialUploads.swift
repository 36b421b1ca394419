import Crypto
import Fluent
import Foundation
import ShequPlatform

/// Checks and stores uploaded materials: PDF, JPEG or PNG, at most 10 MB, the
/// declared type matching what the bytes are, stored once per content hash.
public enum MaterialUploads {
    public static let maxBytes = 10 * 1024 * 1024

    static func sniff(_ data: Data) -> String? {
        if data.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        return nil
    }

    /// The file's own checks (present, small enough, a kind we accept and the kind it claims), by themselves so the
    /// apply form can refuse a bad file before the application it comes with is submitted. Returns the actual type.
    public static func check(_ data: Data, declaredType: String?) throws -> String {
        guard !data.isEmpty else { throw ShequError.invalid(.errorMissingField, "file", code: "missing_field") }
        guard data.count <= maxBytes else { throw ShequError(.payloadTooLarge, .errorTooLarge, detail: " (≤ 10 MB)", code: "too_large") }
        guard let actual = sniff(data) else { throw ShequError(.unsupportedMediaType, .errorFileType, code: "file_type") }
        if let declaredType, declaredType != actual, !(declaredType == "image/jpg" && actual == "image/jpeg") {
            throw ShequError(.unsupportedMediaType, .errorFileType, detail: " (\(declaredType) ≠ \(actual))", code: "file_type")
        }
        return actual
    }

    public static func store(_ data: Data, filename: String, declaredType: String?, material: UUID, application: Application,
                             by actor: String, on db: any Database) async throws -> MaterialUpload {
        let actual = try check(data, declaredType: declaredType)
        guard let requirement = try await MaterialRequirement.find(material, on: db), requirement.itemID == application.itemID else {
            throw ShequError.invalid(.errorInvalidValue, "materialID", code: "unknown_material")
        }
        // The application keeps the version it was accepted under (before acceptance: the one in force, which
        // acceptance will fix), so a material that version does not ask for is refused, even of the same item.
        var version = application.itemVersion
        if application.acceptedOn == nil, let current = try await ServiceItem.find(application.itemID, on: db) { version = current.version }
        guard requirement.belongs(to: version) else {
            throw ShequError.invalid(.hallGapsMaterialNotInVersion, String(version), code: "material_not_in_version")
        }
        let hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        if try await MaterialFile.find(hash, on: db) == nil {
            try await MaterialFile(sha256: hash, content: data).create(on: db)
        }
        let upload = MaterialUpload()
        upload.applicationID = try application.requireID()
        upload.materialID = try requirement.requireID()
        upload.filename = String(filename.replacingOccurrences(of: "/", with: "_").prefix(120))
        upload.contentType = actual
        upload.size = data.count
        upload.sha256 = hash
        upload.uploadedBy = actor
        try await upload.create(on: db)
        return upload
    }

    static func content(of upload: MaterialUpload, on db: any Database) async throws -> Data {
        guard let file = try await MaterialFile.find(upload.sha256, on: db) else { throw ShequError.notFound }
        return file.content
    }
}

extension Phrase {
    static let errorFileType = Phrase(zh: "只接受 PDF、JPEG 或 PNG 文件。", en: "Only PDF, JPEG or PNG files are accepted.")
}
