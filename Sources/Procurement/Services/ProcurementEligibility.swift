import Fluent
import Foundation
import ShequPlatform
import SocialOrganizations

/// Who may be invited to and apply for a call: an organisation of the public registry (an approved filing), not on
/// the list of serious dishonesty (C3).
enum ProcurementEligibility {
    struct Eligible {
        let organizationID: UUID
        let name: String
    }

    static func require(_ organizationID: UUID, on db: any Database) async throws -> Eligible {
        guard let filing = try await Filing.query(on: db).filter(\.$organizationID == organizationID).filter(\.$state == .approved).first() else {
            throw ShequError.invalid(.procNotEligible, organizationID.uuidString, code: "not_eligible")
        }
        if try await isOnSeriousDishonestyList(organizationID, on: db) {
            throw ShequError.invalid(.procDishonest, filing.name, code: "dishonesty_list")
        }
        return Eligible(organizationID: organizationID, name: filing.name)
    }

    /// C3: an organisation on the serious-dishonesty list (严重违法失信名单) may not take part; the list is derived
    /// by the SocialOrganizations module from the organisation's integrity record.
    static func isOnSeriousDishonestyList(_ organizationID: UUID, on db: any Database) async throws -> Bool {
        try await IntegrityRecord.standing(of: organizationID, db: db)?.onDishonestList ?? false
    }
}

extension ProcurementEligibility {
    struct Entry {
        let id: UUID
        let name: String
    }

    /// The registry's organisations, for the invitee list of a call form.
    static func registry(on db: any Database) async throws -> [Entry] {
        try await Filing.query(on: db).filter(\.$state == .approved).sort(\.$name).limit(500).all()
            .compactMap { f in f.organizationID.map { Entry(id: $0, name: f.name) } }
    }
}
