import ShequPlatform

/// Assessment inputs, declared once: published in the OpenAPI document and
/// checked before decoding, for the JSON route and the registration form alike.
/// The basis fields are bounded here but not required: a missing basis is
/// rule A5's refusal (audited, with the rule), not a malformed request.
enum AssessmentInputs {
    static let maxCoverage = 400

    static let register = InputSchema("AssessmentInput", [
        .string("title", max: 200, required: true),
        .oneOf("kind", AssessmentKind.self, required: true, description: "assessment 考核, inspectionRanking 检查评比, evaluation 评估/评比达标"),
        .uuid("departmentID", description: "the department that runs it; department staff may leave it out for their own"),
        .string("governmentCode", max: 12, description: "or the government level that runs it (a city, district or street code)"),
        .oneOf("basisLevel", BasisLevel.self, description: "rule A5: only national or provincial is accepted"),
        .string("basisDocument", max: 300, description: "rule A5: the law, regulation or document that requires it"),
        .string("basisArticle", max: 200, description: "rule A5: the article or clause"),
        .integer("year", 2000...2100, required: true),
        .string("period", max: 50, description: "e.g. 上半年, 2026–2027"),
        .array("coverage", of: .string(maxLength: 12, minLength: 4), maxItems: maxCoverage, minItems: 1, required: true,
               description: "division codes it covers: the city, districts, streets or single communities"),
        .string("indicators", max: 2000, required: true, description: "what it asks of residents' committees"),
    ])
    static let withdraw = InputSchema("AssessmentWithdrawInput", [.string("reason", max: 1000, min: 1, required: true)])
}

extension AssessmentsAPIController.RegisterInput: ValidatedInput { static var inputSchema: InputSchema { AssessmentInputs.register } }
extension AssessmentsAPIController.WithdrawInput: ValidatedInput { static var inputSchema: InputSchema { AssessmentInputs.withdraw } }
