import Fluent
import Foundation
import ServiceHall
import ShequKernel
import ShequPlatform
import Vapor

/// `shequ generate-workforce [--seed S] [--staff 6000]`: community workers at city scale for load tests (after
/// `shequ demo`): the staff spread over every community of the city (a head, deputies, the rest), each with a posting,
/// a third with a social-worker certificate, three years of appraisals and some training. Same seed, same data.
/// Rows go in batches straight to the tables, as the records' own rules would write them (no account links).
struct GenerateWorkforceCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "seed", help: "Random seed (default 1)") var seed: Int?
        @Option(name: "staff", help: "Workers in all (default 6000, at most 100000)") var staff: Int?
    }

    var help: String { "Creates synthetic community workers with certificates, appraisals and training for load tests (after demo)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let total = signature.staff ?? 6000
        guard (1...100_000).contains(total) else {
            context.console.error("usage: shequ generate-workforce [--seed S] [--staff 1…100000]")
            throw CommandExit(2)
        }
        let started = Date()
        let made = try await generate(context.application, staff: total, seed: UInt64(max(0, signature.seed ?? 1)))
        context.console.print("generated \(made) community workers over every community in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }

    func generate(_ app: Vapor.Application, staff total: Int, seed: UInt64) async throws -> Int {
        let db = app.db
        var rng = SeededGenerator(seed: seed)
        let communities = try await Division.query(on: db).filter(\.$level == .community).sort(\.$id).all().compactMap(\.id)
        guard !communities.isEmpty else { return 0 }
        let stations = Dictionary(try await ServicePlace.query(on: db).filter(\.$kind == .station).all().compactMap { p in p.id.map { (p.divisionCode, $0) } },
                                  uniquingKeysWith: { a, _ in a })
        let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁")
        let given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华")
        let lastYear = LocalDate(instant: Date()).components.year - 1
        var made = 0
        var batch: [StaffRecord] = [], postings: [StaffPosting] = [], certificates: [StaffCertificate] = []
        var appraisals: [StaffAppraisal] = [], training: [StaffTraining] = []
        func flush() async throws {
            let (r, p, c, a, t) = (batch, postings, certificates, appraisals, training)
            try await app.writeGate.transaction(on: db) { tx in
                try await r.create(on: tx)
                try await p.create(on: tx)
                if !c.isEmpty { try await c.create(on: tx) }
                try await a.create(on: tx)
                if !t.isEmpty { try await t.create(on: tx) }
            }
            batch = []; postings = []; certificates = []; appraisals = []; training = []
        }
        for i in 0..<total {
            let community = communities[i % communities.count]
            let rank = i / communities.count
            let r = StaffRecord()
            r.id = UUID()
            r.kind = .districtHired
            r.name = String(surnames[Int(rng.next() % UInt64(surnames.count))]) + String(given[Int(rng.next() % UInt64(given.count))])
                + String(given[Int(rng.next() % UInt64(given.count))])
            r.divisionCode = community
            r.placeID = rank > 0 ? stations[community] : nil
            r.post = rank == 0 ? "head" : rank <= 2 ? "deputy" : "staff"
            let since = 1995 + Int(rng.next() % 30)
            r.serviceSince = "\(since)-0\(1 + Int(rng.next() % 9))-15"
            r.contractStart = "\(max(since, 2015))-01-01"
            r.contractEnd = "\(lastYear + 4)-12-31"
            r.weeklyMinutes = 2400
            r.education = WorkerEducation.allCases[Int(rng.next() % UInt64(WorkerEducation.allCases.count))]
            r.createdBy = "generate-workforce"
            batch.append(r)
            let p = StaffPosting()
            p.staffID = r.id!
            p.divisionCode = community
            p.placeID = r.placeID
            p.post = r.post
            p.startsOn = r.contractStart ?? r.serviceSince
            p.reason = "建档"
            p.recordedBy = "generate-workforce"
            postings.append(p)
            if rng.next() % 3 == 0 {
                let c = StaffCertificate()
                c.staffID = r.id!
                c.level = SocialWorkerCertificate.allCases[Int(rng.next() % 3)]
                c.title = "社会工作者职业资格证书"
                c.number = "G\(seed)-\(i)"
                c.issuedOn = "\(lastYear - 2)-11-15"
                c.recordedBy = "generate-workforce"
                certificates.append(c)
            }
            for year in (lastYear - 2)...lastYear {
                let a = StaffAppraisal()
                a.staffID = r.id!
                a.year = year
                a.result = AppraisalResult.allCases[[0, 1, 1, 1, 1, 1, 2, 1, 1, 3][Int(rng.next() % 10)]]
                a.note = ""
                a.recordedBy = "generate-workforce"
                appraisals.append(a)
            }
            if rng.next() % 2 == 0 {
                let t = StaffTraining()
                t.staffID = r.id!
                t.title = "社区工作者岗位培训"
                t.provider = "区民政局"
                t.hours = 8 + Int(rng.next() % 40)
                t.completedOn = "\(lastYear)-06-20"
                t.recordedBy = "generate-workforce"
                training.append(t)
            }
            made += 1
            if batch.count == 200 { try await flush() }
        }
        if !batch.isEmpty { try await flush() }
        let count = made
        try await app.writeGate.transaction(on: db) { tx in
            try await AuditLog.append(AuditDraft(actor: "system", action: "workforce.generate", entity: StaffAPIController.entity,
                                                 detail: "\(count) workers, seed \(seed)"), on: tx)
        }
        return made
    }
}
