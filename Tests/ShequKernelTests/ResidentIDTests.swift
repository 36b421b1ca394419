import Foundation
import Testing
@testable import ShequKernel

/// Builds a valid number from its first 17 digits, the way GB 11643 defines the check character.
func validID(_ body: String) -> String { body + String(ResidentID.checkCharacter(for: body)) }

@Suite struct ResidentIDTests {
    @Test func acceptsValidNumbersAndReadsBirthAndSex() throws {
        let id = try ResidentID(validID("44040219800101123"))
        #expect(id.birthDateString == "1980-01-01")
        #expect(id.sex == .male)
        #expect(try ResidentID(validID("44040219851231002")).sex == .female)
    }

    @Test func knownPublishedExampleHasCheckCharacterX() throws {
        // The sample number printed in GB 11643-1999's annex: 11010519491231002X.
        #expect(ResidentID.checkCharacter(for: "11010519491231002") == "X")
        #expect(try ResidentID("11010519491231002x").rawValue == "11010519491231002X")
    }

    @Test func refusesWrongCheckCharacterAndSaysWhichIsExpected() {
        let good = validID("44040219800101123")
        let wrongLast: Character = good.last == "0" ? "1" : "0"
        let bad = String(good.dropLast()) + String(wrongLast)
        #expect(throws: ResidentID.Problem.wrongCheckCharacter(expected: good.last!)) { try ResidentID(bad) }
    }

    @Test func refusesImpossibleAndFutureBirthDates() {
        #expect(throws: ResidentID.Problem.invalidBirthDate("19800230")) { try ResidentID(validID("44040219800230123")) }
        let today = ISO8601DateFormatter().date(from: "2026-11-27T00:00:00Z")!
        #expect(throws: ResidentID.Problem.birthDateInFuture("20270101")) { try ResidentID(validID("44040220270101123"), today: today) }
    }

    @Test func refusesUnknownProvinceWrongLengthAndLetters() {
        #expect(throws: ResidentID.Problem.unknownArea("990402")) { try ResidentID(validID("99040219800101123")) }
        #expect(throws: ResidentID.Problem.wrongLength(17)) { try ResidentID("44040219800101123") }
        #expect(throws: ResidentID.Problem.invalidCharacter) { try ResidentID("4404021980010A1234") }
    }

    @Test func masksAllButTheAreaCode() throws {
        let id = try ResidentID(validID("44040219800101123"))
        #expect(id.masked == "440402************")
        #expect(!id.description.contains("19800101"))
        #expect(!id.masked.contains(id.rawValue.suffix(4)))
        #expect(id.birthYear == 1980)
    }
}

@Suite struct DivisionCodeTests {
    @Test func levelsNestByPrefix() throws {
        let community = try #require(DivisionCode("440402001001"))
        #expect(community.level == .community)
        #expect(community.parent?.rawValue == "440402001")
        #expect(community.parent?.parent?.rawValue == "440402")
        #expect(community.parent?.parent?.parent?.rawValue == "4404")
        #expect(DivisionCode("4404")!.covers(community))
        #expect(!DivisionCode("440403")!.covers(community))
    }

    @Test func refusesCodesOfOtherLengthsOrLetters() {
        #expect(DivisionCode("44040") == nil)
        #expect(DivisionCode("44040200100A") == nil)
        #expect(DivisionCode("") == nil)
    }
}
