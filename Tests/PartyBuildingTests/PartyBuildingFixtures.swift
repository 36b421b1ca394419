import ShequTestSupport
@testable import PartyBuilding

// Fixtures the module's suites share are added here as the suites need them.
