import Fluent
import Foundation
import ShequKernel
import ShequPlatform
import Vapor

/// C4's rules, callable without HTTP (the API route, the page form and the demo all run these): a Hong Kong or
/// Macao partner organisation records its social workers, identified by their Mainland permits, and the joint
/// projects it runs; the linkage of 横琴, 拱北 and 湾仔 with Macao's organisations is read off both.
public enum CrossBorder {
    /// The three places the policy (§4.1) wants linked with Macao's community services and social workers by mid-2012.
    public static let linkageStreets = ["440402104", "440402005", "440402008"]

    public struct WorkerDraft: Sendable {
        public var name: String
        public var credentialKind: CrossBorderCredential.Kind
        public var credentialNumber: String
        public var qualification: String
    }

    public struct ProjectDraft: Sendable {
        public var title: String
        public var summary: String
        public var streetCode: String
        public var startsOn: LocalDate
        public var endsOn: LocalDate?
    }

    /// The registry entry of a Hong Kong or Macao partner: the filing approved for this directory organisation.
    public static func partner(_ organizationID: UUID, on db: any Database) async throws -> (filing: Filing, region: CrossBorderRegion) {
        guard let filing = try await Filing.query(on: db).filter(\.$organizationID == organizationID).filter(\.$state == .approved).first() else {
            throw ShequError.notFound
        }
        guard let region = filing.partner.region else {
            throw ShequError.invalid(.errorNotCrossBorderPartner, filing.name, code: "not_cross_border_partner")
        }
        return (filing, region)
    }

    /// Records a worker: the permit valid by its own kind's rules and of the partner's region, not yet recorded.
    public static func recordWorker(_ draft: WorkerDraft, organization organizationID: UUID, by username: String, vault: PersonalDataVault,
                                    today: Date = Date(), on db: any Database) async throws -> PartnerWorker {
        let (_, region) = try await partner(organizationID, on: db)
        let credential: CrossBorderCredential
        do {
            credential = try CrossBorderCredential(kind: draft.credentialKind, draft.credentialNumber, region: region, today: today)
        } catch {
            throw ShequError.invalid(error == .regionMismatch ? .errorCredentialRegion : .errorCredential, draft.credentialKind.rawValue,
                                     code: error == .regionMismatch ? "credential_region" : "invalid_credential")
        }
        let index = vault.index(credential.rawValue, kind: "cross-border-" + credential.kind.rawValue)
        guard try await PartnerWorker.query(on: db).filter(\.$credentialIndex == index).count() == 0 else {
            throw ShequError(.conflict, .errorCredentialRecorded, code: "credential_recorded")
        }
        let worker = PartnerWorker()
        worker.id = UUID()
        worker.organizationID = organizationID
        worker.name = try Filings.clean(draft.name, field: "name", max: CrossBorderInputs.nameMax)
        worker.region = region
        worker.credentialKind = credential.kind
        worker.credentialSealed = try vault.seal(credential.rawValue)
        worker.credentialMasked = credential.masked
        worker.credentialIndex = index
        worker.qualification = try Filings.clean(draft.qualification, field: "qualification", max: CrossBorderInputs.qualificationMax)
        worker.recordedBy = username
        do {
            try await worker.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The same permit sent twice at once: the index decides, the answer is the rule's.
            throw ShequError(.conflict, .errorCredentialRecorded, code: "credential_recorded")
        }
        return worker
    }

    /// Records a joint project of a partner, in a street of the city, with its dates in order.
    public static func recordProject(_ draft: ProjectDraft, organization organizationID: UUID, by username: String,
                                     on db: any Database) async throws -> JointProject {
        _ = try await partner(organizationID, on: db)
        let street = try await Filings.requireStreet(draft.streetCode, on: db)
        if let end = draft.endsOn, end < draft.startsOn {
            throw ShequError.invalid(.errorProjectDates, "endsOn", code: "ends_before_start")
        }
        // From the policy's year to a year ahead, and at most five years long: a project, not a date typed at random.
        let today = LocalDate(instant: Date())
        guard let earliest = LocalDate(year: 2010, month: 1, day: 1), draft.startsOn >= earliest, draft.startsOn <= today.adding(days: 366),
              (draft.endsOn ?? draft.startsOn) <= draft.startsOn.adding(days: 5 * 366) else {
            throw ShequError.invalid(.errorProjectPeriod, "startsOn", code: "implausible_period")
        }
        let project = JointProject()
        project.id = UUID()
        project.organizationID = organizationID
        project.title = try publicText(draft.title, field: "title", max: CrossBorderInputs.titleMax)
        project.summary = try publicText(draft.summary, field: "summary", max: CrossBorderInputs.summaryMax)
        project.streetCode = street.code
        project.startsOn = draft.startsOn.description
        project.endsOn = draft.endsOn?.description
        project.recordedBy = username
        try await project.create(on: db)
        return project
    }

    /// One of the three places: Macao partners with a joint project there, their Macao social workers, and whether
    /// it is linked (a joint project there by a Macao partner that has at least one Macao social worker recorded).
    public struct Linkage: Content, Sendable {
        public var streetCode: String
        public var streetName: String
        public var macaoPartners: [String]
        public var macaoWorkers: Int
        public var jointProjects: Int
        public var linked: Bool
    }

    /// Text everyone reads: no phone, resident ID or permit number in it (the integrity record's rule, and the permits').
    static func publicText(_ raw: String, field: String, max: Int) throws -> String {
        let text = try IntegrityRecord.publicText(raw, field: field, max: max)
        let scalars = Array(text.uppercased().unicodeScalars)
        for (i, c) in scalars.enumerated() where c == "H" || c == "M" {
            let digits = scalars[(i + 1)...].prefix { (0x30...0x39).contains($0.value) }.count
            if digits == 8 || digits == 10 { throw ShequError.invalid(.errorIntegrityPersonalData, field, code: "personal_data") }
        }
        return text
    }

    /// Counts the projects running on `day` (Beijing time): a project that ended, or has not begun, links nothing.
    public static func linkage(on db: any Database, day: LocalDate = LocalDate(instant: Date())) async throws -> [Linkage] {
        let projects = try await JointProject.query(on: db).filter(\.$streetCode ~~ linkageStreets).all().filter { p in
            p.startsOn <= day.description && (p.endsOn.map { $0 >= day.description } ?? true)
        }
        let organizations = Array(Set(projects.map(\.organizationID)))
        let macao = organizations.isEmpty ? [] : try await Filing.query(on: db).filter(\.$organizationID ~~ organizations)
            .filter(\.$state == .approved).filter(\.$partner == .macao).all()
        let macaoIDs = Set(macao.compactMap(\.organizationID))
        let workers = macaoIDs.isEmpty ? [] : try await PartnerWorker.query(on: db).filter(\.$organizationID ~~ Array(macaoIDs))
            .filter(\.$region == .macao).all()
        let workersByOrganization = Dictionary(grouping: workers, by: \.organizationID)
        let names = try await SocialOrganizationsViews.divisionNames(linkageStreets, on: db)
        return linkageStreets.map { street in
            let here = projects.filter { $0.streetCode == street }
            let partners = macao.filter { f in here.contains { $0.organizationID == f.organizationID } }
            let staffed = partners.filter { !(workersByOrganization[$0.organizationID ?? UUID()] ?? []).isEmpty }
            return Linkage(streetCode: street, streetName: names[street] ?? street, macaoPartners: partners.map(\.name).sorted(),
                           macaoWorkers: partners.reduce(0) { $0 + (workersByOrganization[$1.organizationID ?? UUID()]?.count ?? 0) },
                           jointProjects: here.count, linked: !staffed.isEmpty)
        }
    }
}

extension CrossBorderPartner {
    var region: CrossBorderRegion? {
        switch self {
        case .none: nil
        case .hongKong: .hongKong
        case .macao: .macao
        }
    }
}
