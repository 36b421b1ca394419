import ShequTestSupport
@testable import CommitteeOffice

// Fixtures the module's suites share are added here as the suites need them.
