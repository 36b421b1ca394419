import Fluent
import Vapor

enum OrganizationsController {
    static func list(_ req: Request) async throws -> ListPage<OrganizationSummary> {
        let actor = try await req.authorize(.organizationRead, entity: "organization")
        var kind: OrganizationKind? = nil
        if let raw = req.query[String.self, at: "kind"] {
            guard let k = OrganizationKind(rawValue: raw) else { throw ShequError.invalid(.errorInvalidValue, "kind") }
            kind = k
        }
        return try await OrganizationService.list(scopes: Policy.scopes(of: actor, for: .organizationRead), kind: kind,
                                                  paging: ListPageRequest(req), on: req.db)
    }

    static func create(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(OrganizationInput.self)
        let summary = try await createAudited(input, req: req)
        return try await summary.encodeResponse(status: .created, for: req)
    }

    static func createAudited(_ input: OrganizationInput, req: Request) async throws -> OrganizationSummary {
        try await req.authorize(.organizationWrite, at: input.divisionCode, entity: "organization")
        return try await req.writeAudited("organization.create", entity: "organization") { db in
            let summary = try await OrganizationService.create(input, on: db)
            return Audited(summary, id: summary.id, scope: summary.divisionCode, detail: summary.kind.rawValue)
        }
    }
}

/// Departments and their outposts at streets: set up by the city administrator.
enum GovernmentController {
    struct DepartmentInput: Content { var name: String; var divisionCode: String }
    struct OutpostInput: Content { var departmentID: UUID; var divisionCode: String; var name: String }

    static func departments(_ req: Request) async throws -> [Department] {
        _ = try req.requireActor()
        return try await Department.query(on: req.db).sort(\.$name).all()
    }

    static func outposts(_ req: Request) async throws -> [Outpost] {
        _ = try req.requireActor()
        return try await Outpost.query(on: req.db).sort(\.$divisionCode).all()
    }

    static func createDepartment(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(DepartmentInput.self)
        try await req.authorize(.governmentWrite, at: input.divisionCode, entity: "department")
        let department = try await req.writeAudited("department.create", entity: "department") { db in
            let division = try await OrganizationService.requireDivision(input.divisionCode, on: db)
            guard division.level <= .district else { throw ShequError.invalid(.errorInvalidValue, "divisionCode") }
            let d = Department(name: try OrganizationService.text(input.name, field: "name", max: 100), divisionCode: division.code)
            try await d.create(on: db)
            return Audited(d, id: d.id, scope: d.divisionCode)
        }
        return try await department.encodeResponse(status: .created, for: req)
    }

    static func createOutpost(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(OutpostInput.self)
        try await req.authorize(.governmentWrite, at: input.divisionCode, entity: "outpost")
        let outpost = try await req.writeAudited("outpost.create", entity: "outpost") { db in
            guard try await Department.find(input.departmentID, on: db) != nil else {
                throw ShequError.invalid(.errorInvalidValue, "departmentID")
            }
            let street = try await OrganizationService.requireDivision(input.divisionCode, on: db)
            guard street.level == .street else { throw ShequError.invalid(.errorInvalidValue, "divisionCode") }
            let o = Outpost(departmentID: input.departmentID, divisionCode: street.code,
                            name: try OrganizationService.text(input.name, field: "name", max: 100))
            try await o.create(on: db)
            return Audited(o, id: o.id, scope: street.code)
        }
        return try await outpost.encodeResponse(status: .created, for: req)
    }
}

extension Department: Content {}
extension Outpost: Content {}
