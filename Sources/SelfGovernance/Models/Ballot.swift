import Fluent
import Foundation
import ShequKernel

/// Who is counted present: one row per voter (person or household) per
/// assembly, kept unique by the database so two instances cannot count twice.
public final class Attendance: Model, @unchecked Sendable {
    public static let schema = "assembly_attendance"

    @ID public var id: UUID?
    @Field(key: "assembly_id") public var assemblyID: UUID
    /// "r:<resident id>" or "h:<household id>", as the charter counts voters.
    @Field(key: "voter_key") public var voterKey: String
    @Field(key: "registered_by") public var registeredBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// That a voter has voted, never how: the unique index on (assembly, voter)
/// is what makes a second ballot impossible under any concurrency.
public final class BallotReceipt: Model, @unchecked Sendable {
    public static let schema = "ballot_receipts"

    @ID public var id: UUID?
    @Field(key: "assembly_id") public var assemblyID: UUID
    @Field(key: "voter_key") public var voterKey: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// The choice. Under a secret ballot it carries no voter.
public final class Ballot: Model, @unchecked Sendable {
    public static let schema = "ballots"

    @ID public var id: UUID?
    @Field(key: "assembly_id") public var assemblyID: UUID
    @Enum(key: "choice") public var choice: BallotChoice
    @OptionalField(key: "voter_key") public var voterKey: String?

    public init() {}
}
