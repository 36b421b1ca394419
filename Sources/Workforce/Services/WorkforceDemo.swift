import Fluent
import Foundation
import SelfGovernance
import ServiceHall
import ShequKernel
import ShequPlatform
import Vapor

/// `shequ demo`: the staff of the demo centres and stations through the module's own commands, with training, a
/// certificate, an appraisal and a rotation, so the grade list, a record's history and the roster's contracted hours
/// all have something to show; a draft table lets the city preview who moves. Idempotent: each worker is looked up by
/// account or name first.
enum WorkforceDemo {
    struct Worker {
        var username: String?
        var name: String
        var kind: StaffKind
        var division: String
        var place: (ServicePlaceKind, String)?
        var post: String
        var since: String
        var education: WorkerEducation
    }

    static let workers: [Worker] = [
        Worker(username: "center.cuixiang", name: "陈晓敏", kind: .establishment, division: "440402001", place: (.center, "440402001"), post: "staff",
               since: "2016-07-01", education: .bachelor),
        // Starts at 翠香社区's station and is rotated to 紫荆社区's below: the history follows her.
        Worker(username: "station.cuixiang", name: "黄丽华", kind: .districtHired, division: "440402001002", place: (.station, "440402001002"),
               post: "deputy", since: "2012-09-01", education: .college),
        Worker(username: "community.cuixiang", name: "李建国", kind: .districtHired, division: "440402001001", place: nil, post: "head",
               since: "2008-05-01", education: .master),
        Worker(username: "center.meihua", name: "周文", kind: .establishment, division: "440402002", place: (.center, "440402002"), post: "staff",
               since: "2020-03-01", education: .bachelor),
        Worker(username: nil, name: "王芳", kind: .districtHired, division: "440402001001", place: (.station, "440402001001"), post: "staff",
               since: "2021-08-01", education: .bachelor),
        Worker(username: nil, name: "刘洋", kind: .districtHired, division: "440402001002", place: (.station, "440402001002"), post: "staff",
               since: "2018-04-01", education: .college),
        Worker(username: nil, name: "赵敏", kind: .districtHired, division: "440402002001", place: (.station, "440402002001"), post: "head",
               since: "2010-10-01", education: .bachelor),
    ]

    static let actor = "demo"

    static func fill(_ app: Vapor.Application) async throws -> String? {
        let db = app.db
        guard try await Division.find("440402001001", on: db) != nil else { return nil }
        var added = 0
        for w in workers {
            let existing = try await StaffRecord.query(on: db).filter(\.$name == w.name).first()
            guard existing == nil else { continue }
            var name = w.name
            if let u = w.username {
                guard let account = try await Account.query(on: db).filter(\.$username == u).first() else { continue }
                // An account linked to a resident (the party demo links some) is recorded under the resident's name, as
                // the committee's seat and the directory show it.
                if let residentID = account.residentID, let resident = try await Resident.find(residentID, on: db) { name = resident.name }
                if try await StaffRecord.query(on: db).filter(\.$username == u).count() > 0 { continue }
            }
            var placeID: UUID?
            if let (kind, code) = w.place {
                placeID = try await ServicePlace.query(on: db).filter(\.$kind == kind).filter(\.$divisionCode == code).first()?.id
            }
            let draft = StaffRecords.Draft(kind: w.kind, name: name, username: w.username, divisionCode: w.division, placeID: placeID, post: w.post,
                                           contractStart: "2024-01-01", contractEnd: "2027-12-31", weeklyHours: 40, serviceSince: w.since,
                                           education: w.education)
            try await app.writeGate.transaction(on: db) { tx in
                let r = try await StaffRecords.create(draft, by: actor, on: tx)
                try await AuditLog.append(AuditDraft(actor: actor, action: "workforce.create", entity: StaffAPIController.entity,
                                                     entityID: r.id?.uuidString, scope: r.divisionCode, detail: "demo"), on: tx)
                try await history(for: r, w, on: tx)
            }
            added += 1
        }
        added += try await electedMember(app)
        let drafted = try await draftTable(app)
        guard added > 0 || drafted else { return nil }
        return "workforce: \(added) staff records with grades, training, certificates, appraisals and a rotation" + (drafted ? "; a draft grading table to preview" : "")
    }

    /// Training, a certificate and last year's appraisal for the account holders; the station's deputy moves to 紫荆社区.
    static func history(for r: StaffRecord, _ w: Worker, on db: any Database) async throws {
        guard w.username != nil else { return }
        let lastYear = Grading.today.components.year - 1
        _ = try await StaffRecords.addTraining(r, title: "社区工作者岗位培训", provider: "香洲区民政局", hours: 24, completedOn: "\(lastYear)-06-20", by: actor, on: db)
        if w.kind == .establishment {
            _ = try await StaffRecords.addCertificate(r, level: .junior, title: "助理社会工作师职业资格证书", number: "ZL\(lastYear)0\(w.name.count)", issuedOn: "\(lastYear)-03-01",
                                                      by: actor, on: db)
        } else {
            _ = try await StaffRecords.addCertificate(r, level: .intermediate, title: "社会工作师职业资格证书", number: "SG\(lastYear)1\(w.name.count)", issuedOn: "\(lastYear - 2)-11-15",
                                                      by: actor, on: db)
        }
        _ = try await StaffRecords.addAppraisal(r, year: lastYear, result: w.post == "head" ? .excellent : .competent, note: nil, by: actor, on: db)
        if w.username == "station.cuixiang" {
            let place = try await ServicePlace.query(on: db).filter(\.$kind == .station).filter(\.$divisionCode == "440402001001").first()?.id
            _ = try await StaffRecords.rotate(r, to: "440402001001", placeID: place, post: "deputy", startsOn: "2025-03-01",
                                              reason: "社区工作者交流：到紫荆社区公共服务站任副站长", by: actor, on: db)
        }
    }

    /// The elected members of 紫荆社区's residents' committee, where the committee's records seat them (their term is the
    /// seat's): the demo never seats anyone itself, as seats are the committee's public record. A seat whose resident
    /// signs in with an account already on record (a station's worker also elected to the committee) adds nothing; one
    /// whose resident has an account of their own (the party secretary who chairs the committee) is linked to it.
    static func electedMember(_ app: Vapor.Application) async throws -> Int {
        let db = app.db
        let bodies = try await GovernanceBody.query(on: db).filter(\.$divisionCode == "440402001001").filter(\.$kind == .residentsCommittee).all()
        guard !bodies.isEmpty else { return 0 }
        let today = Grading.today.description
        let seats = try await BodyMember.query(on: db).filter(\.$bodyID ~~ bodies.compactMap(\.id)).sort(\.$termStart).all().filter { $0.serves(on: today) }
        var added = 0
        for seat in seats {
            guard let seatID = seat.id, try await StaffRecord.query(on: db).filter(\.$bodyMemberID == seatID).count() == 0 else { continue }
            let account = try await Account.query(on: db).filter(\.$residentID == seat.residentID).first()
            if let username = account?.username, try await StaffRecord.query(on: db).filter(\.$username == username).count() > 0 { continue }
            let draft = StaffRecords.Draft(kind: .elected, name: seat.displayName, username: account?.username, divisionCode: "440402001001",
                                           post: seat.role == .chair ? "head" : seat.role == .viceChair ? "deputy" : "staff",
                                           bodyMemberID: seatID, weeklyHours: 40, serviceSince: seat.termStart, education: .college)
            try await app.writeGate.transaction(on: db) { tx in
                let r = try await StaffRecords.create(draft, by: actor, on: tx)
                try await AuditLog.append(AuditDraft(actor: actor, action: "workforce.create", entity: StaffAPIController.entity,
                                                     entityID: r.id?.uuidString, scope: r.divisionCode, detail: "demo elected"), on: tx)
            }
            added += 1
        }
        return added
    }

    /// A draft with two-year steps, so the city's preview shows who would move before anything is adopted.
    static func draftTable(_ app: Vapor.Application) async throws -> Bool {
        let name = "两年一级调整方案（示例草案）"
        guard try await GradeRuleSet.query(on: app.db).filter(\.$name == name).count() == 0,
              try await Division.find("4404", on: app.db) != nil else { return false }
        var rules = WorkerGradeRules.sanGangShiBaJi
        rules.stepYears = 2
        let draft = rules
        try await app.writeGate.transaction(on: app.db) { tx in
            let r = try await RuleSets.draft(draft, name: name, city: "4404", by: actor, on: tx)
            try await AuditLog.append(AuditDraft(actor: actor, action: "workforce.ruleSetDraft", entity: RuleSetsAPIController.entity,
                                                 entityID: r.id?.uuidString, scope: r.scope, detail: name), on: tx)
        }
        return true
    }
}
