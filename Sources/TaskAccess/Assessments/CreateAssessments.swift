import Fluent
import ShequPlatform
import SQLKit

struct CreateAssessments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Assessment.schema)
            .id()
            .field("title", .string, .required)
            .field("kind", .string, .required)
            .field("department_id", .uuid, .references(Department.schema, "id"))
            .field("government_code", .string)
            .field("body_name", .string, .required)
            .field("basis_level", .string, .required)
            .field("basis_document", .string, .required)
            .field("basis_article", .string, .required)
            .field("year", .int, .required)
            .field("period", .string, .required)
            .field("indicators", .string, .required)
            .field("coverage", .string, .required)
            .field("status", .string, .required)
            .field("registered_by", .string, .required)
            .field("withdrawn_by", .string)
            .field("withdrawal_reason", .string)
            .field("withdrawn_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await database.schema(AssessmentCoverage.schema)
            .id()
            .field("assessment_id", .uuid, .required, .references(Assessment.schema, "id"))
            .field("division_code", .string, .required)
            .unique(on: "assessment_id", "division_code")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "assessment_coverage_division").on(AssessmentCoverage.schema).column("division_code").run()
        try await sql.create(index: "assessments_year_title").on(Assessment.schema).column("year").column("title").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AssessmentCoverage.schema).delete()
        try await database.schema(Assessment.schema).delete()
    }
}
