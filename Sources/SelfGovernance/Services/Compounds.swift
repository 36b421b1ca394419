import Foundation
import ShequPlatform

/// S4's rules for compounds, callable without HTTP.
public enum Compounds {
    /// Guidance and supervision are of an owners' committee: a compound without one has nobody to guide.
    public static func requireOwnersCommittee(_ c: Compound) throws {
        guard c.ownersCommitteeID != nil else { throw ShequError(.conflict, .errorNoOwnersCommittee, code: "no_owners_committee") }
    }

    /// A three-party meeting needs a compound with both an owners' committee and a property manager,
    /// and someone present for each party. Returns the attendance as recorded ("party: names" lines).
    public static func threePartyAttendance(_ c: Compound, attendees: [String: String]) throws -> String {
        guard c.ownersCommitteeID != nil, c.propertyManagerID != nil else {
            throw ShequError(.conflict, .errorNoOwnersCommittee, code: "no_owners_committee")
        }
        let missing = MeetingParty.allCases.filter { (attendees[$0.rawValue] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        guard missing.isEmpty else {
            throw ShequError.invalid(.errorThreeParties, missing.map(\.rawValue).joined(separator: ", "), code: "parties_missing")
        }
        return MeetingParty.allCases.map { "\($0.rawValue): \(attendees[$0.rawValue]!)" }.joined(separator: "\n")
    }
}
