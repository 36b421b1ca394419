import Foundation
import Testing
@testable import Procurement

/// The compiled release follows the OCDS 1.1 merge rules.
@Suite struct OCDSRecordTests {
    func parse(_ text: String) throws -> OCDSJSON { try OCDSJSON.parse(text) }

    @Test func laterValuesWinObjectsMergeFieldByFieldAndNullRemoves() throws {
        let a = try parse(#"{"ocid":"o","id":"o-1","date":"2026-01-01T00:00:00+08:00","tag":["planning"],"initiationType":"tender","tender":{"id":"t","title":"A","description":"d","status":"planned"}}"#)
        let b = try parse(#"{"ocid":"o","id":"o-2","date":"2026-01-02T00:00:00+08:00","tag":["tender"],"tender":{"id":"t","title":"B","description":null,"status":"active"}}"#)
        let compiled = OCDSRecord.compile([b, a])
        #expect(compiled["tender"] == .object(["id": .string("t"), "title": .string("B"), "status": .string("active")]))
        #expect(compiled["tag"] == .array([.string("compiled")]))
        #expect(compiled["date"] == .string("2026-01-02T00:00:00+08:00"))
        #expect(compiled["id"] == .string("o-2026-01-02T00:00:00+08:00"))
        #expect(compiled["initiationType"] == .string("tender"))
    }

    @Test func arraysOfObjectsMergeByIDOtherArraysAreReplacedWhole() throws {
        let a = try parse(#"{"ocid":"o","id":"1","date":"2026-01-01T00:00:00+08:00","tag":["award"],"parties":[{"id":"p1","name":"Buyer","roles":["buyer","payer"]},{"id":"p2","name":"Org","roles":["tenderer"]}],"awards":[{"id":"a1","status":"pending","suppliers":[{"id":"p2","name":"Org"}]}]}"#)
        let b = try parse(#"{"ocid":"o","id":"2","date":"2026-01-03T00:00:00+08:00","tag":["awardUpdate"],"parties":[{"id":"p2","roles":["supplier"]},{"id":"p3","name":"Other","roles":["tenderer"],"address":{"region":null,"countryName":"中国"}}],"awards":[{"id":"a1","status":"active"}]}"#)
        let compiled = OCDSRecord.compile([a, b])
        let parties = compiled["parties"]?.arrayValue ?? []
        #expect(parties.count == 3)
        #expect(parties[0] == .object(["id": .string("p1"), "name": .string("Buyer"), "roles": .array([.string("buyer"), .string("payer")])]))
        // roles is an array of strings: replaced, not appended to.
        #expect(parties[1] == .object(["id": .string("p2"), "name": .string("Org"), "roles": .array([.string("supplier")])]))
        // A null inside a new object is an absent field in the compiled release.
        #expect(parties[2]["address"] == .object(["countryName": .string("中国")]))
        #expect(compiled["awards"]?.arrayValue?.first == .object(["id": .string("a1"), "status": .string("active"),
                                                                  "suppliers": .array([.object(["id": .string("p2"), "name": .string("Org")])])]))
    }

    @Test func releasesOnTheSameDateApplyInLogOrderAndAmountsStayExact() throws {
        let a = try parse(#"{"ocid":"o","id":"1","date":"2026-01-01T00:00:00+08:00","tag":["contract"],"contracts":[{"id":"c","awardID":"a","status":"pending","value":{"amount":100.10,"currency":"CNY"}}]}"#)
        let b = try parse(#"{"ocid":"o","id":"2","date":"2026-01-01T00:00:00+08:00","tag":["contractUpdate"],"contracts":[{"id":"c","awardID":"a","status":"active"}]}"#)
        let compiled = OCDSRecord.compile([a, b])
        #expect(compiled["contracts"]?.arrayValue?.first?["status"] == .string("active"))
        #expect(compiled["contracts"]?.arrayValue?.first?["value"]?["amount"] == .number("100.10"))
        #expect(compiled.canonicalText.contains("\"amount\":100.10"))
    }

    @Test func theSampleProjectCompilesToItsLatestState() throws {
        let stages = OCDSSamples.stages()
        let compiled = OCDSRecord.compile(stages.map(\.json))
        let last = stages.last!.json
        for key in ["parties", "buyer", "planning", "tender", "awards", "contracts", "ocid", "initiationType", "language"] {
            #expect(compiled[key] == last[key], "\(key)")
        }
        let record = OCDSRecord.record(ocid: OCDSSamples.ocid, releases: stages.map(\.json))
        #expect(record["releases"]?.arrayValue?.count == 5)
        #expect(record["compiledRelease"] == compiled)
    }
}
