import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// A3: every committee's burden, and the committees' reports of what did not arrive.
enum BurdenAPIController {
    struct ShortfallInput: Content {
        var kind: ShortfallKind
        var text: String
        var agreementID: UUID?
    }

    struct AnswerInput: Content { var answer: String }

    struct CommunityBurden: Content {
        var burden: CommitteeBurden
        var tasks: [CarriedTask]
        var agreements: [TaskAgreement]
        var shortfalls: [ShortfallReport]
    }

    /// The leading-group office sees all in its scope, street and district officials theirs, a committee its own.
    static func scopes(_ req: Request) async throws -> [String] {
        try await req.authorize(.burdenRead, entity: "burden")
        return Policy.scopes(of: try req.requireActor(), for: .burdenRead)
    }

    static func list(_ req: Request) async throws -> ListPage<CommitteeBurden> {
        let scopes = try await scopes(req)
        return try await TaskAccessReports.burden(req, scopes: scopes, year: try await req.reportYear(), page: try ListPageRequest(req))
    }

    /// Every row in scope as CSV, read a page of communities at a time.
    static func csv(_ req: Request) async throws -> Response {
        let scopes = try await scopes(req)
        let year = try await req.reportYear()
        var lines = [BurdenReport.csvHeader]
        var page = 1
        while page <= ListPageRequest.maxPage {
            let rows = try await BurdenReport.page(scopes: scopes, year: year, page: ListPageRequest(page: page, perPage: ListPageRequest.maxPerPage), on: req.db)
            lines += rows.items.map(BurdenReport.csvLine)
            if page >= rows.pageCount { break }
            page += 1
        }
        return .csv(filename: "committee-burden-\(year).csv", lines: lines)
    }

    static func community(_ req: Request) async throws -> CommunityBurden {
        let division = try await req.taskCommunity()
        try await req.authorize(.burdenRead, at: division.code, entity: "burden")
        let year = try await req.reportYear()
        let detail = try await TaskAccessReports.committee(req, division, year: year)
        return CommunityBurden(burden: detail.burden, tasks: detail.tasks, agreements: detail.agreements,
                               shortfalls: try await ShortfallReport.query(on: req.db).filter(\.$divisionCode == division.code)
                                   .sort(\.$createdAt, .descending).limit(50).all())
    }

    /// The committee reports that promised funding or conditions did not arrive; the department and office see it.
    static func report(_ req: Request) async throws -> Response {
        let division = try await req.taskCommunity()
        let input = try req.validatedContent(ShortfallInput.self)
        let actor = try await req.authorize(.shortfallReport, at: division.code, entity: "shortfall")
        let text = try TaskRules.clean(input.text, field: "text", max: 4000)
        var departmentID: UUID? = nil
        if let id = input.agreementID {
            guard try await AgreementCommunity.query(on: req.db).filter(\.$agreementID == id).filter(\.$divisionCode == division.code).count() > 0,
                  let a = try await TaskAgreement.find(id, on: req.db) else {
                throw ShequError.invalid(.shortfallAgreementMismatch, code: "not_covered")
            }
            departmentID = a.departmentID
        }
        let report = try await req.writeAudited("shortfall.report", entity: "shortfall") { [departmentID] db in
            let r = ShortfallReport()
            r.divisionCode = division.code
            r.agreementID = input.agreementID
            r.departmentID = departmentID
            r.kind = input.kind
            r.text = text
            r.reportedBy = actor.username
            try await r.create(on: db)
            return Audited(r, id: r.id, scope: division.code, detail: input.kind.rawValue)
        }
        return try await report.encodeResponse(status: .created, for: req)
    }

    /// Reports the caller should see: their departments', an office's scope, a committee's own.
    static func shortfalls(_ req: Request) async throws -> ListPage<ShortfallReport> {
        let actor = try req.requireActor()
        let own = TaskAccessAuthority.ownDepartments(actor)
        let places = actor.grants.filter { [.leadingGroupOffice, .communityStaff].contains($0.role) }.map(\.scope)
        if own.isEmpty && places.isEmpty { try await req.refuse(.shortfallAnswer, entity: "shortfall", entityID: nil, scope: nil) }
        let q = ShortfallReport.query(on: req.db).group(.or) { or in
            if !own.isEmpty { or.filter(\.$departmentID ~~ own) }
            for scope in places { or.group(.and) { $0.filter(\.$divisionCode >= scope).filter(\.$divisionCode < scope + "~") } }
        }
        return try await q.sort(\.$createdAt, .descending).sort(\.$id).paged(ListPageRequest(req))
    }

    static func answer(_ req: Request) async throws -> ShortfallReport {
        guard let r = try await ShortfallReport.find(try req.idParameter(), on: req.db) else { throw ShequError.notFound }
        let input = try req.validatedContent(AnswerInput.self)
        let actor = try req.requireActor()
        var department: Department? = nil
        if let id = r.departmentID { department = try await Department.find(id, on: req.db) }
        guard TaskAccessAuthority.mayAnswer(actor, r, department: department) else {
            // Refused through the door that would have let the caller in, so the refusal is audited as such.
            if let department {
                try await req.authorizeForDepartment(.shortfallAnswer, department, entity: "shortfall", entityID: r.id)
            } else {
                try await req.authorize(.shortfallAnswer, at: r.divisionCode, entity: "shortfall", entityID: r.id?.uuidString)
            }
            throw ShequError.forbidden
        }
        let text = try TaskRules.clean(input.answer, field: "answer", max: 4000)
        return try await req.writeAudited("shortfall.answer", entity: "shortfall") { db in
            r.answer = text
            r.answeredBy = actor.username
            try await r.update(on: db)
            return Audited(r, id: r.id, scope: r.divisionCode, detail: "")
        }
    }
}
