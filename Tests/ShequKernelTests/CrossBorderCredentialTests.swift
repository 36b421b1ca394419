import Foundation
import Testing
@testable import ShequKernel

/// C4: a Hong Kong or Macao social worker is identified by a Mainland permit, each kind by its own rules, never as
/// a resident ID number.
@Suite struct CrossBorderCredentialTests {
    static let today = ResidentID.date(from: "20261203")!

    @Test func travelPermitsSayTheirRegionByTheirLetter() throws {
        let macao = try CrossBorderCredential(kind: .travelPermit, "m12345678", today: Self.today)
        #expect(macao.region == .macao && macao.rawValue == "M12345678")
        #expect(try CrossBorderCredential(kind: .travelPermit, "H1234567801", today: Self.today).region == .hongKong, "the older booklet's 10 digits")
        #expect(macao.masked == "M********")
    }

    @Test func travelPermitsOfAnotherFormAreRefusedWithTheReason() {
        #expect(throws: CrossBorderCredential.Problem.unknownRegionPrefix) { try CrossBorderCredential(kind: .travelPermit, "T12345678") }
        #expect(throws: CrossBorderCredential.Problem.wrongLength(8)) { try CrossBorderCredential(kind: .travelPermit, "M1234567") }
        #expect(throws: CrossBorderCredential.Problem.invalidCharacter) { try CrossBorderCredential(kind: .travelPermit, "M1234A678") }
        #expect(throws: CrossBorderCredential.Problem.regionMismatch) {
            try CrossBorderCredential(kind: .travelPermit, "H12345678", region: .macao)
        }
    }

    @Test func residencePermitsCarryTheirOwnPrefixAndAMod11Check() throws {
        let body = "82000019850615002"
        let number = body + String(ResidentID.checkCharacter(for: body))
        let permit = try CrossBorderCredential(kind: .residencePermit, number, region: .macao, today: Self.today)
        #expect(permit.region == .macao)
        #expect(permit.masked == "820000************")
        // A resident ID number is not a residence permit, even with a right check character.
        let mainland = validID("44040219800101123")
        #expect(throws: CrossBorderCredential.Problem.unknownRegionPrefix) {
            try CrossBorderCredential(kind: .residencePermit, mainland, today: Self.today)
        }
        // Hong Kong's prefix, 810000.
        let hk = "81000019900101001" + String(ResidentID.checkCharacter(for: "81000019900101001"))
        #expect(try CrossBorderCredential(kind: .residencePermit, hk, today: Self.today).region == .hongKong)
    }

    @Test func residencePermitsWithAWrongCheckOrDateAreRefused() {
        let body = "82000019850615002"
        let right = ResidentID.checkCharacter(for: body)
        let wrong: Character = right == "0" ? "1" : "0"
        #expect(throws: CrossBorderCredential.Problem.wrongCheckCharacter(expected: right)) {
            try CrossBorderCredential(kind: .residencePermit, body + String(wrong), today: Self.today)
        }
        let badDate = "82000019850230002"
        #expect(throws: CrossBorderCredential.Problem.invalidBirthDate("19850230")) {
            try CrossBorderCredential(kind: .residencePermit, badDate + String(ResidentID.checkCharacter(for: badDate)), today: Self.today)
        }
        let future = "82000020300101002"
        #expect(throws: CrossBorderCredential.Problem.birthDateInFuture("20300101")) {
            try CrossBorderCredential(kind: .residencePermit, future + String(ResidentID.checkCharacter(for: future)), today: Self.today)
        }
    }
}
