import Fluent
import Foundation
import Funds
import ShequKernel
import ShequPlatform

/// Builds a project's release from its current state and appends it to the release log, in the caller's
/// transaction, so a stage change and its publication land together or not at all. Every release carries the
/// whole public state of the project at that moment (OCDS's recommended "full" releases), so any one release
/// read alone is complete, and the compiled record is simply the latest state.
public enum OCDSPublisher {
    /// Appends the project's release for a stage. A stage's first release has its tag; later ones of the same
    /// stage (a second payment, a supervision visit, the call closing) become its update tag.
    @discardableResult
    public static func publish(projectID: UUID, tag: OCDSRelease.ReleaseTag, on db: any Database,
                               settings: OCDSSettings = .current, now: Date = Date()) async throws -> OCDSLog.Appended {
        guard let project = try await PurchaseProject.find(projectID, on: db) else { throw ShequError.notFound }
        let ocid = settings.ocid(projectID: projectID)
        let published = try await OCDSReleaseEntry.query(on: db).filter(\.$ocid == ocid).field(\.$tag).all()
            .flatMap { $0.tag.split(separator: ",").map(String.init) }
        let effective = published.contains(tag.rawValue) ? tag.update : tag
        let release = try await build(project, ocid: ocid, tag: effective, on: db, now: now)
        return try await OCDSLog.append(release, projectID: projectID, chain: project.scopeCode, on: db, now: now)
    }

    /// The release of the project as it stands (its `id` is assigned by the log).
    static func build(_ p: PurchaseProject, ocid: String, tag: OCDSRelease.ReleaseTag, on db: any Database, now: Date) async throws -> OCDSRelease {
        let projectID = try p.requireID()
        let division = try await Division.find(p.scopeCode, on: db)
        let fund = try await Fund.find(p.fundID, on: db)
        let applications = try await ProcurementApplication.query(on: db).filter(\.$projectID == projectID).sort(\.$createdAt).sort(\.$id).all()
        let payments = try await ProcurementPayment.query(on: db).filter(\.$projectID == projectID).sort(\.$createdAt).sort(\.$id).all()
        let visits = try await ProcurementSupervision.query(on: db).filter(\.$projectID == projectID).sort(\.$createdAt).sort(\.$id).all()

        var buyerRoles: [OCDSRelease.PartyRole] = [.buyer, .procuringEntity]
        if !payments.isEmpty { buyerRoles.append(.payer) }
        let buyer = OCDSRelease.Party(id: "CN-DIV-" + p.scopeCode, name: division?.name ?? p.scopeCode,
                                      identifier: .init(scheme: "CN-DIV", id: p.scopeCode, legalName: division?.name),
                                      address: .init(region: division?.name, countryName: "中国"), roles: buyerRoles)
        let closed = [.scoring, .awarded, .contracted, .evaluated].contains(p.stage)
        let winner = applications.first { $0.id == p.winnerApplicationID }
        var parties = [buyer]
        if closed {
            for a in applications {
                var roles: [OCDSRelease.PartyRole] = [.tenderer]
                if a.id == winner?.id, p.awardedAt != nil {
                    roles.append(.supplier)
                    if !payments.isEmpty { roles.append(.payee) }
                }
                parties.append(.init(id: orgPartyID(a.organizationID), name: a.organizationName, roles: roles))
            }
        }

        let planning = OCDSRelease.Planning(rationale: p.description,
                                            budget: .init(id: p.fundID.uuidString.lowercased(), description: fund?.name, amount: .init(fen: p.budgetFen),
                                                          project: p.title, projectID: projectID.uuidString.lowercased()))
        var tender = OCDSRelease.Tender(id: ocid + "-tender", title: p.title, description: p.description, status: tenderStatus(p.stage),
                                        procuringEntity: buyer.reference, value: .init(fen: p.budgetFen))
        tender.procurementMethodDetails = areaName(p.area)
        if let method = p.method {
            switch method {
            case .open: tender.procurementMethod = .open
            case .selective: tender.procurementMethod = .selective
            // OCDS's `direct` is a sole source without competition; a direct award with a recorded reason is `limited`.
            case .direct: tender.procurementMethod = .limited
            }
            tender.procurementMethodDetails = methodName(method) + "；" + areaName(p.area)
            tender.procurementMethodRationale = p.methodReason
            tender.tenderPeriod = .init(endDate: p.closesOn.flatMap(LocalDate.init).map { OCDSDate.text($0.adding(days: 1)) })
        }
        if closed {
            tender.numberOfTenderers = applications.count
            tender.tenderers = applications.map { .init(id: orgPartyID($0.organizationID), name: $0.organizationName) }
        }

        var awards: [OCDSRelease.Award]?
        if let winner, let awardedAt = p.awardedAt {
            let reasons = [p.awardReason, p.preferenceReason.map { "未选择优先的社会组织的理由 Why the preferred social organisation was passed over: " + $0 }]
                .compactMap { $0 }.joined(separator: "\n")
            awards = [.init(id: awardID(winner), title: p.title, description: reasons, status: .active, date: OCDSDate.text(awardedAt),
                            value: p.awardValueFen.map(OCDSRelease.Value.init(fen:)),
                            suppliers: [.init(id: orgPartyID(winner.organizationID), name: winner.organizationName)])]
        }

        var contracts: [OCDSRelease.Contract]?
        if let winner, let price = p.contractPriceFen, let signed = p.contractedAt {
            let supplier = OCDSRelease.OrganizationReference(id: orgPartyID(winner.organizationID), name: winner.organizationName)
            var milestones: [OCDSRelease.Milestone] = payments.map { pay in
                .init(id: "payment-" + (pay.id?.uuidString.lowercased() ?? ""), title: pay.milestone, type: "delivery",
                      dateMet: pay.createdAt.map(OCDSDate.text), status: .met)
            }
            milestones += visits.map { v in
                .init(id: "supervision-" + (v.id?.uuidString.lowercased() ?? ""), title: "监督检查 Supervision: " + findingName(v.finding),
                      type: "assessment", description: v.text,
                      dateMet: v.finding == .satisfactory ? LocalDate(v.visitedOn).map(OCDSDate.text) : nil, status: status(v.finding))
            }
            if let score = p.evaluationScore, let at = p.evaluatedAt {
                // An evaluation below the pass mark is an assessment milestone not met, and says so.
                let passed = score >= PurchaseProjects.passMark
                milestones.append(.init(id: "evaluation", title: "绩效评价 Performance evaluation: \(score)/100", type: "assessment",
                                        description: p.evaluationSummary, dateMet: passed ? OCDSDate.text(at) : nil, status: passed ? .met : .notMet))
            }
            let transactions: [OCDSRelease.Transaction] = payments.map { pay in
                .init(id: "payment-" + (pay.id?.uuidString.lowercased() ?? ""), date: pay.createdAt.map(OCDSDate.text),
                      value: .init(fen: pay.amountFen), payer: buyer.reference, payee: supplier)
            }
            let details = [p.contractContent, p.contractQuantity.map { "数量 Quantity: " + $0 }, p.contractQuality.map { "质量 Quality: " + $0 },
                           p.contractSettlement.map { "结算 Settlement: " + $0 }, p.contractLiability.map { "违约责任 Liability: " + $0 }]
                .compactMap { $0 }.joined(separator: "\n")
            contracts = [.init(id: ocid + "-contract", awardID: awardID(winner), title: p.title, description: details,
                               status: p.stage == .evaluated ? .terminated : .active,
                               period: .init(startDate: p.termStart.flatMap(LocalDate.init).map(OCDSDate.text),
                                             endDate: p.termEnd.flatMap(LocalDate.init).map(OCDSDate.text)),
                               value: .init(fen: price), dateSigned: OCDSDate.text(signed),
                               implementation: milestones.isEmpty && transactions.isEmpty ? nil
                                   : .init(transactions: transactions.isEmpty ? nil : transactions, milestones: milestones.isEmpty ? nil : milestones))]
        }

        return OCDSRelease(ocid: ocid, id: ocid, date: OCDSDate.text(now), tag: [tag], parties: parties, buyer: buyer.reference,
                           planning: planning, tender: tender, awards: awards, contracts: contracts)
    }

    static func orgPartyID(_ id: UUID) -> String { "SHEQU-ORG-" + id.uuidString.lowercased() }
    static func awardID(_ winner: ProcurementApplication) -> String { "award-" + (winner.id?.uuidString.lowercased() ?? "") }

    static func tenderStatus(_ stage: ProcurementStage) -> OCDSRelease.TenderStatus {
        switch stage {
        case .planned: .planned
        case .callOpen: .active
        case .scoring, .awarded, .contracted, .evaluated: .complete
        }
    }

    /// Both languages in the published text: the release has one `language` field, and its readers are in both.
    static func methodName(_ m: ProcurementMethod) -> String {
        switch m {
        case .open: "公开择优 Open call"
        case .selective: "邀请 Selective call"
        case .direct: "直接委托 Direct award"
        }
    }

    static func areaName(_ a: ServiceArea) -> String {
        switch a {
        case .legal: "法律服务 Legal services"
        case .cultureSports: "文体服务 Culture and sports"
        case .elderlyCare: "养老服务 Elderly care"
        case .socialWelfare: "社会福利 Social welfare"
        case .socialAssistance: "社会救助 Social assistance"
        case .publicHealth: "公共卫生 Public health"
        case .publicEmployment: "公共就业 Public employment"
        case .publicSecurity: "公共安全 Public security"
        }
    }

    /// A supervision visit's finding as the milestone's status: only a satisfactory visit met it.
    static func status(_ f: SupervisionFinding) -> OCDSRelease.MilestoneStatus {
        switch f {
        case .satisfactory: .met
        case .needsImprovement: .partiallyMet
        case .unsatisfactory: .notMet
        }
    }

    static func findingName(_ f: SupervisionFinding) -> String {
        switch f {
        case .satisfactory: "合格 satisfactory"
        case .needsImprovement: "需改进 needs improvement"
        case .unsatisfactory: "不合格 unsatisfactory"
        }
    }
}

extension OCDSRelease.ReleaseTag {
    /// The tag of a later release of the same stage.
    var update: OCDSRelease.ReleaseTag {
        switch self {
        case .planning: .planningUpdate
        case .tender: .tenderUpdate
        case .award: .awardUpdate
        case .contract: .contractUpdate
        case .implementation: .implementationUpdate
        default: self
        }
    }
}
