import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform
import ShequTestSupport
import Testing
import Vapor
@testable import TaskAccess

/// `shequ generate-access` at a small scale: the load test's data must be the same for a seed, obey the
/// ledger's rules, and add up in the reports to what the tasks, plans and payments say on their own.
@Suite struct AccessGeneratorTests {
    static func small(seed: UInt64) -> AccessGenerator.Options {
        AccessGenerator.Options(seed: seed, years: 2, tasks: 20, entries: 2_000, firstYear: 2013)
    }

    /// The generated rows as text, ordered by id: what "the same data" means.
    static func rows(_ app: Application) async throws -> [String] {
        let db = app.db
        var out: [String] = []
        out += try await AdministrativeTask.query(on: db).sort(\.$id).all().map {
            "task \($0.id!) \($0.title) \($0.departmentID) \($0.classification) \($0.hoursPerYear) \($0.inForce) \($0.fromYear) \(String(describing: $0.toYear))"
        }
        out += try await TaskPlan.query(on: db).sort(\.$id).all().map {
            "plan \($0.id!) \($0.title) \($0.state) \($0.reach) \($0.amountPerCommitteeFen) \($0.grouping)"
        }
        out += try await TaskAssignment.query(on: db).sort(\.$id).all().map {
            "assignment \($0.id!) \($0.taskID) \($0.divisionCode) \($0.year) \(String(describing: $0.planID))"
        }
        out += try await TaskAgreement.query(on: db).sort(\.$id).all().map { "agreement \($0.id!) \($0.divisionCode) \($0.fundingFen)" }
        out += try await LedgerAccount.query(on: db).sort(\.$id).all().map { "account \($0.id!) \($0.naturalKey)" }
        out += try await LedgerEntry.query(on: db).sort(\.$id).all().map {
            "entry \($0.id!) \($0.transactionID) \($0.seq) \($0.accountID) \($0.counterAccountID) \($0.amountFen) \(String(describing: $0.citationReferenceID)) \($0.memo)"
        }
        return out
    }

    @Test func theSameSeedGivesTheSameDataAndAnotherSeedOther() async throws {
        var first: [String] = [], again: [String] = [], other: [String] = []
        try await withShequ { app in
            _ = try await AccessGenerator(app: app).generate(Self.small(seed: 7))
            first = try await Self.rows(app)
        }
        try await withShequ { app in
            _ = try await AccessGenerator(app: app).generate(Self.small(seed: 7))
            again = try await Self.rows(app)
        }
        try await withShequ { app in
            _ = try await AccessGenerator(app: app).generate(Self.small(seed: 8))
            other = try await Self.rows(app)
        }
        #expect(first.count > 1_000)
        #expect(first == again)
        #expect(first != other)
    }

    @Test func sizesOutsideTheBoundsAreRefusedBeforeAnythingIsWritten() async throws {
        try await withShequ { (app: Application) async throws in
            var huge = Self.small(seed: 9)
            huge.years = Int.max
            var late = Self.small(seed: 9)
            late.firstYear = 2090
            late.years = 30
            var many = Self.small(seed: 9)
            many.tasks = Int.max
            var negative = Self.small(seed: 9)
            negative.entries = -1
            for options in [huge, late, many, negative] {
                #expect(!options.isWithinBounds)
                await #expect(throws: (any Error).self) { _ = try await AccessGenerator(app: app).generate(options) }
            }
            #expect(Self.small(seed: 9).isWithinBounds)
            #expect(try await AdministrativeTask.query(on: app.db).count() == 0)
            #expect(try await LedgerEntry.query(on: app.db).count() == 0)
        }
    }

    @Test func theLedgerVerifiesAndHoldsTheEntriesAskedFor() async throws {
        try await withShequ { app in
            let summary = try await AccessGenerator(app: app).generate(Self.small(seed: 3))
            #expect(summary.entries == 2_000)
            #expect(summary.approved > 0 && summary.rejected > 0 && summary.approved < summary.plans)
            #expect(summary.communities == (try await Division.query(on: app.db).filter(\.$level == .community).count()))
            let outcome = try await FundsVerification.verify(on: app.db)
            #expect(outcome.findings.isEmpty, "\(outcome.findings.prefix(3))")
            #expect(outcome.entries == 2_000)
            #expect(outcome.transactions == 1_000)
            // A second run with the same seed is refused, not added on top.
            await #expect(throws: (any Error).self) { _ = try await AccessGenerator(app: app).generate(Self.small(seed: 3)) }
            #expect(try await LedgerEntry.query(on: app.db).count() == 2_000)
        }
    }

    @Test func theReportsAddUpToWhatThePlansAndPaymentsSay() async throws {
        try await withShequ { app in
            _ = try await AccessGenerator(app: app).generate(Self.small(seed: 5))
            _ = try await makeAccount(app, "gen.office", .leadingGroupOffice, "4404")
            let office = try await app.token("gen.office")
            let db = app.db
            let agreements = try await TaskAgreement.query(on: db).all()
            let agreementByID = Dictionary(uniqueKeysWithValues: agreements.map { ($0.id!, $0) })
            let payments = try await AgreementDisbursement.query(on: db).all()
            let plans = try await TaskPlan.query(on: db).all()
            let planCommunities = try await TaskPlanCommunity.query(on: db).all()

            // Per committee: what reached each committee is the sum of its payments.
            var paid: [String: Int64] = [:]
            for p in payments { paid[p.divisionCode, default: 0] += p.amountFen }
            let committees = try await app.api(.GET, "/api/v1/fund-reports/committees")
            #expect(committees.status == .ok)
            var reported: [String: Int64] = [:]
            for row in committees.array { if let key = row["key"] as? String, let d = row["disbursed"] as? Int { reported[key] = Int64(d) } }
            #expect(reported.filter { $0.value != 0 } == paid.filter { $0.value != 0 })
            // Allocated to a committee: the funding of agreements made with that committee alone.
            var promisedAlone: [String: Int64] = [:]
            for a in agreements where a.divisionCode.count == 12 { promisedAlone[a.divisionCode, default: 0] += a.fundingFen }
            for row in committees.array {
                guard let key = row["key"] as? String, let allocated = row["allocated"] as? Int else { continue }
                #expect(Int64(allocated) == promisedAlone[key] ?? 0, "\(key)")
            }

            // Per fund: paid out is the sum of the payments of its agreements.
            var paidByFund: [UUID: Int64] = [:]
            for p in payments { if let fund = agreementByID[p.agreementID]?.fundID { paidByFund[fund, default: 0] += p.amountFen } }
            let funds = try await app.api(.GET, "/api/v1/funds")
            #expect(funds.array.count == 2)
            for row in funds.array {
                guard let id = (row["id"] as? String).flatMap(UUID.init(uuidString:)), let figures = row["figures"] as? [String: Any] else { continue }
                #expect((figures["disbursed"] as? Int).map(Int64.init) == paidByFund[id] ?? 0)
                let contributed = (figures["contributed"] as? Int) ?? 0, disbursed = (figures["disbursed"] as? Int) ?? 0
                #expect((figures["remaining"] as? Int) == contributed - disbursed)
            }

            // Per department: allocated is what its approved plans reserved (per committee × communities), disbursed its payments.
            var reserved: [UUID: Int64] = [:]
            let reach = Dictionary(grouping: planCommunities, by: \.planID).mapValues(\.count)
            for p in plans where p.state == .approved { reserved[p.departmentID, default: 0] += p.amountPerCommitteeFen * Int64(reach[p.id!] ?? 0) }
            var paidByDepartment: [UUID: Int64] = [:]
            for p in payments { if let d = agreementByID[p.agreementID]?.departmentID { paidByDepartment[d, default: 0] += p.amountFen } }
            let departments = try await app.api(.GET, "/api/v1/fund-reports/departments", token: office)
            #expect(departments.status == .ok)
            #expect(departments.array.count == reserved.count)
            for row in departments.array {
                guard let id = (row["key"] as? String).flatMap(UUID.init(uuidString:)) else { continue }
                #expect((row["allocated"] as? Int).map(Int64.init) == reserved[id], "\(row)")
                #expect((row["disbursed"] as? Int).map(Int64.init) == paidByDepartment[id] ?? 0, "\(row)")
            }

            // One committee's burden in the last year: its assignments of tasks in force, what its agreements promised and paid.
            let year = 2014
            let assignments = try await TaskAssignment.query(on: db).filter(\.$year == year).all()
            let busiest = Dictionary(grouping: assignments, by: \.divisionCode).max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }
            let community = try #require(busiest?.key)
            let tasks = Dictionary(uniqueKeysWithValues: try await AdministrativeTask.query(on: db).all().map { ($0.id!, $0) })
            let carried = assignments.filter { $0.divisionCode == community }.compactMap { tasks[$0.taskID] }.filter { $0.isInForce(in: year) }
            let covering = try await AgreementCommunity.query(on: db).filter(\.$divisionCode == community).all()
                .filter { agreementByID[$0.agreementID]?.termStart.hasPrefix("\(year)") ?? false }
            let promised = covering.reduce(Int64(0)) { $0 + $1.promisedFen }
            let coveringIDs = Set(covering.map(\.agreementID))
            let received = payments.filter { $0.divisionCode == community && coveringIDs.contains($0.agreementID) }.reduce(Int64(0)) { $0 + $1.amountFen }
            let burden = try await app.api(.GET, "/api/v1/communities/\(community)/task-burden?year=\(year)", token: office)
            #expect(burden.status == .ok)
            let figures = try #require(burden.object["burden"] as? [String: Any])
            #expect(figures["tasks"] as? Int == carried.count)
            #expect(figures["hours"] as? Int == carried.reduce(0) { $0 + $1.hoursPerYear })
            #expect((figures["promised"] as? Int).map(Int64.init) == promised)
            #expect((figures["received"] as? Int).map(Int64.init) == received)
            #expect(received > 0 && received <= promised)

            // Every community is on the city-wide burden list.
            let list = try await app.api(.GET, "/api/v1/task-access/burden?year=\(year)&per=200", token: office)
            #expect(list.object["total"] as? Int == (try await Division.query(on: db).filter(\.$level == .community).count()))
            // The list's grouped figures agree with the assignments, row by row.
            #expect(list.items.count == 200)
            for row in list.items {
                let code = try #require(row["community"] as? String)
                let mine = assignments.filter { $0.divisionCode == code }.compactMap { tasks[$0.taskID] }.filter { $0.isInForce(in: year) }
                #expect(row["tasks"] as? Int == mine.count, "\(code)")
                #expect(row["hours"] as? Int == mine.reduce(0) { $0 + $1.hoursPerYear }, "\(code)")
                if code == community {
                    #expect((row["promised"] as? Int).map(Int64.init) == promised)
                    #expect((row["received"] as? Int).map(Int64.init) == received)
                }
            }
        }
    }
}
