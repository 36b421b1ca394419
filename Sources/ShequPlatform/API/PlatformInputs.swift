import Foundation

/// The platform's inputs (accounts and the directory), each declared once for
/// the OpenAPI document and for checking JSON bodies and page forms alike.
enum PlatformInputs {
    static let divisionCode = InputField.string("divisionCode", max: 12, required: true, description: "NBS division code")
    static let residency = InputField.oneOf("residency", Residency.self)
    static let relation = InputField.oneOf("relationToHead", RelationToHead.self)

    static let token = InputSchema("TokenRequest", [
        .string("username", max: 64, required: true), .string("password", max: 256, required: true),
        .string("code", max: 20, description: "For accounts with a second factor: the authenticator's code or a recovery code")])
    static let signIn = InputSchema("SignInForm", [
        .string("username", max: 64, required: true), .string("password", max: 256, required: true), .string("next", max: 2000)])
    static let account = InputSchema("AccountInput", [
        .string("username", max: 32, required: true), .string("password", max: 72, required: true),
        .string("displayName", max: 100, required: true), .oneOf("role", Role.self, required: true),
        .string("scope", max: 12, required: true), .uuid("departmentID"), .uuid("residentID")])
    static let resident = InputSchema("ResidentInput", [
        divisionCode, .string("name", max: 50, required: true),
        .string("idNumber", max: 20, required: true, description: "GB 11643 resident ID number"),
        .string("phone", max: 20), InputField("residency", residency.kind, required: true), .uuid("householdID"), relation,
        .date("residentSince", description: "The day residence in the community began; today if absent")])
    static let residentUpdate = InputSchema("ResidentUpdate", [.string("name", max: 50), .string("phone", max: 20), residency, relation,
                                                               .date("residentSince")])
    static let residentMove = InputSchema("ResidentMove", [divisionCode, .uuid("householdID"), relation])
    static let household = InputSchema("HouseholdInput", [divisionCode, .string("address", max: 200, required: true), .uuid("buildingID")])
    static let householdUpdate = InputSchema("HouseholdUpdate", [.string("address", max: 200), .uuid("buildingID")])
    static let householdMove = InputSchema("HouseholdMove", [divisionCode])
    static let group = InputSchema("ResidentsGroupInput", [divisionCode, .string("name", max: 100, required: true)])
    static let building = InputSchema("BuildingInput", [
        divisionCode, .string("name", max: 100, required: true), .uuid("residentsGroupID"), .uuid("buildingHeadID")])
    static let organizationFields: [InputField] = [
        .oneOf("kind", OrganizationKind.self, required: true), .string("name", max: 100, required: true),
        .string("category", max: 100, required: true), .string("contact", max: 200, required: true), divisionCode]
    static let organization = InputSchema("OrganizationInput", organizationFields + [
        .array("servedCommunities", of: .string(maxLength: 12), maxItems: 100)])
    static let organizationForm = InputSchema("OrganizationForm", organizationFields + [.string("served", max: 1400)])
    static let department = InputSchema("DepartmentInput", [.string("name", max: 100, required: true), divisionCode])
    static let outpost = InputSchema("OutpostInput", [.uuid("departmentID", required: true), divisionCode, .string("name", max: 100, required: true)])
    static let preferences = InputSchema("PreferencesForm", [
        .oneOf("lang", Language.allCases.map(\.rawValue)), .string("size", max: 20), .string("back", max: 2000)])

    /// Published in `components.schemas` next to the modules' own.
    static let published: [InputSchema] = [token, account, resident, residentUpdate, residentMove, household, householdUpdate,
                                           householdMove, group, building, organization, department, outpost]
}

extension TokenController.Credentials: ValidatedInput { static var inputSchema: InputSchema { PlatformInputs.token } }
extension SignInController.Form: ValidatedInput { static var inputSchema: InputSchema { PlatformInputs.signIn } }
extension AccountsController.Input: ValidatedInput { static var inputSchema: InputSchema { PlatformInputs.account } }
extension Preferences.Form: ValidatedInput { static var inputSchema: InputSchema { PlatformInputs.preferences } }
extension ResidentInput: ValidatedInput { public static var inputSchema: InputSchema { PlatformInputs.resident } }
extension ResidentUpdate: ValidatedInput { public static var inputSchema: InputSchema { PlatformInputs.residentUpdate } }
extension ResidentMove: ValidatedInput { public static var inputSchema: InputSchema { PlatformInputs.residentMove } }
extension HouseholdInput: ValidatedInput { public static var inputSchema: InputSchema { PlatformInputs.household } }
extension HouseholdUpdate: ValidatedInput { public static var inputSchema: InputSchema { PlatformInputs.householdUpdate } }
extension HouseholdsController.MoveInput: ValidatedInput { static var inputSchema: InputSchema { PlatformInputs.householdMove } }
extension ResidentsGroupInput: ValidatedInput { public static var inputSchema: InputSchema { PlatformInputs.group } }
extension BuildingInput: ValidatedInput { public static var inputSchema: InputSchema { PlatformInputs.building } }
extension OrganizationInput: ValidatedInput { public static var inputSchema: InputSchema { PlatformInputs.organization } }
extension GovernmentController.DepartmentInput: ValidatedInput { static var inputSchema: InputSchema { PlatformInputs.department } }
extension GovernmentController.OutpostInput: ValidatedInput { static var inputSchema: InputSchema { PlatformInputs.outpost } }
// The pages' forms take the API's bounds.
extension ResidentPagesController.CreateForm: ValidatedInput { static var inputSchema: InputSchema { PlatformInputs.resident } }
extension ResidentPagesController.EditForm: ValidatedInput { static var inputSchema: InputSchema { PlatformInputs.residentUpdate } }
extension ResidentPagesController.MoveForm: ValidatedInput { static var inputSchema: InputSchema { PlatformInputs.residentMove } }
extension DirectoryPagesController.GroupForm: ValidatedInput { static var inputSchema: InputSchema { PlatformInputs.group } }
extension DirectoryPagesController.BuildingForm: ValidatedInput { static var inputSchema: InputSchema { PlatformInputs.building } }
extension DirectoryPagesController.HouseholdForm: ValidatedInput { static var inputSchema: InputSchema { PlatformInputs.household } }
extension DirectoryPagesController.OrganizationForm: ValidatedInput { static var inputSchema: InputSchema { PlatformInputs.organizationForm } }
