import Fluent
import Foundation
import SQLKit

struct CreatePartyBuilding: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(PartyOrganization.schema)
            .id()
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("parent_id", .uuid, .references(PartyOrganization.schema, "id"))
            .field("division_code", .string, .required)
            .field("host_kind", .string, .required)
            .field("host_id", .uuid)
            .field("created_at", .datetime)
            .unique(on: "division_code", "name")
            .create()
        try await database.schema(PartyOfficer.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(PartyOrganization.schema, "id"))
            .field("account_id", .uuid, .required)
            .field("grant_id", .uuid, .required)
            .field("position", .string, .required)
            .field("since", .string, .required)
            .unique(on: "organization_id", "account_id")
            .create()
        try await database.schema(PartyMembership.schema)
            .id()
            .field("workplace_organization_id", .uuid, .required, .references(PartyOrganization.schema, "id"))
            .field("community_organization_id", .uuid, .references(PartyOrganization.schema, "id"))
            .field("compound_id", .uuid)
            .field("standing", .string, .required)
            .field("resident_sealed", .string, .required)
            .field("resident_index", .string, .required)
            .field("registered_on", .string)
            .field("created_at", .datetime)
            .unique(on: "resident_index")
            .create()
        try await database.schema(PartyActivity.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(PartyOrganization.schema, "id"))
            .field("title", .string, .required)
            .field("held_on", .string, .required)
            .field("place", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(PartyParticipation.schema)
            .id()
            .field("activity_id", .uuid, .required, .references(PartyActivity.schema, "id"))
            .field("membership_id", .uuid, .required, .references(PartyMembership.schema, "id"))
            .field("signed_up", .bool, .required)
            .field("attended", .bool)
            .unique(on: "activity_id", "membership_id")
            .create()
        try await database.schema(PartyCertificate.schema)
            .id()
            .field("membership_id", .uuid, .required, .references(PartyMembership.schema, "id"))
            .field("organization_id", .uuid, .required, .references(PartyOrganization.schema, "id"))
            .field("year", .int, .required)
            .field("requested_on", .string, .required)
            .field("issued_on", .string)
            .field("issued_by", .string)
            .field("attended", .int)
            .unique(on: "membership_id", "organization_id", "year")
            .create()
        try await database.schema(PartyQualificationRuleRow.schema)
            .id()
            .field("effective_from", .string, .required)
            .field("minimum_full_members", .int, .required)
            .field("basis", .string, .required)
            .unique(on: "effective_from")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "party_organizations_division").on(PartyOrganization.schema).column("division_code").run()
        try await sql.create(index: "party_organizations_parent").on(PartyOrganization.schema).column("parent_id").run()
        try await sql.create(index: "party_organizations_host").on(PartyOrganization.schema).column("host_id").run()
        try await sql.create(index: "party_officers_account").on(PartyOfficer.schema).column("account_id").run()
        try await sql.create(index: "party_memberships_workplace").on(PartyMembership.schema).column("workplace_organization_id").run()
        try await sql.create(index: "party_memberships_community").on(PartyMembership.schema).column("community_organization_id").run()
        try await sql.create(index: "party_memberships_compound").on(PartyMembership.schema).column("compound_id").column("standing").run()
        try await sql.create(index: "party_activities_organization").on(PartyActivity.schema).column("organization_id").run()
        try await sql.create(index: "party_participations_membership").on(PartyParticipation.schema).column("membership_id").run()
        try await sql.create(index: "party_certificates_organization").on(PartyCertificate.schema).column("organization_id").run()
        // The common rule, in force from the policy's year; later rules are added as rows, never by editing this one.
        let rule = PartyQualificationRuleRow()
        rule.effectiveFrom = "2010-01-01"
        rule.minimumFullMembers = 3
        rule.basis = "《中国共产党章程》第三十条：正式党员三人以上的单位应当成立党的基层组织"
        try await rule.create(on: database)
    }

    func revert(on database: Database) async throws {
        for schema in [PartyQualificationRuleRow.schema, PartyCertificate.schema, PartyParticipation.schema, PartyActivity.schema,
                       PartyMembership.schema, PartyOfficer.schema, PartyOrganization.schema] {
            try await database.schema(schema).delete()
        }
    }
}
