import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// C3's doors: the street records entries and removals, the organisation's staff file annual reports, and the
/// record, the class and the two lists are public. Thin: decode against the declared input, authorise, run the
/// services with the audit entry in one transaction; the pages' forms post to these same handlers (PageDoor).
enum IntegrityAPIController {
    static let entryEntity = "social_organization_integrity_entry"
    static let reportEntity = "social_organization_annual_report"
    static let removalEntity = "social_organization_list_removal"

    struct EntryInput: Content, ValidatedInput {
        var kind: IntegrityKind
        var source: IntegritySource
        /// Text: a form's "default" choice sends it empty (checked against the declared values first).
        var severity: String?
        var summary: String
        var evidence: String
        var sourceReference: String?
        var occurredOn: String
        /// Text, as a form sends an empty choice; read by `uuid`.
        var correctsID: String?
        var fineFen: Int64?
        var fine: String?
        static var inputSchema: InputSchema { IntegrityInputs.entry }
    }

    struct ReportInput: Content, ValidatedInput {
        var year: Int
        var activities: String
        var members: Int
        var incomeFen: Int64?
        var income: String?
        var spendingFen: Int64?
        var spending: String?
        static var inputSchema: InputSchema { IntegrityInputs.annualReport }
    }

    struct RemovalInput: Content, ValidatedInput {
        var list: CreditList
        var rectification: String
        static var inputSchema: InputSchema { IntegrityInputs.removal }
    }

    /// The registry organisation the path names: an approved filing's organisation, else 404.
    static func load(_ req: Request) async throws -> Filing {
        guard let id = req.parameters.get("id", as: UUID.self), let filing = try await IntegrityRecord.registered(id, on: req.db) else {
            throw ShequError.notFound
        }
        return filing
    }

    // MARK: - Commands

    /// The organisation's street (or the district above) records; another street is refused 403 and logged (the
    /// organisation itself is public, so there is nothing to hide).
    static func record(_ req: Request) async throws -> Response {
        let filing = try await load(req)
        let input = try req.validatedContent(EntryInput.self)
        guard let orgID = filing.organizationID else { throw ShequError.notFound }
        let actor = try await req.authorize(.socialOrganizationIntegrityRecord, on: Resource(divisionCode: filing.streetCode),
                                            entity: entryEntity, entityID: orgID.uuidString)
        try await OrganizationStaff.requireNotOwn(orgID, actor, .socialOrganizationIntegrityRecord, entity: entryEntity, scope: filing.streetCode, on: req)
        guard let day = LocalDate(input.occurredOn) else { throw ShequError.invalid(.errorIntegrityDate, "occurredOn", code: "invalid_date") }
        var fine: Money? = input.fineFen.map { Money(fen: $0) }
        if fine == nil, let text = input.fine, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            fine = try AnnualReports.amount(fen: nil, yuan: text, field: "fine")
        }
        let entry = IntegrityRecord.NewEntry(organizationID: orgID, kind: input.kind, source: input.source, summary: input.summary,
                                             evidence: input.evidence, sourceReference: input.sourceReference, recordedBy: actor.username,
                                             occurredOn: day, severity: input.severity.flatMap { IntegritySeverity(rawValue: $0) }, fine: fine, corrects: try uuid(input.correctsID, "correctsID"))
        let view = try await req.writeAudited("socialOrganization.integrityRecord", entity: entryEntity) { db in
            let row = try await IntegrityRecord.add(entry, on: db)
            return Audited(try IntegrityEntryView(row, correctedBy: nil), id: row.id, scope: row.streetCode,
                           detail: "\(filing.name) \(row.kind.rawValue) \(row.source.rawValue) \(row.severity.rawValue) \(row.occurredOn)")
        }
        return try await view.encodeResponse(status: .created, for: req)
    }

    /// The organisation's own staff file its report; anyone else is refused 403 and logged.
    static func fileReport(_ req: Request) async throws -> Response {
        let filing = try await load(req)
        let input = try req.validatedContent(ReportInput.self)
        guard let orgID = filing.organizationID else { throw ShequError.notFound }
        let actor = try await req.authorize(.socialOrganizationAnnualReportFile, on: Resource(organizationID: orgID),
                                            entity: reportEntity, entityID: orgID.uuidString)
        let draft = AnnualReports.Draft(year: input.year, activities: input.activities, members: input.members,
                                        income: try AnnualReports.amount(fen: input.incomeFen, yuan: input.income, field: "income"),
                                        spending: try AnnualReports.amount(fen: input.spendingFen, yuan: input.spending, field: "spending"))
        let today = IntegrityRecord.today
        let view = try await req.writeAudited("socialOrganization.annualReport", entity: reportEntity) { db in
            let report = try await AnnualReports.file(draft, organizationID: orgID, byAccount: actor.accountID, username: actor.username,
                                                      filedOn: today, on: db)
            return Audited(try AnnualReportView(report), id: report.id, scope: report.streetCode, detail: "\(filing.name) \(report.year)")
        }
        return try await view.encodeResponse(status: .created, for: req)
    }

    static func remove(_ req: Request) async throws -> Response {
        let filing = try await load(req)
        let input = try req.validatedContent(RemovalInput.self)
        guard let orgID = filing.organizationID else { throw ShequError.notFound }
        let actor = try await req.authorize(.socialOrganizationListRemoval, on: Resource(divisionCode: filing.streetCode),
                                            entity: removalEntity, entityID: orgID.uuidString)
        try await OrganizationStaff.requireNotOwn(orgID, actor, .socialOrganizationListRemoval, entity: removalEntity, scope: filing.streetCode, on: req)
        let today = IntegrityRecord.today
        try await req.writeAudited("socialOrganization.listRemoval", entity: removalEntity) { db in
            let removal = try await CreditRemovals.remove(organizationID: orgID, from: input.list, rectification: input.rectification,
                                                          by: actor.username, on: today, on: db)
            return Audited(true, id: removal.id, scope: removal.streetCode, detail: "\(filing.name) \(removal.list.rawValue)")
        }
        guard let view = try await CreditQueries.supervision(of: filing, on: req.db) else { throw ShequError.notFound }
        return try await view.encodeResponse(status: .created, for: req)
    }

    // MARK: - Reads (public)

    static func supervision(_ req: Request) async throws -> SupervisionView {
        guard let view = try await CreditQueries.supervision(of: try await load(req), on: req.db) else { throw ShequError.notFound }
        return view
    }

    static func entries(_ req: Request) async throws -> ListPage<IntegrityEntryView> {
        guard let id = try await load(req).organizationID else { throw ShequError.notFound }
        return try await CreditQueries.entries(organization: id, page: ListPageRequest(req), on: req.db)
    }

    static func reports(_ req: Request) async throws -> ListPage<AnnualReportView> {
        guard let id = try await load(req).organizationID else { throw ShequError.notFound }
        return try await CreditQueries.reports(organization: id, page: ListPageRequest(req), on: req.db)
    }

    static func abnormal(_ req: Request) async throws -> ListPage<SupervisionView> {
        CreditQueries.page(try await CreditQueries.listed(.abnormal, on: req.db), try ListPageRequest(req))
    }

    static func dishonest(_ req: Request) async throws -> ListPage<SupervisionView> {
        CreditQueries.page(try await CreditQueries.listed(.dishonest, on: req.db), try ListPageRequest(req))
    }

    static func uuid(_ raw: String?, _ field: String) throws -> UUID? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let id = UUID(uuidString: raw) else { throw ShequError.invalid(.errorInvalidValue, field) }
        return id
    }
}
