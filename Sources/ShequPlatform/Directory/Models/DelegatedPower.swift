import Fluent
import Foundation
import ShequKernel

/// The district-level powers a district may delegate to a large street (O2). A short, named list:
/// a grant, a service item's requirement and the check between them must all mean the same power,
/// which free text would not guarantee.
public enum DistrictPower: String, Codable, Sendable, CaseIterable {
    case socialAssistanceApproval       // 部分社会救助审批
    case residencePermitAcceptance      // 流动人口居住证受理
    case individualBusinessRegistration // 个体工商户登记
    case cityManagementEnforcement      // 部分城市管理行政执法
    case familyPlanningServices         // 计划生育服务证办理

    public var phrase: Phrase {
        switch self {
        case .socialAssistanceApproval: Phrase(zh: "部分社会救助审批", en: "Approval of some social assistance")
        case .residencePermitAcceptance: Phrase(zh: "流动人口居住证受理", en: "Accepting migrants' residence permit applications")
        case .individualBusinessRegistration: Phrase(zh: "个体工商户登记", en: "Registering individual businesses")
        case .cityManagementEnforcement: Phrase(zh: "部分城市管理行政执法", en: "Some city-management enforcement")
        case .familyPlanningServices: Phrase(zh: "计划生育服务证办理", en: "Family-planning service certificates")
        }
    }
}

/// 下放权限: one district-level power granted to one street by its district, with the decision that
/// granted it. Kept after revocation, so the record shows who could do what on any past day.
public final class DelegatedPower: Model, @unchecked Sendable {
    public static let schema = "delegated_powers"

    @ID public var id: UUID?
    @Enum(key: "power") public var power: DistrictPower
    @Field(key: "street_code") public var streetCode: String
    /// The granting district: always the street's parent, recorded so the grant reads on its own.
    @Field(key: "district_code") public var districtCode: String
    /// 文号 of the district's decision, e.g. 香府〔2011〕12号.
    @Field(key: "decision_document") public var decisionDocument: String
    /// yyyy-MM-dd, as all local dates are stored.
    @Field(key: "decided_on") public var decidedOn: String
    @Field(key: "effective_from") public var effectiveFrom: String
    /// From this day on the power is no longer the street's.
    @OptionalField(key: "revoked_on") public var revokedOn: String?
    @OptionalField(key: "revocation_reason") public var revocationReason: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    /// In force on `day`: begun, and not yet revoked.
    public func isInForce(on day: LocalDate) -> Bool {
        let d = day.description
        return effectiveFrom <= d && (revokedOn.map { d < $0 } ?? true)
    }
}

extension Action {
    public static let delegatedPowerGrant = Action("delegatedPower.grant")
    public static let delegatedPowerRevoke = Action("delegatedPower.revoke")
}
