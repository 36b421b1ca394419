import ShequTestSupport
@testable import Workforce

// Fixtures the module's suites share are added here as the suites need them.
