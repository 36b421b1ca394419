import Fluent
import Foundation
import ShequKernel
import ShequPlatform

/// 年度报告 (C3): an organisation's staff file their own report on a year that is over, once a year. A report
/// filed by 30 June of the next year is on time; a later one still fulfils the duty the abnormal list names.
public enum AnnualReports {
    public struct Draft: Sendable {
        public var year: Int
        public var activities: String
        public var members: Int
        public var income: Money
        public var spending: Money

        public init(year: Int, activities: String, members: Int, income: Money, spending: Money) {
            self.year = year
            self.activities = activities
            self.members = members
            self.income = income
            self.spending = spending
        }
    }

    /// Refused: a year not over on `filedOn` (422); a second report on the same year
    /// (409, also held by the unique index when two arrive at once); amounts below zero or above the largest (422).
    public static func file(_ draft: Draft, organizationID: UUID, byAccount accountID: UUID, username: String, filedOn: LocalDate,
                            on db: any Database) async throws -> AnnualReport {
        guard let filing = try await IntegrityRecord.registered(organizationID, on: db) else { throw ShequError.notFound }
        // Any year that is over: a group active before it filed may report on those years too.
        guard IntegrityInputs.yearRange.contains(draft.year), draft.year < filedOn.components.year else {
            throw ShequError.invalid(.errorAnnualReportYear, String(draft.year), code: "invalid_year")
        }
        guard (0...100_000).contains(draft.members) else { throw ShequError.invalid(.errorOutOfRange, "members", code: "out_of_range") }
        for (name, amount) in [("income", draft.income), ("spending", draft.spending)] where amount < .zero || amount > Money.largest {
            throw ShequError.invalid(.errorOutOfRange, name, code: "out_of_range")
        }
        let taken = try await AnnualReport.query(on: db).filter(\.$organizationID == organizationID).filter(\.$year == draft.year).count()
        guard taken == 0 else { throw ShequError(.conflict, .errorAnnualReportExists, detail: String(draft.year), code: "report_exists") }
        let report = AnnualReport()
        report.id = UUID()
        report.organizationID = organizationID
        report.streetCode = filing.streetCode
        report.year = draft.year
        report.activities = try IntegrityRecord.publicText(draft.activities, field: "activities", max: IntegrityInputs.activitiesMax)
        report.members = draft.members
        report.incomeFen = draft.income.fen
        report.spendingFen = draft.spending.fen
        report.filedByAccountID = accountID
        report.filedBy = username
        report.filedOn = filedOn.description
        do {
            try await report.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two filings of the same year at once: the unique index lets one through; the other is told as above.
            throw ShequError(.conflict, .errorAnnualReportExists, detail: String(draft.year), code: "report_exists")
        }
        return report
    }

    /// Fen as a JSON integer, or yuan as a form's text; absent means zero (a small group may have no money at all).
    static func amount(fen: Int64?, yuan: String?, field: String) throws -> Money {
        if let fen { return Money(fen: fen) }
        guard let text = yuan?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return .zero }
        guard let money = Money(yuan: text), money >= .zero, money <= Money.largest else {
            throw ShequError.invalid(.errorIntegrityAmount, field, code: "invalid_amount")
        }
        return money
    }
}

/// Removals from the two lists, applied for and recorded by the organisation's street: the rules decide
/// (`CreditLists.removalRefusal`); the automatic ones need no record.
public enum CreditRemovals {
    public static func remove(organizationID: UUID, from list: CreditList, rectification: String, by username: String, on day: LocalDate,
                              on db: any Database) async throws -> ListRemoval {
        guard let filing = try await IntegrityRecord.registered(organizationID, on: db),
              let facts = try await IntegrityRecord.facts(for: [filing], on: db)[organizationID] else { throw ShequError.notFound }
        if let refusal = CreditLists.removalRefusal(list, facts, on: day) { throw refused(refusal) }
        let removal = ListRemoval()
        removal.id = UUID()
        removal.organizationID = organizationID
        removal.streetCode = filing.streetCode
        removal.list = list
        removal.rectification = try IntegrityRecord.publicText(rectification, field: "rectification", max: IntegrityInputs.rectificationMax)
        removal.recordedBy = username
        removal.removedOn = day.description
        try await removal.create(on: db)
        // The organisation's waiting application for it, if any, is answered by this removal.
        try await RemovalApplication.query(on: db).filter(\.$organizationID == organizationID).filter(\.$list == list)
            .filter(\.$removalID == nil).set(\.$removalID, to: removal.id).update()
        return removal
    }

    /// The rules' refusal in the reader's words: not listed is a conflict, the rest are the rules' 422.
    static func refused(_ refusal: RemovalRefusal) -> ShequError {
        let words = CreditWords.refusal(refusal)
        let said = Phrase(zh: Phrase.errorRemovalRefused.zh + words.zh, en: Phrase.errorRemovalRefused.en + words.en)
        return ShequError(refusal == .notListed ? .conflict : .unprocessableEntity, said, code: refusal == .notListed ? "not_listed" : "removal_refused")
    }
}
