import Fluent
import SQLKit

struct CreateDirectory: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(Division.schema)
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("level", .string, .required)
            .field("parent_code", .string)
            .field("kind", .string)
            .create()
        try await database.schema(ResidentsGroup.schema)
            .id()
            .field("division_code", .string, .required, .references(Division.schema, "code"))
            .field("name", .string, .required)
            .create()
        try await database.schema(Building.schema)
            .id()
            .field("division_code", .string, .required, .references(Division.schema, "code"))
            .field("residents_group_id", .uuid, .references(ResidentsGroup.schema, "id"))
            .field("name", .string, .required)
            .field("building_head_id", .uuid)
            .create()
        try await database.schema(Household.schema)
            .id()
            .field("division_code", .string, .required, .references(Division.schema, "code"))
            .field("building_id", .uuid, .references(Building.schema, "id"))
            .field("address", .string, .required)
            .field("head_of_household_id", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema(Resident.schema)
            .id()
            .field("division_code", .string, .required, .references(Division.schema, "code"))
            .field("household_id", .uuid, .references(Household.schema, "id"))
            .field("relation_to_head", .string)
            .field("name", .string, .required)
            .field("sex", .string, .required)
            .field("birth_date", .string, .required)
            .field("id_number_sealed", .string, .required)
            .field("id_number_index", .string, .required)
            .field("id_number_masked", .string, .required)
            .field("phone_sealed", .string)
            .field("phone_index", .string)
            .field("phone_masked", .string)
            .field("residency", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "id_number_index")
            .create()
        let sql = database as! any SQLDatabase
        // Jurisdiction filters are prefix ranges on division_code; these make them index scans.
        try await sql.create(index: "divisions_parent").on(Division.schema).column("parent_code").run()
        try await sql.create(index: "households_division").on(Household.schema).column("division_code").run()
        try await sql.create(index: "residents_division_name").on(Resident.schema).column("division_code").column("name").run()
        try await sql.create(index: "residents_household").on(Resident.schema).column("household_id").run()
        try await sql.create(index: "residents_phone_index").on(Resident.schema).column("phone_index").run()
        try await sql.create(index: "residents_name").on(Resident.schema).column("name").run()
    }

    func revert(on database: Database) async throws {
        for schema in [Resident.schema, Household.schema, Building.schema, ResidentsGroup.schema, Division.schema] {
            try await database.schema(schema).delete()
        }
    }
}

struct CreateOrganizations: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(Organization.schema)
            .id()
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("category", .string, .required)
            .field("contact", .string, .required)
            .field("division_code", .string, .required, .references(Division.schema, "code"))
            .field("created_at", .datetime)
            .create()
        try await database.schema(OrganizationCommunity.schema)
            .id()
            .field("organization_id", .uuid, .required, .references(Organization.schema, "id", onDelete: .cascade))
            .field("division_code", .string, .required, .references(Division.schema, "code"))
            .unique(on: "organization_id", "division_code")
            .create()
        try await database.schema(Department.schema)
            .id()
            .field("name", .string, .required)
            .field("division_code", .string, .required, .references(Division.schema, "code"))
            .create()
        try await database.schema(Outpost.schema)
            .id()
            .field("department_id", .uuid, .required, .references(Department.schema, "id"))
            .field("division_code", .string, .required, .references(Division.schema, "code"))
            .field("name", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "organizations_division").on(Organization.schema).column("division_code").run()
    }

    func revert(on database: Database) async throws {
        for schema in [Outpost.schema, Department.schema, OrganizationCommunity.schema, Organization.schema] {
            try await database.schema(schema).delete()
        }
    }
}
