import Foundation
import ShequKernel
import ShequPlatform

/// The catalogue editor's inputs, declared once: published in the OpenAPI document and
/// checked before decoding, for the JSON routes and the pages' forms alike.
enum CatalogueInputs {
    /// Working days: 0 is handled on the spot (即办); a year of working days is beyond any statutory limit.
    static let days = 0...250
    static let maxMaterials = 50
    static let nameMax = 200
    static let levelMax = 50
    static let legalBasisMax = 1000
    /// The value that says an item needs no delegated power (O2).
    static let noPower = "none"
    static let powerValues = [noPower] + DistrictPower.allCases.map(\.rawValue)
    static let requiredPower = InputField.oneOf("requiredPower", powerValues,
                                                description: "the district power (O2) a centre's street must hold to handle it; none: no power needed")

    static let material = InputKind.object([
        .string("nameZh", max: nameMax, min: 1, required: true), .string("nameEn", max: nameMax, min: 1, required: true),
        .boolean("mandatory", description: "absent: mandatory"), .boolean("deferrable", description: "may be supplied after acceptance (容缺); absent: no")])

    static let versioned: [InputField] = [
        .string("nameZh", max: nameMax, min: 1, required: true), .string("nameEn", max: nameMax, min: 1, required: true),
        .string("exercisedAt", max: levelMax, min: 1, required: true, description: "the government level exercising it, e.g. 区级"),
        .string("legalBasis", max: legalBasisMax),
        .oneOf("handledBy", HandlingBody.self, required: true),
        .integer("statutoryDays", days, required: true, description: "statutory time limit in working days"),
        .integer("promisedDays", days, required: true, description: "promised limit in working days, at most the statutory one"),
        .oneOf("feeKind", FeeKind.self, required: true),
        .integer("feeFen", 0...Int(Money.largest.fen), required: true, description: "the fee in fen (1 yuan = 100 fen); 0 exactly when free"),
        .array("materials", of: material, maxItems: maxMaterials, description: "the full list; absent: unchanged"),
        requiredPower,
    ]

    static let change = InputSchema("CatalogueItemInput", versioned + [
        .oneOf("itemType", ServiceItemType.self, description: "absent: unchanged"),
        .oneOf("serviceArea", ServiceArea.self, description: "absent: unchanged"),
    ])
    static let add = InputSchema("NewCatalogueItemInput", [
        .string("code", max: 32, min: 1, required: true, description: "letters, digits, - and _"),
        .string("parentCode", max: 32, description: "the heading it is listed under"),
        .oneOf("itemType", ServiceItemType.self, required: true), .oneOf("serviceArea", ServiceArea.self, required: true),
    ] + versioned)

    /// The pages' form: the fee in yuan as people write it, the materials one a line.
    static let materialsTextMax = maxMaterials * (2 * nameMax + 40)
    static let form = InputSchema("CatalogueItemForm", [
        .string("code", max: 32), .string("parentCode", max: 32),
        .oneOf("itemType", ServiceItemType.self), .oneOf("serviceArea", ServiceArea.self),
        .string("nameZh", max: nameMax, required: true), .string("nameEn", max: nameMax, required: true),
        .string("exercisedAt", max: levelMax, required: true), .string("legalBasis", max: legalBasisMax),
        .oneOf("handledBy", HandlingBody.self, required: true), requiredPower,
        .integer("statutoryDays", days, required: true), .integer("promisedDays", days, required: true),
        .oneOf("feeKind", FeeKind.self, required: true),
        .string("fee", max: 24, description: "yuan, e.g. 12.50; empty when free"),
        .string("materials", max: materialsTextMax, description: "one a line: 中文名称 | English name | optional | deferrable"),
    ])
}

extension CatalogueItemInput: ValidatedInput { public static var inputSchema: InputSchema { CatalogueInputs.change } }
extension NewCatalogueItemInput: ValidatedInput { public static var inputSchema: InputSchema { CatalogueInputs.add } }
