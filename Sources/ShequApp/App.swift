import CommitteeOffice
import CommunityPolicing
import Funds
import PartyBuilding
import Procurement
import SelfGovernance
import ServiceHall
import ShequPlatform
import SocialOrganizations
import TaskAccess
import Workforce
import Vapor

/// Composition only: the modules that make up Shequ, in dependency order.
/// A new domain module is one line here.
public enum ShequApp {
    public static var modules: [any ShequModule] {
        [PlatformCoreModule(), DirectoryModule(), RegistrationModule(), ServiceHallModule(), SelfGovernanceModule(), FundsModule(), TaskAccessModule(), SocialOrganizationsModule(), ProcurementModule(),
         PartyBuildingModule(), WorkforceModule(), CommunityPolicingModule(), CommitteeOfficeModule()]
    }

    public static func configure(_ app: Vapor.Application) async throws {
        try await app.configureShequ(modules: modules)
    }
}
