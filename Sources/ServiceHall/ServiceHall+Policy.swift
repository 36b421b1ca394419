import ShequPlatform

extension Action {
    public static let applicationRead = Action("application.read")
    public static let applicationHandle = Action("application.handle")
    public static let applicationSubmitForResident = Action("application.submitForResident")
    public static let serviceSetup = Action("service.setup")
    public static let appointmentBook = Action("appointment.book")
}

extension ServiceHallModule {
    /// One-stop service (H3, H4): any window takes any item; transferred work reaches department staff.
    public var policy: PolicyRules {
        let window = Role.windowStaff, readers = Role.scopeReaders
        return PolicyRules(
            byRole: [
                .applicationRead: readers.union([.departmentStaff]),
                .applicationHandle: window.union([.departmentStaff]),
                .applicationSubmitForResident: window,
                .serviceSetup: [.centerStaff, .streetOfficial, .cityAdministrator],
            ],
            // Only the applicant withdraws (staff refuse or decline instead) and rates their own application.
            byRelation: [.applicationWithdraw: [.ownRecord], .applicationRate: [.ownRecord], .appointmentBook: [.ownRecord]]
        )
    }
}
