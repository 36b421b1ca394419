import Fluent
import ShequKernel
import Vapor

/// `shequ demo`: believable data to try the platform with. Idempotent: every
/// record is looked up by a natural key first, so running it twice adds nothing.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Fills the database with demo accounts, households, residents and organizations (safe to re-run)." }

    static let password = "Shequ-demo-2026"

    /// Two streets of Xiangzhou: 翠香街道 (440402001) and 梅华街道 (440402002), three communities each.
    static let communities = ["440402001001", "440402001002", "440402001003", "440402002001", "440402002003", "440402002004"]

    static let staff: [(String, Role, String)] = [
        ("resident.demo", .resident, "440402001001"),
        ("community.cuixiang", .communityStaff, "440402001001"),
        ("station.cuixiang", .stationStaff, "440402001001"),
        ("center.cuixiang", .centerStaff, "440402001"),
        ("street.cuixiang", .streetOfficial, "440402001"),
        ("center.meihua", .centerStaff, "440402002"),
        ("street.meihua", .streetOfficial, "440402002"),
        ("district.xiangzhou", .districtOfficial, "440402"),
        ("city.admin", .cityAdministrator, "4404"),
        ("department.civil", .departmentStaff, "4404"),
        ("leading.office", .leadingGroupOffice, "4404"),
        ("department.health", .departmentStaff, "440402"),
        ("leading.xiangzhou", .leadingGroupOffice, "440402"),
        ("deliberation.demo", .deliberationMember, "440402001001"),
        ("supervision.demo", .supervisionMember, "440402001001"),
        // Files 香洲区长者关爱服务中心 as a resident and, once it is approved, acts for it as its staff.
        ("lin.orgstaff", .resident, "440402001002"),
        // A resident of 紫荆社区 whom the party demo appoints secretary of its community party committee (P1–P3).
        ("party.zijing", .resident, "440402001001"),
        // The community police officer attached to 紫荆社区 (O5).
        ("police.zijing", .communityPolice, "440402001001"),
    ]

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        context.console.print(try await Self.fill(app))
        for module in app.shequModules {
            if let line = try await module.demo(app) { context.console.print(line) }
        }
    }

    static func fill(_ app: Application) async throws -> String {
        let db = app.db
        let vault = PersonalDataVault(secrets: app.secrets)
        var rng = SeededGenerator(seed: 20101)
        // A fixed reference date keeps the people (and so their ID numbers) the same on every run.
        let today = Date(timeIntervalSince1970: 1_767_225_600)
        var createdResidents = 0, createdAccounts = 0
        var demoResidentID: UUID?

        for (i, code) in communities.enumerated() {
            for unit in 1...4 {
                let address = "\(i + 1)栋\(unit)0\(unit)室"
                let household: Household
                if let h = try await Household.query(on: db).filter(\.$divisionCode == code).filter(\.$address == address).first() {
                    household = h
                } else {
                    household = Household(divisionCode: code, address: address)
                    try await household.create(on: db)
                }
                let size = 1 + (unit + i) % 4
                for member in 0..<size {
                    let migrant = (unit + member) % 5 == 0
                    let area = migrant ? AreaCode.migrantOrigins[(i + member) % AreaCode.migrantOrigins.count] : "440402"
                    let person = SyntheticPerson.make(areaCode: area, sequence: i * 100 + unit * 10 + member,
                                                      ageRange: member == 0 ? 30...80 : 1...70, today: today, using: &rng)
                    let id = try ResidentID(person.residentID)
                    let index = vault.index(id.rawValue, kind: "id")
                    if let existing = try await Resident.query(on: db).filter(\.$idNumberIndex == index).first() {
                        if demoResidentID == nil { demoResidentID = existing.id }
                        continue
                    }
                    // Households settled one to six years before the reference day; children born since, since birth.
                    let settled = LocalDate(instant: today).adding(days: -365 * (1 + (i + unit) % 6))
                    let input = ResidentInput(divisionCode: code, name: person.name, idNumber: id.rawValue, phone: person.phone,
                                              residency: migrant ? .migrant : .registered, householdID: household.id,
                                              relationToHead: member == 0 ? .head : (member == 1 ? .spouse : .child),
                                              residentSince: max(settled, LocalDate(person.birthDate) ?? settled))
                    let resident = try ResidentService.make(input, id: id, phone: person.phone, name: person.name, vault: vault)
                    try await resident.create(on: db)
                    try await ResidentService.adoptAsHead(resident, on: db)
                    if demoResidentID == nil { demoResidentID = resident.id }
                    createdResidents += 1
                }
            }
        }

        let hash = try app.password.hash(password)
        for (username, role, scope) in staff {
            guard try await Account.query(on: db).filter(\.$username == username).count() == 0 else { continue }
            let account = Account(username: username, passwordHash: hash, displayName: username,
                                  residentID: username == "resident.demo" ? demoResidentID : nil)
            try await account.create(on: db)
            try await Grant(accountID: account.requireID(), role: role, scope: scope).create(on: db)
            createdAccounts += 1
        }

        let orgs: [(OrganizationKind, String, String, String, String)] = [
            (.unit, "珠海市第一中学", "学校", "0756-2222222", "440402001"),
            (.unit, "珠海市人民医院", "医院", "0756-2158888", "440402001"),
            (.propertyManager, "珠海华发物业服务有限公司", "物业服务", "0756-3333333", "440402002"),
        ]
        for (kind, name, category, contact, code) in orgs {
            guard try await Organization.query(on: db).filter(\.$name == name).count() == 0 else { continue }
            _ = try await OrganizationService.create(OrganizationInput(kind: kind, name: name, category: category, contact: contact,
                                                                       divisionCode: code,
                                                                       servedCommunities: code.count == 12 ? [code] : nil), on: db)
        }
        let departments = [("珠海市民政局", "4404"), ("珠海市公安局香洲分局", "440402"), ("香洲区人力资源和社会保障局", "440402"), ("香洲区司法局", "440402")]
        for (name, code) in departments where try await Department.query(on: db).filter(\.$name == name).count() == 0 {
            let d = Department(name: name, divisionCode: code)
            try await d.create(on: db)
            if code == "440402" {
                for street in ["440402001", "440402002"] {
                    try await Outpost(departmentID: d.requireID(), divisionCode: street, name: name + "派驻" + street).create(on: db)
                }
            }
        }
        let detail = "residents +\(createdResidents), accounts +\(createdAccounts)"
        try await app.writeGate.transaction(on: db) { tx in
            try await AuditLog.append(AuditDraft(actor: "system", action: "demo.fill", entity: "database", detail: detail), on: tx)
        }
        return "demo data: \(createdResidents) residents and \(createdAccounts) accounts added (password for demo accounts: \(password))"
    }
}
