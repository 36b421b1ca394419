import Fluent
import Foundation

/// A file handed in for one of an application's required materials.
public final class MaterialUpload: Model, @unchecked Sendable {
    public static let schema = "material_uploads"

    @ID public var id: UUID?
    @Field(key: "application_id") public var applicationID: UUID
    @Field(key: "material_id") public var materialID: UUID
    @Field(key: "filename") public var filename: String
    @Field(key: "content_type") public var contentType: String
    @Field(key: "size") public var size: Int
    @Field(key: "sha256") public var sha256: String
    @Field(key: "uploaded_by") public var uploadedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// File contents, keyed by their SHA-256, kept in the database so every
/// instance behind a load balancer serves the same files.
final class MaterialFile: Model, @unchecked Sendable {
    static let schema = "material_files"

    @ID(custom: "sha256", generatedBy: .user) var id: String?
    @Field(key: "content") var content: Data

    init() {}

    init(sha256: String, content: Data) {
        self.id = sha256
        self.content = content
    }
}
