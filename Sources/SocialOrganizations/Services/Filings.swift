import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit

/// C1's rules, callable without HTTP (the API route, the page form and the demo all run these): a resident files,
/// the street decides once. Each function runs inside the caller's write transaction, with its audit entry.
public enum Filings {
    /// What a filing says, as the input declared it (already within its bounds).
    public struct Draft: Sendable {
        public var name: String
        public var category: SocialOrganizationCategory
        public var streetCode: String
        public var communities: [String]
        public var purpose: String
        public var contactName: String
        public var contactPhone: String
        public var members: Int
        public var partner: CrossBorderPartner

        public init(name: String, category: SocialOrganizationCategory, streetCode: String, communities: [String], purpose: String,
                    contactName: String, contactPhone: String, members: Int, partner: CrossBorderPartner = .none) {
            self.name = name
            self.category = category
            self.streetCode = streetCode
            self.communities = communities
            self.purpose = purpose
            self.contactName = contactName
            self.contactPhone = contactPhone
            self.members = members
            self.partner = partner
        }
    }

    /// Files an organisation: the street must be a street, each community a community, the phone a phone, and no
    /// organisation of that name may already be in the registry or waiting for review.
    public static func file(_ draft: Draft, byAccount accountID: UUID, username: String, vault: PersonalDataVault,
                            on db: any Database) async throws -> Filing {
        let name = try cleanName(draft.name, field: "name", max: FilingInputs.nameMax)
        let street = try await requireStreet(draft.streetCode, on: db)
        // The published maximum counts what was sent: a multipart body reaches here unchecked by the declaration.
        guard draft.communities.count <= FilingInputs.communitiesMax else {
            throw ShequError(.unprocessableEntity, .errorTooMany, detail: "communities (≤ \(FilingInputs.communitiesMax))", code: "too_many")
        }
        let communities = Array(Set(draft.communities.map { $0.trimmingCharacters(in: .whitespaces) })).sorted()
        guard !communities.isEmpty else { throw ShequError.invalid(.errorMissingField, "communities", code: "missing_field") }
        for code in communities {
            // Only digits reach the database: PostgreSQL refuses a NUL in a bound text (a 500, not an answer).
            guard isCode(code, length: 12), let d = try await Division.find(code, on: db), d.level == .community else {
                throw ShequError.invalid(.errorFilingNotCommunity, shown(code), code: "not_community")
            }
        }
        guard let phone = Phone.normalize(draft.contactPhone) else {
            throw ShequError.invalid(.errorPhone, " (contactPhone)", code: "invalid_phone")
        }
        guard FilingInputs.membersRange.contains(draft.members) else {
            throw ShequError.invalid(.errorOutOfRange, "members", code: "out_of_range")
        }
        let taken = try await Filing.query(on: db).filter(\.$name == name)
            .filter(\.$state ~~ [FilingState.submitted, .approved]).count()
        guard taken == 0 else { throw ShequError(.conflict, .errorFilingNameTaken, detail: name, code: "name_taken") }
        // The low threshold is for organisations, not for flooding a street's queue: a few waiting at a time.
        // The account's row is held on PostgreSQL so that filings sent at once count each other (SQLite's writes take turns).
        if db.isPostgres, let sql = db as? any SQLDatabase {
            _ = try await sql.raw("SELECT id FROM \(ident: Account.schema) WHERE id = \(bind: accountID) FOR UPDATE").all()
        }
        let open = try await Filing.query(on: db).filter(\.$filedByAccountID == accountID).filter(\.$state == .submitted).count()
        guard open < FilingInputs.openPerAccount else {
            throw ShequError(.conflict, .errorFilingTooManyOpen, detail: String(FilingInputs.openPerAccount), code: "too_many_open_filings")
        }

        let filing = Filing()
        filing.id = UUID()
        filing.name = name
        filing.category = draft.category
        filing.streetCode = street.code
        filing.purpose = try clean(draft.purpose, field: "purpose", max: FilingInputs.purposeMax)
        filing.contactName = try clean(draft.contactName, field: "contactName", max: FilingInputs.contactNameMax)
        filing.contactPhoneSealed = try vault.seal(phone)
        filing.contactPhoneMasked = Phone.mask(phone)
        filing.members = draft.members
        filing.partner = draft.partner
        filing.state = .submitted
        filing.filedByAccountID = accountID
        filing.filedBy = username
        do {
            try await filing.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Another filing of this name got in first (the open-name index).
            throw ShequError(.conflict, .errorFilingNameTaken, detail: name, code: "name_taken")
        }
        let id = try filing.requireID()
        for code in communities { try await FilingCommunity(filingID: id, divisionCode: code).create(on: db) }
        return filing
    }

    public enum Decision: String, Sendable, CaseIterable {
        case approve, refuse, `return`

        var state: FilingState {
            switch self {
            case .approve: .approved
            case .refuse: .refused
            case .return: .returned
            }
        }
    }

    /// Decides a submitted filing once: one conditional UPDATE, so two reviewers pressing at once cannot both
    /// decide it. Refusing and returning need a reason (the policy asks for reasons); approving puts the
    /// organisation in the registry and in the directory, in the same transaction.
    /// An official who lives in the street may file as a resident; their own organisation is decided by a
    /// colleague or the district above, never by its filer.
    public static func requireNotFiler(_ filing: Filing, _ reviewer: Actor) throws(ShequError) {
        if filing.filedByAccountID == reviewer.accountID { throw ShequError(.forbidden, .errorFilingOwn, code: "own_filing") }
    }

    public static func decide(_ filing: Filing, _ decision: Decision, reason: String?, by reviewer: String,
                              on db: any Database) async throws -> Filing {
        let id = try filing.requireID()
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if decision != .approve, reason == nil {
            throw ShequError.invalid(.errorFilingReasonRequired, "reason", code: "reason_required")
        }
        if let reason { _ = try clean(reason, field: "reason", max: FilingInputs.reasonMax) }
        let sql = db as! any SQLDatabase
        let won = try await sql.raw("""
            UPDATE \(ident: Filing.schema) SET state = \(bind: decision.state.rawValue)
            WHERE id = \(bind: id) AND state = \(bind: FilingState.submitted.rawValue) RETURNING id
            """).all()
        guard !won.isEmpty else {
            let now = try await Filing.find(id, on: db)?.state ?? filing.state
            // The state in the reader's words, not its code name.
            let said = Phrase(zh: Phrase.errorFilingDecided.zh + now.phrase.zh, en: Phrase.errorFilingDecided.en + now.phrase.en)
            throw ShequError(.conflict, said, code: "already_decided")
        }
        guard let decided = try await Filing.find(id, on: db) else { throw ShequError.notFound }
        decided.reason = reason
        decided.decidedBy = reviewer
        decided.decidedAt = Date()
        if decision == .approve {
            let organizationID = try await enterInDirectory(decided, on: db)
            decided.organizationID = organizationID
            // The organisation acts for itself from now on: its filer is its first staff member (C1).
            try await Grant(accountID: decided.filedByAccountID, role: .organizationStaff, scope: decided.streetCode,
                            organizationID: organizationID).create(on: db)
        }
        try await decided.save(on: db)
        return decided
    }

    /// The directory's `organizations` row (kind socialOrganization) and the communities it serves, so the
    /// directory's lists and every later module (integrity, procurement) find the organisation by one id.
    static func enterInDirectory(_ filing: Filing, on db: any Database) async throws -> UUID {
        let org = Organization()
        org.id = UUID()
        org.kind = .socialOrganization
        org.name = filing.name
        org.category = filing.category.phrase.zh
        // Masked: the directory's lists show this field as it is.
        org.contact = "\(filing.contactName) \(filing.contactPhoneMasked)"
        org.divisionCode = filing.streetCode
        try await org.create(on: db)
        let orgID = try org.requireID(), filingID = try filing.requireID()
        for code in try await communities(of: [filingID], on: db)[filingID] ?? [] {
            try await OrganizationCommunity(organizationID: orgID, divisionCode: code).create(on: db)
        }
        return orgID
    }

    static func communities(of filings: [UUID], on db: any Database) async throws -> [UUID: [String]] {
        guard !filings.isEmpty else { return [:] }
        let rows = try await FilingCommunity.query(on: db).filter(\.$filingID ~~ filings).all()
        return Dictionary(grouping: rows, by: \.filingID).mapValues { $0.map(\.divisionCode).sorted() }
    }

    static func requireStreet(_ raw: String, on db: any Database) async throws -> Division {
        let code = raw.trimmingCharacters(in: .whitespaces)
        guard isCode(code, length: 9), let d = try await Division.find(code, on: db), d.level == .street else {
            throw ShequError.invalid(.errorFilingNotStreet, shown(code), code: "not_street")
        }
        return d
    }

    /// A name the registry tells apart from the others as a reader would: invisible characters (format characters
    /// such as zero-width spaces and bidirectional marks, variation selectors) dropped, and the ideographs that only
    /// look like others (Kangxi radicals, compatibility ideographs: ⼼ U+2F3C is 心) folded to them, so that two names
    /// that look alike are one name. Full-width punctuation stays as typed: Chinese names are written with it.
    static func cleanName(_ raw: String, field: String, max: Int) throws -> String {
        var folded = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars where scalar.properties.generalCategory != .format && !scalar.properties.isVariationSelector {
            if lookalikeIdeographs.contains(where: { $0.contains(scalar.value) }) {
                folded.append(contentsOf: String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars)
            } else {
                folded.append(scalar)
            }
        }
        return try clean(String(folded), field: field, max: max)
    }

    /// Kangxi radicals, CJK radicals supplement, compatibility ideographs and their supplement.
    static let lookalikeIdeographs: [ClosedRange<UInt32>] = [0x2E80...0x2FDF, 0xF900...0xFAFF, 0x2F800...0x2FA1F]

    /// The platform's rule for texts (`PlainText`), the field named if one breaks it.
    static func clean(_ raw: String, field: String, max: Int) throws -> String {
        try PlainText.clean(raw, field: field, max: max)
    }

    /// What was sent instead of a code, short and printable, to name it in the answer.
    static func shown(_ raw: String) -> String {
        String(String.UnicodeScalarView(raw.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(20)))
    }

    /// A division code of its level's length, ASCII digits only.
    static func isCode(_ s: String, length: Int) -> Bool {
        s.utf8.count == length && s.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
