import Vapor

/// zh-Hans is the default; English is one switch away and the choice persists in a cookie.
public enum Language: String, Sendable, CaseIterable, Codable {
    case zhHans = "zh-Hans"
    case en

    public static let cookieName = "shequ-lang"

    public init(request: Request) {
        if let raw = request.cookies[Self.cookieName]?.string, let lang = Language(rawValue: raw) {
            self = lang
        } else if let query = request.queryValue("lang"), let lang = Language(rawValue: query) {
            self = lang
        } else if request.wantsJSON, let accept = request.headers.first(name: .acceptLanguage)?.lowercased(),
                  accept.hasPrefix("en") {
            // API clients say what they read in the header; pages stay zh-Hans until the person switches.
            self = .en
        } else {
            self = .zhHans
        }
    }
}

/// A user-visible text in every language Shequ speaks. Views take phrases,
/// never string literals, so a screen cannot ship half-translated.
public struct Phrase: Sendable, Hashable {
    public let zh: String
    public let en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func text(_ language: Language) -> String {
        language == .zhHans ? zh : en
    }
}

extension Request {
    public var language: Language {
        if let cached = storage[LanguageKey.self] { return cached }
        let lang = Language(request: self)
        storage[LanguageKey.self] = lang
        return lang
    }

    public func t(_ phrase: Phrase) -> String { phrase.text(language) }

    private struct LanguageKey: StorageKey { typealias Value = Language }
}
