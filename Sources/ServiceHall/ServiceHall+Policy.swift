import ShequPlatform

extension Action {
    public static let applicationRead = Action("application.read")
    /// Applying for oneself: online, or from an Open311 client naming one's own ID number.
    public static let applicationSubmit = Action("application.submit")
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
                .catalogueEdit: [.cityAdministrator],
                .placeSetup: [.streetOfficial, .districtOfficial],
            ],
            // The applicant reads their own application, and only they withdraw it (staff refuse or
            // decline instead) or rate it; a resident books appointments for themselves.
            byRelation: [.applicationSubmit: [.ownRecord], .applicationRead: [.ownRecord], .applicationWithdraw: [.ownRecord],
                         .applicationRate: [.ownRecord], .appointmentBook: [.ownRecord]]
        )
    }
}
