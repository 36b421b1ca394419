import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// An organisation applies to come off a list with its rectification; the rules answer at once what they would
/// refuse (the report still missing, too early), and the street has 5 working days to record the removal.
public enum RemovalApplications {
    /// Refused: not on that list (409), an application already waiting for it (409), what the rules do not allow (422).
    public static func apply(organizationID: UUID, to list: CreditList, rectification: String, byAccount accountID: UUID, username: String,
                             on day: LocalDate, on db: any Database) async throws -> RemovalApplication {
        guard let filing = try await IntegrityRecord.registered(organizationID, on: db),
              let facts = try await IntegrityRecord.facts(for: [filing], on: db)[organizationID] else { throw ShequError.notFound }
        if let refusal = CreditLists.removalRefusal(list, facts, on: day) { throw CreditRemovals.refused(refusal) }
        let waiting = try await RemovalApplication.query(on: db).filter(\.$organizationID == organizationID).filter(\.$list == list)
            .filter(\.$removalID == nil).count()
        guard waiting == 0 else { throw ShequError(.conflict, .errorRemovalApplied, code: "already_applied") }
        let application = RemovalApplication()
        application.id = UUID()
        application.organizationID = organizationID
        application.streetCode = filing.streetCode
        application.list = list
        application.rectification = try IntegrityRecord.publicText(rectification, field: "rectification", max: IntegrityInputs.rectificationMax)
        application.appliedByAccountID = accountID
        application.appliedBy = username
        application.appliedOn = day.description
        try await application.create(on: db)
        return application
    }

    /// The applications waiting in these streets, oldest first.
    static func waiting(scopes: [String], on db: any Database) -> QueryBuilder<RemovalApplication> {
        RemovalApplication.query(on: db).inScopes(scopes, \.$streetCode).filter(\.$removalID == nil).sort(\.$appliedOn).sort(\.$id)
    }

    /// The day the street's 5 working days end.
    static func dueOn(_ application: RemovalApplication, calendar: WorkingCalendar) -> LocalDate? {
        LocalDate(application.appliedOn).map { calendar.deadline(from: $0, workingDays: CreditLists.removalWorkingDays) }
    }
}

/// A waiting application as the street and the public see it (who applied is the audit log's business).
public struct RemovalApplicationView: Content, Sendable {
    public var id: UUID
    public var organizationID: UUID
    public var name: String
    public var streetCode: String
    public var list: CreditList
    public var rectification: String
    public var appliedOn: String
    /// The street's 5 working days end on this day.
    public var dueOn: String?
    public var removalID: UUID?

    init(_ a: RemovalApplication, name: String, calendar: WorkingCalendar) throws {
        id = try a.requireID()
        organizationID = a.organizationID
        self.name = name
        streetCode = a.streetCode
        list = a.list
        rectification = a.rectification
        appliedOn = a.appliedOn
        dueOn = RemovalApplications.dueOn(a, calendar: calendar)?.description
        removalID = a.removalID
    }
}
