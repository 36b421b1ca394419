import Fluent
import Foundation

/// 社区政务服务中心 (one per street, H1) or 社区公共服务站 (per qualifying community, H2).
public enum ServicePlaceKind: String, Codable, Sendable, CaseIterable {
    case center, station
}

public final class ServicePlace: Model, @unchecked Sendable {
    public static let schema = "service_places"

    @ID public var id: UUID?
    @Enum(key: "kind") public var kind: ServicePlaceKind
    /// A street's code for a center, a community's for a station.
    @Field(key: "division_code") public var divisionCode: String
    @Field(key: "name") public var name: String
    @Field(key: "address") public var address: String
    /// Why a community qualifies for a station: population, area, structure (H2).
    @OptionalField(key: "population") public var population: Int?
    @OptionalField(key: "area_km2") public var areaKm2: Double?
    @Field(key: "qualification") public var qualification: String
    /// Opening hours as published, e.g. "周一至周五 8:30-12:00, 14:30-17:30; 周六 9:00-12:00".
    @Field(key: "opening_hours") public var openingHours: String

    public init() {}
}

/// 窗口: a counter in a center or station. A general window (综合窗口) accepts any item (H3).
public final class ServiceWindow: Model, @unchecked Sendable {
    public static let schema = "service_windows"

    @ID public var id: UUID?
    @Field(key: "place_id") public var placeID: UUID
    @Field(key: "number") public var number: Int
    @Field(key: "name") public var name: String
    @Field(key: "is_general") public var isGeneral: Bool

    public init() {}

    public init(placeID: UUID, number: Int, name: String, isGeneral: Bool) {
        self.placeID = placeID
        self.number = number
        self.name = name
        self.isGeneral = isGeneral
    }
}
