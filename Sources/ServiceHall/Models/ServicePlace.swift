import Fluent
import Foundation

/// 社区政务服务中心 (one per street, H1) or 社区公共服务站 (per qualifying community, H2).
public enum ServicePlaceKind: String, Codable, Sendable, CaseIterable {
    case center, station
}

/// The factors 珠字〔2010〕7号 §4(三) names for setting up a station: 人口规模、地域面积、社区结构.
public enum StationQualification: String, Codable, Sendable, CaseIterable {
    case population, area, structure
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
    /// The policy's factors the official ticked, as raw values joined by commas; nil for places set up before.
    @OptionalField(key: "qualification_reasons") public var qualificationReasons: String?
    /// Opening hours as published, e.g. "周一至周五 8:30-12:00, 14:30-17:30; 周六 9:00-12:00". Written from
    /// the weekly hours (`PlaceHours`) or the roster, whichever was set last; kept as text so older rows read the same.
    @Field(key: "opening_hours") public var openingHours: String
    /// Closed places stay, with their windows, for the applications and tickets that name them.
    @OptionalField(key: "closed_at") public var closedAt: Date?

    public init() {}

    public var reasons: [StationQualification] {
        (qualificationReasons ?? "").split(separator: ",").compactMap { StationQualification(rawValue: String($0)) }
    }
}

/// 窗口: a counter in a center or station. A general window (综合窗口) accepts any item (H3).
public final class ServiceWindow: Model, @unchecked Sendable {
    public static let schema = "service_windows"

    @ID public var id: UUID?
    @Field(key: "place_id") public var placeID: UUID
    @Field(key: "number") public var number: Int
    @Field(key: "name") public var name: String
    @Field(key: "is_general") public var isGeneral: Bool
    /// A window for named items: their catalogue codes joined by commas; nil for a general window.
    @OptionalField(key: "item_codes") public var itemCodes: String?
    /// Closed windows stay: tickets and the roster refer to them.
    @OptionalField(key: "closed_at") public var closedAt: Date?

    public init() {}

    public init(placeID: UUID, number: Int, name: String, isGeneral: Bool, itemCodes: [String] = []) {
        self.placeID = placeID
        self.number = number
        self.name = name
        self.isGeneral = isGeneral
        self.itemCodes = itemCodes.isEmpty ? nil : itemCodes.joined(separator: ",")
    }

    public var items: [String] { (itemCodes ?? "").split(separator: ",").map(String.init) }
}

/// One span of a place's weekly opening hours. Several spans a day are how staggered hours (错时, H6) are
/// written: a lunch break, an evening, a weekend morning.
public final class PlaceHours: Model, @unchecked Sendable {
    public static let schema = "service_place_hours"

    @ID public var id: UUID?
    @Field(key: "place_id") public var placeID: UUID
    /// 1 = Monday … 7 = Sunday.
    @Field(key: "weekday") public var weekday: Int
    /// Minutes after midnight.
    @Field(key: "start_minute") public var startMinute: Int
    @Field(key: "end_minute") public var endMinute: Int

    public init() {}

    public init(placeID: UUID, weekday: Int, start: Int, end: Int) {
        self.placeID = placeID
        self.weekday = weekday
        self.startMinute = start
        self.endMinute = end
    }
}
