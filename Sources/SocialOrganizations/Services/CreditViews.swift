import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// A sentence in both languages, for JSON clients that show the rules' own words.
public struct Bilingual: Content, Sendable {
    public var zh: String
    public var en: String

    init(_ p: Phrase) {
        zh = p.zh
        en = p.en
    }
}

/// An integrity entry as the public sees it: who typed it is the audit log's business, not the page's.
public struct IntegrityEntryView: Content, Sendable {
    public var id: UUID
    public var organizationID: UUID
    public var kind: IntegrityKind
    public var source: IntegritySource
    public var severity: IntegritySeverity
    /// In fen; a fine only.
    public var fineFen: Int64?
    public var summary: String
    public var evidence: String
    public var sourceReference: String?
    public var occurredOn: String
    public var correctsID: UUID?
    /// The later entry that replaces this one, if any.
    public var correctedByID: UUID?
    public var recordedAt: Date?

    init(_ e: IntegrityEntry, correctedBy: UUID?) throws {
        id = try e.requireID()
        organizationID = e.organizationID
        kind = e.kind
        source = e.source
        severity = e.severity
        fineFen = e.fineFen
        summary = e.summary
        evidence = e.evidence
        sourceReference = e.sourceReference
        occurredOn = e.occurredOn
        correctsID = e.correctsID
        correctedByID = correctedBy
        recordedAt = e.createdAt
    }
}

/// An annual report as the public sees it (who filed it is not shown).
public struct AnnualReportView: Content, Sendable {
    public var id: UUID
    public var organizationID: UUID
    public var year: Int
    public var activities: String
    public var members: Int
    public var incomeFen: Int64
    public var spendingFen: Int64
    public var filedOn: String
    /// By 30 June of the next year.
    public var onTime: Bool

    init(_ r: AnnualReport) throws {
        id = try r.requireID()
        organizationID = r.organizationID
        year = r.year
        activities = r.activities
        members = r.members
        incomeFen = r.incomeFen
        spendingFen = r.spendingFen
        filedOn = r.filedOn
        onTime = CreditLists.reportDueOn(year: r.year).flatMap { due in LocalDate(r.filedOn).map { $0 <= due } } ?? false
    }
}

/// One stay on a list: why, since when, and how it comes off (or came off).
public struct ListingView: Content, Sendable {
    public var list: CreditList
    public var since: String
    public var reasons: [Bilingual]
    public var wayOff: Bilingual
    /// The day it comes off on its own (abnormal, nothing to rectify) or may first be applied for (dishonesty).
    public var earliestOff: String?
    public var endedOn: String?
    public var ended: Bilingual?

    init(_ l: Listing, facts: CreditFacts, on day: LocalDate) {
        list = l.list
        since = l.since.description
        reasons = l.reasons.map { Bilingual(CreditWords.reason($0)) }
        let way = l.wayOff(facts, on: day)
        wayOff = Bilingual(CreditWords.wayOff(way))
        switch way {
        case .automatic(let on), .applyFrom(let on, _): earliestOff = on.description
        case .rectifyAndApply, .deregistration: earliestOff = nil
        }
        endedOn = l.endedOn?.description
        ended = l.endedBy.map { Bilingual($0.phrase) }
    }
}

/// An organisation's supervision class, the rule that gave it, and where it stands on the two lists today.
public struct SupervisionView: Content, Sendable {
    public var organizationID: UUID
    public var name: String
    public var streetCode: String
    public var supervisionClass: SupervisionClass
    public var classLabel: Bilingual
    public var rule: Bilingual
    public var day: String
    public var listings: [ListingView]
    public var pastListings: [ListingView]
}

enum CreditQueries {
    static func supervision(_ filing: Filing, facts: CreditFacts, on day: LocalDate) -> SupervisionView? {
        guard let id = filing.organizationID else { return nil }
        let (cls, rule) = SupervisionClass.of(facts, on: day)
        let standing = CreditLists.standing(facts, on: day)
        return SupervisionView(organizationID: id, name: filing.name, streetCode: filing.streetCode, supervisionClass: cls,
                               classLabel: Bilingual(cls.phrase), rule: Bilingual(CreditWords.rule(rule)), day: day.description,
                               listings: [standing.dishonest, standing.abnormal].compactMap { $0 }.map { ListingView($0, facts: facts, on: day) },
                               pastListings: standing.ended.reversed().map { ListingView($0, facts: facts, on: day) })
    }

    static func supervision(of filing: Filing, on db: any Database) async throws -> SupervisionView? {
        guard let id = filing.organizationID, let facts = try await IntegrityRecord.facts(for: [filing], on: db)[id] else { return nil }
        return supervision(filing, facts: facts, on: IntegrityRecord.today)
    }

    /// Every registry organisation on `list` today, the latest listed first. The lists are derived, so the whole
    /// registry is read (four queries) and the page cut from it.
    static func listed(_ list: CreditList, on db: any Database) async throws -> [SupervisionView] {
        let filings = try await FilingQueries.registry(category: nil, on: db).all()
        let facts = try await IntegrityRecord.facts(for: filings, on: db)
        let day = IntegrityRecord.today
        return filings.compactMap { f in f.organizationID.flatMap { facts[$0] }.flatMap { supervision(f, facts: $0, on: day) } }
            .filter { $0.listings.contains { $0.list == list } }
            .sorted { a, b in
                let sa = a.listings.first { $0.list == list }?.since ?? "", sb = b.listings.first { $0.list == list }?.since ?? ""
                return sa != sb ? sa > sb : a.name < b.name
            }
    }

    /// The class of each of these registry organisations today, for a list's column (four queries for the page).
    static func classes(organizations ids: [UUID], on db: any Database) async throws -> [UUID: SupervisionClass] {
        guard !ids.isEmpty else { return [:] }
        let filings = try await Filing.query(on: db).filter(\.$organizationID ~~ ids).filter(\.$state == .approved).all()
        let day = IntegrityRecord.today
        return try await IntegrityRecord.facts(for: filings, on: db).mapValues { SupervisionClass.of($0, on: day).0 }
    }

    static func page<T: Content>(_ all: [T], _ request: ListPageRequest) -> ListPage<T> {
        let start = min(request.offset, all.count)
        return ListPage(items: Array(all[start..<min(start + request.perPage, all.count)]), total: all.count, page: request.page,
                        perPage: request.perPage)
    }

    /// An organisation's entries, newest first, each with the later entry that corrects it.
    static func entries(organization id: UUID, page: ListPageRequest, on db: any Database) async throws -> ListPage<IntegrityEntryView> {
        let corrections = try await IntegrityEntry.query(on: db).filter(\.$organizationID == id).filter(\.$correctsID != nil).all()
        let correctedBy = Dictionary(corrections.compactMap { c in c.correctsID.flatMap { old in c.id.map { (old, $0) } } },
                                     uniquingKeysWith: { a, _ in a })
        return try await IntegrityEntry.query(on: db).filter(\.$organizationID == id)
            .sort(\.$occurredOn, .descending).sort(\.$createdAt, .descending).sort(\.$id)
            .paged(page) { e in try IntegrityEntryView(e, correctedBy: e.id.flatMap { correctedBy[$0] }) }
    }

    static func reports(organization id: UUID, page: ListPageRequest, on db: any Database) async throws -> ListPage<AnnualReportView> {
        try await AnnualReport.query(on: db).filter(\.$organizationID == id).sort(\.$year, .descending).sort(\.$id)
            .paged(page) { try AnnualReportView($0) }
    }
}
