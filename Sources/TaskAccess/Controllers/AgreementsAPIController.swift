import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// A4: agreements, their inspections and the payments to committees.
enum AgreementsAPIController {
    struct TermsInput: Content {
        var kind: AgreementKind?
        var termStart: String
        var termEnd: String
        var deliverables: String
        var inspectionSchedule: String
    }

    struct ConvertInput: Content {
        var kind: AgreementKind
        var reason: String
    }

    struct TerminateInput: Content { var reason: String }

    struct InspectionInput: Content {
        var inspectedOn: String
        var result: InspectionResult
        var findings: String
    }

    struct DisbursementInput: Content {
        var community: String
        var amount: String
        var memo: String?
    }

    struct AgreementDetail: Content {
        var agreement: TaskAgreement
        var department: String
        var communities: [AgreementCommunity]
        var inspections: [AgreementInspection]
        var disbursements: [AgreementDisbursement]
    }

    /// Agreements the caller may read: their departments' own, those in an office's scope.
    static func list(_ req: Request) async throws -> ListPage<TaskAgreement> {
        let actor = try req.requireActor()
        let own = TaskAccessAuthority.ownDepartments(actor)
        let offices = actor.grants.filter { $0.role == .leadingGroupOffice }.map(\.scope)
        if own.isEmpty && offices.isEmpty { try await req.refuse(.agreementWrite, entity: "agreement", entityID: nil, scope: nil) }
        let q = TaskAgreement.query(on: req.db).group(.or) { or in
            if !own.isEmpty { or.filter(\.$departmentID ~~ own) }
            for scope in offices { or.group(.and) { $0.filter(\.$divisionCode >= scope).filter(\.$divisionCode < scope + "~") } }
        }
        return try await q.sort(\.$createdAt, .descending).sort(\.$id).paged(ListPageRequest(req))
    }

    static func load(_ req: Request) async throws -> TaskAgreement {
        guard let a = try await TaskAgreement.find(try req.idParameter(), on: req.db) else { throw ShequError.notFound }
        let actor = try req.requireActor()
        guard TaskAccessAuthority.mayRead(actor, department: a.departmentID, place: a.divisionCode) else { try await req.refuse(.agreementWrite, entity: "agreement", entityID: a.id, scope: a.divisionCode) }
        return a
    }

    static func detail(_ a: TaskAgreement, on db: any Database) async throws -> AgreementDetail {
        let id = try a.requireID()
        return AgreementDetail(agreement: a, department: try await Department.find(a.departmentID, on: db)?.name ?? "",
                               communities: try await AgreementCommunity.query(on: db).filter(\.$agreementID == id).sort(\.$divisionCode).all(),
                               inspections: try await AgreementInspection.query(on: db).filter(\.$agreementID == id).sort(\.$inspectedOn).all(),
                               disbursements: try await AgreementDisbursement.query(on: db).filter(\.$agreementID == id).sort(\.$createdAt).all())
    }

    static func show(_ req: Request) async throws -> AgreementDetail { try await detail(try await load(req), on: req.db) }

    /// An approved plan becomes its agreements; the kind is the plan's unless named, and never a responsibility letter.
    static func makeFromPlan(_ req: Request) async throws -> Response {
        guard let plan = try await TaskPlan.find(try req.idParameter(), on: req.db) else { throw ShequError.notFound }
        let input = try req.validatedContent(TermsInput.self)
        let actor = try await req.authorizeForDepartment(.agreementWrite, try await req.department(plan.departmentID), entity: "agreement", entityID: plan.id)
        let terms = AgreementTerms(kind: input.kind ?? plan.agreementKind, termStart: try day(input.termStart, field: "termStart"),
                                   termEnd: try day(input.termEnd, field: "termEnd"), deliverables: input.deliverables,
                                   inspectionSchedule: input.inspectionSchedule)
        let made = try await req.writeAudited("agreement.create", entity: "plan") { db in
            let list = try await Agreements.make(from: try await PlanLock.plan(plan.id, on: db), terms: terms, by: actor.username, on: db)
            return Audited(list, id: plan.id, scope: plan.reach, detail: "\(list.count) \(terms.kind.rawValue) agreement(s)")
        }
        return try await made.encodeResponse(status: .created, for: req)
    }

    static func departmentOf(_ a: TaskAgreement, _ req: Request) async throws -> Department { try await req.department(a.departmentID) }

    static func convert(_ req: Request) async throws -> Response {
        let letter = try await load(req)
        let input = try req.validatedContent(ConvertInput.self)
        try await req.authorizeForDepartment(.agreementWrite, try await departmentOf(letter, req), entity: "agreement", entityID: letter.id)
        let made = try await req.writeAudited("agreement.convert", entity: "agreement") { db in
            let a = try await Agreements.convert(try await PlanLock.agreement(letter.id, on: db), to: input.kind, reason: input.reason, on: db)
            return Audited(a, id: letter.id, scope: letter.divisionCode, detail: "→ \(input.kind.rawValue) \(a.id?.uuidString ?? ""): \(input.reason)")
        }
        return try await made.encodeResponse(status: .created, for: req)
    }

    static func terminate(_ req: Request) async throws -> TaskAgreement {
        let a = try await load(req)
        let input = try req.validatedContent(TerminateInput.self)
        try await req.authorizeForDepartment(.agreementWrite, try await departmentOf(a, req), entity: "agreement", entityID: a.id)
        return try await req.writeAudited("agreement.terminate", entity: "agreement") { db in
            let t = try await Agreements.terminate(try await PlanLock.agreement(a.id, on: db), reason: input.reason, on: db)
            return Audited(t, id: t.id, scope: t.divisionCode, detail: input.reason)
        }
    }

    static func inspect(_ req: Request) async throws -> Response {
        let a = try await load(req)
        let input = try req.validatedContent(InspectionInput.self)
        let actor = try await req.authorizeForDepartment(.agreementInspect, try await departmentOf(a, req), entity: "agreement", entityID: a.id)
        let date = try day(input.inspectedOn, field: "inspectedOn")
        let record = try await req.writeAudited("agreement.inspect", entity: "agreement") { db in
            let i = try await Agreements.inspect(a, on: date, result: input.result, findings: input.findings, by: actor.username, on: db)
            return Audited(i, id: a.id, scope: a.divisionCode, detail: "\(date): \(input.result.rawValue)")
        }
        return try await record.encodeResponse(status: .created, for: req)
    }

    static func disburse(_ req: Request) async throws -> Response {
        let a = try await load(req)
        let input = try req.validatedContent(DisbursementInput.self)
        let actor = try await req.authorizeForDepartment(.agreementDisburse, try await departmentOf(a, req), entity: "agreement", entityID: a.id)
        let amount = try yuan(input.amount, field: "amount")
        let community = try await req.bodyCommunity(input.community)
        let paid = try await req.writeAudited("agreement.disburse", entity: "agreement") { db in
            // Read again inside the write: a termination that just landed stops the payment.
            let fresh = try await PlanLock.agreement(a.id, on: db)
            let d = try await Agreements.disburse(fresh, amount: amount, to: community, memo: input.memo ?? "", by: actor.username, on: db)
            return Audited(d, id: a.id, scope: community, detail: "\(amount.yuanText) to \(community)")
        }
        return try await paid.encodeResponse(status: .created, for: req)
    }
}
