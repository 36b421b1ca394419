import Fluent
import Foundation
import ShequKernel

public enum Residency: String, Codable, Sendable, CaseIterable {
    case registered, migrant
}

public enum RelationToHead: String, Codable, Sendable, CaseIterable {
    case head, spouse, child, parent, grandchild, grandparent, sibling, other
}

/// A person. The ID number and phone are never stored in clear: each is kept
/// encrypted (AES-GCM) with a keyed blind index (HMAC-SHA256) for exact lookup,
/// and a masked form for display. The birth date is not stored apart from the
/// sealed ID number (`ResidentService.birthDate`); only the year is in clear,
/// for lists and age brackets, because beside the area code it leaves the
/// number undetermined.
public final class Resident: Model, @unchecked Sendable {
    public static let schema = "residents"

    @ID public var id: UUID?
    @Field(key: "division_code") public var divisionCode: String
    @OptionalField(key: "household_id") public var householdID: UUID?
    @OptionalEnum(key: "relation_to_head") public var relationToHead: RelationToHead?
    @Field(key: "name") public var name: String
    @Enum(key: "sex") public var sex: Sex
    @Field(key: "birth_year") public var birthYear: Int
    @Field(key: "id_number_sealed") public var idNumberSealed: String
    @Field(key: "id_number_index") public var idNumberIndex: String
    @Field(key: "id_number_masked") public var idNumberMasked: String
    @OptionalField(key: "phone_sealed") public var phoneSealed: String?
    @OptionalField(key: "phone_index") public var phoneIndex: String?
    @OptionalField(key: "phone_masked") public var phoneMasked: String?
    @Enum(key: "residency") public var residency: Residency
    /// The day (`yyyy-MM-dd`, Beijing time) this person's residence in the community
    /// began. Rules that count a residence period (S5: migrants vote after the
    /// charter's months) read this, never `createdAt`: a record keyed in late, or
    /// imported from another system, would otherwise restart the clock.
    @Field(key: "resident_since") public var residentSince: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
