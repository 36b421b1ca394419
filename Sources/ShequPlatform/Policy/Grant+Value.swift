import ShequKernel

/// A role held at a scope. The scope is a division-code prefix: a grant at
/// 440402001 reaches every community, household and resident under that street.
public struct GrantValue: Hashable, Sendable, Codable {
    public let role: Role
    public let scope: String
    public let departmentID: UUID?
    /// For organisation staff: the directory organisation they act for. Their scope is only where it is based.
    public let organizationID: UUID?

    public init(role: Role, scope: String, departmentID: UUID? = nil, organizationID: UUID? = nil) {
        self.role = role
        self.scope = scope
        self.departmentID = departmentID
        self.organizationID = organizationID
    }

    public func covers(_ code: String) -> Bool { code.hasPrefix(scope) }
}

import Foundation
