import Foundation
import Vapor

extension InputSchema {
    /// Checks a body against the declared fields. A form sends every value as
    /// text, so `form` reads numbers and booleans from their text and treats an
    /// empty optional field as absent; the bounds are the same either way.
    func validate(_ body: [String: InputValue], form: Bool) throws(ShequError) {
        try InputKind.object(fields).check(.object(body), path: "", form: form)
    }
}

extension InputKind {
    func check(_ value: InputValue, path: String, form: Bool) throws(ShequError) {
        switch (self, value) {
        case (.string(let maxLength, let minLength, let format, let values), .string(let s)):
            try Self.checkString(s, path: path, maxLength: maxLength, minLength: minLength, format: format, values: values, form: form)
        case (.integer(let min, let max), .integer(let i)):
            guard i >= Int64(min), i <= Int64(max) else { throw Self.outOfRange(path, "\(min)…\(max)") }
        case (.integer(let min, let max), .number(let d)):
            // Beyond Int64, or a fraction: either way not an allowed integer.
            guard d.rounded() == d, d >= Double(min), d <= Double(max) else { throw Self.outOfRange(path, "\(min)…\(max)") }
        case (.integer(let min, let max), .string(let s)) where form:
            guard let i = Int64(s.trimmingCharacters(in: .whitespaces)) else { throw Self.wrongType(path) }
            guard i >= Int64(min), i <= Int64(max) else { throw Self.outOfRange(path, "\(min)…\(max)") }
        case (.number(let min, let max), .integer(let i)):
            guard Double(i) >= min, Double(i) <= max else { throw Self.outOfRange(path, "\(min)…\(max)") }
        case (.number(let min, let max), .number(let d)):
            guard d.isFinite, d >= min, d <= max else { throw Self.outOfRange(path, "\(min)…\(max)") }
        case (.number(let min, let max), .string(let s)) where form:
            guard let d = Double(s.trimmingCharacters(in: .whitespaces)) else { throw Self.wrongType(path) }
            guard d.isFinite, d >= min, d <= max else { throw Self.outOfRange(path, "\(min)…\(max)") }
        case (.boolean, .bool):
            return
        case (.boolean, .string(let s)) where form:
            guard ["true", "false", "on", "off", "1", "0", "yes", "no"].contains(s.lowercased()) else { throw Self.wrongType(path) }
        case (.array(let item, let maxItems, let minItems), .array(let list)):
            guard list.count <= maxItems else { throw Self.tooMany(path, maxItems) }
            guard list.count >= minItems else { throw Self.tooFew(path, minItems) }
            for (i, element) in list.enumerated() { try item.check(element, path: "\(path)[\(i)]", form: form) }
        case (.array(let item, _, let minItems), .string) where form && minItems <= 1:
            try item.check(value, path: "\(path)[0]", form: form)
        case (.object(let fields), .object(let members)):
            for field in fields {
                let sub = path.isEmpty ? field.name : path + "." + field.name
                switch members[field.name] {
                case nil, .null?:
                    if field.required { throw ShequError(.badRequest, .errorMissingField, detail: sub, code: "missing_field") }
                case .string("")? where form && !field.required:
                    continue
                case let member?:
                    try field.kind.check(member, path: sub, form: form)
                }
            }
        case (.map(let valueKind, let maxItems), .object(let members)):
            guard members.count <= maxItems else { throw Self.tooMany(path, maxItems) }
            for (key, member) in members {
                try Self.checkString(key, path: path, maxLength: 100, minLength: 1, format: nil, values: nil, form: form)
                try valueKind.check(member, path: path + "." + key, form: form)
            }
        default:
            throw Self.wrongType(path)
        }
    }

    static func checkString(_ s: String, path: String, maxLength: Int, minLength: Int, format: StringFormat?,
                            values: [String]?, form: Bool) throws(ShequError) {
        let length = s.unicodeScalars.count
        guard length <= maxLength else {
            throw ShequError(.unprocessableEntity, .errorTooLong, detail: "\(path) (≤ \(maxLength))", code: "too_long")
        }
        guard length >= minLength else {
            throw ShequError(.unprocessableEntity, .errorTooShort, detail: "\(path) (≥ \(minLength))", code: "too_short")
        }
        // Control characters have no place in any field; PostgreSQL cannot even store NUL in text.
        guard !s.unicodeScalars.contains(where: { ($0.value < 0x20 && !"\t\n\r".unicodeScalars.contains($0)) || $0.value == 0x7F }) else {
            throw ShequError(.unprocessableEntity, .errorControlCharacter, detail: path, code: "control_character")
        }
        // In JSON a value its type cannot hold (not one of the names, not a UUID) is a 400, as the decoder
        // answers; typed into a form or a query it is a value like any other, so a 422 as the pages always gave.
        let unholdable: HTTPResponseStatus = form ? .unprocessableEntity : .badRequest
        if let values, !values.contains(s) {
            throw ShequError(unholdable, .errorInvalidValue, detail: "\(path) (\(values.joined(separator: ", ")))", code: "invalid_value")
        }
        if let format, !format.accepts(s) {
            throw ShequError(format == .uuid ? unholdable : .unprocessableEntity, .errorInvalidValue, detail: "\(path) (\(format.rawValue))",
                             code: "invalid_value")
        }
    }

    static func tooFew(_ path: String, _ min: Int) -> ShequError {
        ShequError(.unprocessableEntity, .errorTooFew, detail: "\(path) (≥ \(min))", code: "too_few")
    }

    static func wrongType(_ path: String) -> ShequError {
        ShequError(.badRequest, .errorWrongType, detail: path.isEmpty ? "body" : path, code: "wrong_type")
    }

    static func outOfRange(_ path: String, _ range: String) -> ShequError {
        ShequError(.unprocessableEntity, .errorOutOfRange, detail: "\(path) (\(range))", code: "out_of_range")
    }

    static func tooMany(_ path: String, _ max: Int) -> ShequError {
        ShequError(.unprocessableEntity, .errorTooMany, detail: "\(path) (≤ \(max))", code: "too_many")
    }
}

extension StringFormat {
    func accepts(_ s: String) -> Bool {
        switch self {
        case .uuid: return UUID(uuidString: s) != nil
        case .date: return Self.isDate(s)
        case .dateTime:
            let f = ISO8601DateFormatter()
            if f.date(from: s) != nil { return true }
            f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return f.date(from: s) != nil
        case .binary: return true
        }
    }

    /// A real calendar day written YYYY-MM-DD, years 1900–2999 (no person or meeting falls outside).
    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard s.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1900...2999).contains(y), (1...12).contains(m), d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= days[m - 1]
    }
}

extension Phrase {
    public static let errorOutOfRange = Phrase(zh: "数值超出允许范围：", en: "The number is outside the allowed range: ")
    public static let errorTooShort = Phrase(zh: "内容过短：", en: "Too short: ")
    public static let errorTooFew = Phrase(zh: "项目过少：", en: "Too few items: ")
    public static let errorTooMany = Phrase(zh: "项目过多：", en: "Too many items: ")
    public static let errorControlCharacter = Phrase(zh: "内容含有不可见的控制字符：", en: "The text contains control characters: ")
}
