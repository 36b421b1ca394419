/// Community workers' grades and pay (W3: 学历、资历、资格、业绩、岗位). The grade follows from the post, the years of
/// community service, the education (counted as service years), the highest social-worker certificate and the yearly
/// appraisals, by a rule set that is data: a street or city changes the table, never the code. The default is the
/// common 三岗十八级 scheme (REFERENCE-FACTS §7). Every sum is checked: a rule set or a record chosen by a request
/// can never trap the process.
public struct WorkerGradeRules: Codable, Sendable, Equatable {
    /// A post and the grades it spans: the lowest is where a newcomer starts.
    public struct Post: Codable, Sendable, Equatable {
        public var code: String
        public var zh: String
        public var en: String
        public var lowest: Int
        public var highest: Int

        public init(code: String, zh: String, en: String, lowest: Int, highest: Int) {
            self.code = code
            self.zh = zh
            self.en = en
            self.lowest = lowest
            self.highest = highest
        }
    }

    public var posts: [Post]
    /// Years of counted service per grade step.
    public var stepYears: Int
    /// Service years an education counts as, by `WorkerEducation` raw value; absent counts none.
    public var educationYears: [String: Int]
    /// Grades a social-worker certificate adds, by `SocialWorkerCertificate` raw value; only the highest held applies.
    public var certificateBonus: [String: Int]
    /// Service years a year's appraisal adds (or, negative, takes), by `AppraisalResult` raw value.
    public var appraisalYears: [String: Int]
    /// The monthly pay band of each grade, in fen: element 0 is grade 1.
    public var payBandsFen: [Int64]

    public init(posts: [Post], stepYears: Int, educationYears: [String: Int], certificateBonus: [String: Int],
                appraisalYears: [String: Int], payBandsFen: [Int64]) {
        self.posts = posts
        self.stepYears = stepYears
        self.educationYears = educationYears
        self.certificateBonus = certificateBonus
        self.appraisalYears = appraisalYears
        self.payBandsFen = payBandsFen
    }

    // MARK: - Bounds (the input schema and `validate` use the same ones)

    public static let gradeRange = 1...60
    public static let stepYearsRange = 1...10
    public static let educationYearsRange = 0...20
    public static let certificateBonusRange = 0...10
    public static let appraisalYearsRange = -5...5
    public static let postsMax = 12
    public static let postCodeMax = 20
    public static let postNameMax = 40
    /// ¥1,000,000 a month: no community worker's band is near it.
    public static let payBandMaxFen: Int64 = 100_000_000

    /// 三岗十八级: heads 7–18, deputies 4–15, others 1–12, one grade per 3 years; bachelor 3, master 5, doctorate 7
    /// years; certificates +1/+2/+3, the highest only. The appraisal effects and pay bands are PLACEHOLDERS: no
    /// Guangdong or Zhuhai table was found (REFERENCE-FACTS §7), so an excellent year counts one year more, an
    /// incompetent year one year less, and the bands run from ¥3,600 a month at grade 1 by ¥180 a grade.
    public static let sanGangShiBaJi = WorkerGradeRules(
        posts: [
            Post(code: "head", zh: "正职（书记、主任）", en: "Head (secretary, director)", lowest: 7, highest: 18),
            Post(code: "deputy", zh: "副职（副书记、副主任）", en: "Deputy", lowest: 4, highest: 15),
            Post(code: "staff", zh: "其他社区工作者", en: "Other community worker", lowest: 1, highest: 12),
        ],
        stepYears: 3,
        educationYears: [WorkerEducation.bachelor.rawValue: 3, WorkerEducation.master.rawValue: 5, WorkerEducation.doctorate.rawValue: 7],
        certificateBonus: [SocialWorkerCertificate.junior.rawValue: 1, SocialWorkerCertificate.intermediate.rawValue: 2,
                           SocialWorkerCertificate.senior.rawValue: 3],
        appraisalYears: [AppraisalResult.excellent.rawValue: 1, AppraisalResult.incompetent.rawValue: -1],
        payBandsFen: (0..<18).map { 360_000 + Int64($0) * 18_000 }
    )

    public enum Problem: Error, Equatable, Sendable {
        case noPosts
        case tooManyPosts
        case badPost(String)
        case duplicatePost(String)
        case gradeOutOfRange(String)
        case noBandFor(grade: Int)
        case bandOutOfRange(grade: Int)
        case bandsDecrease(grade: Int)
        case stepYearsOutOfRange
        case valueOutOfRange(String)
        case unknownKey(String)
        case unknownPost(String)
        case overflow
    }

    /// Refuses a table that could not grade everyone it names: every grade a post can reach has a band, bands do
    /// not fall as grades rise, and every number sits inside its declared range.
    public func validate() throws(Problem) {
        guard !posts.isEmpty else { throw .noPosts }
        guard posts.count <= Self.postsMax else { throw .tooManyPosts }
        var seen = Set<String>()
        for p in posts {
            guard (1...Self.postCodeMax).contains(p.code.count), p.code.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }),
                  (1...Self.postNameMax).contains(p.zh.count), (1...Self.postNameMax).contains(p.en.count) else { throw .badPost(p.code) }
            guard seen.insert(p.code).inserted else { throw .duplicatePost(p.code) }
            guard Self.gradeRange.contains(p.lowest), Self.gradeRange.contains(p.highest), p.lowest <= p.highest else {
                throw .gradeOutOfRange(p.code)
            }
            guard p.highest <= payBandsFen.count else { throw .noBandFor(grade: p.highest) }
        }
        guard Self.stepYearsRange.contains(stepYears) else { throw .stepYearsOutOfRange }
        try Self.check(educationYears, keys: WorkerEducation.allCases.map(\.rawValue), range: Self.educationYearsRange, name: "educationYears")
        try Self.check(certificateBonus, keys: SocialWorkerCertificate.allCases.map(\.rawValue), range: Self.certificateBonusRange, name: "certificateBonus")
        try Self.check(appraisalYears, keys: AppraisalResult.allCases.map(\.rawValue), range: Self.appraisalYearsRange, name: "appraisalYears")
        guard payBandsFen.count <= Self.gradeRange.upperBound else { throw .noBandFor(grade: Self.gradeRange.upperBound + 1) }
        for (i, band) in payBandsFen.enumerated() {
            guard (0...Self.payBandMaxFen).contains(band) else { throw .bandOutOfRange(grade: i + 1) }
            if i > 0, band < payBandsFen[i - 1] { throw .bandsDecrease(grade: i + 1) }
        }
    }

    private static func check(_ table: [String: Int], keys: [String], range: ClosedRange<Int>, name: String) throws(Problem) {
        for (key, value) in table {
            guard keys.contains(key) else { throw .unknownKey("\(name).\(key)") }
            guard range.contains(value) else { throw .valueOutOfRange("\(name).\(key)") }
        }
    }

    public func post(_ code: String) -> Post? { posts.first { $0.code == code } }

    /// The grade and band for one worker's facts, with how each element contributed.
    public func grade(_ facts: WorkerFacts) throws(Problem) -> WorkerGrading {
        guard let post = post(facts.post) else { throw .unknownPost(facts.post) }
        guard facts.serviceYears >= 0 else { throw .valueOutOfRange("serviceYears") }
        let education = educationYears[facts.education.rawValue] ?? 0
        var appraisal = 0
        for result in facts.appraisals { appraisal = try Self.add(appraisal, appraisalYears[result.rawValue] ?? 0) }
        // An incompetent year takes away counted years, never below none.
        let counted = max(0, try Self.add(try Self.add(facts.serviceYears, education), appraisal))
        let steps = counted / max(1, stepYears)
        let highest = facts.certificates.max()
        let bonus = highest.map { certificateBonus[$0.rawValue] ?? 0 } ?? 0
        let uncapped = try Self.add(try Self.add(post.lowest, steps), bonus)
        let grade = min(post.highest, max(post.lowest, uncapped))
        guard grade >= 1, grade <= payBandsFen.count else { throw .noBandFor(grade: grade) }
        return WorkerGrading(post: post.code, grade: grade, payBandFen: payBandsFen[grade - 1], serviceYears: facts.serviceYears,
                             educationYears: education, appraisalYears: appraisal, countedYears: counted, steps: steps,
                             certificate: highest, certificateBonus: bonus, capped: uncapped > post.highest)
    }

    static func add(_ a: Int, _ b: Int) throws(Problem) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        if overflow { throw .overflow }
        return sum
    }

    /// Whole years from `start` to `day` (an anniversary completes the year); none before `start`.
    public static func fullYears(from start: LocalDate, to day: LocalDate) -> Int {
        guard start <= day else { return 0 }
        let (sy, sm, sd) = start.components, (y, m, d) = day.components
        var years = y - sy
        if (m, d) < (sm, sd) { years -= 1 }
        return max(0, years)
    }
}

/// What the grade is computed from, read from a worker's records (never typed as a grade).
public struct WorkerFacts: Sendable, Equatable {
    public var post: String
    public var serviceYears: Int
    public var education: WorkerEducation
    public var certificates: [SocialWorkerCertificate]
    public var appraisals: [AppraisalResult]

    public init(post: String, serviceYears: Int, education: WorkerEducation, certificates: [SocialWorkerCertificate] = [],
                appraisals: [AppraisalResult] = []) {
        self.post = post
        self.serviceYears = serviceYears
        self.education = education
        self.certificates = certificates
        self.appraisals = appraisals
    }
}

/// A computed grade, with each element's share so a worker can see why.
public struct WorkerGrading: Sendable, Equatable, Codable {
    public var post: String
    public var grade: Int
    public var payBandFen: Int64
    public var serviceYears: Int
    public var educationYears: Int
    public var appraisalYears: Int
    public var countedYears: Int
    public var steps: Int
    public var certificate: SocialWorkerCertificate?
    public var certificateBonus: Int
    /// The post's highest grade stopped it.
    public var capped: Bool
}

/// 学历. Below a bachelor's degree counts no service years in the default table.
public enum WorkerEducation: String, Codable, Sendable, CaseIterable, Comparable {
    case secondary, college, bachelor, master, doctorate

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// The national social-worker qualification levels: 助理社会工作师, 社会工作师, 高级社会工作师.
public enum SocialWorkerCertificate: String, Codable, Sendable, CaseIterable, Comparable {
    case junior, intermediate, senior

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// A year's appraisal: 优秀, 称职, 基本称职, 不称职.
public enum AppraisalResult: String, Codable, Sendable, CaseIterable {
    case excellent, competent, basicallyCompetent, incompetent
}
