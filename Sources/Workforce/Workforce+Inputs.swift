import ShequKernel
import ShequPlatform

/// The module's inputs, declared once: published in the OpenAPI document and checked before decoding, for the JSON
/// routes and the pages' forms alike. None carries a grade or a pay band: those are computed (`grade`, `payBand`
/// and `payBandFen` in a body are refused, 422 grade_is_computed).
enum WorkforceInputs {
    static let nameMax = 40
    static let reasonMax = 500
    static let titleMax = 100
    static let noteMax = 500
    static let numberMax = 40
    static let trainingHours = 1...1000
    static let yearRange = 2000...2100
    static let ruleSetNameMax = 100

    /// The standard week is 40 hours (国务院《关于职工工作时间的规定》) and overtime at most 36 hours a month (劳动法第41条),
    /// about 48; 60 leaves room for a week under 综合计算工时 averaging while a contract of 168 hours, which would let a
    /// roster put one worker on every window all week, is refused.
    static let weeklyHoursMax = 60.0
    static let weeklyHours = InputField.number("weeklyHours", 0...weeklyHoursMax, required: true,
                                               description: "contracted weekly hours, at most 60 (the roster is checked against them)")

    static let staff = InputSchema("StaffRecordInput", [
        .oneOf("kind", StaffKind.self, required: true,
               description: "establishment (centre staff, 编制), districtHired (社区专职工作者), elected (居委会成员: bodyMemberID required)"),
        .string("name", max: nameMax, min: 1, required: true, description: "the worker's name"),
        .string("username", max: 64, description: "the account they sign in with, if any"),
        .string("divisionCode", max: 12, min: 9, required: true, description: "the community (12 digits) or, for centre staff, the street (9 digits)"),
        .uuid("placeID", description: "the service place (centre or station) they work at"),
        .string("post", max: WorkerGradeRules.postCodeMax, min: 1, required: true, description: "a post of the grading table in force, e.g. head, deputy, staff"),
        .uuid("bodyMemberID", description: "elected: their seat on the residents' committee (the term is read from it)"),
        .date("contractStart", description: "the contract's first day (not for elected members)"),
        .date("contractEnd", description: "the contract's last day (not for elected members)"),
        weeklyHours,
        .date("serviceSince", required: true, description: "the day their community service began (counted across the province)"),
        .oneOf("education", WorkerEducation.self, required: true, description: "secondary, college, bachelor, master, doctorate"),
    ])

    static let contract = InputSchema("StaffContractInput", [
        .date("contractStart", description: "the contract's first day"),
        .date("contractEnd", description: "the contract's last day"),
        weeklyHours,
        .oneOf("education", WorkerEducation.self, description: "a degree obtained since"),
    ])

    static let rotation = InputSchema("StaffRotationInput", [
        .string("divisionCode", max: 12, min: 9, required: true, description: "the community or street they move to"),
        .uuid("placeID", description: "the service place there, if any"),
        .string("post", max: WorkerGradeRules.postCodeMax, min: 1, required: true, description: "the post they take"),
        .date("startsOn", required: true, description: "the first day in the new post"),
        .string("reason", max: reasonMax, min: 1, required: true, description: "why (交流, promotion, the community's need)"),
    ])

    static let training = InputSchema("StaffTrainingInput", [
        .string("title", max: titleMax, min: 1, required: true),
        .string("provider", max: titleMax, min: 1, required: true),
        .integer("hours", trainingHours, required: true, description: "hours attended"),
        .date("completedOn", required: true, description: "not in the future"),
    ])

    static let certificate = InputSchema("StaffCertificateInput", [
        .oneOf("level", SocialWorkerCertificate.self,
               description: "a social-worker qualification (junior 助理社会工作师, intermediate 社会工作师, senior 高级社会工作师): counts toward the grade; absent for other certificates"),
        .string("title", max: titleMax, min: 1, required: true),
        .string("number", max: numberMax, min: 1, required: true, description: "the certificate's number"),
        .date("issuedOn", required: true, description: "not in the future"),
    ])

    static let appraisal = InputSchema("StaffAppraisalInput", [
        .integer("year", yearRange, required: true, description: "the year appraised; it must be over"),
        .oneOf("result", AppraisalResult.self, required: true, description: "excellent 优秀, competent 称职, basicallyCompetent 基本称职, incompetent 不称职"),
        .string("note", max: noteMax),
    ])

    static let post = InputKind.object([
        .string("code", max: WorkerGradeRules.postCodeMax, min: 1, required: true),
        .string("zh", max: WorkerGradeRules.postNameMax, min: 1, required: true),
        .string("en", max: WorkerGradeRules.postNameMax, min: 1, required: true),
        .integer("lowest", WorkerGradeRules.gradeRange, required: true),
        .integer("highest", WorkerGradeRules.gradeRange, required: true),
    ])

    static func table(_ name: String, _ keys: [String], _ range: ClosedRange<Int>, _ what: String) -> InputField {
        .object(name, keys.map { .integer($0, range) }, required: true, description: what)
    }

    static let ruleSet = InputSchema("GradeRuleSetInput", [
        .string("name", max: ruleSetNameMax, min: 1, required: true, description: "what the draft is, e.g. 2027年调整方案"),
        .string("scope", max: 4, min: 4, description: "the city (four digits) whose workers it grades; default the drafter's"),
        .array("posts", of: post, maxItems: WorkerGradeRules.postsMax, minItems: 1, required: true, description: "posts and the grades they span"),
        .integer("stepYears", WorkerGradeRules.stepYearsRange, required: true, description: "counted years per grade"),
        table("educationYears", WorkerEducation.allCases.map(\.rawValue), WorkerGradeRules.educationYearsRange, "service years each education counts as"),
        table("certificateBonus", SocialWorkerCertificate.allCases.map(\.rawValue), WorkerGradeRules.certificateBonusRange,
              "grades each social-worker level adds (the highest held only)"),
        table("appraisalYears", AppraisalResult.allCases.map(\.rawValue), WorkerGradeRules.appraisalYearsRange,
              "service years each yearly appraisal adds or takes"),
        .array("payBandsFen", of: .integer(min: 0, max: Int(WorkerGradeRules.payBandMaxFen)), maxItems: WorkerGradeRules.gradeRange.upperBound,
               minItems: 1, required: true, description: "monthly pay band of grade 1, 2, … in fen, not falling"),
    ])
}
