import Foundation
import Testing
@testable import ShequKernel

@Suite struct PasswordRuleTests {
    @Test func needsLengthAndThreeClasses() {
        #expect(PasswordRule.check("Ab1!") == .tooShort(minimum: 8))
        #expect(PasswordRule.check("abcdefgh1") == .tooFewCharacterClasses)
        #expect(PasswordRule.check("Abcdefg1") == nil)
        #expect(PasswordRule.check("abcdef-1") == nil)
        #expect(PasswordRule.check(String(repeating: "Ab1", count: 30)) == .tooLong)
    }
}

@Suite struct SignInThrottleTests {
    @Test func locksOnTheFifthFailureForThirtyMinutes() {
        let throttle = SignInThrottle()
        let now = Date(timeIntervalSince1970: 1_000_000)
        var failures = 0
        var lockedUntil: Date?
        for _ in 1...4 {
            (failures, lockedUntil) = throttle.afterFailure(previousFailures: failures, now: now)
            #expect(lockedUntil == nil)
        }
        (failures, lockedUntil) = throttle.afterFailure(previousFailures: failures, now: now)
        #expect(lockedUntil == now.addingTimeInterval(1800))
        #expect(throttle.decision(lockedUntil: lockedUntil, now: now.addingTimeInterval(1799)) == .locked(until: lockedUntil!))
        #expect(throttle.decision(lockedUntil: lockedUntil, now: now.addingTimeInterval(1801)) == .allow)
    }

    @Test func slowsDownBeforeLocking() {
        let throttle = SignInThrottle()
        #expect(throttle.delay(afterFailures: 1) == 0)
        #expect(throttle.delay(afterFailures: 3) == 1)
        #expect(throttle.delay(afterFailures: 4) == 2)
    }
}

@Suite struct CSVTableTests {
    @Test func readsQuotedFieldsAndKeepsPhysicalLineNumbers() throws {
        let table = try CSVTable(parsing: "a,b\r\n1,\"x, y\"\n2,\"two\nlines\"\n3,\"say \"\"hi\"\"\"\n")
        #expect(table.header == ["a", "b"])
        #expect(table.rows.map(\.line) == [2, 3, 5])
        #expect(table.rows[0].fields == ["1", "x, y"])
        #expect(table.rows[1].fields == ["2", "two\nlines"])
        #expect(table.rows[2].fields == ["3", "say \"hi\""])
    }

    @Test func refusesUnterminatedQuoteAndEmptyInput() {
        #expect(throws: CSVTable.Problem.unterminatedQuote(line: 2)) { try CSVTable(parsing: "a\n\"oops\n") }
        #expect(throws: CSVTable.Problem.empty) { try CSVTable(parsing: "") }
    }

    @Test func neutralisesSpreadsheetFormulas() {
        #expect(CSVTable.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSVTable.field("张三") == "张三")
    }
}

@Suite struct SyntheticPersonTests {
    @Test func sameSeedSamePeopleAndEveryIDValid() throws {
        let today = Date(timeIntervalSince1970: 1_767_225_600)
        func people(_ seed: UInt64) -> [SyntheticPerson] {
            var rng = SeededGenerator(seed: seed)
            return (0..<200).map { SyntheticPerson.make(areaCode: "440402", sequence: $0, ageRange: 0...90, today: today, using: &rng) }
        }
        let a = people(7), b = people(7), c = people(8)
        #expect(a.map(\.residentID) == b.map(\.residentID))
        #expect(a.map(\.residentID) != c.map(\.residentID))
        for p in a {
            let id = try ResidentID(p.residentID, today: today)
            #expect(id.sex == p.sex)
            #expect(id.birthDateString == p.birthDate)
        }
    }
}

@Suite struct RosterRuleTests {
    typealias Shift = RosterRule.Shift
    func s(_ w: String, _ win: Int, _ d: Int, _ a: String, _ b: String) -> Shift {
        Shift(worker: w, window: win, weekday: d, start: RosterRule.minutes(a)!, end: RosterRule.minutes(b)!)
    }

    @Test func staggeredShiftsExtendOpeningWithoutExtraHours() {
        // Two workers on 40 hours each: one starts early, one stays late, and Saturday morning is covered.
        var shifts: [Shift] = []
        for d in 1...5 {
            shifts.append(s("wang", 1, d, "08:00", "16:00"))
            shifts.append(s("li", 2, d, "11:30", "19:30"))
        }
        #expect(RosterRule.check(shifts, contractedMinutes: ["wang": 40 * 60, "li": 40 * 60]).isEmpty)
        let hours = RosterRule.openingHours(shifts)
        #expect(hours[1] == [480...1170])
        #expect(hours[6] == nil)
        let withSaturday = shifts + [s("li", 2, 6, "09:00", "12:00")]
        #expect(RosterRule.check(withSaturday, contractedMinutes: ["wang": 2400, "li": 2400])
                == [.overContract(worker: "li", rosteredMinutes: 2580, contractedMinutes: 2400)])
    }

    @Test func namesEveryProblemAtOnce() {
        let shifts = [s("wang", 1, 1, "08:00", "12:00"), s("wang", 2, 1, "11:00", "13:00"), s("zhao", 2, 1, "12:30", "14:00"),
                      Shift(worker: "li", window: 3, weekday: 8, start: 0, end: 60)]
        let problems = RosterRule.check(shifts, contractedMinutes: ["wang": 2400])
        #expect(problems.contains(.overlapping(worker: "wang", weekday: 1)))
        #expect(problems.contains(.windowDoubleBooked(window: 2, weekday: 1)))
        #expect(problems.contains(.noContract(worker: "zhao")))
        #expect(problems.contains(.invalidShift(Shift(worker: "li", window: 3, weekday: 8, start: 0, end: 60))))
    }

    @Test func parsesClockTimes() {
        #expect(RosterRule.minutes("08:30") == 510)
        #expect(RosterRule.minutes("24:00") == 1440)
        #expect(RosterRule.minutes("25:00") == nil)
        #expect(RosterRule.minutes("8.30") == nil)
        #expect(RosterRule.hhmm(1170) == "19:30")
    }
}
