import Vapor

/// Refuses a multipart body whose boundary the parser would not survive, before
/// anything reads it. multipart-kit stops the whole process (a precondition) on an
/// empty boundary, and the CSRF check reads form bodies before anyone signs in:
/// without this, one anonymous request takes the city's service down.
struct MultipartBoundaryGuard: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let type = request.headers.contentType, type.type.lowercased() == "multipart",
           !Self.isUsable(boundary: type.parameters["boundary"]) {
            throw ShequError(.badRequest, .errorInvalidValue, detail: "Content-Type boundary", code: "bad_boundary")
        }
        return try await next.respond(to: request)
    }

    /// RFC 2046 §5.1.1: 1–70 characters from a small set, not ending in a space.
    static func isUsable(boundary: String?) -> Bool {
        guard let boundary, (1...70).contains(boundary.count), boundary.last != " " else { return false }
        return boundary.unicodeScalars.allSatisfy { allowed.contains($0) }
    }

    private static let allowed = CharacterSet(charactersIn: "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ")
}
