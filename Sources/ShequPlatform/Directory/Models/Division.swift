import Fluent
import SQLKit
import ShequKernel

public final class Division: Model, @unchecked Sendable {
    public static let schema = "divisions"

    /// The NBS code is the key: it is stable, public, and what every other row points at.
    @ID(custom: "code", generatedBy: .user) public var id: String?
    @Field(key: "name") public var name: String
    @Enum(key: "level") public var level: DivisionLevel
    @OptionalField(key: "parent_code") public var parentCode: String?
    @OptionalField(key: "kind") public var kind: String?

    public init() {}

    public init(code: String, name: String, level: DivisionLevel, parentCode: String?, kind: String?) {
        self.id = code
        self.name = name
        self.level = level
        self.parentCode = parentCode
        self.kind = kind
    }

    public var code: String { id ?? "" }
}

extension Division {
    /// Whether a division is on file, without building its model (reflection, per request, on every public page).
    public static func exists(_ code: String, on db: any Database) async throws -> Bool {
        try await db.sql().select().column("code").from(schema).where("code", .equal, code).limit(1).first() != nil
    }
}
