import Foundation
import ShequPlatform

/// Rule A5 as a pure function: 珠字〔2010〕7号 §3(1) — "原则上除国家和省有明确要求外，
/// 不得在社区开展各种考核评比活动". An assessment of communities stands only on a
/// national or provincial rule, named with its article.
enum AssessmentRules {
    /// What a basis names when it is a city's or a district's own paper, whatever level
    /// the registrar ticked: Zhuhai's issuers and document prefixes. Not "街道": a national
    /// text may name streets in its title (the former 《城市街道办事处组织条例》 did).
    static let localIssuers = ["珠海", "珠字", "珠府", "珠办", "珠民", "香洲", "斗门", "金湾", "横琴", "高新区",
                               "市委", "市政府", "市人民政府", "区委", "区政府", "区人民政府", "社区建设领导小组"]

    static let shortestDocument = 4

    struct Basis: Equatable, Sendable {
        var level: BasisLevel
        var document: String
        var article: String
    }

    /// The basis, or the A5 refusal that says what is missing or why it is not enough.
    static func basis(level: BasisLevel?, document: String?, article: String?) throws(ShequError) -> Basis {
        let document = (document ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let article = (article ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var missing: [String] = []
        if level == nil { missing.append("basisLevel") }
        if document.count < shortestDocument { missing.append("basisDocument") }
        if article.isEmpty { missing.append("basisArticle") }
        guard let level, missing.isEmpty else {
            throw ShequError.invalid(.errorA5NoBasis, missing.joined(separator: ", "), code: "a5_no_legal_basis")
        }
        guard level.isSufficient else {
            throw ShequError.invalid(.errorA5LocalBasis, level.rawValue, code: "a5_local_basis")
        }
        if let issuer = localIssuers.first(where: { document.contains($0) }) {
            throw ShequError.invalid(.errorA5LocalBasis, "\(issuer)（\(document)）", code: "a5_local_basis")
        }
        return Basis(level: level, document: document, article: article)
    }

    /// Coverage as prefixes: trimmed, de-duplicated, and a code already inside another dropped.
    static func prefixes(_ codes: [String]) -> [String] {
        let cleaned = Array(Set(codes.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })).sorted()
        return cleaned.filter { code in !cleaned.contains { $0 != code && code.hasPrefix($0) } }
    }

    /// Every prefix that could cover `code` at a division level: the codes a coverage row must equal.
    static func coveringPrefixes(of code: String) -> [String] {
        [4, 6, 9, 12].filter { $0 <= code.count }.map { String(code.prefix($0)) }
    }

    /// The audit scope of a registration: the deepest division holding all of its coverage.
    static func commonScope(_ codes: [String]) -> String? {
        guard let first = codes.first else { return nil }
        var common = first
        for code in codes.dropFirst() {
            while !code.hasPrefix(common) { common.removeLast() }
        }
        return [12, 9, 6, 4].first { $0 <= common.count }.map { String(common.prefix($0)) }
    }
}
