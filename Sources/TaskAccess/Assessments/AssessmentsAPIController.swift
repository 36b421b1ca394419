import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// The JSON doors of the assessment registry (A5); the pages' forms run the same handlers.
enum AssessmentsAPIController {
    struct RegisterInput: Content {
        var title: String
        var kind: AssessmentKind
        // Text, not UUID or enum: an empty form field means "not given", and the schema has already checked the format.
        var departmentID: String?
        var governmentCode: String?
        var basisLevel: String?
        var basisDocument: String?
        var basisArticle: String?
        var year: Int
        var period: String?
        var coverage: [String]
        var indicators: String
    }

    struct WithdrawInput: Content { var reason: String }

    static let statusQuery = QueryParameter.oneOf("status", AssessmentStatus.allCases.map(\.rawValue))
    static let yearQuery = QueryParameter.integer("year", 2000...2100)

    static func register(_ req: Request) async throws -> Response {
        let input = try req.validatedContent(RegisterInput.self)
        let a = try await AssessmentRegistry.register(input, req: req)
        return try await AssessmentView(a).encodeResponse(status: .created, for: req)
    }

    static func withdraw(_ req: Request) async throws -> AssessmentView {
        let id = try assessmentID(req)
        let input = try req.validatedContent(WithdrawInput.self)
        return try AssessmentView(try await AssessmentRegistry.withdraw(id, reason: input.reason, req: req))
    }

    static func show(_ req: Request) async throws -> AssessmentView {
        guard let a = try await Assessment.find(try assessmentID(req), on: req.db) else { throw ShequError.notFound }
        return try AssessmentView(a)
    }

    static func list(_ req: Request) async throws -> ListPage<AssessmentView> {
        try await AssessmentRegistry.list(status: try status(req) ?? .registered, year: try year(req), on: req.db)
            .paged(ListPageRequest(req), AssessmentView.init)
    }

    static func byBody(_ req: Request) async throws -> [AssessmentRegistry.BodyCount] {
        try await AssessmentRegistry.countsByBody(year: try year(req), on: req.db)
    }

    static func community(_ req: Request) async throws -> ListPage<AssessmentView> {
        try await AssessmentRegistry.covering(try await communityCode(req), on: req.db, page: ListPageRequest(req))
    }

    /// The registry as a spreadsheet: every status unless one is asked for, one community's if named.
    static func export(_ req: Request) async throws -> Response {
        var rows = try await AssessmentRegistry.list(status: try status(req), year: try year(req), on: req.db).all()
        if let code = req.queryValue("community"), !code.isEmpty {
            guard code.count == 12, code.allSatisfy(\.isNumber) else { throw ShequError.invalid(.errorInvalidValue, "community") }
            let covering = Set(AssessmentRules.coveringPrefixes(of: code))
            rows = rows.filter { $0.coverageCodes.contains(where: covering.contains) }
        }
        return .csv(filename: "assessments.csv", lines: [AssessmentCSV.header] + rows.map(AssessmentCSV.line))
    }

    static func assessmentID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw ShequError.notFound }
        return id
    }

    static func communityCode(_ req: Request) async throws -> String {
        guard let code = req.parameters.get("code"), code.count == 12, code.allSatisfy({ $0.isASCII && $0.isNumber }),
              let division = try await Division.find(code, on: req.db), division.level == .community else { throw ShequError.notFound }
        return code
    }

    static func status(_ req: Request) throws -> AssessmentStatus? {
        guard let raw = req.queryValue("status"), !raw.isEmpty else { return nil }
        guard let s = AssessmentStatus(rawValue: raw) else { throw ShequError.invalid(.errorInvalidValue, "status") }
        return s
    }

    static func year(_ req: Request) throws -> Int? {
        guard let raw = req.queryValue("year"), !raw.isEmpty else { return nil }
        guard raw.count <= 4, let y = Int(raw), (2000...2100).contains(y) else { throw ShequError.invalid(.errorInvalidValue, "year") }
        return y
    }
}

/// The registry's CSV: what an official takes to a spreadsheet.
enum AssessmentCSV {
    static let header = "id,title,kind,body,basis_level,basis_document,basis_article,year,period,coverage,indicators,status,withdrawal_reason"

    static func line(_ a: Assessment) -> String {
        CSVTable.line([a.id?.uuidString ?? "", a.title, a.kind.rawValue, a.bodyName, a.basisLevel.rawValue, a.basisDocument,
                       a.basisArticle, String(a.year), a.period, a.coverage, a.indicators, a.status.rawValue, a.withdrawalReason ?? ""])
    }
}
