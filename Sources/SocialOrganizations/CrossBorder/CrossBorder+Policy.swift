import ShequPlatform

extension Action {
    /// Record a Hong Kong or Macao partner's social worker or joint project (C4): the organisation's own staff,
    /// or the officials of the street it is based in and the district above.
    public static let crossBorderRecord = Action("socialOrganization.crossBorderRecord")
    /// Read a partner's social workers (masked permits): the same people. The public sees counts and projects.
    public static let crossBorderWorkersRead = Action("socialOrganization.crossBorderWorkersRead")
}
