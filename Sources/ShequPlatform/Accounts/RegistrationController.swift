import Fluent
import Vapor

public struct RegistrationInput: Content, Sendable {
    public var name: String
    public var idNumber: String
    public var phone: String
    public var username: String
    public var password: String
    public var community: String
}

public struct RegistrationReference: Content, Sendable {
    public var reference: String
}

public struct RegistrationCodeInput: Content, Sendable {
    public var reference: String
    public var code: String
}

/// The committee links the account to a resident on file, or gives what creating one needs.
public struct RegistrationConfirmation: Content, Sendable {
    public var residentID: String?
    public var residency: String?
    public var householdID: String?
}

public struct RegistrationRefusal: Content, Sendable {
    public var reason: String
}

/// Declared once: the OpenAPI document publishes these bounds and both doors are checked against them.
enum RegistrationInputs {
    static let reference = InputField.string("reference", max: 20, required: true, description: "The reference number given when the request was sent")
    static let request = InputSchema("RegistrationInput", [
        .string("name", max: 50, required: true), .string("idNumber", max: 20, required: true, description: "GB 11643 resident ID number"),
        .string("phone", max: 20, required: true), .string("username", max: 32, required: true),
        .string("password", max: 72, required: true), .string("community", max: 12, required: true, description: "NBS code of the community the applicant lives in"),
    ])
    static let lookup = InputSchema("RegistrationReference", [reference])
    static let code = InputSchema("RegistrationCode", [reference, .string("code", max: 10, required: true)])
    static let confirmation = InputSchema("RegistrationConfirmation", [
        .uuid("residentID", description: "The resident on file with the request's ID number; absent: create the resident"),
        .oneOf("residency", Residency.self, description: "Needed to create the resident"), .uuid("householdID"),
    ])
    static let refusal = InputSchema("RegistrationRefusal", [.string("reason", max: 500, min: 1, required: true)])
}

extension RegistrationInput: ValidatedInput { public static var inputSchema: InputSchema { RegistrationInputs.request } }
extension RegistrationReference: ValidatedInput { public static var inputSchema: InputSchema { RegistrationInputs.lookup } }
extension RegistrationCodeInput: ValidatedInput { public static var inputSchema: InputSchema { RegistrationInputs.code } }
extension RegistrationConfirmation: ValidatedInput { public static var inputSchema: InputSchema { RegistrationInputs.confirmation } }
extension RegistrationRefusal: ValidatedInput { public static var inputSchema: InputSchema { RegistrationInputs.refusal } }

/// The JSON door: decode against the declared input, then the service's command.
enum RegistrationController {
    static func submit(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(RegistrationInput.self)
        return try await RegistrationService.submit(input, req: req).encodeResponse(status: .accepted, for: req)
    }

    static func status(_ req: Request) async throws -> RegistrationStatus {
        try await RegistrationService.status(reference: req.validatedContent(RegistrationReference.self).reference, req: req)
    }

    static func code(_ req: Request) async throws -> RegistrationStatus {
        let input = try req.validatedContent(RegistrationCodeInput.self)
        return try await RegistrationService.checkCode(reference: input.reference, code: input.code, req: req)
    }

    static func handToCommittee(_ req: Request) async throws -> RegistrationStatus {
        try await RegistrationService.handToCommittee(reference: req.validatedContent(RegistrationReference.self).reference, req: req)
    }

    static func list(_ req: Request) async throws -> ListPage<RegistrationSummary> {
        try await RegistrationService.list(req, state: RegistrationService.listState(req.queryValue("state")), paging: ListPageRequest(req))
    }

    static func confirm(_ req: Request) async throws -> RegistrationSummary {
        let id = try requestID(req)
        return try await RegistrationService.confirm(id: id, req.validatedContent(RegistrationConfirmation.self), req: req)
    }

    static func refuse(_ req: Request) async throws -> RegistrationSummary {
        let id = try requestID(req)
        return try await RegistrationService.refuse(id: id, reason: req.validatedContent(RegistrationRefusal.self).reason, req: req)
    }

    static func requestID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw ShequError.notFound }
        return id
    }
}
