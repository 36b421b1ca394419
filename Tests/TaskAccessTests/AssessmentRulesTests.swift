import Foundation
import ShequPlatform
import ShequTestSupport
import Testing
@testable import TaskAccess

/// Rule A5 and the coverage arithmetic as pure functions, without a database.
@Suite struct AssessmentRulesTests {
    @Test func nationalAndProvincialRulesFoundAnAssessmentAndNothingElseDoes() throws {
        let law = try AssessmentRules.basis(level: .national, document: " 《中华人民共和国城市居民委员会组织法》 ", article: "第三条")
        #expect(law == .init(level: .national, document: "《中华人民共和国城市居民委员会组织法》", article: "第三条"))
        #expect(throws: Never.self) { try AssessmentRules.basis(level: .provincial, document: "《广东省实施〈中华人民共和国城市居民委员会组织法〉办法》", article: "第五条") }
        for level in [BasisLevel.city, .district, .department] {
            #expect { try AssessmentRules.basis(level: level, document: "《某某评比办法》", article: "第一条") } throws: { ($0 as? ShequError)?.code == "a5_local_basis" }
        }
        // A local paper does not become a basis by ticking a higher level.
        for document in ["珠字〔2010〕7号", "《香洲区社区工作考核办法》", "《珠海市文明社区评比细则》", "《斗门区社区工作考核办法》"] {
            #expect { try AssessmentRules.basis(level: .provincial, document: document, article: "一") } throws: { ($0 as? ShequError)?.code == "a5_local_basis" }
        }
        #expect { try AssessmentRules.basis(level: nil, document: nil, article: nil) } throws: {
            ($0 as? ShequError)?.code == "a5_no_legal_basis" && ($0 as? ShequError)?.detail == "basisLevel, basisDocument, basisArticle"
        }
        #expect { try AssessmentRules.basis(level: .national, document: "法", article: "第一条") } throws: { ($0 as? ShequError)?.code == "a5_no_legal_basis" }
    }

    @Test func coverageIsKeptAsPrefixesWithoutOverlap() {
        #expect(AssessmentRules.prefixes([communityA, streetA, " 440402001 ", communityB, ""]) == [streetA, communityB])
        #expect(AssessmentRules.coveringPrefixes(of: communityA) == ["4404", "440402", streetA, communityA])
        #expect(AssessmentRules.commonScope([streetA, communityB]) == "440402")
        #expect(AssessmentRules.commonScope([communityA]) == communityA)
        #expect(AssessmentRules.commonScope(["440402001001", "440402001002"]) == streetA)
        #expect(AssessmentRules.commonScope([]) == nil)
    }

    @Test func theAPIIsDocumentedWithItsBoundedInputs() async throws {
        try await withShequ { app in
            let doc = try await app.api(.GET, "/api/v1/openapi.json").object
            let paths = doc["paths"] as? [String: Any] ?? [:]
            for path in ["/api/v1/assessments", "/api/v1/assessments/{id}/withdraw", "/api/v1/communities/{code}/assessments",
                         "/api/v1/assessments/export", "/api/v1/assessments/by-body"] {
                #expect(paths[path] != nil, "\(path) is not documented")
            }
            let schemas = (doc["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
            let input = schemas["AssessmentInput"] as? [String: Any] ?? [:]
            let properties = input["properties"] as? [String: Any] ?? [:]
            #expect((properties["coverage"] as? [String: Any])?["maxItems"] as? Int == AssessmentInputs.maxCoverage)
            #expect(((properties["basisLevel"] as? [String: Any])?["enum"] as? [String])?.contains("provincial") == true)
            #expect(schemas["AssessmentWithdrawInput"] != nil)
        }
    }
}

extension AssessmentRulesTests {
    @Test func aNationalRuleThatNamesStreetsIsStillNational() throws {
        #expect(try AssessmentRules.basis(level: .national, document: "《城市街道办事处组织条例》", article: "第四条").level == .national)
    }
}
