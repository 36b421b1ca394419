import Foundation
import ShequPlatform

/// The policy's refusals, each citing its rule in both languages.
enum TaskRules {
    /// Words that name government's own administrative functions in a task's title (A1).
    static let administrativeWords = ["行政许可", "许可", "审批", "行政处罚", "处罚", "罚款", "行政强制", "强制", "执法", "查封", "扣押",
                                      "licens", "permit", "penalt", "fine ", "fines", "enforcement", "enforce", "sanction"]

    static func refuseAdministrativeFunction(title: String, nature: TaskNature) throws {
        if nature.isAdministrativeFunction {
            throw ShequError.invalid(.ruleA1AdministrativeFunction, " (" + nature.rawValue + ")", code: "rule_a1_administrative_function")
        }
        let lowered = title.lowercased()
        if let word = administrativeWords.first(where: { lowered.contains($0) }) {
            throw ShequError.invalid(.ruleA1AdministrativeFunction, " (" + word.trimmingCharacters(in: .whitespaces) + ")",
                                     code: "rule_a1_administrative_function")
        }
    }

    static func clean(_ text: String, field: String, max: Int, required: Bool = true) throws -> String {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && t.isEmpty { throw ShequError.invalid(.errorMissingField, field, code: "missing_field") }
        guard t.count <= max else { throw ShequError.invalid(.errorInvalidValue, field) }
        return t
    }

    static func year(_ y: Int, field: String = "year") throws -> Int {
        guard (2000...2100).contains(y) else { throw ShequError.invalid(.errorInvalidValue, field) }
        return y
    }
}
