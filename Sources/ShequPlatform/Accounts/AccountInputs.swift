import Foundation

/// The account-management inputs, each declared once for the OpenAPI document and for
/// checking JSON bodies and page forms alike.
enum AccountInputs {
    static let grant = InputSchema("GrantInput", [
        .oneOf("role", Role.self, required: true), .string("scope", max: 12, required: true, description: "NBS division code inside the administrator's reach"),
        .uuid("departmentID", description: "Only for department staff: the department they work for")])
    static let passwordChange = InputSchema("PasswordChange", [
        .string("currentPassword", max: 256, required: true), .string("newPassword", max: 72, required: true),
        .string("confirmPassword", max: 72, description: "The new password again; pages require it")])
    static let newPassword = InputSchema("NewPasswordForm", [
        .string("newPassword", max: 72, required: true), .string("confirmPassword", max: 72, required: true)])
    static let code = InputSchema("SecondFactorCode", [
        .string("code", max: 20, min: 1, required: true, description: "Six digits from the authenticator app, or a recovery code")])
}

extension AccountAdmin.GrantInput: ValidatedInput { static var inputSchema: InputSchema { AccountInputs.grant } }
extension OwnAccountController.PasswordForm: ValidatedInput { static var inputSchema: InputSchema { AccountInputs.passwordChange } }
extension OwnAccountController.CodeForm: ValidatedInput { static var inputSchema: InputSchema { AccountInputs.code } }
extension SignInStepsController.CodeForm: ValidatedInput { static var inputSchema: InputSchema { AccountInputs.code } }
extension SignInStepsController.NewPasswordForm: ValidatedInput { static var inputSchema: InputSchema { AccountInputs.newPassword } }
