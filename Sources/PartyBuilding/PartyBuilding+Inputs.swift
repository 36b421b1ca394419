import Foundation
import ShequPlatform
import Vapor

/// Every input of the module with its bounds, declared once: the API's JSON and the pages' forms are checked
/// against these, and they are published in the OpenAPI document.
enum PartyInputs {
    struct Organization: Content, ValidatedInput {
        var kind: PartyOrganizationKind
        var name: String
        var parentID: String?
        var divisionCode: String
        var hostKind: PartyHostKind
        var hostID: String?
        static var inputSchema: InputSchema {
            InputSchema("PartyOrganizationInput", [
                .oneOf("kind", PartyOrganizationKind.self, required: true),
                .string("name", max: 100, min: 2, required: true),
                .uuid("parentID", description: "the superior organisation; required but for a street's working committee"),
                .string("divisionCode", max: 12, min: 9, required: true, description: "the street or community it sits in"),
                .oneOf("hostKind", PartyHostKind.self, required: true, description: "division, ownersCommittee (a compound) or organization (a unit or social organisation)"),
                .uuid("hostID", description: "the compound or directory organisation it sits in"),
            ])
        }
    }

    struct Officer: Content, ValidatedInput {
        var username: String
        var position: PartyOfficerPosition
        static var inputSchema: InputSchema {
            InputSchema("PartyOfficerInput", [
                .string("username", max: 32, min: 3, required: true, description: "the account to appoint, by its username"),
                .oneOf("position", PartyOfficerPosition.self, required: true),
            ])
        }
    }

    struct Member: Content, ValidatedInput {
        var idNumber: String
        var standing: PartyStanding
        static var inputSchema: InputSchema {
            InputSchema("PartyMemberInput", [
                .string("idNumber", max: 18, min: 18, required: true, description: "the member's resident ID number (not stored with the membership)"),
                .oneOf("standing", PartyStanding.self, required: true),
            ])
        }
    }

    struct Registration: Content, ValidatedInput {
        var organizationID: UUID
        var compoundID: String?
        static var inputSchema: InputSchema {
            InputSchema("PartyRegistrationInput", [
                .uuid("organizationID", required: true, description: "the community party organisation of the member's residence"),
                .uuid("compoundID", description: "the compound the member lives in, if any"),
            ])
        }
    }

    struct Activity: Content, ValidatedInput {
        var title: String
        var heldOn: String
        var place: String
        static var inputSchema: InputSchema {
            InputSchema("PartyActivityInput", [
                .string("title", max: 100, min: 2, required: true),
                .date("heldOn", required: true),
                .string("place", max: 100, min: 2, required: true),
            ])
        }
    }

    struct Attendance: Content, ValidatedInput {
        var membershipID: UUID
        var attended: Bool
        static var inputSchema: InputSchema {
            InputSchema("PartyAttendanceInput", [.uuid("membershipID", required: true), .boolean("attended", required: true)])
        }
    }

    struct CertificateRequest: Content, ValidatedInput {
        var year: Int
        static var inputSchema: InputSchema {
            InputSchema("PartyCertificateRequestInput", [.integer("year", 2010...2100, required: true)])
        }
    }

    /// An optional id as a form sends it: empty is none; anything else must be an id (the schema checked its form).
    static func optionalID(_ raw: String?, field: String) throws -> UUID? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let id = UUID(uuidString: raw) else { throw ShequError.invalid(.errorInvalidValue, field) }
        return id
    }

    static let divisionQuery = QueryParameter("division", .string(maxLength: 12, minLength: 4))
}
