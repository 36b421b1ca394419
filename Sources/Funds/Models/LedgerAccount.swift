import Fluent
import Foundation

public enum LedgerAccountKind: String, Codable, Sendable, CaseIterable {
    case contribution       // where money enters: a government's contribution (may go below zero: minus what it put in)
    case fund               // the fund's unallocated pot
    case budgetLine         // appropriated to one of the fund's budget lines, not yet allocated to a district (referenceID = line id)
    case districtAllocation // the fund's money allocated to a district (divisionCode = district)
    case plan               // reserved for an approved task plan (referenceID = plan id, departmentID, divisionCode = plan's reach)
    case agreement          // committed to an agreement (referenceID = agreement id, departmentID, divisionCode = its district or community)
    case committee          // received by a residents' committee (divisionCode = community code)
    case organization       // received by a social organisation (referenceID = organisation id)

    /// Only a contribution account stands for money entering the ledger; every other one holds money and never goes below zero.
    public var mayGoNegative: Bool { self == .contribution }

    /// The fund's money not yet allocated to any district: the pot and what its budget lines still hold.
    public var isUnallocated: Bool { self == .fund || self == .budgetLine }

    /// Where money ends up: what the fund has paid out to those doing the work.
    public var isRecipient: Bool { self == .committee || self == .organization }
}

/// Which account: the fund, what it is, and where or for what. Two keys are the same account exactly when all five parts are equal.
public struct LedgerAccountKey: Hashable, Sendable, Codable, CustomStringConvertible {
    public let fundID: UUID
    public let kind: LedgerAccountKind
    public let divisionCode: String?
    public let referenceID: UUID?
    public let departmentID: UUID?

    public init(fundID: UUID, kind: LedgerAccountKind, divisionCode: String? = nil, referenceID: UUID? = nil, departmentID: UUID? = nil) {
        self.fundID = fundID
        self.kind = kind
        self.divisionCode = divisionCode
        self.referenceID = referenceID
        self.departmentID = departmentID
    }

    public static func contribution(_ fund: UUID, by divisionCode: String) -> Self { .init(fundID: fund, kind: .contribution, divisionCode: divisionCode) }
    public static func fund(_ fund: UUID) -> Self { .init(fundID: fund, kind: .fund) }
    public static func budgetLine(_ fund: UUID, line: UUID) -> Self { .init(fundID: fund, kind: .budgetLine, referenceID: line) }
    public static func districtAllocation(_ fund: UUID, district: String) -> Self { .init(fundID: fund, kind: .districtAllocation, divisionCode: district) }
    public static func plan(_ fund: UUID, plan: UUID, department: UUID, reach: String) -> Self {
        .init(fundID: fund, kind: .plan, divisionCode: reach, referenceID: plan, departmentID: department)
    }
    public static func agreement(_ fund: UUID, agreement: UUID, department: UUID, divisionCode: String) -> Self {
        .init(fundID: fund, kind: .agreement, divisionCode: divisionCode, referenceID: agreement, departmentID: department)
    }
    public static func committee(_ fund: UUID, community: String) -> Self { .init(fundID: fund, kind: .committee, divisionCode: community) }
    public static func organization(_ fund: UUID, organization: UUID) -> Self { .init(fundID: fund, kind: .organization, referenceID: organization) }

    /// One string for the whole key, so the database can hold it unique (a unique index over
    /// nullable columns would let two rows with the same key and a NULL part through).
    public var naturalKey: String {
        [fundID.uuidString, kind.rawValue, divisionCode ?? "", referenceID?.uuidString ?? "", departmentID?.uuidString ?? ""].joined(separator: "|")
    }

    public var description: String {
        var parts = [kind.rawValue]
        if let divisionCode { parts.append(divisionCode) }
        if let referenceID { parts.append(referenceID.uuidString) }
        return parts.joined(separator: " ")
    }
}

/// An account exists from its first entry on. It has no balance column on purpose:
/// a balance is the sum of the account's entries, so there is nothing to drift.
public final class LedgerAccount: Model, @unchecked Sendable {
    public static let schema = "ledger_accounts"

    @ID public var id: UUID?
    @Field(key: "fund_id") public var fundID: UUID
    @Enum(key: "kind") public var kind: LedgerAccountKind
    @OptionalField(key: "division_code") public var divisionCode: String?
    @OptionalField(key: "reference_id") public var referenceID: UUID?
    @OptionalField(key: "department_id") public var departmentID: UUID?
    @Field(key: "natural_key") public var naturalKey: String

    public init() {}

    public init(_ key: LedgerAccountKey) {
        fundID = key.fundID
        kind = key.kind
        divisionCode = key.divisionCode
        referenceID = key.referenceID
        departmentID = key.departmentID
        naturalKey = key.naturalKey
    }

    public var key: LedgerAccountKey {
        LedgerAccountKey(fundID: fundID, kind: kind, divisionCode: divisionCode, referenceID: referenceID, departmentID: departmentID)
    }
}
