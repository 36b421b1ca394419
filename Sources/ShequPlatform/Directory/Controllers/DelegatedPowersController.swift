import Fluent
import ShequKernel
import Vapor

/// O2 grants: read by anyone (they name decisions, not people), written by the district
/// official of the street's district or the leading-group office.
enum DelegatedPowersController {
    static func today() -> LocalDate { LocalDate(instant: Date()) }

    /// Filters from the query: a street (or district) prefix and a power.
    static func rows(_ req: Request) throws -> QueryBuilder<DelegatedPower> {
        let q = DelegatedPower.query(on: req.db)
        if let raw = req.queryValue("division"), !raw.isEmpty {
            guard let code = DivisionCode(raw) else { throw ShequError.invalid(.errorUnknownDivision, String(raw.prefix(20)), code: "unknown_division") }
            q.filter(\.$streetCode >= code.rawValue).filter(\.$streetCode < code.rawValue + "~")
        }
        if let raw = req.queryValue("power"), !raw.isEmpty {
            guard let power = DistrictPower(rawValue: raw) else { throw ShequError.invalid(.errorInvalidValue, "power") }
            q.filter(\.$power == power)
        }
        return q.sort(\.$streetCode).sort(\.$power).sort(\.$effectiveFrom).sort(\.$id)
    }

    /// A page of grants: only that page's rows are read and named.
    static func list(_ req: Request) async throws -> ListPage<DelegatedPowerSummary> {
        let today = today()
        return try await rows(req).paged(try ListPageRequest(req), rows: { page in
            try await DelegatedPowers.summaries(page, today: today, language: req.language, on: req.db)
        })
    }

    static func grant(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(DelegatedPowerInput.self)
        try await req.authorize(.delegatedPowerGrant, at: input.streetCode, entity: "delegatedPower")
        let today = today()
        let p = try await req.writeAudited("delegatedPower.grant", entity: "delegatedPower") { db in
            let p = try await DelegatedPowers.grant(input, today: today, on: db)
            return Audited(p, id: p.id, scope: p.streetCode, detail: "\(p.power.rawValue) \(p.decisionDocument) \(p.effectiveFrom)")
        }
        let summary = try await DelegatedPowers.summaries([p], today: today, language: req.language, on: req.db)
        return try await summary[0].encodeResponse(status: .created, for: req)
    }

    /// The grant named in the path; an unknown id is a 404 before anything is asked.
    static func find(_ req: Request) async throws -> DelegatedPower {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)), let p = try await DelegatedPower.find(id, on: req.db) else {
            throw ShequError.notFound
        }
        return p
    }

    static func revoke(_ req: Request) async throws -> DelegatedPowerSummary {
        let input = try req.validatedContent(DelegatedPowerRevocation.self)
        let p = try await find(req)
        try await req.authorize(.delegatedPowerRevoke, at: p.streetCode, entity: "delegatedPower", entityID: p.id?.uuidString)
        let today = today()
        try await req.writeAudited("delegatedPower.revoke", entity: "delegatedPower") { db in
            // Read again inside the transaction: of two revocations at once, the second finds it revoked.
            guard let current = try await DelegatedPower.find(p.id, on: db) else { throw ShequError.notFound }
            try await DelegatedPowers.revoke(current, input, today: today, on: db)
            p.revokedOn = current.revokedOn
            p.revocationReason = current.revocationReason
            return Audited((), id: p.id, scope: p.streetCode, detail: "\(p.power.rawValue) \(current.revokedOn ?? "")")
        }
        return try await DelegatedPowers.summaries([p], today: today, language: req.language, on: req.db)[0]
    }

    /// The grants as a spreadsheet: the same rows and filters as the list.
    static func csv(_ req: Request) async throws -> Response {
        let all = try await DelegatedPowers.summaries(try await rows(req).all(), today: today(), language: req.language, on: req.db)
        return .csv(filename: "delegated-powers.csv",
                    header: ["power", "powerName", "streetCode", "streetName", "districtCode", "decisionDocument", "decidedOn",
                             "effectiveFrom", "revokedOn", "revocationReason", "inForce"],
                    rows: all.map { p in
                        [p.power.rawValue, p.powerName, p.streetCode, p.streetName, p.districtCode, p.decisionDocument, p.decidedOn,
                         p.effectiveFrom, p.revokedOn ?? "", p.revocationReason ?? "", p.inForce ? "true" : "false"]
                    })
    }
}

enum DelegatedPowerInputs {
    static let grant = InputSchema("DelegatedPowerInput", [
        .oneOf("power", DistrictPower.self, required: true),
        .string("streetCode", max: 12, required: true, description: "NBS code of the street (9 digits)"),
        .string("decisionDocument", max: 100, required: true, description: "文号 of the district's decision"),
        .date("decidedOn", required: true), .date("effectiveFrom", description: "the decision's day when absent")])
    static let revoke = InputSchema("DelegatedPowerRevocation", [
        .string("reason", max: 500, required: true), .date("revokedOn", description: "today when absent")])
}

extension DelegatedPowerInput: ValidatedInput { public static var inputSchema: InputSchema { DelegatedPowerInputs.grant } }
extension DelegatedPowerRevocation: ValidatedInput { public static var inputSchema: InputSchema { DelegatedPowerInputs.revoke } }
