import ShequKernel
import Vapor

/// An error a person can read: a status, a phrase in every language, and the
/// detail (a field, a value) that tells them what exactly to fix.
public struct ShequError: AbortError, Sendable {
    public let status: HTTPResponseStatus
    public let phrase: Phrase
    public let detail: String
    /// Stable, machine-readable name for API clients.
    public let code: String

    public init(_ status: HTTPResponseStatus, _ phrase: Phrase, detail: String = "", code: String) {
        self.status = status
        self.phrase = phrase
        self.detail = detail
        self.code = code
    }

    public var reason: String { message(.en) }

    public func message(_ language: Language) -> String { phrase.text(language) + detail }

    public static let notFound = ShequError(.notFound, .errorNotFound, code: "not_found")
    public static let forbidden = ShequError(.forbidden, .errorForbidden, code: "forbidden")
    public static let unauthorized = ShequError(.unauthorized, .errorUnauthorized, code: "unauthorized")
    public static let csrf = ShequError(.forbidden, .errorCSRF, code: "csrf")

    public static func invalid(_ phrase: Phrase, _ detail: String = "", code: String = "invalid") -> ShequError {
        ShequError(.unprocessableEntity, phrase, detail: detail, code: code)
    }
}

extension ResidentID.Problem {
    public var shequError: ShequError {
        switch self {
        case .wrongLength(let n):
            ShequError(.unprocessableEntity, .idWrongLength, detail: " (\(n))", code: "resident_id_length")
        case .invalidCharacter:
            ShequError(.unprocessableEntity, .idInvalidCharacter, code: "resident_id_character")
        case .unknownArea(let area):
            ShequError(.unprocessableEntity, .idUnknownArea, detail: area, code: "resident_id_area")
        case .invalidBirthDate(let d):
            ShequError(.unprocessableEntity, .idInvalidBirthDate, detail: d, code: "resident_id_birth_date")
        case .birthDateInFuture(let d):
            ShequError(.unprocessableEntity, .idFutureBirthDate, detail: d, code: "resident_id_birth_date")
        case .wrongCheckCharacter(let expected):
            ShequError(.unprocessableEntity, .idWrongCheck, detail: String(expected), code: "resident_id_check")
        }
    }
}

extension Phrase {
    static let idWrongLength = Phrase(zh: "身份证号码应为18位", en: "A resident ID number has 18 characters")
    static let idInvalidCharacter = Phrase(zh: "身份证号码前17位必须是数字，最后一位是数字或X。", en: "The first 17 characters of a resident ID number are digits; the last is a digit or X.")
    static let idUnknownArea = Phrase(zh: "身份证号码的地区码不存在：", en: "The area code in the resident ID number does not exist: ")
    static let idInvalidBirthDate = Phrase(zh: "身份证号码中的出生日期无效：", en: "The birth date in the resident ID number is not a real date: ")
    static let idFutureBirthDate = Phrase(zh: "身份证号码中的出生日期在今天之后：", en: "The birth date in the resident ID number is in the future: ")
    static let idWrongCheck = Phrase(zh: "身份证号码校验位不符，请核对是否抄错。按前17位，校验位应为 ", en: "The resident ID number's check character does not match: please look for a typing mistake. From the first 17 digits it should be ")
}
