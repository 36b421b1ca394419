import Vapor

/// A community's page gathers what every module has to say about the community, in module order, so a module
/// that adds something residents should see (their police officer, their party organisation) edits no other
/// module's page.
public enum CommunityPage {
    public static func sections(_ code: String, on req: Request) async throws -> [BodyNode] {
        var nodes: [BodyNode] = []
        for module in req.application.shequModules {
            nodes += try await module.communityPage(code, on: req)
        }
        return nodes
    }
}
