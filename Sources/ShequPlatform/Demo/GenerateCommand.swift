import Fluent
import ShequKernel
import SQLKit
import Vapor

/// `shequ generate --residents N [--seed S]`: a synthetic city for load tests.
/// Same seed, same city. Rows go in as multi-row INSERTs inside large
/// transactions, which is what makes millions practical on two cores.
struct GenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "residents", help: "How many residents to create")
        var residents: Int?
        @Option(name: "seed", help: "Random seed (default 1)")
        var seed: Int?
    }

    var help: String { "Creates synthetic residents and households spread over every community (deterministic per --seed)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let total = signature.residents, total > 0 else {
            context.console.error("usage: shequ generate --residents N [--seed S]")
            throw CommandExit(2)
        }
        let started = Date()
        let made = try await CityGenerator(app: context.application, seed: UInt64(signature.seed ?? 1)).generate(residents: total) { done in
            let width = 30
            let filled = Int(Double(done) / Double(total) * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            context.console.output("\r[\(bar)] \(done)/\(total)".consoleText(), newLine: false)
        }
        context.console.print("")
        let seconds = Date().timeIntervalSince(started)
        context.console.print("generated \(made.residents) residents in \(made.households) households in \(String(format: "%.1f", seconds)) s")
    }
}

public struct CommandExit: Error {
    public let code: Int32
    public init(_ code: Int32) { self.code = code }
}

struct CityGenerator {
    let app: Application
    let seed: UInt64
    static let batch = 500
    static let perTransaction = 20_000

    func generate(residents total: Int, progress: (Int) -> Void) async throws -> (residents: Int, households: Int) {
        let db = app.db
        let vault = PersonalDataVault(secrets: app.secrets)
        let communities = try await Division.query(on: db).filter(\.$level == .community).sort(\.$id).all().map(\.code)
        var rng = SeededGenerator(seed: seed)
        let reference = Date(timeIntervalSince1970: 1_767_225_600)
        let referenceDay = LocalDate(instant: reference)
        let now = Date()
        var sequences: [String: Int] = [:]
        // People already on file (the demo's, an import) keep their numbers; the generator steps around them.
        var taken = Set(try await (db as! any SQLDatabase).raw("SELECT id_number_index FROM residents").all()
            .map { try $0.decode(column: "id_number_index", as: String.self) })
        var made = 0, households = 0
        var residentRows: [[any SQLExpression]] = []
        var householdRows: [[any SQLExpression]] = []

        func flush() async throws {
            let hRows = householdRows, rRows = residentRows
            householdRows = []; residentRows = []
            try await app.writeGate.transaction(on: db) { tx in
                let s = tx as! any SQLDatabase
                for chunk in stride(from: 0, to: hRows.count, by: Self.batch) {
                    try await s.insert(into: Household.schema)
                        .columns("id", "division_code", "address", "head_of_household_id", "created_at", "updated_at")
                        .rows(Array(hRows[chunk..<min(chunk + Self.batch, hRows.count)]))
                        .run()
                }
                for chunk in stride(from: 0, to: rRows.count, by: Self.batch) {
                    try await s.insert(into: Resident.schema)
                        .columns("id", "division_code", "household_id", "relation_to_head", "name", "sex", "birth_year",
                                 "id_number_sealed", "id_number_index", "id_number_masked", "phone_sealed", "phone_index",
                                 "phone_masked", "residency", "resident_since", "created_at", "updated_at")
                        .rows(Array(rRows[chunk..<min(chunk + Self.batch, rRows.count)]))
                        .run()
                }
            }
        }

        while made < total {
            let community = communities[Int.random(in: 0..<communities.count, using: &rng)]
            let householdID = UUID()
            let size = min(total - made, Int.random(in: 1...5, using: &rng))
            let migrantHousehold = Int.random(in: 0..<100, using: &rng) < 35
            var headID: UUID?
            var members: [[any SQLExpression]] = []
            for member in 0..<size {
                let area = migrantHousehold
                    ? AreaCode.migrantOrigins[Int.random(in: 0..<AreaCode.migrantOrigins.count, using: &rng)]
                    : String(community.prefix(6))
                var person = SyntheticPerson.make(areaCode: area, sequence: 0, ageRange: member == 0 ? 25...85 : 0...80,
                                                  today: reference, using: &rng)
                // Sequence numbers are handed out per area and birth date, so no two people share an ID number.
                let key = String(person.residentID.prefix(14)) + (person.sex == .male ? "m" : "f")
                var n = sequences[key, default: 0]
                let first = n
                var index: String
                repeat {
                    // 500 numbers per area, birth date and sex exist; a synthetic city never comes close.
                    guard n < first + 500 else { throw Abort(.conflict, reason: "no free ID number for \(key)") }
                    person = SyntheticPerson(reissuing: person, sequence: n)
                    index = vault.index(person.residentID, kind: "id")
                    n += 1
                } while !taken.insert(index).inserted
                sequences[key] = n
                let id = UUID()
                if member == 0 { headID = id }
                // Up to twenty years in the community, never before birth: residence periods (S5) then vary as in a real city.
                let arrived = referenceDay.adding(days: -Int.random(in: 0..<7300, using: &rng))
                let since = max(arrived, LocalDate(person.birthDate) ?? arrived)
                let relation: RelationToHead = member == 0 ? .head : (member == 1 ? .spouse : .child)
                let values: [any Encodable & Sendable] = [
                    id, community, householdID, relation.rawValue, person.name, person.sex.rawValue, Int(person.birthDate.prefix(4)) ?? 0,
                    try vault.seal(person.residentID), index,
                    ResidentID.mask(person.residentID), try vault.seal(person.phone), vault.index(person.phone, kind: "phone"),
                    Phone.mask(person.phone), (migrantHousehold ? Residency.migrant : .registered).rawValue, since.description, now, now,
                ]
                members.append(values.map { SQLBind($0) })
            }
            let building = Int.random(in: 1...40, using: &rng), room = Int.random(in: 101...2804, using: &rng)
            let household: [any Encodable & Sendable] = [householdID, community, "\(building)栋\(room)室", headID, now, now]
            householdRows.append(household.map { SQLBind($0) })
            residentRows += members
            households += 1
            made += size
            if residentRows.count >= Self.perTransaction {
                try await flush()
                progress(made)
            }
        }
        try await flush()
        progress(made)
        return (made, households)
    }
}

extension SyntheticPerson {
    /// The same person with another sequence number (and so another check character).
    init(reissuing p: SyntheticPerson, sequence: Int) {
        let sexDigit = p.sex == .male ? 1 : 0
        let seq = String(format: "%03d", (sequence % 500) * 2 + sexDigit)
        let body = String(p.residentID.prefix(14)) + seq
        self.init(name: p.name, sex: p.sex, residentID: body + String(ResidentID.checkCharacter(for: body)),
                  birthDate: p.birthDate, phone: p.phone)
    }
}
