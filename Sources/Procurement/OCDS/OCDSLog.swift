import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit

/// The OCDS release log: append-only and tamper-evident like the audit log, with
/// the kernel's keyed links and the platform's sealed heads and checkpoints.
/// One chain per buyer division (a street or district), so a city's streets never
/// wait on each other's appends and the checkpoint of heads stays a few dozen rows
/// however many projects there are.
public enum OCDSLog {
    static let heads = ChainHead(table: "ocds_chain_heads", keyColumn: "chain")

    public struct Appended: Sendable {
        public let releaseID: String
        public let ordinal: Int
        public let sequence: Int
    }

    /// Appends a release inside the caller's write transaction. The release's `id` is
    /// assigned here ("<ocid>-<ordinal>"), since only the log knows the ordinal.
    @discardableResult
    public static func append(_ release: OCDSRelease, projectID: UUID, chain: String, on db: any Database,
                              now: Date = Date()) async throws -> Appended {
        let head = try await heads.lock(chain, on: db)
        // The chain's head is locked (PostgreSQL) or the one writer is held (SQLite), and a project's
        // releases go into one chain, so the ordinal read here cannot be taken by another writer.
        let last = try await OCDSReleaseEntry.query(on: db).filter(\.$ocid == release.ocid).max(\.$ordinal) ?? 0
        var release = release
        let ordinal = last + 1
        release.id = release.ocid + "-" + String(ordinal)
        let entry = OCDSReleaseEntry()
        entry.id = TimeOrderedID.make(at: now)
        entry.releaseID = release.id
        entry.ocid = release.ocid
        entry.projectID = projectID
        entry.ordinal = ordinal
        entry.tag = release.tag.map(\.rawValue).joined(separator: ",")
        entry.date = release.date
        entry.year = Int(release.date.prefix(4)) ?? OCDSDate.year(now)
        entry.chain = chain
        entry.sequence = head.sequence + 1
        entry.json = release.json.canonicalText
        entry.previousHash = head.hash
        entry.hash = try heads.link(previous: head.hash, content: entry.canonicalContent)
        try await entry.create(on: db)
        try await heads.advance(chain, from: head, to: entry.sequence, hash: entry.hash, on: db)
        return Appended(releaseID: release.id, ordinal: ordinal, sequence: entry.sequence)
    }

    /// A project's releases, oldest first, as stored.
    public static func releaseTexts(projectID: UUID, on db: any Database) async throws -> [String] {
        try await OCDSReleaseEntry.query(on: db).filter(\.$projectID == projectID).sort(\.$ordinal).field(\.$json).all().map(\.json)
    }

    public static func releases(projectID: UUID, on db: any Database) async throws -> [OCDSJSON] {
        try await releaseTexts(projectID: projectID, on: db).map { try OCDSJSON.parse($0) }
    }

    public struct YearRow: Sendable {
        public let id: UUID
        public let date: String
        public let json: String
    }

    /// One keyset page of a year's releases in date order: never an offset, so the
    /// thousandth page costs what the first does.
    public static func yearPage(_ year: Int, after: (date: String, id: UUID)?, limit: Int, on db: any Database) async throws -> [YearRow] {
        let query = OCDSReleaseEntry.query(on: db).filter(\.$year == year)
        if let after {
            query.group(.or) { $0.filter(\.$date > after.date).group(.and) { $0.filter(\.$date == after.date).filter(\.$id > after.id) } }
        }
        return try await query.sort(\.$date).sort(\.$id).limit(limit).field(\.$id).field(\.$date).field(\.$json).all()
            .compactMap { e in e.id.map { YearRow(id: $0, date: e.date, json: e.json) } }
    }

    public struct Finding: Sendable, Equatable {
        public let chain: String
        public let sequence: Int
        public let releaseID: String?
        public let problem: String
    }

    /// Walks every chain (or one) from its first release and returns the first thing that does
    /// not hold: a release edited, one missing from the middle (a gap), a tail cut off below
    /// the head or the checkpoint, a head moved back, or a whole chain gone.
    public static func verify(chain: String? = nil, on db: any Database) async throws -> (checked: Int, finding: Finding?) {
        let (checked, finding) = try await heads.verify(only: chain, on: db) { chain, from, through in
            try await OCDSReleaseEntry.query(on: db).filter(\.$chain == chain).filter(\.$sequence >= from).filter(\.$sequence <= through)
                .sort(\.$sequence).limit(1000).all().map { ($0.id, $0.link) }
        }
        guard let finding else { return (checked, nil) }
        var releaseID: String?
        if let id = finding.entryID { releaseID = try await OCDSReleaseEntry.find(id, on: db)?.releaseID }
        return (checked, Finding(chain: finding.chain, sequence: finding.sequence, releaseID: releaseID, problem: finding.problem))
    }
}
