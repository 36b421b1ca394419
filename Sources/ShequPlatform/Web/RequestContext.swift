import Vapor

/// What a view needs to know about the request, gathered once so views stay pure functions.
public struct RequestContext: Sendable {
    public let language: Language
    public let actor: Actor?
    public let csrfToken: String
    public let largeText: Bool
    public let path: String
    public let menu: [MenuEntry]

    public func t(_ phrase: Phrase) -> String { phrase.text(language) }

    public var forms: FormBuilder { FormBuilder(request: self) }
}

extension Request {
    public var context: RequestContext {
        RequestContext(
            language: language,
            actor: actor,
            csrfToken: csrfToken,
            largeText: cookies[Preferences.sizeCookie]?.string == "large",
            path: url.path,
            menu: application.shequModules.flatMap(\.menu).filter { entry in
                if entry.signedOutOnly { return actor == nil }
                guard let action = entry.action else { return true }
                guard let actor else { return false }
                return Policy.may(actor, action)
            }
        )
    }
}

/// A link in the main navigation, shown only to those the policy lets take its action.
public struct MenuEntry: Sendable {
    public let phrase: Phrase
    public let path: String
    public let action: Action?
    /// For what only someone not signed in can use (creating one's own account).
    public let signedOutOnly: Bool

    public init(_ phrase: Phrase, path: String, action: Action?, signedOutOnly: Bool = false) {
        self.phrase = phrase
        self.path = path
        self.action = action
        self.signedOutOnly = signedOutOnly
    }
}
