import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

extension PlacesController {
    struct PlaceInput: Content, ValidatedInput {
        var kind: ServicePlaceKind
        var divisionCode: String
        var name: String
        var address: String
        var population: Int?
        var areaKm2: Double?
        var qualification: String?
        var qualificationReasons: [StationQualification]?
        static var inputSchema: InputSchema { PlaceInputs.place }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            kind = try c.decode(ServicePlaceKind.self, forKey: .kind)
            divisionCode = try c.decode(String.self, forKey: .divisionCode)
            name = try c.decode(String.self, forKey: .name)
            address = try c.decode(String.self, forKey: .address)
            population = PlaceInputs.number(c, .population)
            areaKm2 = PlaceInputs.number(c, .areaKm2)
            qualification = try c.decodeIfPresent(String.self, forKey: .qualification)
            qualificationReasons = try c.decodeIfPresent([StationQualification].self, forKey: .qualificationReasons)
        }
    }

    struct PlaceChange: Content, ValidatedInput {
        var name: String?
        var address: String?
        var population: Int?
        var areaKm2: Double?
        var qualification: String?
        var qualificationReasons: [StationQualification]?
        static var inputSchema: InputSchema { PlaceInputs.placeChange }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            address = try c.decodeIfPresent(String.self, forKey: .address)
            population = PlaceInputs.number(c, .population)
            areaKm2 = PlaceInputs.number(c, .areaKm2)
            qualification = try c.decodeIfPresent(String.self, forKey: .qualification)
            qualificationReasons = try c.decodeIfPresent([StationQualification].self, forKey: .qualificationReasons)
        }
    }

    struct WindowInput: Content, ValidatedInput {
        var number: Int
        var name: String
        var isGeneral: Bool
        var itemCodes: [String]?
        static var inputSchema: InputSchema { PlaceInputs.window }
    }

    struct WindowChange: Content, ValidatedInput {
        var name: String?
        var isGeneral: Bool?
        var itemCodes: [String]?
        static var inputSchema: InputSchema { PlaceInputs.windowChange }
    }

    struct HoursInput: Content, ValidatedInput {
        var mon: String?
        var tue: String?
        var wed: String?
        var thu: String?
        var fri: String?
        var sat: String?
        var sun: String?
        var note: String?
        static var inputSchema: InputSchema { PlaceInputs.hours }
        var days: [String?] { [mon, tue, wed, thu, fri, sat, sun] }
    }
}

/// The set-up inputs, declared once and published in the OpenAPI document.
enum PlaceInputs {
    static let reasons = InputField.array("qualificationReasons", of: .string(maxLength: 20, values: StationQualification.allCases.map(\.rawValue)),
                                          maxItems: StationQualification.allCases.count,
                                          description: "a station's qualifying factors (珠字〔2010〕7号 §4(三)): population, area, structure")
    static let placeDetails: [InputField] = [
        .integer("population", 0...10_000_000, description: "resident population"), .number("areaKm2", 0...100_000, description: "area in km²"),
        .string("qualification", max: 1000, description: "why the community qualifies, in words (required for a station)"), reasons]
    static let place = InputSchema("ServicePlaceInput", [
        .oneOf("kind", ServicePlaceKind.self, required: true),
        .string("divisionCode", max: 12, min: 9, required: true, description: "a street's code for a centre, a community's for a station"),
        .string("name", max: 100, min: 1, required: true), .string("address", max: 200, min: 1, required: true)] + placeDetails)
    static let placeChange = InputSchema("ServicePlaceChange", [.string("name", max: 100, min: 1), .string("address", max: 200, min: 1)] + placeDetails)
    static let itemCodes = InputField.array("itemCodes", of: .string(maxLength: 32, minLength: 1), maxItems: 100,
                                            description: "catalogue codes a window for named items takes")
    static let window = InputSchema("ServiceWindowInput", [
        .integer("number", 1...999, required: true), .string("name", max: 50, min: 1, required: true),
        .boolean("isGeneral", required: true, description: "综合窗口: takes any item"), itemCodes])
    static let windowChange = InputSchema("ServiceWindowChange", [.string("name", max: 50, min: 1), .boolean("isGeneral"), itemCodes])
    static let hours = InputSchema("OpeningHoursInput", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map {
        InputField.string($0, max: 100, description: "spans such as 08:30-12:00, 14:30-17:30; empty: closed")
    } + [.string("note", max: 200, description: "shown after the hours, e.g. 错时 or holiday arrangements")])

    /// A form sends an empty box as "": no value, where JSON would send none.
    static func number<T: LosslessStringConvertible & Decodable, K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) -> T? {
        if let value = try? c.decodeIfPresent(T.self, forKey: key) { return value }
        if let text = try? c.decodeIfPresent(String.self, forKey: key) { return T(text.trimmingCharacters(in: .whitespaces)) }
        return nil
    }
}
