import Fluent
import Foundation
import ShequKernel

/// One published OCDS release in the release log. Append-only: no code path updates
/// or deletes a row; a release is superseded by a later one of the same ocid.
final class OCDSReleaseEntry: Model, @unchecked Sendable {
    static let schema = "ocds_releases"

    @ID var id: UUID?
    /// The release's own `id`: "<ocid>-<ordinal>".
    @Field(key: "release_id") var releaseID: String
    @Field(key: "ocid") var ocid: String
    @Field(key: "project_id") var projectID: UUID
    /// 1, 2, … within the ocid, in publication order.
    @Field(key: "ordinal") var ordinal: Int
    /// The release's tags, comma-separated (e.g. "award,contract").
    @Field(key: "tag") var tag: String
    /// The release's `date` (RFC 3339, +08:00), so dates sort as text.
    @Field(key: "date") var date: String
    /// The year of `date` in Beijing: the yearly package's key.
    @Field(key: "year") var year: Int
    /// The chain the release is linked into: the buyer's division (a street's or district's code).
    @Field(key: "chain") var chain: String
    @Field(key: "sequence") var sequence: Int
    /// The release's canonical JSON, exactly the bytes every package and record repeats.
    @Field(key: "json") var json: String
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    init() {}

    /// The exact bytes the hash covers. Changing this changes every hash: never edit it.
    var canonicalContent: String {
        [chain, String(sequence), releaseID, ocid, projectID.uuidString.lowercased(), String(ordinal), tag, date, String(year), json]
            .joined(separator: "\u{1e}")
    }

    var link: HashChain.Link {
        HashChain.Link(sequence: sequence, content: canonicalContent, previousHash: previousHash, hash: hash)
    }
}
