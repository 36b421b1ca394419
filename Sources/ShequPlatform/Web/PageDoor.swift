import Vapor

/// The page door to an action. A form post runs the very handler its API route
/// runs (the form is checked against the same declared input, the same policy
/// decides, the same rules and audit entry apply), then sends the browser back to
/// the page it came from (post/redirect/get). A page never has a path of its own.
public enum PageDoor {
    /// `back` is worked out first, so a form aimed at a record that does not exist is a 404 before anything runs.
    public static func submit(_ command: @escaping @Sendable (Request) async throws -> some Sendable,
                              back: @escaping @Sendable (Request) async throws -> String) -> @Sendable (Request) async throws -> Response {
        { req in
            let target = try await back(req)
            _ = try await command(req)
            return req.redirect(to: target)
        }
    }
}
