import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import SQLKit

/// 决策: convening an assembly on a matter, registering who is present,
/// voting, and counting by the charter in force when it was convened.
public enum Assemblies {
    public static func convene(_ matter: Matter, kind: AssemblyKind, title: String, place: String, startsAt: Date,
                               now: Date = Date(), by body: String, db: any Database) async throws -> Assembly {
        guard matter.stage == .decision else {
            throw ShequError(.conflict, .errorNotReadyForDecision, detail: matter.stage.rawValue, code: "out_of_order")
        }
        let (version, rules, _) = try await Charters.inForce(matter.divisionCode, on: LocalDate(instant: now), db: db)
        // The charter's notice period: residents must hear of the meeting in time to come.
        guard startsAt >= now.addingTimeInterval(Double(rules.noticeDays) * 86_400 - 60) else {
            throw ShequError.invalid(.errorNoticePeriod, "\(rules.noticeDays)", code: "notice_period")
        }
        // One assembly at a time per matter, or two could decide it differently. The
        // read gives the clear refusal; the partial unique index (OneOpenAssemblyPerMatter)
        // is what holds when two requests convene at once.
        let matterID = try matter.requireID()
        guard try await Assembly.query(on: db).filter(\.$matterID == matterID).filter(\.$state != .closed).count() == 0 else {
            throw pending
        }
        let a = Assembly()
        a.id = UUID()
        a.divisionCode = matter.divisionCode
        a.matterID = try matter.requireID()
        a.kind = kind
        a.title = try Matters.clean(title, field: "title", max: 200)
        a.place = try Matters.clean(place, field: "place", max: 200)
        a.startsAt = startsAt
        a.charterVersion = version
        a.rulesJSON = String(decoding: try JSONEncoder().encode(rules), as: UTF8.self)
        a.state = .scheduled
        do {
            try await a.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw pending
        }
        try await PublicRecord.append(.init(community: a.divisionCode, matterID: matter.id, kind: "assembly.convened", body: body,
                                            summary: "\(a.title) — \(kind.phrase.zh)，\(a.place)，\(BeijingTime.text(a.startsAt))；依据\(version == 0 ? "《城市居民委员会组织法》" : "章程第\(version)版")"), on: db)
        return a
    }

    static let pending = ShequError(.conflict, .errorAssemblyPending, code: "assembly_pending")

    /// Reads the assembly's state again inside the write and holds it until the
    /// transaction ends: shared for ballots and attendance, so a burst of them runs
    /// side by side, exclusive for opening, closing and adjourning, so no ballot
    /// lands after the count. On SQLite the one writer (`WriteGate`) already holds it.
    static func lockState(_ assembly: Assembly, exclusive: Bool, db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw ShequError.notFound }
        let lock: SQLQueryString = db.isPostgres ? (exclusive ? " FOR UPDATE" : " FOR SHARE") : ""
        guard let row = try await sql.raw("SELECT state FROM assemblies WHERE id = \(bind: assembly.requireID())\(lock)").first(),
              let state = AssemblyState(rawValue: try row.decode(column: "state", as: String.self)) else { throw ShequError.notFound }
        assembly.state = state
    }

    /// Ballots are taken only between the assembly's start (the end of its notice
    /// period) and its close.
    static func requireVotingWindow(_ assembly: Assembly, now: Date) throws {
        guard assembly.state == .voting else {
            throw ShequError(.conflict, assembly.state == .closed ? .errorVotingClosed : .errorVotingNotOpen, code: "voting_closed")
        }
        try requireStarted(assembly, now: now)
    }

    static func requireStarted(_ assembly: Assembly, now: Date) throws {
        guard now >= assembly.startsAt else {
            throw ShequError(.conflict, .errorVotingBeforeStart, detail: BeijingTime.text(assembly.startsAt), code: "before_start")
        }
    }

    /// In person, at the door: registered by the residents' committee.
    public static func registerAttendance(of residentID: UUID, at assembly: Assembly, by staff: String, vault: PersonalDataVault,
                                          db: any Database) async throws {
        try await lockState(assembly, exclusive: false, db: db)
        guard assembly.state != .closed else { throw ShequError(.conflict, .errorAssemblyClosed, code: "assembly_closed") }
        let key = try await Voters.key(for: residentID, in: assembly, vault: vault, on: db)
        let inserted = try await (db as! any SQLDatabase).raw("""
            INSERT INTO assembly_attendance (id, assembly_id, voter_key, registered_by, created_at)
            VALUES (\(bind: UUID()), \(bind: assembly.requireID()), \(bind: key), \(bind: staff), \(bind: Date()))
            ON CONFLICT (assembly_id, voter_key) DO NOTHING RETURNING id
            """).first()
        guard inserted != nil else { throw ShequError(.conflict, .errorAlreadyPresent, code: "already_present") }
    }

    /// Opens voting when the assembly starts, never before: the notice period is
    /// there so residents hear of the meeting in time to take part.
    public static func openVoting(_ assembly: Assembly, by body: String, now: Date = Date(), vault: PersonalDataVault, db: any Database) async throws {
        try await lockState(assembly, exclusive: true, db: db)
        guard assembly.state == .scheduled else { throw ShequError(.conflict, .errorAssemblyState, detail: assembly.state.rawValue, code: "assembly_state") }
        try requireStarted(assembly, now: now)
        let eligible = try await Voters.eligibleCount(for: assembly, vault: vault, on: db)
        assembly.eligible = eligible
        assembly.state = .voting
        try await assembly.save(on: db)
        try await PublicRecord.append(.init(community: assembly.divisionCode, matterID: assembly.matterID, kind: "assembly.votingOpened",
                                            body: body, summary: "\(assembly.title)：应到 \(eligible)"), on: db)
    }

    /// One ballot per voter, guaranteed by the unique receipt, whatever the
    /// number of instances. Voting online counts the voter present.
    public static func cast(_ choice: BallotChoice, residentID: UUID, in assembly: Assembly, now: Date = Date(), vault: PersonalDataVault,
                            db: any Database) async throws {
        try await lockState(assembly, exclusive: false, db: db)
        try requireVotingWindow(assembly, now: now)
        let key = try await Voters.key(for: residentID, in: assembly, vault: vault, on: db)
        let sql = db as! any SQLDatabase
        let id = try assembly.requireID()
        let receipt = try await sql.raw("""
            INSERT INTO ballot_receipts (id, assembly_id, voter_key, created_at) VALUES (\(bind: UUID()), \(bind: id), \(bind: key), \(bind: now))
            ON CONFLICT (assembly_id, voter_key) DO NOTHING RETURNING id
            """).first()
        guard receipt != nil else { throw ShequError(.conflict, .errorAlreadyVoted, code: "already_voted") }
        try await sql.raw("""
            INSERT INTO assembly_attendance (id, assembly_id, voter_key, registered_by, created_at)
            VALUES (\(bind: UUID()), \(bind: id), \(bind: key), 'online', \(bind: now))
            ON CONFLICT (assembly_id, voter_key) DO NOTHING
            """).run()
        let secretKey: String? = assembly.rules.secretBallot ? nil : key
        try await sql.raw("""
            INSERT INTO ballots (id, assembly_id, choice, voter_key) VALUES (\(bind: UUID()), \(bind: id), \(bind: choice.rawValue), \(bind: secretKey))
            """).run()
    }

    public static func tally(_ assembly: Assembly, db: any Database) async throws -> DecisionTally {
        let sql = db as! any SQLDatabase
        let id = try assembly.requireID()
        let present = try await sql.raw("SELECT COUNT(*) AS n FROM assembly_attendance WHERE assembly_id = \(bind: id)").first()!
            .decode(column: "n", as: Int.self)
        var counts: [BallotChoice: Int] = [:]
        for row in try await sql.raw("SELECT choice, COUNT(*) AS n FROM ballots WHERE assembly_id = \(bind: id) GROUP BY choice").all() {
            if let c = BallotChoice(rawValue: try row.decode(column: "choice", as: String.self)) { counts[c] = try row.decode(column: "n", as: Int.self) }
        }
        return DecisionTally(eligible: assembly.eligible ?? 0, present: present, inFavor: counts[.inFavor] ?? 0,
                             against: counts[.against] ?? 0, abstain: counts[.abstain] ?? 0, rules: assembly.rules)
    }

    /// Counts and publishes. Without quorum nothing is decided: the close is
    /// refused, citing the rule, and the assembly may wait for more voters or be adjourned.
    public static func close(_ assembly: Assembly, matter: Matter, by body: String, now: Date = Date(), db: any Database) async throws -> DecisionTally {
        try await lockState(assembly, exclusive: true, db: db)
        guard assembly.state == .voting else { throw ShequError(.conflict, .errorAssemblyState, detail: assembly.state.rawValue, code: "assembly_state") }
        try requireStarted(assembly, now: now)
        let t = try await tally(assembly, db: db)
        guard t.quorumMet else {
            let needed = assembly.rules.quorum.smallestCount(of: t.eligible)
            throw ShequError(.conflict, .errorNoQuorum, detail: "\(t.present) / \(t.eligible), ≥ \(needed)", code: "no_quorum")
        }
        assembly.present = t.present
        assembly.inFavor = t.inFavor
        assembly.against = t.against
        assembly.abstain = t.abstain
        assembly.quorumMet = true
        assembly.passed = t.passed
        assembly.state = .closed
        try await assembly.save(on: db)
        let summary = "\(assembly.title)：应到 \(t.eligible)，实到 \(t.present)，赞成 \(t.inFavor)，反对 \(t.against)，弃权 \(t.abstain) — \(t.passed ? "通过" : "未通过")"
        try await PublicRecord.append(.init(community: assembly.divisionCode, matterID: assembly.matterID, kind: "assembly.result",
                                            body: body, summary: summary), on: db)
        try await Matters.take(t.passed ? .adopt : .reject, on: matter, text: summary, by: body, db: db)
        return t
    }

    /// 流会: the meeting ends without a decision; the matter stays awaiting one.
    public static func adjourn(_ assembly: Assembly, by body: String, db: any Database) async throws {
        try await lockState(assembly, exclusive: true, db: db)
        guard assembly.state != .closed else { throw ShequError(.conflict, .errorAssemblyClosed, code: "assembly_closed") }
        let t = try await tally(assembly, db: db)
        assembly.present = t.present
        assembly.quorumMet = t.quorumMet
        assembly.passed = false
        assembly.state = .closed
        try await assembly.save(on: db)
        try await PublicRecord.append(.init(community: assembly.divisionCode, matterID: assembly.matterID, kind: "assembly.adjourned",
                                            body: body, summary: "\(assembly.title)：流会，实到 \(t.present)，应到 \(t.eligible)"), on: db)
    }
}
