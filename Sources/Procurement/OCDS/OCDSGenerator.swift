import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// `shequ ocds generate --projects N [--seed S]`: the release log at city scale for the benchmark
/// (scripts/bench-ocds.sh): N projects spread over every street and five years, ten releases each
/// (planning, call, its close, award, contract, four payments, the evaluation), appended through the log
/// itself so the chains verify. Synthetic projects have no rows of their own: only their releases.
struct OCDSGenerator {
    let app: Application
    var rng: SeededGenerator

    static let stagesPerProject = 10
    static let firstYear = 2022, years = 5

    init(app: Application, seed: UInt64) {
        self.app = app
        rng = SeededGenerator(seed: seed)
    }

    mutating func generate(projects: Int, progress: (Int) -> Void) async throws -> Int {
        let streets = try await Division.query(on: app.db).filter(\.$level == .street).sort(\.$id).all().map { ($0.id ?? "", $0.name) }
        guard !streets.isEmpty else { return 0 }
        let settings = app.ocdsSettings
        var made = 0
        let batch = 50
        var start = 0
        while start < projects {
            var releases: [(OCDSRelease, UUID, String)] = []
            for index in start..<min(start + batch, projects) {
                let (code, name) = streets[Int(rng.next() % UInt64(streets.count))]
                let id = UUID(uuid: uuid())
                let year = Self.firstYear + index % Self.years
                let day = LocalDate(year: year, month: 1, day: 1)!.adding(days: Int(rng.next() % 200))
                let budget = Int64(500_000 + rng.next() % 49_500_000)
                for release in Self.stages(ocid: settings.ocid(projectID: id), street: code, streetName: name, budget: budget, from: day,
                                           supplier: UUID(uuid: uuid()), serial: index) {
                    releases.append((release, id, code))
                }
            }
            let ready = releases
            try await app.writeGate.transaction(on: app.db) { db in
                for (release, id, chain) in ready { try await OCDSLog.append(release, projectID: id, chain: chain, on: db) }
            }
            made += ready.count
            start += batch
            progress(min(start, projects))
        }
        return made
    }

    mutating func uuid() -> uuid_t {
        let a = rng.next(), b = rng.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 { bytes[i] = UInt8(truncatingIfNeeded: a >> (8 * i)); bytes[8 + i] = UInt8(truncatingIfNeeded: b >> (8 * i)) }
        bytes[6] = (bytes[6] & 0x0f) | 0x40
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        return (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15])
    }

    /// A project's ten releases, each the full state at its stage, as the publisher writes them.
    static func stages(ocid: String, street: String, streetName: String, budget: Int64, from day: LocalDate, supplier: UUID,
                       serial: Int) -> [OCDSRelease] {
        let buyer = OCDSRelease.Party(id: "CN-DIV-" + street, name: streetName, identifier: .init(scheme: "CN-DIV", id: street, legalName: streetName),
                                      address: .init(region: streetName, countryName: "中国"), roles: [.buyer, .procuringEntity])
        let org = OCDSRelease.Party(id: OCDSPublisher.orgPartyID(supplier), name: "社区服务社 \(serial)", roles: [.tenderer])
        let title = "居家养老上门服务 \(serial)"
        let price = budget - budget / 10
        func date(_ days: Int) -> String { String(OCDSDate.text(day.adding(days: days)).prefix(10)) + "T10:00:00+08:00" }
        var tender = OCDSRelease.Tender(id: ocid + "-tender", title: title, description: "为辖区独居老人每周上门探访两次。", status: .planned,
                                        procuringEntity: buyer.reference, value: .init(fen: budget))
        let planning = OCDSRelease.Planning(rationale: "为辖区独居老人每周上门探访两次。",
                                            budget: .init(id: "fund", description: "社区建设专项资金", amount: .init(fen: budget), project: title))
        var out: [OCDSRelease] = []
        func add(_ tag: OCDSRelease.ReleaseTag, _ days: Int, parties: [OCDSRelease.Party], awards: [OCDSRelease.Award]? = nil,
                 contracts: [OCDSRelease.Contract]? = nil) {
            out.append(OCDSRelease(ocid: ocid, id: ocid, date: date(days), tag: [tag], parties: parties, buyer: buyer.reference,
                                   planning: planning, tender: tender, awards: awards, contracts: contracts))
        }
        add(.planning, 0, parties: [buyer])
        tender.status = .active
        tender.procurementMethod = .open
        tender.procurementMethodDetails = "公开择优 Open call；养老服务 Elderly care"
        tender.tenderPeriod = .init(endDate: date(21))
        add(.tender, 1, parties: [buyer])
        tender.status = .complete
        tender.numberOfTenderers = 1
        tender.tenderers = [org.reference]
        add(.tenderUpdate, 21, parties: [buyer, org])
        let award = OCDSRelease.Award(id: "award-\(serial)", title: title, description: "综合得分最高。", status: .active, date: date(25),
                                      value: .init(fen: price), suppliers: [org.reference])
        var supplier = org
        supplier.roles = [.tenderer, .supplier]
        add(.award, 25, parties: [buyer, supplier], awards: [award])
        var contract = OCDSRelease.Contract(id: ocid + "-contract", awardID: award.id, title: title, description: "居家养老上门探访", status: .active,
                                            period: .init(startDate: date(30), endDate: date(394)), value: .init(fen: price), dateSigned: date(28))
        add(.contract, 28, parties: [buyer, supplier], awards: [award], contracts: [contract])
        var payer = buyer
        payer.roles = [.buyer, .procuringEntity, .payer]
        supplier.roles = [.tenderer, .supplier, .payee]
        var transactions: [OCDSRelease.Transaction] = [], milestones: [OCDSRelease.Milestone] = []
        for quarter in 1...4 {
            transactions.append(.init(id: "payment-\(quarter)", date: date(30 + 91 * quarter), value: .init(fen: price / 4),
                                      payer: payer.reference, payee: supplier.reference))
            milestones.append(.init(id: "payment-\(quarter)", title: "第\(quarter)季度", type: "delivery", dateMet: date(30 + 91 * quarter), status: .met))
            contract.implementation = .init(transactions: transactions, milestones: milestones)
            add(quarter == 1 ? .implementation : .implementationUpdate, 30 + 91 * quarter, parties: [payer, supplier], awards: [award],
                contracts: [contract])
        }
        contract.status = .terminated
        milestones.append(.init(id: "evaluation", title: "绩效评价 Performance evaluation: 88/100", type: "assessment", dateMet: date(400), status: .met))
        contract.implementation = .init(transactions: transactions, milestones: milestones)
        add(.contractTermination, 400, parties: [payer, supplier], awards: [award], contracts: [contract])
        return out
    }
}
