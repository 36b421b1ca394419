import Fluent
import Foundation
import ShequKernel
import ShequPlatform

/// H8's rules, callable without HTTP (the API route, the page form and the demo all run these). Every record is a
/// new entry: nothing is changed or deleted, a correction names the entry it puts right, and a document received
/// or sent stays open, and overdue after its deadline, until an entry records how it was handled.
public enum OfficeRecords {
    public struct Draft: Sendable {
        public var kind: OfficeKind
        public var onDate: LocalDate
        public var title: String?
        public var body: String?
        public var people: String?
        public var startsAt: String?
        public var endsAt: String?
        public var reference: String?
        public var deadline: LocalDate?
        public var approvedBy: String?
        public var corrects: UUID?
        public var handles: UUID?

        public init(kind: OfficeKind, onDate: LocalDate, title: String? = nil, body: String? = nil, people: String? = nil,
                    startsAt: String? = nil, endsAt: String? = nil, reference: String? = nil, deadline: LocalDate? = nil,
                    approvedBy: String? = nil, corrects: UUID? = nil, handles: UUID? = nil) {
            self.kind = kind
            self.onDate = onDate
            self.title = title
            self.body = body
            self.people = people
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.reference = reference
            self.deadline = deadline
            self.approvedBy = approvedBy
            self.corrects = corrects
            self.handles = handles
        }
    }

    static let earliest = LocalDate(year: 2000, month: 1, day: 1)!

    public static func record(_ d: Draft, community: String, by username: String, today: LocalDate = LocalDate(instant: Date()),
                              on db: any Database) async throws -> OfficeEntry {
        // A duty rota is planned ahead; everything else is a record of what has happened.
        let latest = d.kind == .duty ? today.adding(days: 366) : today
        guard d.onDate >= earliest, d.onDate <= latest else {
            throw ShequError.invalid(.officeImplausibleDate, d.onDate.description, code: "implausible_date")
        }
        let e = OfficeEntry()
        e.id = UUID()
        e.divisionCode = community
        e.kind = d.kind
        e.onDate = d.onDate.description
        e.recordedBy = username
        e.title = try text(d.title, "title", OfficeInputs.titleMax)
        e.reference = try text(d.reference, "reference", OfficeInputs.referenceMax)
        switch d.kind {
        case .minutes:
            e.people = try required(d.people, "attendees", OfficeInputs.peopleMax)
            e.body = try required(d.body, "text", OfficeInputs.textMax)
            _ = try required(d.title, "title", OfficeInputs.titleMax)
        case .duty:
            e.people = try required(d.people, "person", OfficeInputs.nameMax)
            e.body = try text(d.body, "note", OfficeInputs.noteMax)
            let (start, end) = (try time(d.startsAt, "startsAt"), try time(d.endsAt, "endsAt"))
            guard start < end else { throw ShequError.invalid(.officeTimeOrder, "\(start)–\(end)", code: "invalid_time") }
            (e.startsAt, e.endsAt) = (start, end)
        case .log:
            _ = try required(d.title, "title", OfficeInputs.titleMax)
            e.body = try required(d.body, "text", OfficeInputs.textMax)
        case .documentReceived, .documentSent:
            _ = try required(d.title, "title", OfficeInputs.titleMax)
            e.people = try required(d.people, "counterpart", OfficeInputs.titleMax)
            e.body = try text(d.body, "summary", OfficeInputs.summaryMax)
            if let deadline = d.deadline {
                guard deadline >= d.onDate, deadline <= d.onDate.adding(days: 366) else {
                    throw ShequError.invalid(.officeDeadlineRange, deadline.description, code: "invalid_deadline")
                }
                e.deadline = deadline.description
            }
        case .sealUse:
            _ = try required(d.title, "document", OfficeInputs.titleMax)
            e.body = try required(d.body, "purpose", OfficeInputs.summaryMax)
            let user = try required(d.people, "usedBy", OfficeInputs.nameMax)
            let approver = try required(d.approvedBy, "approvedBy", OfficeInputs.nameMax)
            // Whoever used the seal cannot have approved its use: the register exists to show two people agreed.
            guard user != approver else { throw ShequError.invalid(.officeSealSelfApproved, user, code: "seal_self_approved") }
            (e.people, e.approvedBy) = (user, approver)
        case .documentHandled:
            e.body = try required(d.body, "text", OfficeInputs.summaryMax)
            guard let target = d.handles else { throw ShequError.invalid(.errorMissingField, "handles", code: "missing_field") }
            let document = try await open(target, community: community, on: db)
            guard d.onDate >= (LocalDate(document.onDate) ?? earliest) else {
                throw ShequError.invalid(.officeHandledBefore, document.onDate, code: "implausible_date")
            }
            e.handlesID = target
        }
        if let corrected = d.corrects {
            try await requireCorrectable(corrected, kind: d.kind, community: community, on: db)
            e.correctsID = corrected
        }
        do {
            try await e.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two corrections or handlings of one entry at once: the unique index decides, the answer is the rule's.
            throw ShequError(.conflict, d.kind == .documentHandled ? .officeAlreadyHandled : .officeAlreadyCorrected, code: "already_recorded")
        }
        return e
    }

    /// A document of this community, received or sent, not corrected and not yet handled.
    static func open(_ id: UUID, community: String, on db: any Database) async throws -> OfficeEntry {
        try await lock(id, on: db)
        guard let doc = try await OfficeEntry.find(id, on: db), doc.divisionCode == community, OfficeKind.documents.contains(doc.kind) else {
            throw ShequError.notFound
        }
        guard try await OfficeEntry.query(on: db).filter(\.$correctsID == id).count() == 0 else {
            throw ShequError(.conflict, .officeSuperseded, code: "superseded")
        }
        guard try await OfficeEntry.query(on: db).filter(\.$handlesID == id).count() == 0 else {
            throw ShequError(.conflict, .officeAlreadyHandled, code: "already_handled")
        }
        return doc
    }

    /// A correction puts right one entry of the same kind and community, once; a handled document is not rewritten.
    static func requireCorrectable(_ id: UUID, kind: OfficeKind, community: String, on db: any Database) async throws {
        try await lock(id, on: db)
        guard kind != .documentHandled, let old = try await OfficeEntry.find(id, on: db), old.divisionCode == community, old.kind == kind else {
            throw ShequError.invalid(.officeInvalidCorrection, id.uuidString, code: "invalid_correction")
        }
        guard try await OfficeEntry.query(on: db).filter(\.$correctsID == id).count() == 0 else {
            throw ShequError(.conflict, .officeAlreadyCorrected, code: "already_corrected")
        }
        if OfficeKind.documents.contains(kind), try await OfficeEntry.query(on: db).filter(\.$handlesID == id).count() > 0 {
            throw ShequError(.conflict, .officeHandledNotCorrected, code: "already_handled")
        }
    }

    /// Documents of the community past their deadline with no handling, not corrected: the overdue list.
    public static func overdue(_ community: String, today: LocalDate = LocalDate(instant: Date()), on db: any Database) -> QueryBuilder<OfficeEntry> {
        openDocuments(community, on: db).filter(\.$deadline != nil).filter(\.$deadline < today.description)
    }

    /// Documents still open (handled by no entry, not corrected), with or without a deadline, the nearest deadline first.
    /// Each entry is corrected and handled at most once (unique indexes), so the two outer joins add no rows.
    public static func openDocuments(_ community: String, on db: any Database) -> QueryBuilder<OfficeEntry> {
        OfficeEntry.query(on: db).filter(\.$divisionCode == community).filter(\.$kind ~~ OfficeKind.documents)
            .join(Correction.self, on: \OfficeEntry.$id == \Correction.$correctsID, method: .left)
            .join(Handling.self, on: \OfficeEntry.$id == \Handling.$handlesID, method: .left)
            .filter(Correction.self, \.$correctsID == nil).filter(Handling.self, \.$handlesID == nil)
            .sort(\.$deadline).sort(\.$id)
    }

    /// The entry that corrects another, and the one that handles a document, joined to the entry they follow.
    final class Correction: ModelAlias, @unchecked Sendable {
        static let name = "correction"
        let model = OfficeEntry()
    }

    final class Handling: ModelAlias, @unchecked Sendable {
        static let name = "handling"
        let model = OfficeEntry()
    }

    static func required(_ raw: String?, _ field: String, _ max: Int) throws -> String {
        try PlainText.clean(raw ?? "", field: field, max: max)
    }

    static func text(_ raw: String?, _ field: String, _ max: Int) throws -> String? {
        guard let raw, !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return try PlainText.clean(raw, field: field, max: max)
    }

    /// "HH:MM" on a 24-hour clock.
    static func time(_ raw: String?, _ field: String) throws -> String {
        let t = (raw ?? "").trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        // Digits only: `Int` also reads a sign, and "+8:30" or "08:-0" sorted and showed as no time does.
        guard t.count == 5, parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }),
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m) else {
            throw ShequError.invalid(.officeTime, "\(field): \(t)", code: "invalid_time")
        }
        return t
    }
}
