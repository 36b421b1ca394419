import Vapor

/// Language and text size are remembered in cookies, so they hold before
/// sign-in and on shared terminals without an account.
enum Preferences {
    static let sizeCookie = "shequ-size"

    struct Form: Content {
        var lang: String?
        var size: String?
        var back: String?
    }

    static func update(_ req: Request) throws -> Response {
        let form = try req.validatedContent(Form.self)
        let response = req.redirect(to: safeBack(form.back))
        let year = 365 * 24 * 3600
        if let raw = form.lang {
            guard let lang = Language(rawValue: raw) else { throw ShequError.invalid(.errorInvalidValue, "lang") }
            response.cookies[Language.cookieName] = HTTPCookies.Value(string: lang.rawValue, maxAge: year, path: "/",
                                                                      isHTTPOnly: true, sameSite: .lax)
        }
        if let size = form.size {
            guard size == "large" || size == "standard" else { throw ShequError.invalid(.errorInvalidValue, "size") }
            response.cookies[sizeCookie] = HTTPCookies.Value(string: size, maxAge: year, path: "/", isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    /// Only same-site paths: an open redirect would let a phishing link borrow our address.
    /// Browsers drop tabs and newlines inside URLs and read a backslash as `/`, so
    /// `/<TAB>/evil.example` and `/<BACKSLASH>evil.example` are `//evil.example` to them; such values, and whatever still
    /// decodes to one, go home instead.
    static func safeBack(_ back: String?) -> String {
        guard let back, back.utf8.count <= 2048 else { return "/" }
        var candidates = [back]
        if let decoded = back.removingPercentEncoding, decoded != back { candidates.append(decoded) }
        for text in candidates {
            guard text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\") else { return "/" }
            if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.isWhitespace
                || $0.properties.generalCategory == .format }) { return "/" }
        }
        return back
    }
}
