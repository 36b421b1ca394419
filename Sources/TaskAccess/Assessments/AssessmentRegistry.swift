import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

/// The commands of the assessment registry (A5). Both doors, the JSON route and
/// the registration form, run these: validate, authorise through the policy,
/// apply rule A5, write with the audit entry in the same transaction.
enum AssessmentRegistry {
    static func register(_ r: AssessmentsAPIController.RegisterInput, req: Request) async throws -> Assessment {
        let actor = try req.requireActor()
        let title = try clean(r.title, field: "title", max: 200)
        let indicators = try clean(r.indicators, field: "indicators", max: 2000)
        let period = (r.period ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let coverage = try await coverageCodes(r.coverage, on: req.db)
        for code in coverage { try await req.authorize(.assessmentRegister, at: code, entity: "assessment") }

        // Which body runs it, and whether this actor may speak for that body.
        let departmentText = r.departmentID.flatMap { $0.isEmpty ? nil : $0 }
        let governmentText = r.governmentCode.flatMap { $0.isEmpty ? nil : $0 }
        guard departmentText == nil || governmentText == nil else { throw ShequError.invalid(.errorAssessmentBody, "departmentID, governmentCode") }
        let asOffice = coverage.allSatisfy { code in actor.grants.contains { $0.role == .leadingGroupOffice && $0.covers(code) } }
        var departmentID: UUID?
        if let departmentText {
            guard let id = UUID(uuidString: departmentText) else { throw ShequError.invalid(.errorInvalidValue, "departmentID") }
            departmentID = id
        } else if governmentText == nil, !asOffice {
            // Department staff name no department: it is their own, when their grants say which.
            let own = Set(actor.grants.filter { $0.role == .departmentStaff }.compactMap(\.departmentID))
            departmentID = own.count == 1 ? own.first : nil
        }
        let bodyName: String
        if let departmentID {
            guard let department = try await Department.find(departmentID, on: req.db) else {
                throw ShequError.invalid(.errorInvalidValue, "departmentID")
            }
            let asDepartment = coverage.allSatisfy { code in
                actor.grants.contains { $0.role == .departmentStaff && $0.departmentID == departmentID && $0.covers(code) }
            }
            guard asOffice || asDepartment else {
                try await refuse(req, ShequError(.forbidden, .errorNotYourDepartment, code: "forbidden"), scope: AssessmentRules.commonScope(coverage),
                                 detail: "not the registrar's department: \(department.name)")
            }
            bodyName = department.name
        } else if let governmentText {
            guard let code = DivisionCode(governmentText), code.level != .community,
                  let division = try await Division.find(code.rawValue, on: req.db) else {
                throw ShequError.invalid(.errorUnknownDivision, governmentText, code: "unknown_division")
            }
            // A government level's own assessment is registered by the office that answers for the committees' burden.
            guard asOffice else {
                try await refuse(req, .forbidden, scope: AssessmentRules.commonScope(coverage), detail: "government body needs the leading-group office")
            }
            bodyName = division.name + (code.level == .street ? "办事处" : "人民政府")
        } else {
            throw ShequError.invalid(.errorAssessmentBody, "departmentID, governmentCode")
        }

        let scope = AssessmentRules.commonScope(coverage)
        let basis: AssessmentRules.Basis
        do {
            basis = try AssessmentRules.basis(level: r.basisLevel.flatMap { BasisLevel(rawValue: $0) }, document: r.basisDocument, article: r.basisArticle)
        } catch {
            // The refusal is the point of A5: who tried to load which assessment onto committees without a basis is kept.
            try await refuse(req, error, scope: scope, detail: "A5 \(error.code): \(title) · \(bodyName) · \(r.basisLevel ?? "-") \(r.basisDocument ?? "-")")
        }
        let a = Assessment()
        a.id = UUID()
        a.title = title
        a.kind = r.kind
        a.departmentID = departmentID
        a.governmentCode = departmentID == nil ? governmentText : nil
        a.bodyName = bodyName
        a.basisLevel = basis.level
        a.basisDocument = basis.document
        a.basisArticle = basis.article
        a.year = r.year
        a.period = period
        a.indicators = indicators
        a.coverage = coverage.joined(separator: " ")
        a.status = .registered
        a.registeredBy = actor.username
        return try await req.writeAudited("assessment.register", entity: "assessment") { db in
            // Inside the write, so a form sent twice registers once.
            let duplicate = try await Assessment.query(on: db).filter(\.$year == a.year).filter(\.$title == title)
                .filter(\.$bodyName == bodyName).filter(\.$status == .registered).count()
            guard duplicate == 0 else { throw alreadyRegistered(title) }
            do {
                try await insert(a, on: db)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // Two registrations at once both counted none (PostgreSQL); the unique index let one land.
                throw alreadyRegistered(title)
            }
            return Audited(a, id: a.id, scope: scope, detail: "\(title) · \(bodyName) · \(basis.level.rawValue): \(basis.document) \(basis.article)")
        }
    }

    static func alreadyRegistered(_ title: String) -> ShequError {
        ShequError(.conflict, .errorAlreadyRegistered, detail: title, code: "already_registered")
    }

    /// The row and its coverage index together; the demo writes through here too.
    static func insert(_ a: Assessment, on db: any Database) async throws {
        try await a.create(on: db)
        for code in a.coverageCodes {
            try await AssessmentCoverage(assessmentID: a.requireID(), divisionCode: code).create(on: db)
        }
    }

    static func withdraw(_ id: UUID, reason raw: String, req: Request) async throws -> Assessment {
        guard let found = try await Assessment.find(id, on: req.db) else { throw ShequError.notFound }
        for code in found.coverageCodes {
            try await req.authorize(.assessmentWithdraw, at: code, entity: "assessment", entityID: id.uuidString)
        }
        let actor = try req.requireActor()
        let reason = try clean(raw, field: "reason", max: 1000)
        guard found.status == .registered else { throw ShequError(.conflict, .errorAlreadyWithdrawn, code: "already_withdrawn") }
        let scope = AssessmentRules.commonScope(found.coverageCodes)
        return try await req.writeAudited("assessment.withdraw", entity: "assessment") { db in
            // Read again inside the write, so two withdrawals at once cannot both pass.
            guard let a = try await Assessment.find(id, on: db), a.status == .registered else {
                throw ShequError(.conflict, .errorAlreadyWithdrawn, code: "already_withdrawn")
            }
            a.status = .withdrawn
            a.withdrawnBy = actor.username
            a.withdrawalReason = reason
            a.withdrawnAt = Date()
            try await a.save(on: db)
            return Audited(a, id: a.id, scope: scope, detail: "\(a.title): \(reason)")
        }
    }

    /// A refusal the log must keep (a 403 beyond the policy's own, or rule A5's 422), then answered.
    private static func refuse(_ req: Request, _ error: ShequError, scope: String?, detail: String) async throws -> Never {
        let draft = req.auditDraft(Action.assessmentRegister.name, entity: "assessment", scope: scope, outcome: .denied, detail: detail)
        try await req.write { db in try await AuditLog.append(draft, on: db) }
        throw error
    }

    static func clean(_ raw: String, field: String, max: Int) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ShequError(.badRequest, .errorMissingField, detail: field, code: "missing_field") }
        guard text.count <= max else { throw ShequError.invalid(.errorTooLong, field) }
        return text
    }

    /// Known divisions only, as prefixes without overlap.
    static func coverageCodes(_ raw: [String], on db: any Database) async throws -> [String] {
        let codes = AssessmentRules.prefixes(raw)
        guard !codes.isEmpty else { throw ShequError(.badRequest, .errorMissingField, detail: "coverage", code: "missing_field") }
        for code in codes where DivisionCode(code) == nil { throw ShequError.invalid(.errorUnknownDivision, code, code: "unknown_division") }
        let known = Set(try await Division.query(on: db).filter(\.$id ~~ codes).all().compactMap(\.id))
        if let unknown = codes.first(where: { !known.contains($0) }) { throw ShequError.invalid(.errorUnknownDivision, unknown, code: "unknown_division") }
        return codes
    }

    // MARK: - Reading (public)

    /// The registered assessments that cover one community, newest year first.
    static func covering(_ community: String, on db: any Database, page: ListPageRequest) async throws -> ListPage<AssessmentView> {
        let ids = try await AssessmentCoverage.query(on: db).filter(\.$divisionCode ~~ AssessmentRules.coveringPrefixes(of: community))
            .all().map(\.assessmentID)
        return try await Assessment.query(on: db).filter(\.$id ~~ Array(Set(ids))).filter(\.$status == .registered)
            .sort(\.$year, .descending).sort(\.$title).sort(\.$id).paged(page, AssessmentView.init)
    }

    static func list(status: AssessmentStatus?, year: Int?, on db: any Database) -> QueryBuilder<Assessment> {
        let q = Assessment.query(on: db)
        if let status { q.filter(\.$status == status) }
        if let year { q.filter(\.$year == year) }
        return q.sort(\.$year, .descending).sort(\.$bodyName).sort(\.$title).sort(\.$id)
    }

    struct BodyCount: Content { var body: String; var count: Int }

    /// How many registered assessments each body runs: whose demands weigh on committees.
    static func countsByBody(year: Int?, on db: any Database) async throws -> [BodyCount] {
        let sql = db as! any SQLDatabase
        var query = sql.select().column("body_name").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(Assessment.schema).where("status", .equal, AssessmentStatus.registered.rawValue)
        if let year { query = query.where("year", .equal, year) }
        return try await query.groupBy("body_name").orderBy("body_name").all().map {
            BodyCount(body: try $0.decode(column: "body_name", as: String.self), count: try $0.decode(column: "n", as: Int.self))
        }
    }
}

/// What the public reads about an assessment: everything but who typed it in.
struct AssessmentView: Content {
    var id: UUID
    var title: String
    var kind: AssessmentKind
    var body: String
    var departmentID: UUID?
    var governmentCode: String?
    var basisLevel: BasisLevel
    var basisDocument: String
    var basisArticle: String
    var year: Int
    var period: String
    var coverage: [String]
    var indicators: String
    var status: AssessmentStatus
    var registeredAt: Date?
    var withdrawalReason: String?
    var withdrawnAt: Date?

    init(_ a: Assessment) throws {
        id = try a.requireID()
        title = a.title
        kind = a.kind
        body = a.bodyName
        departmentID = a.departmentID
        governmentCode = a.governmentCode
        basisLevel = a.basisLevel
        basisDocument = a.basisDocument
        basisArticle = a.basisArticle
        year = a.year
        period = a.period
        coverage = a.coverageCodes
        indicators = a.indicators
        status = a.status
        registeredAt = a.createdAt
        withdrawalReason = a.withdrawalReason
        withdrawnAt = a.withdrawnAt
    }
}
