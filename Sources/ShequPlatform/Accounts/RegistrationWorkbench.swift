import Vapor

extension RegistrationModule {
    /// The residents' committee sees how many account requests wait for it, linked to the list it decides them on.
    public func workbench(for actor: Actor, on req: Request) async throws -> [WorkbenchSection] {
        guard Policy.may(actor, .registrationDecide) else { return [] }
        let waiting = try await RegistrationService.waitingCount(for: actor, on: req.db)
        return [WorkbenchSection(key: "registration", title: .registrationRequests, items: [
            WorkbenchItem(.registrationWaiting, count: waiting, link: RegistrationPages.committeePath, urgency: waiting > 0 ? .dueSoon : .normal),
        ])]
    }
}
