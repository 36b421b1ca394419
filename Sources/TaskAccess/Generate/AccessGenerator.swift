import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform
import SQLKit
import Vapor

/// Synthetic data for the access system at city scale: tasks of several departments, years of plans in every
/// state, the agreements and assignments of the approved ones, and one fund a year whose ledger obeys the
/// ledger's rules (every transaction balanced, no account but a contribution below zero, every entry citing
/// its decision, plan or agreement). Money moves in the order the rules need it: contributions → the fund →
/// districts' allocations → plans → agreements → committees.
///
/// Everything is decided in memory first (the number of payments depends on how many committees the approved
/// plans reach, so the ledger ends near the entries asked for), then written as multi-row INSERTs in one
/// transaction. Ids, dates and amounts all come from the seed, so the same seed gives the same rows.
struct AccessGenerator {
    struct Options: Sendable {
        var seed: UInt64 = 1
        var years = 5
        var tasks = 200
        var entries = 100_000
        var firstYear = 2013

        static let usage = "shequ generate-access [--seed S] [--years 1-30] [--tasks 10-10000] [--entries 0-10000000] [--first-year 2000-2090]"

        /// The sizes the generator's arithmetic and the reports are built for: amounts stay far inside Int64, and
        /// every generated year is one the reports can be asked for (up to 2100).
        var isWithinBounds: Bool {
            (1...30).contains(years) && (10...10_000).contains(tasks) && (0...10_000_000).contains(entries)
                && (2000...2090).contains(firstYear) && firstYear + years - 1 <= 2100
        }
    }

    struct Summary: Sendable {
        var communities = 0, departments = 0, tasks = 0, plans = 0
        var approved = 0, rejected = 0, changesRequested = 0, submitted = 0
        var agreements = 0, assignments = 0, funds = 0, transactions = 0, entries = 0
    }

    let app: Application

    static let city = "4404"
    static let actor = "generator"
    static let batch = 400

    static let departments: [(name: String, code: String)] = [
        ("珠海市民政局", "4404"), ("珠海市卫生健康局", "4404"), ("珠海市人力资源和社会保障局", "4404"), ("珠海市司法局", "4404"),
        ("珠海市住房和城乡建设局", "4404"), ("珠海市统计局", "4404"), ("珠海市残疾人联合会", "4404"), ("珠海市退役军人事务局", "4404"),
        ("香洲区卫生健康局", "440402"), ("斗门区民政局", "440403"), ("金湾区人力资源和社会保障局", "440404"),
    ]
    static let topics = ["低保对象信息采集", "高龄津贴初审协助", "居家养老服务组织", "残疾人状况调查", "就业困难人员登记", "退役军人信息核对",
                         "慢性病随访协助", "健康教育宣传", "人民调解组织", "法律援助咨询转介", "住房保障资格初审", "人口抽样调查协助",
                         "社区矫正协助", "流动人口信息登记", "社区文体活动组织", "防灾减灾宣传", "燃气安全宣传", "禁毒宣传教育",
                         "社会组织培育", "志愿服务登记"]
    static let bases = ["《社会救助暂行办法》第十一条", "《广东省老年人权益保障条例》第二十八条", "《中华人民共和国残疾人保障法》第十条",
                        "《中华人民共和国就业促进法》第五十二条", "《中华人民共和国人民调解法》第八条", "《中华人民共和国统计法》第七条",
                        "《国家基本公共卫生服务规范》", "《城市居民委员会组织法》第三条", "《广东省城乡社区治理条例》第二十条"]
    static let natures: [TaskNature] = TaskNature.allCases.filter { !$0.isAdministrativeFunction }

    // MARK: - The plan of the data, in memory

    struct Plan {
        let id: UUID, department: UUID, year: Int, title: String, fund: UUID, perCommittee: Int64
        let kind: AgreementKind, grouping: AgreementGrouping, state: PlanState, reach: String
        let tasks: [UUID], communities: [String]
    }

    struct Agreement {
        let id: UUID, plan: Plan, party: String, members: [String]
        var funding: Int64 { plan.perCommittee * Int64(members.count) }
    }

    /// The rows to write, table by table, in an order the foreign keys accept.
    struct Rows {
        var byTable: [(table: String, columns: [String], rows: [[any SQLExpression]])] = []
        mutating func add(_ table: String, _ columns: [String], _ row: [any SQLExpression]) {
            if let i = byTable.firstIndex(where: { $0.table == table }) { byTable[i].rows.append(row) } else { byTable.append((table, columns, [row])) }
        }
    }

    func generate(_ options: Options) async throws -> Summary {
        guard options.isWithinBounds else { throw Abort(.badRequest, reason: "usage: " + Options.usage) }
        let db = app.db
        var rng = SeededGenerator(seed: options.seed &* 0x2545_F491_4F6C_DD1D &+ 0xA11C_E55)
        func uuid() -> UUID {
            var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
            bytes[6] = (bytes[6] & 0x0F) | 0x40
            bytes[8] = (bytes[8] & 0x3F) | 0x80
            return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        }
        func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
        func at(_ year: Int, _ month: Int, _ day: Int) -> Date {
            var c = DateComponents()
            c.year = year; c.month = month; c.day = day; c.hour = 1
            var cal = Calendar(identifier: .gregorian)
            cal.timeZone = TimeZone(identifier: "UTC") ?? .current
            return cal.date(from: c) ?? Date(timeIntervalSince1970: 0)
        }

        let communities = try await Division.query(on: db).filter(\.$level == .community).sort(\.$id).all().map(\.code)
            .filter { $0.hasPrefix(Self.city) }
        guard !communities.isEmpty else { throw Abort(.badRequest, reason: "run `shequ demo` first: no communities in the divisions table") }
        let districtOf = { (c: String) in String(c.prefix(DivisionLevel.district.codeLength)) }
        let byDistrict = Dictionary(grouping: communities, by: districtOf)
        let districts = byDistrict.keys.sorted()
        let years = Array(options.firstYear..<(options.firstYear + options.years))
        let fundName = { (year: Int) in "\(year)年社区工作事项准入专项资金（合成数据，种子\(options.seed)）" }
        guard try await Fund.query(on: db).filter(\.$name == fundName(options.firstYear)).count() == 0 else {
            throw Abort(.conflict, reason: "already generated with seed \(options.seed): use another seed or a fresh data directory")
        }

        var rows = Rows()
        var summary = Summary()
        summary.communities = communities.count
        let b = { (v: (any Encodable & Sendable)?) -> any SQLExpression in v.map { SQLBind($0) } ?? SQLLiteral.null }

        // Departments: found by name, made when missing.
        var departmentIDs: [UUID] = []
        for d in Self.departments {
            let id = uuid()
            if let existing = try await Department.query(on: db).filter(\.$name == d.name).first(), let existingID = existing.id {
                departmentIDs.append(existingID)
            } else {
                rows.add(Department.schema, ["id", "name", "division_code"], [b(id), b(d.name), b(d.code)])
                departmentIDs.append(id)
            }
        }
        summary.departments = departmentIDs.count

        // Tasks: about a third must be undertaken; a few end, or start, inside the generated years.
        struct Task { let id: UUID, department: UUID, must: Bool, inForce: Bool, from: Int, to: Int?
            func inForce(in year: Int) -> Bool { inForce && from <= year && (to.map { year <= $0 } ?? true) } }
        var tasks: [Task] = []
        let lastYear = options.firstYear + options.years - 1
        for i in 0..<options.tasks {
            let department = departmentIDs[i % departmentIDs.count]
            let must = int(0...99) < 33
            let roll = int(0...99)
            let from = roll < 85 ? options.firstYear - int(0...3) : int(options.firstYear...lastYear)
            let to: Int? = roll >= 92 ? int(from...lastYear) : nil
            let task = Task(id: uuid(), department: department, must: must, inForce: int(0...99) < 95, from: from, to: to)
            tasks.append(task)
            let created = at(max(from - 1, 2000), 12, 1)
            rows.add(AdministrativeTask.schema,
                     ["id", "title", "legal_basis", "department_id", "classification", "classified_by", "nature", "hours_per_year", "in_force",
                      "from_year", "to_year", "created_at", "updated_at"],
                     [b(task.id), b("\(Self.topics[i % Self.topics.count])（第\(i + 1)项）"), b(Self.bases[int(0...(Self.bases.count - 1))]),
                      b(department), b((must ? TaskClassification.mustUndertake : .mayUndertake).rawValue),
                      b("珠社领〔\(from - 1)〕2号 社区工作事项准入目录"), b(Self.natures[int(0...(Self.natures.count - 1))].rawValue),
                      b(int(2...40) * 5), b(task.inForce), b(from), b(to), b(created), b(created)])
        }
        summary.tasks = tasks.count

        // Plans, year by year: each department splits its may-undertake tasks in force among a few plans.
        var plans: [Plan] = []
        var funds: [Int: UUID] = [:]
        for year in years {
            let fund = uuid()
            funds[year] = fund
            for department in departmentIDs {
                var may = tasks.filter { $0.department == department && !$0.must && $0.inForce(in: year) }.map(\.id)
                may.shuffle(using: &rng)
                while !may.isEmpty {
                    let take = min(may.count, int(1...3))
                    let planTasks = Array(may.prefix(take))
                    may.removeFirst(take)
                    let roll = int(0...99)
                    let state: PlanState = roll < 60 ? .approved : roll < 75 ? .rejected : roll < 85 ? .changesRequested : .submitted
                    var reached: [String]
                    if int(0...99) < 60, let district = districts.randomElement(using: &rng), let list = byDistrict[district] {
                        reached = Array(list.shuffled(using: &rng).prefix(int(min(5, list.count)...min(80, list.count))))
                    } else {
                        reached = Array(communities.shuffled(using: &rng).prefix(int(min(10, communities.count)...min(150, communities.count))))
                    }
                    reached.sort()
                    let reach = Set(reached.map(districtOf)).count == 1 ? districtOf(reached[0]) : Self.city
                    plans.append(Plan(id: uuid(), department: department, year: year,
                                      title: "\(year)年\(Self.topics[int(0...(Self.topics.count - 1))])计划（第\(plans.count + 1)号）",
                                      fund: fund, perCommittee: Int64(int(50...500)) * 10_000,
                                      kind: int(0...1) == 0 ? .entrustment : .purchaseOfService,
                                      grouping: int(0...1) == 0 ? .perDistrict : .perCommittee, state: state, reach: reach,
                                      tasks: planTasks, communities: reached))
                }
            }
        }

        for p in plans {
            rows.add(TaskPlan.schema,
                     ["id", "department_id", "year", "title", "fund_id", "amount_per_committee", "working_conditions", "policy_guidance",
                      "agreement_kind", "grouping", "state", "reach", "created_by", "submitted_on", "decided_on", "created_at"],
                     [b(p.id), b(p.department), b(p.year), b(p.title), b(p.fund), b(p.perCommittee), b("每个社区提供工作用房和专职人员"),
                      b("部门每季度培训一次并提供工作指引"), b(p.kind.rawValue), b(p.grouping.rawValue), b(p.state.rawValue), b(p.reach),
                      b(Self.actor), b("\(p.year)-01-15"), b(p.state == .submitted ? nil : "\(p.year)-02-20"), b(at(p.year, 1, 10))])
            for t in p.tasks { rows.add(TaskPlanTask.schema, ["id", "plan_id", "task_id"], [b(uuid()), b(p.id), b(t)]) }
            for c in p.communities { rows.add(TaskPlanCommunity.schema, ["id", "plan_id", "division_code"], [b(uuid()), b(p.id), b(c)]) }
            var steps: [(PlanState, PlanState, String, Int)] = [(.draft, .submitted, "", 15)]
            switch p.state {
            case .approved: steps.append((.submitted, .approved, "任务明确，经费和工作条件落实，同意准入", 20))
            case .rejected: steps.append((.submitted, .rejected, "经费不足以支撑事项，不予准入", 20))
            case .changesRequested: steps.append((.submitted, .changesRequested, "请写明工作条件和培训安排", 20))
            default: break
            }
            for (from, to, reason, day) in steps {
                rows.add(TaskPlanEvent.schema, ["id", "plan_id", "from_state", "to_state", "reason", "actor", "created_at"],
                         [b(uuid()), b(p.id), b(from.rawValue), b(to.rawValue), b(reason), b(Self.actor), b(at(p.year, to == .submitted ? 1 : 2, day))])
            }
        }
        summary.plans = plans.count
        summary.approved = plans.filter { $0.state == .approved }.count
        summary.rejected = plans.filter { $0.state == .rejected }.count
        summary.changesRequested = plans.filter { $0.state == .changesRequested }.count
        summary.submitted = plans.filter { $0.state == .submitted }.count

        // Assignments: every must-undertake task in force to every community, and the approved plans' tasks to theirs.
        let assignColumns = ["id", "task_id", "division_code", "year", "plan_id", "assigned_by", "created_at"]
        for year in years {
            for t in tasks where t.must && t.inForce(in: year) {
                for c in communities { rows.add(TaskAssignment.schema, assignColumns, [b(uuid()), b(t.id), b(c), b(year), b(nil), b(Self.actor), b(at(year, 1, 5))]) }
                summary.assignments += communities.count
            }
        }
        for p in plans where p.state == .approved {
            for t in p.tasks {
                for c in p.communities { rows.add(TaskAssignment.schema, assignColumns, [b(uuid()), b(t), b(c), b(p.year), b(p.id), b(Self.actor), b(at(p.year, 3, 1))]) }
                summary.assignments += p.communities.count
            }
        }

        // Agreements of the approved plans: one per district or per committee, as the plan says.
        var agreements: [Agreement] = []
        for p in plans where p.state == .approved {
            let groups: [(String, [String])] = switch p.grouping {
            case .perCommittee: p.communities.map { ($0, [$0]) }
            case .perDistrict: Dictionary(grouping: p.communities, by: districtOf).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            }
            for (party, members) in groups { agreements.append(Agreement(id: uuid(), plan: p, party: party, members: members)) }
        }
        for a in agreements {
            rows.add(TaskAgreement.schema,
                     ["id", "plan_id", "department_id", "kind", "state", "division_code", "title", "term_start", "term_end", "deliverables",
                      "inspection_schedule", "fund_id", "funding", "converted_from", "closing_reason", "created_at"],
                     [b(a.id), b(a.plan.id), b(a.plan.department), b(a.plan.kind.rawValue), b(AgreementState.active.rawValue), b(a.party),
                      b(a.plan.title), b("\(a.plan.year)-03-01"), b("\(a.plan.year)-12-31"), b("按计划完成事项并建立工作台账"), b("每季度末检查一次"),
                      b(a.plan.fund), b(a.funding), b(nil), b(nil), b(at(a.plan.year, 3, 1))])
            for c in a.members {
                rows.add(AgreementCommunity.schema, ["id", "agreement_id", "division_code", "promised"], [b(uuid()), b(a.id), b(c), b(a.plan.perCommittee)])
            }
        }
        summary.agreements = agreements.count

        // The ledger. Fixed movements first (contributions, allocations, reservations, agreements), then as many
        // payments to committees as bring the entries near the number asked for: at most twelve monthly
        // instalments of a twelfth of what each committee was promised, so no agreement is overdrawn.
        let approved = plans.filter { $0.state == .approved }
        var fixed = 0
        for year in years {
            let yearPlans = approved.filter { $0.year == year }
            fixed += 2 * districts.count + 1   // the city's and each district's contribution, an allocation to each district
            fixed += yearPlans.reduce(0) { $0 + Set($1.communities.map(districtOf)).count }
        }
        fixed += agreements.count
        let pairs = agreements.flatMap { a in a.members.map { (a, $0) } }
        let wanted = max(0, options.entries / 2 - fixed)
        let perPair = pairs.isEmpty ? 0 : min(12, wanted / pairs.count)
        let extra = pairs.isEmpty || perPair >= 12 ? 0 : wanted % pairs.count

        var accounts: [String: UUID] = [:]
        func account(_ key: LedgerAccountKey) -> UUID {
            if let id = accounts[key.naturalKey] { return id }
            let id = uuid()
            accounts[key.naturalKey] = id
            rows.add(LedgerAccount.schema, ["id", "fund_id", "kind", "division_code", "reference_id", "department_id", "natural_key"],
                     [b(id), b(key.fundID), b(key.kind.rawValue), b(key.divisionCode), b(key.referenceID), b(key.departmentID), b(key.naturalKey)])
            return id
        }
        var seqs: [UUID: Int64] = [:]
        func move(_ fen: Int64, from: LedgerAccountKey, to: LedgerAccountKey, cites: LedgerCitation, memo: String, on date: Date) -> UUID {
            let fund = from.fundID
            let seq = (seqs[fund] ?? 0) + 1
            seqs[fund] = seq
            let tx = uuid()
            rows.add(LedgerTransactionRecord.schema,
                     ["id", "fund_id", "seq", "citation_kind", "citation_reference_id", "citation_document", "memo", "actor", "recorded_at"],
                     [b(tx), b(fund), b(seq), b(cites.kind.rawValue), b(cites.referenceID), b(cites.document), b(memo), b(Self.actor), b(date)])
            let source = account(from), target = account(to)
            for (acct, counter, amount) in [(source, target, -fen), (target, source, fen)] {
                rows.add(LedgerEntry.schema,
                         ["id", "transaction_id", "fund_id", "seq", "account_id", "counter_account_id", "amount_fen", "citation_kind",
                          "citation_reference_id", "citation_document", "memo", "actor", "recorded_at"],
                         [b(uuid()), b(tx), b(fund), b(seq), b(acct), b(counter), b(amount), b(cites.kind.rawValue), b(cites.referenceID),
                          b(cites.document), b(memo), b(Self.actor), b(date)])
            }
            summary.transactions += 1
            summary.entries += 2
            return tx
        }

        var pairIndex = 0
        for year in years {
            guard let fund = funds[year] else { continue }
            rows.add(Fund.schema, ["id", "name", "division_code", "kind", "first_year", "last_year", "document", "created_by", "created_at"],
                     [b(fund), b(fundName(year)), b(Self.city), b(FundKind.special.rawValue), b(year), b(year), b("珠字〔2010〕7号"),
                      b(Self.actor), b(at(year, 1, 2))])
            summary.funds += 1
            let yearPlans = approved.filter { $0.year == year }
            // What each district's plans will reserve, plus a tenth (rounded up to 10,000 yuan) the district keeps unspent.
            var need: [String: Int64] = [:]
            for p in yearPlans {
                for (d, list) in Dictionary(grouping: p.communities, by: districtOf) { need[d, default: 0] += p.perCommittee * Int64(list.count) }
            }
            let allocation = Dictionary(uniqueKeysWithValues: districts.map { d in
                (d, ((need[d] ?? 0) * 11 / 10 / 1_000_000 + 1) * 1_000_000)
            })
            let decision = LedgerCitation(kind: .fundingDecision, document: "珠字〔2010〕7号")
            // The city pays half of every allocation and a reserve; each district the rest of its own.
            let cityShare = allocation.values.reduce(0) { $0 + $1 / 2 } + 100_000_000
            _ = move(cityShare, from: .contribution(fund, by: Self.city), to: .fund(fund), cites: decision, memo: "市级专项资金", on: at(year, 1, 5))
            for d in districts {
                let share = (allocation[d] ?? 0) - (allocation[d] ?? 0) / 2
                _ = move(share, from: .contribution(fund, by: d), to: .fund(fund), cites: decision, memo: "区级配套资金", on: at(year, 1, 6))
            }
            for d in districts {
                _ = move(allocation[d] ?? 0, from: .fund(fund), to: .districtAllocation(fund, district: d),
                         cites: LedgerCitation(kind: .allocationDecision, document: "珠社领办〔\(year)〕1号"), memo: "分配\(d)", on: at(year, 1, 10))
            }
            for p in yearPlans {
                let target = LedgerAccountKey.plan(fund, plan: p.id, department: p.department, reach: p.reach)
                for (d, list) in Dictionary(grouping: p.communities, by: districtOf).sorted(by: { $0.key < $1.key }) {
                    _ = move(p.perCommittee * Int64(list.count), from: .districtAllocation(fund, district: d), to: target,
                             cites: LedgerCitation(kind: .plan, referenceID: p.id, document: p.title),
                             memo: "plan approved: \(p.title) (\(list.count))", on: at(year, 2, 20))
                }
            }
            let yearAgreements = agreements.filter { $0.plan.year == year }
            for a in yearAgreements {
                _ = move(a.funding, from: .plan(fund, plan: a.plan.id, department: a.plan.department, reach: a.plan.reach),
                         to: .agreement(fund, agreement: a.id, department: a.plan.department, divisionCode: a.party),
                         cites: LedgerCitation(kind: .agreement, referenceID: a.id, document: a.plan.title),
                         memo: "\(a.plan.kind.rawValue) agreement with \(a.party)", on: at(year, 3, 1))
            }
            // Monthly payments, month by month across the year's agreements, in the order the ledger would see them.
            var due: [(Agreement, String, Int)] = []
            for a in yearAgreements {
                for c in a.members {
                    due.append((a, c, perPair + (pairIndex < extra ? 1 : 0)))
                    pairIndex += 1
                }
            }
            for month in 0..<12 {
                for (a, c, count) in due where month < count {
                    let amount = a.plan.perCommittee / 12
                    let date = at(year, 1 + month, 25)
                    let memo = "\(year)年第\(month + 1)期拨付"
                    let tx = move(amount, from: .agreement(fund, agreement: a.id, department: a.plan.department, divisionCode: a.party),
                                  to: .committee(fund, community: c), cites: LedgerCitation(kind: .agreement, referenceID: a.id, document: a.plan.title),
                                  memo: memo, on: date)
                    rows.add(AgreementDisbursement.schema, ["id", "agreement_id", "division_code", "amount", "ledger_transaction_id", "memo", "paid_by", "created_at"],
                             [b(uuid()), b(a.id), b(c), b(amount), b(tx), b(memo), b(Self.actor), b(date)])
                }
            }
        }

        // Parents before children: the order foreign keys need, whatever order the rows were decided in.
        let order = [Department.schema, AdministrativeTask.schema, Fund.schema, TaskPlan.schema, TaskPlanTask.schema, TaskPlanCommunity.schema,
                     TaskPlanEvent.schema, TaskAssignment.schema, TaskAgreement.schema, AgreementCommunity.schema, LedgerAccount.schema,
                     LedgerTransactionRecord.schema, LedgerEntry.schema, AgreementDisbursement.schema]
        let tables = rows.byTable.sorted { (order.firstIndex(of: $0.table) ?? order.count) < (order.firstIndex(of: $1.table) ?? order.count) }
        try await app.writeGate.transaction(on: db) { tx in
            guard let sql = tx as? any SQLDatabase else { throw Abort(.internalServerError) }
            for t in tables {
                for chunk in stride(from: 0, to: t.rows.count, by: Self.batch) {
                    try await sql.insert(into: t.table).columns(t.columns).rows(Array(t.rows[chunk..<min(chunk + Self.batch, t.rows.count)])).run()
                }
            }
        }
        if let sql = db as? any SQLDatabase {
            // Fresh statistics, as a running database would have, so the planner knows the tables' sizes.
            if db.isPostgres { for t in tables { try await sql.raw("VACUUM ANALYZE \(ident: t.table)").run() } } else { try await sql.raw("ANALYZE").run() }
        }
        return summary
    }
}
