import ShequTestSupport
@testable import CommunityPolicing

// Fixtures the module's suites share are added here as the suites need them.
