import Foundation
import ShequKernel
import Vapor

/// One line of the public record as it is read and shown: everything the entry holds, hashes included, so a
/// reader can check the chain themself; read with SQL rather than as a model (see `SQLSelectBuilder.paged`).
struct PublicRecordRow: Content, Equatable {
    static let columns = ["id", "division_code", "sequence", "recorded_at", "matter_id", "kind", "body", "summary", "previous_hash", "hash"]

    var id: UUID
    var divisionCode: String
    var sequence: Int
    var recordedAt: String
    var matterID: UUID?
    var kind: String
    var body: String
    var summary: String
    var previousHash: String
    var hash: String

    /// An entry without a matter says `"matterID": null`, as the record always has, rather than leaving the key out.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(divisionCode, forKey: .divisionCode)
        try c.encode(sequence, forKey: .sequence)
        try c.encode(recordedAt, forKey: .recordedAt)
        try c.encode(matterID, forKey: .matterID)
        try c.encode(kind, forKey: .kind)
        try c.encode(body, forKey: .body)
        try c.encode(summary, forKey: .summary)
        try c.encode(previousHash, forKey: .previousHash)
        try c.encode(hash, forKey: .hash)
    }

    var canonicalContent: String {
        PublicRecordEntry.canonical(divisionCode, sequence, recordedAt, matterID, kind, body, summary)
    }

    var link: HashChain.Link {
        HashChain.Link(sequence: sequence, content: canonicalContent, previousHash: previousHash, hash: hash)
    }
}
