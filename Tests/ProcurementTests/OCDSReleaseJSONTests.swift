import Foundation
import Testing
@testable import Procurement

/// The release's published bytes: exact amounts, canonical order, the schema's field names.
@Suite struct OCDSReleaseJSONTests {
    @Test func fenBecomeExactYuanLiterals() {
        let cases: [(Int64, String)] = [(12345, "123.45"), (12340, "123.4"), (12300, "123"), (5, "0.05"), (50, "0.5"),
                                        (0, "0"), (-5, "-0.05"), (-12345, "-123.45"), (10_000_000_000_000, "100000000000"),
                                        (9_999_999_999_999, "99999999999.99")]
        for (fen, literal) in cases {
            #expect(OCDSJSON.yuanLiteral(fen: fen) == literal)
            #expect(OCDSJSON.yuan(fen: fen).fen == fen)
        }
        // No float anywhere: 0.1 + 0.2 would not survive a Double, the literal does.
        #expect(OCDSJSON.yuan(fen: 30).canonicalText == "0.3")
    }

    @Test func canonicalBytesSortKeysEscapeOnlyWhatJSONRequiresAndParseBack() throws {
        let value = OCDSJSON.object(["b": .string("社区\"引号\"\\\n\u{01}"), "a": .array([.integer(1), .number("2.50"), .null, .bool(true)]),
                                     "aa": .object([:])])
        let text = value.canonicalText
        #expect(text == #"{"a":[1,2.50,null,true],"aa":{},"b":"社区\"引号\"\\\n\u0001"}"#)
        #expect(try OCDSJSON.parse(text) == value)
        #expect(try OCDSJSON.parse(" { \"x\" : [ 1e3 , -0.5 ] , \"y\":\"\\u00e9\\ud83d\\ude00\" } ") ==
                .object(["x": .array([.number("1e3"), .number("-0.5")]), "y": .string("é😀")]))
        for bad in ["", "{", "[1,]", "{\"a\":}", "01", "\"\u{01}\"", "nul", "{} x", String(repeating: "[", count: 100)] {
            #expect(throws: OCDSJSON.ParseError.self) { try OCDSJSON.parse(bad) }
        }
    }

    @Test func everyStageDecodesBackIntoTheSameReleaseWithJSONDecoder() throws {
        for release in OCDSSamples.stages() {
            let bytes = Data(release.json.canonicalBytes)
            let decoded = try JSONDecoder().decode(OCDSRelease.self, from: bytes)
            #expect(decoded == release)
            // And the Codable form names the same fields as the published one.
            let viaEncoder = try OCDSJSON.parse(Array(try JSONEncoder().encode(release)))
            #expect(Set(keys(viaEncoder)) == Set(keys(release.json)))
        }
    }

    @Test func theStagesCarryTheCodesAndFieldsOCDSAsks() throws {
        let stages = OCDSSamples.stages()
        let planning = stages[0].json, tender = stages[1].json, award = stages[2].json, contract = stages[3].json, implementation = stages[4].json
        #expect(planning["tag"] == .array([.string("planning")]))
        #expect(planning["planning"]?["budget"]?["amount"] == .object(["amount": .number("200000"), "currency": .string("CNY")]))
        #expect(tender["tender"]?["procurementMethod"] == .string("open"))
        #expect(tender["tender"]?["mainProcurementCategory"] == .string("services"))
        #expect(tender["tender"]?["status"] == .string("active"))
        #expect(tender["initiationType"] == .string("tender"))
        #expect(award["awards"]?.arrayValue?.first?["status"] == .string("active"))
        #expect(award["awards"]?.arrayValue?.first?["value"]?["amount"] == .number("185000.5"))
        #expect(contract["contracts"]?.arrayValue?.first?["status"] == .string("active"))
        let transaction = implementation["contracts"]?.arrayValue?.first?["implementation"]?["transactions"]?.arrayValue?.first
        #expect(transaction?["value"]?["amount"] == .number("55500.15"))
        #expect(transaction?["payer"]?["id"] != nil && transaction?["payee"]?["id"] != nil)
        let roles = Set(stages.flatMap { ($0.json["parties"]?.arrayValue ?? []).flatMap { $0["roles"]?.arrayValue ?? [] } })
        #expect(roles.isSubset(of: Set(OCDSRelease.PartyRole.allCases.map { OCDSJSON.string($0.rawValue) })))
        #expect(OCDSRelease.ProcurementMethod.allCases.map(\.rawValue) == ["open", "selective", "limited", "direct"])
        for release in stages {
            #expect(release.date.hasSuffix("+08:00"))
        }
    }

    @Test func datesAreRFC3339AtBeijingsOffset() {
        #expect(OCDSDate.text(Date(timeIntervalSince1970: 0)) == "1970-01-01T08:00:00+08:00")
        #expect(OCDSDate.text(Date(timeIntervalSince1970: 1_798_761_599.9)) == "2027-01-01T07:59:59+08:00")
        #expect(OCDSDate.year(Date(timeIntervalSince1970: 1_798_761_599)) == 2027)
    }

    @Test func theOcidPrefixIsASettingWithASaneDefault() {
        let id = UUID(uuidString: "6F1C2B3A-0000-4000-8000-000000000001")!
        #expect(OCDSSettings.fromEnvironment([:]).ocid(projectID: id) == "ocds-zhsq01-6f1c2b3a-0000-4000-8000-000000000001")
        let custom = OCDSSettings.fromEnvironment(["SHEQU_OCDS_PREFIX": "ocds-abc123"])
        #expect(custom.ocid(projectID: id) == "ocds-abc123-6f1c2b3a-0000-4000-8000-000000000001")
        #expect(custom.projectID(ocid: custom.ocid(projectID: id)) == id)
        #expect(custom.projectID(ocid: "ocds-other1-6f1c2b3a-0000-4000-8000-000000000001") == nil)
        for bad in ["", "abc", "OCDS-ABC", "ocds-a b", "ocds-\u{0}x", String(repeating: "ocds-x", count: 10)] {
            #expect(OCDSSettings.fromEnvironment(["SHEQU_OCDS_PREFIX": bad]).ocidPrefix == OCDSSettings.defaultPrefix)
        }
        #expect(OCDSSettings.fromEnvironment(["SHEQU_PUBLIC_URL": "https://shequ.example.cn/"]).publicURL == "https://shequ.example.cn")
        #expect(OCDSSettings.fromEnvironment(["SHEQU_PUBLIC_URL": "javascript:alert(1)"]).publicURL == nil)
        #expect(OCDSSettings.fromEnvironment([:]).publicURL == nil)
    }

    func keys(_ value: OCDSJSON, path: String = "") -> [String] {
        switch value {
        case .object(let fields): fields.flatMap { [path + "/" + $0.key] + keys($0.value, path: path + "/" + $0.key) }
        case .array(let items): items.flatMap { keys($0, path: path + "[]") }
        default: []
        }
    }
}

/// One project through its stages, as the publisher would write it.
enum OCDSSamples {
    static let ocid = "ocds-zhsq01-6f1c2b3a-0000-4000-8000-000000000001"
    static let buyer = OCDSRelease.Party(id: "CN-DIV-440402001", name: "翠香街道办事处", address: .init(region: "广东省珠海市香洲区", countryName: "中国"),
                                         roles: [.buyer, .procuringEntity, .payer])
    static let supplier = OCDSRelease.Party(id: "SHEQU-ORG-1", name: "香洲区长者关爱服务中心",
                                            identifier: .init(scheme: "CN-USCC", id: "52440400MJL000000X", legalName: "香洲区长者关爱服务中心"),
                                            roles: [.tenderer, .supplier, .payee])

    static func stages() -> [OCDSRelease] {
        let budget = OCDSRelease.Planning(rationale: "居家养老服务", budget: .init(id: "fund-1", description: "社区建设专项资金", amount: .init(fen: 20_000_000)))
        var tender = OCDSRelease.Tender(id: ocid + "-tender", title: "翠香街道居家养老服务项目", description: "为辖区老人提供上门服务", status: .planned,
                                        procuringEntity: buyer.reference, value: .init(fen: 20_000_000), procurementMethod: .open)
        let planning = OCDSRelease(ocid: ocid, id: ocid + "-1", date: "2026-03-01T09:00:00+08:00", tag: [.planning], parties: [buyer],
                                   buyer: buyer.reference, planning: budget, tender: tender)
        tender.status = .active
        tender.tenderPeriod = .init(startDate: "2026-03-02T00:00:00+08:00", endDate: "2026-03-20T00:00:00+08:00")
        let call = OCDSRelease(ocid: ocid, id: ocid + "-2", date: "2026-03-02T09:00:00+08:00", tag: [.tender], parties: [buyer],
                               buyer: buyer.reference, planning: budget, tender: tender)
        tender.status = .complete
        tender.numberOfTenderers = 1
        tender.tenderers = [supplier.reference]
        let award = OCDSRelease.Award(id: "award-1", title: "成交", description: "综合得分最高", status: .active, date: "2026-03-25T10:00:00+08:00",
                                      value: .init(fen: 18_500_050), suppliers: [supplier.reference])
        let awarded = OCDSRelease(ocid: ocid, id: ocid + "-3", date: "2026-03-25T10:00:00+08:00", tag: [.award], parties: [buyer, supplier],
                                  buyer: buyer.reference, planning: budget, tender: tender, awards: [award])
        var contract = OCDSRelease.Contract(id: "contract-1", awardID: "award-1", title: "购买服务协议", status: .active,
                                            period: .init(startDate: "2026-04-01T00:00:00+08:00", endDate: "2027-03-31T00:00:00+08:00"),
                                            value: .init(fen: 18_500_050), dateSigned: "2026-03-28T00:00:00+08:00",
                                            milestones: [.init(id: "m1", title: "第一季度服务", dueDate: "2026-06-30T00:00:00+08:00", status: .scheduled)])
        let contracted = OCDSRelease(ocid: ocid, id: ocid + "-4", date: "2026-03-28T15:00:00+08:00", tag: [.contract], parties: [buyer, supplier],
                                     buyer: buyer.reference, planning: budget, tender: tender, awards: [award], contracts: [contract])
        contract.implementation = .init(
            transactions: [.init(id: "payment-1", date: "2026-07-02T11:00:00+08:00", value: .init(fen: 5_550_015),
                                 payer: buyer.reference, payee: supplier.reference)],
            milestones: [.init(id: "m1", title: "第一季度服务", dueDate: "2026-06-30T00:00:00+08:00", dateMet: "2026-06-30T00:00:00+08:00", status: .met)])
        let implemented = OCDSRelease(ocid: ocid, id: ocid + "-5", date: "2026-07-02T11:00:00+08:00", tag: [.implementation],
                                      parties: [buyer, supplier], buyer: buyer.reference, planning: budget, tender: tender,
                                      awards: [award], contracts: [contract])
        return [planning, call, awarded, contracted, implemented]
    }
}
