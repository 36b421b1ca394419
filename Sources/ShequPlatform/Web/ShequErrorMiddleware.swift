import Vapor

/// Turns every error into a page or JSON body in the user's language. Bad
/// input must never surface as a 500: decoding errors become 400s naming the field.
public struct ShequErrorMiddleware: AsyncMiddleware {
    public init() {}

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let problem = Self.problem(for: error)
            if problem.status == .internalServerError {
                request.logger.report(error: error)
            } else if problem.code == ShequError.unavailable.code {
                request.logger.warning("database unavailable: \(String(reflecting: error))")
            } else {
                request.logger.info("refused", metadata: ["status": "\(problem.status.code)", "code": "\(problem.code)"])
            }
            if request.wantsJSON {
                let body = APIErrorBody(error: true, code: problem.code, reason: problem.message(request.language),
                                        status: Int(problem.status.code))
                let response = try Response(status: problem.status, body: .init(data: JSONEncoder().encode(body)))
                response.headers.contentType = .json
                Self.addRetryAfter(to: response)
                return response
            }
            let response = ErrorPage(problem: problem).response(for: request)
            response.status = problem.status
            Self.addRetryAfter(to: response)
            return response
        }
    }

    /// A 503 says when to come back, so clients and proxies wait instead of hammering.
    static func addRetryAfter(to response: Response) {
        if response.status == .serviceUnavailable {
            response.headers.replaceOrAdd(name: "Retry-After", value: String(ShequError.retryAfterSeconds))
        }
    }

    static func problem(for error: any Error) -> ShequError {
        if ShequError.isDatabaseUnavailable(error) { return .unavailable }
        switch error {
        case let e as ShequError:
            return e
        case let e as DecodingError:
            return decodingProblem(e)
        case let e as AbortError:
            switch e.status {
            case .notFound: return .notFound
            case .forbidden: return .forbidden
            case .unauthorized: return .unauthorized
            case .payloadTooLarge: return ShequError(.payloadTooLarge, .errorTooLarge, code: "too_large")
            case .unsupportedMediaType, .badRequest, .unprocessableEntity:
                return ShequError(e.status, .errorBadRequest, detail: " (\(e.reason))", code: "bad_request")
            default:
                if (400..<500).contains(e.status.code) {
                    return ShequError(e.status, .errorBadRequest, detail: " (\(e.reason))", code: "bad_request")
                }
                return ShequError(.internalServerError, .errorServer, code: "server_error")
            }
        default:
            return ShequError(.internalServerError, .errorServer, code: "server_error")
        }
    }

    static func decodingProblem(_ error: DecodingError) -> ShequError {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let p = (context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")
            return ShequError(.badRequest, .errorMissingField, detail: p, code: "missing_field")
        case .valueNotFound(_, let context):
            return ShequError(.badRequest, .errorMissingField, detail: path(context), code: "missing_field")
        case .typeMismatch(_, let context):
            return ShequError(.badRequest, .errorWrongType, detail: path(context), code: "wrong_type")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return ShequError(.badRequest, .errorMalformedJSON, code: "malformed_body")
            }
            return ShequError(.badRequest, .errorInvalidValue, detail: path(context), code: "invalid_value")
        @unknown default:
            return ShequError(.badRequest, .errorBadRequest, code: "bad_request")
        }
    }
}

struct APIErrorBody: Codable {
    let error: Bool
    let code: String
    let reason: String
    let status: Int
}

extension Request {
    /// API paths always answer JSON; pages answer HTML.
    public var wantsJSON: Bool {
        url.path.hasPrefix("/api/") || url.path.hasPrefix("/healthz")
    }

    /// Machine interfaces authenticate by token only (never by cookie), so they need no CSRF token.
    public var isMachineClient: Bool {
        url.path.hasPrefix("/api/") || url.path.hasPrefix("/open311/")
    }
}
