import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// Entering a member and the person's confirmation (PartyMemberEntry), callable without HTTP.
enum PartyMemberEntries {
    static let indexKind = "party-entry"

    static func index(of number: ResidentID, _ vault: PersonalDataVault) -> String {
        vault.index(number.rawValue, kind: indexKind)
    }

    /// The workplace organisation enters an ID number. Whoever holds it (or nobody) is never looked up here: the
    /// answer is the same entry either way. Entering the same number again while it waits gives back that entry.
    static func propose(idNumber raw: String, standing: PartyStanding, by org: PartyOrganization, today: LocalDate, _ vault: PersonalDataVault,
                        on db: any Database) async throws -> PartyMemberEntry {
        let number: ResidentID
        do { number = try ResidentID(raw.trimmingCharacters(in: .whitespaces).uppercased()) } catch { throw error.shequError }
        let orgID = try org.requireID(), index = index(of: number, vault)
        // The same number again gives back the entry it has, waiting or declined (a declined one waits again, under
        // its id and first date): a new entry after a decline would tell the officer the number is someone's here.
        if let known = try await PartyMemberEntry.query(on: db).filter(\.$organizationID == orgID).filter(\.$idIndex == index)
            .filter(\.$state ~~ [.pending, .declined]).first() {
            if known.state == .declined {
                known.state = .pending
                known.decidedOn = nil
                try await known.save(on: db)
            }
            return known
        }
        let e = PartyMemberEntry()
        e.organizationID = orgID
        e.standing = standing
        e.idIndex = index
        e.idMasked = String(number.rawValue.prefix(6)) + String(repeating: "*", count: 8) + String(number.rawValue.suffix(4))
        e.enteredOn = today.description
        e.state = .pending
        try await e.create(on: db)
        return e
    }

    /// The entries waiting for this resident, found by their own ID number.
    static func waiting(for resident: Resident, _ vault: PersonalDataVault, on db: any Database) async throws -> [PartyMemberEntry] {
        guard let number = try? ResidentID(try vault.open(resident.idNumberSealed)) else { return [] }
        return try await PartyMemberEntry.query(on: db).filter(\.$idIndex == index(of: number, vault)).filter(\.$state == .pending)
            .sort(\.$enteredOn).sort(\.$id).all()
    }

    /// One entry of this resident's, whatever its state, or nil: an entry for someone else is nobody's business here.
    static func ownEntry(_ id: UUID, for resident: Resident, _ vault: PersonalDataVault, on db: any Database) async throws -> PartyMemberEntry? {
        guard let number = try? ResidentID(try vault.open(resident.idNumberSealed)),
              let e = try await PartyMemberEntry.find(id, on: db), e.idIndex == index(of: number, vault) else { return nil }
        return e
    }

    static func claim(_ id: UUID, as state: PartyMemberEntryState, today: LocalDate, on db: any Database) async throws {
        try await PendingAnswer.claim(PartyMemberEntry.schema, id: id, as: state.rawValue, today: today,
                                      decided: ShequError(.conflict, .pbErrorEntryDecided, code: "entry_decided"), on: db)
    }

    /// The person confirms: the membership is made, in the organisation that entered them.
    static func confirm(_ e: PartyMemberEntry, resident: Resident, today: LocalDate, _ vault: PersonalDataVault, on db: any Database) async throws -> PartyMembership {
        let id = try e.requireID()
        try await claim(id, as: .confirmed, today: today, on: db)
        guard let org = try await PartyOrganization.find(e.organizationID, on: db) else { throw ShequError.notFound }
        let m = try await PartyMemberships.admit(try resident.requireID(), standing: e.standing, workplace: org, vault, on: db)
        try await PartyMemberEntry.query(on: db).filter(\.$id == id).set(\.$membershipID, to: m.id).update()
        return m
    }

    static func decline(_ e: PartyMemberEntry, today: LocalDate, on db: any Database) async throws {
        try await claim(try e.requireID(), as: .declined, today: today, on: db)
    }

    /// What the organisation's officers see of their entries: the masked number they typed, never a name.
    struct Row: Content, Sendable {
        var id: UUID
        var idNumber: String
        var standing: PartyStanding
        var enteredOn: String
        var state: PartyMemberEntryState
        var decidedOn: String?

        init(_ e: PartyMemberEntry) throws {
            id = try e.requireID()
            idNumber = e.idMasked
            standing = e.standing
            enteredOn = e.enteredOn
            // A declined entry looks, to the officers, like one still waiting: "declined" would tell them the number
            // belongs to someone with an account here.
            state = e.state == .declined ? .pending : e.state
            decidedOn = e.state == .declined ? nil : e.decidedOn
        }
    }

    static func of(_ orgID: UUID, on db: any Database) -> QueryBuilder<PartyMemberEntry> {
        PartyMemberEntry.query(on: db).filter(\.$organizationID == orgID).sort(\.$enteredOn, .descending).sort(\.$id)
    }
}
