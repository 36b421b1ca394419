import Fluent
import Foundation
import ShequKernel
import ShequPlatform

/// C3's integrity record, callable without HTTP: the street's form, the API, the demo and Procurement's
/// performance evaluation all add entries through `add`, inside their own write transaction (the caller writes
/// the audit entry). Entries are only ever added; a correction is a new entry naming the one it corrects.
public enum IntegrityRecord {
    public struct NewEntry: Sendable {
        public var organizationID: UUID
        public var kind: IntegrityKind
        public var source: IntegritySource
        /// nil: a commendation for a good entry, a notice (no penalty) for a bad one.
        public var severity: IntegritySeverity?
        /// A fine's amount, required with severity `fine` and refused with any other.
        public var fine: Money?
        public var summary: String
        public var evidence: String
        /// e.g. "procurement-project:<uuid>", an inspection's document number.
        public var sourceReference: String?
        /// The entry this one corrects (of the same organisation).
        public var corrects: UUID?
        public var recordedBy: String
        public var occurredOn: LocalDate

        public init(organizationID: UUID, kind: IntegrityKind, source: IntegritySource, summary: String, evidence: String,
                    sourceReference: String? = nil, recordedBy: String, occurredOn: LocalDate,
                    severity: IntegritySeverity? = nil, fine: Money? = nil, corrects: UUID? = nil) {
            self.organizationID = organizationID
            self.kind = kind
            self.source = source
            self.summary = summary
            self.evidence = evidence
            self.sourceReference = sourceReference
            self.recordedBy = recordedBy
            self.occurredOn = occurredOn
            self.severity = severity
            self.fine = fine
            self.corrects = corrects
        }
    }

    /// Adds one entry about a registry organisation. Refused (422, nothing written): an organisation not in the
    /// registry, a severity that does not fit the kind, a fine without its amount (or an amount without a fine),
    /// a day in the future or before 2000, texts empty, too long or with control characters, a correction of
    /// another organisation's entry.
    @discardableResult
    public static func add(_ entry: NewEntry, on db: any Database) async throws -> IntegrityEntry {
        guard let filing = try await registered(entry.organizationID, on: db) else {
            throw ShequError.invalid(.errorIntegrityNotRegistered, entry.organizationID.uuidString, code: "not_in_registry")
        }
        let severity = entry.severity ?? (entry.kind == .good ? .commendation : .notice)
        guard severity.fits(entry.kind) else {
            throw ShequError.invalid(.errorIntegritySeverity, "\(entry.kind.rawValue) / \(severity.rawValue)", code: "severity_mismatch")
        }
        if severity == .fine {
            guard let fine = entry.fine, fine > .zero, fine <= Money.largest else {
                throw ShequError.invalid(.errorIntegrityFine, "fineFen", code: "invalid_fine")
            }
        } else if entry.fine != nil {
            throw ShequError.invalid(.errorIntegrityFine, "fineFen", code: "invalid_fine")
        }
        try requirePlausible(entry.occurredOn, field: "occurredOn")
        if let corrected = entry.corrects {
            guard let old = try await IntegrityEntry.find(corrected, on: db), old.organizationID == entry.organizationID else {
                throw ShequError.invalid(.errorIntegrityCorrects, corrected.uuidString, code: "invalid_correction")
            }
        } else if severity == .annulled {
            throw ShequError.invalid(.errorIntegrityCorrects, "correctsID", code: "invalid_correction")
        }
        let row = IntegrityEntry()
        row.id = UUID()
        row.organizationID = entry.organizationID
        row.streetCode = filing.streetCode
        row.kind = entry.kind
        row.source = entry.source
        row.severity = severity
        row.fineFen = severity == .fine ? entry.fine?.fen : nil
        row.summary = try publicText(entry.summary, field: "summary", max: IntegrityInputs.summaryMax)
        row.evidence = try publicText(entry.evidence, field: "evidence", max: IntegrityInputs.evidenceMax)
        if let reference = entry.sourceReference?.trimmingCharacters(in: .whitespacesAndNewlines), !reference.isEmpty {
            row.sourceReference = try publicText(reference, field: "sourceReference", max: IntegrityInputs.referenceMax)
        }
        row.correctsID = entry.corrects
        row.recordedBy = entry.recordedBy
        row.occurredOn = entry.occurredOn.description
        try await row.create(on: db)
        return row
    }

    /// Where a registry organisation stands on a day (today, Beijing time, if none is given): its supervision class
    /// and whether it is on either list. Other modules ask this (Procurement: no one on the dishonesty list takes part).
    public struct Standing: Sendable, Equatable {
        public let supervisionClass: SupervisionClass
        public let onAbnormalList: Bool
        public let onDishonestList: Bool
    }

    /// nil for an organisation not in the registry.
    public static func standing(of organizationID: UUID, on day: LocalDate? = nil, db: any Database) async throws -> Standing? {
        guard let filing = try await registered(organizationID, on: db), let facts = try await facts(for: [filing], on: db)[organizationID] else {
            return nil
        }
        let day = day ?? today
        let lists = CreditLists.standing(facts, on: day)
        return Standing(supervisionClass: SupervisionClass.of(facts, on: day).0, onAbnormalList: lists.abnormal != nil,
                        onDishonestList: lists.dishonest != nil)
    }

    /// The approved filing behind a directory organisation id: only registry organisations have a record.
    public static func registered(_ organizationID: UUID, on db: any Database) async throws -> Filing? {
        try await Filing.query(on: db).filter(\.$organizationID == organizationID).filter(\.$state == .approved).first()
    }

    /// A text that will be public: clean, within its bound, and with nothing shaped like a mobile phone (11 digits
    /// from 1) or a resident ID number (18 digits, or 17 and X) standing on its own: the record is public, personal
    /// data stays out of it. Longer or shorter runs (an amount, a document number) pass, and so do runs touching a
    /// Latin letter: a hexadecimal id such as a UUID's last group ("12345678901f") is no phone.
    static func publicText(_ raw: String, field: String, max: Int) throws -> String {
        let text = try Filings.clean(raw, field: field, max: max)
        if personalNumber(in: text) { throw ShequError.invalid(.errorIntegrityPersonalData, field, code: "personal_data") }
        return text
    }

    static func personalNumber(in text: String) -> Bool {
        func isLetter(_ c: Unicode.Scalar?) -> Bool { c.map { ("a"..."z").contains($0) || ("A"..."Z").contains($0) } ?? false }
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard (0x30...0x39).contains(scalars[i].value) else { i += 1; continue }
            var j = i
            while j < scalars.count, (0x30...0x39).contains(scalars[j].value) { j += 1 }
            var length = j - i
            if length == 17, j < scalars.count, scalars[j] == "X" || scalars[j] == "x" { j += 1; length += 1 }
            let standalone = !isLetter(i > 0 ? scalars[i - 1] : nil) && !isLetter(j < scalars.count ? scalars[j] : nil)
            if standalone, (length == 11 && scalars[i] == "1") || length == 18 { return true }
            i = j
        }
        return false
    }

    /// A day a record may name: not in the future (Beijing time), not before 2000.
    static func requirePlausible(_ day: LocalDate, field: String) throws {
        guard let earliest = LocalDate(year: 2000, month: 1, day: 1), day >= earliest, day <= today else {
            throw ShequError.invalid(.errorIntegrityDate, field, code: "invalid_date")
        }
    }

    static var today: LocalDate { LocalDate(instant: Date()) }

    /// The day an organisation entered the registry: its approval, in Beijing time.
    static func registeredOn(_ filing: Filing) -> LocalDate {
        LocalDate(instant: filing.decidedAt ?? filing.filedAt ?? Date())
    }

    /// Every organisation's facts for the rules, in four queries however many organisations there are.
    static func facts(for filings: [Filing], on db: any Database) async throws -> [UUID: CreditFacts] {
        let ids = filings.compactMap(\.organizationID)
        guard !ids.isEmpty else { return [:] }
        let entries = try await IntegrityEntry.query(on: db).filter(\.$organizationID ~~ ids).all()
        let reports = try await AnnualReport.query(on: db).filter(\.$organizationID ~~ ids).all()
        let removals = try await ListRemoval.query(on: db).filter(\.$organizationID ~~ ids).all()
        let entriesBy = Dictionary(grouping: entries, by: \.organizationID)
        let reportsBy = Dictionary(grouping: reports, by: \.organizationID)
        let removalsBy = Dictionary(grouping: removals, by: \.organizationID)
        var out: [UUID: CreditFacts] = [:]
        for filing in filings {
            guard let id = filing.organizationID else { continue }
            let rows: [(id: UUID, corrects: UUID?, entry: CreditFacts.Entry)] = (entriesBy[id] ?? []).compactMap { e in
                guard let eid = e.id, let on = LocalDate(e.occurredOn) else { return nil }
                return (eid, e.correctsID, CreditFacts.Entry(kind: e.kind, severity: e.severity, fine: e.fine, occurredOn: on))
            }
            var filed: [Int: LocalDate] = [:]
            for r in reportsBy[id] ?? [] { if let on = LocalDate(r.filedOn) { filed[r.year] = on } }
            let removed = (removalsBy[id] ?? []).compactMap { r in LocalDate(r.removedOn).map { CreditFacts.Removal(list: r.list, on: $0) } }
            out[id] = CreditFacts(registeredOn: registeredOn(filing), entries: SupervisionClass.inForce(rows), reportsFiledOn: filed, removals: removed)
        }
        return out
    }
}
