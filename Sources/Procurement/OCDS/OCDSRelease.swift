import Foundation

/// One OCDS 1.1 release of a purchase-of-service project: only the fields Shequ fills,
/// named as the release schema spells them. Codes come from the closed codelists (and
/// the open partyRole list) as enums, so a code outside them cannot be written.
///
/// Codable for Swift readers of the API; the bytes Shequ publishes come from `json`
/// (`OCDSRelease+JSON.swift`), whose amounts are exact decimal literals of the fen.
public struct OCDSRelease: Codable, Equatable, Sendable {
    public var ocid: String
    public var id: String
    public var date: String
    public var tag: [ReleaseTag]
    public var initiationType: String = "tender"
    public var language: String = "zh"
    public var parties: [Party]
    public var buyer: OrganizationReference?
    public var planning: Planning?
    public var tender: Tender?
    public var awards: [Award]?
    public var contracts: [Contract]?

    public init(ocid: String, id: String, date: String, tag: [ReleaseTag], parties: [Party], buyer: OrganizationReference? = nil,
                planning: Planning? = nil, tender: Tender? = nil, awards: [Award]? = nil, contracts: [Contract]? = nil) {
        self.ocid = ocid
        self.id = id
        self.date = date
        self.tag = tag
        self.parties = parties
        self.buyer = buyer
        self.planning = planning
        self.tender = tender
        self.awards = awards
        self.contracts = contracts
    }

    /// releaseTag.csv (closed).
    public enum ReleaseTag: String, Codable, Sendable, CaseIterable {
        case planning, planningUpdate, tender, tenderAmendment, tenderUpdate, tenderCancellation
        case award, awardUpdate, awardCancellation, contract, contractUpdate, contractAmendment
        case implementation, implementationUpdate, contractTermination, compiled
    }

    /// partyRole.csv (open in the schema; Shequ uses these and no others).
    public enum PartyRole: String, Codable, Sendable, CaseIterable {
        case buyer, procuringEntity, tenderer, supplier, payer, payee
    }

    /// method.csv (closed). A direct award is `limited`, with its recorded reason as
    /// `procurementMethodRationale`.
    public enum ProcurementMethod: String, Codable, Sendable, CaseIterable {
        case open, selective, limited, direct
    }

    /// tenderStatus.csv (closed).
    public enum TenderStatus: String, Codable, Sendable, CaseIterable {
        case planning, planned, active, cancelled, unsuccessful, complete, withdrawn
    }

    /// awardStatus.csv (closed).
    public enum AwardStatus: String, Codable, Sendable, CaseIterable {
        case pending, active, cancelled, unsuccessful
    }

    /// contractStatus.csv (closed).
    public enum ContractStatus: String, Codable, Sendable, CaseIterable {
        case pending, active, cancelled, terminated
    }

    /// milestoneStatus.csv (closed).
    public enum MilestoneStatus: String, Codable, Sendable, CaseIterable {
        case scheduled, met, notMet, partiallyMet
    }

    /// An amount in CNY, held as integer fen.
    public struct Value: Codable, Equatable, Sendable {
        public var fen: Int64
        public var currency: String { "CNY" }

        public init(fen: Int64) { self.fen = fen }

        enum CodingKeys: String, CodingKey { case amount, currency }

        /// A Swift reader gets the nearest fen; the published bytes are exact either way.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let amount = try c.decode(Double.self, forKey: .amount)
            guard amount.isFinite, abs(amount) < 1e13 else {
                throw DecodingError.dataCorruptedError(forKey: .amount, in: c, debugDescription: "amount out of range")
            }
            fen = Int64((amount * 100).rounded())
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(Double(fen) / 100, forKey: .amount)
            try c.encode(currency, forKey: .currency)
        }
    }

    public struct Period: Codable, Equatable, Sendable {
        public var startDate: String?
        public var endDate: String?

        public init(startDate: String? = nil, endDate: String? = nil) {
            self.startDate = startDate
            self.endDate = endDate
        }
    }

    public struct Identifier: Codable, Equatable, Sendable {
        public var scheme: String?
        public var id: String
        public var legalName: String?

        public init(scheme: String?, id: String, legalName: String?) {
            self.scheme = scheme
            self.id = id
            self.legalName = legalName
        }
    }

    public struct Address: Codable, Equatable, Sendable {
        public var streetAddress: String?
        public var region: String?
        public var countryName: String?

        public init(streetAddress: String? = nil, region: String? = nil, countryName: String? = nil) {
            self.streetAddress = streetAddress
            self.region = region
            self.countryName = countryName
        }
    }

    public struct Party: Codable, Equatable, Sendable {
        public var id: String
        public var name: String
        public var identifier: Identifier?
        public var address: Address?
        public var roles: [PartyRole]

        public init(id: String, name: String, identifier: Identifier? = nil, address: Address? = nil, roles: [PartyRole]) {
            self.id = id
            self.name = name
            self.identifier = identifier
            self.address = address
            self.roles = roles
        }

        public var reference: OrganizationReference { OrganizationReference(id: id, name: name) }
    }

    public struct OrganizationReference: Codable, Equatable, Sendable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public struct Budget: Codable, Equatable, Sendable {
        public var id: String?
        public var description: String?
        public var amount: Value?
        public var project: String?
        public var projectID: String?

        public init(id: String? = nil, description: String? = nil, amount: Value? = nil, project: String? = nil, projectID: String? = nil) {
            self.id = id
            self.description = description
            self.amount = amount
            self.project = project
            self.projectID = projectID
        }
    }

    public struct Planning: Codable, Equatable, Sendable {
        public var rationale: String?
        public var budget: Budget?

        public init(rationale: String? = nil, budget: Budget? = nil) {
            self.rationale = rationale
            self.budget = budget
        }
    }

    public struct Tender: Codable, Equatable, Sendable {
        public var id: String
        public var title: String?
        public var description: String?
        public var status: TenderStatus?
        public var procuringEntity: OrganizationReference?
        public var value: Value?
        public var procurementMethod: ProcurementMethod?
        public var procurementMethodDetails: String?
        public var procurementMethodRationale: String?
        public var mainProcurementCategory: String? = "services"
        public var tenderPeriod: Period?
        public var numberOfTenderers: Int?
        public var tenderers: [OrganizationReference]?

        public init(id: String, title: String? = nil, description: String? = nil, status: TenderStatus? = nil,
                    procuringEntity: OrganizationReference? = nil, value: Value? = nil, procurementMethod: ProcurementMethod? = nil,
                    procurementMethodDetails: String? = nil, procurementMethodRationale: String? = nil,
                    tenderPeriod: Period? = nil, numberOfTenderers: Int? = nil, tenderers: [OrganizationReference]? = nil) {
            self.id = id
            self.title = title
            self.description = description
            self.status = status
            self.procuringEntity = procuringEntity
            self.value = value
            self.procurementMethod = procurementMethod
            self.procurementMethodDetails = procurementMethodDetails
            self.procurementMethodRationale = procurementMethodRationale
            self.tenderPeriod = tenderPeriod
            self.numberOfTenderers = numberOfTenderers
            self.tenderers = tenderers
        }
    }

    public struct Award: Codable, Equatable, Sendable {
        public var id: String
        public var title: String?
        public var description: String?
        public var status: AwardStatus
        public var date: String?
        public var value: Value?
        public var suppliers: [OrganizationReference]

        public init(id: String, title: String? = nil, description: String? = nil, status: AwardStatus, date: String? = nil,
                    value: Value? = nil, suppliers: [OrganizationReference]) {
            self.id = id
            self.title = title
            self.description = description
            self.status = status
            self.date = date
            self.value = value
            self.suppliers = suppliers
        }
    }

    public struct Milestone: Codable, Equatable, Sendable {
        public var id: String
        public var title: String?
        /// milestoneType.csv (open): "delivery" for a paid milestone, "assessment" for supervision and the evaluation.
        public var type: String?
        public var description: String?
        public var dueDate: String?
        public var dateMet: String?
        public var status: MilestoneStatus?

        public init(id: String, title: String? = nil, type: String? = nil, description: String? = nil, dueDate: String? = nil,
                    dateMet: String? = nil, status: MilestoneStatus? = nil) {
            self.id = id
            self.title = title
            self.type = type
            self.description = description
            self.dueDate = dueDate
            self.dateMet = dateMet
            self.status = status
        }
    }

    public struct Transaction: Codable, Equatable, Sendable {
        public var id: String
        public var source: String?
        public var date: String?
        public var value: Value
        public var payer: OrganizationReference?
        public var payee: OrganizationReference?

        public init(id: String, source: String? = nil, date: String? = nil, value: Value, payer: OrganizationReference? = nil,
                    payee: OrganizationReference? = nil) {
            self.id = id
            self.source = source
            self.date = date
            self.value = value
            self.payer = payer
            self.payee = payee
        }
    }

    public struct Implementation: Codable, Equatable, Sendable {
        public var transactions: [Transaction]?
        public var milestones: [Milestone]?

        public init(transactions: [Transaction]? = nil, milestones: [Milestone]? = nil) {
            self.transactions = transactions
            self.milestones = milestones
        }
    }

    public struct Contract: Codable, Equatable, Sendable {
        public var id: String
        public var awardID: String
        public var title: String?
        public var description: String?
        public var status: ContractStatus
        public var period: Period?
        public var value: Value?
        public var dateSigned: String?
        public var milestones: [Milestone]?
        public var implementation: Implementation?

        public init(id: String, awardID: String, title: String? = nil, description: String? = nil, status: ContractStatus,
                    period: Period? = nil, value: Value? = nil, dateSigned: String? = nil, milestones: [Milestone]? = nil,
                    implementation: Implementation? = nil) {
            self.id = id
            self.awardID = awardID
            self.title = title
            self.description = description
            self.status = status
            self.period = period
            self.value = value
            self.dateSigned = dateSigned
            self.milestones = milestones
            self.implementation = implementation
        }
    }
}
