import Foundation
import Testing
@testable import ShequKernel

@Suite struct LocalDateTests {
    @Test func roundTripsAndKnowsWeekdays() throws {
        let d = try #require(LocalDate("2024-09-29"))
        #expect(d.description == "2024-09-29")
        #expect(d.isoWeekday == 7)
        #expect(LocalDate("1970-01-01")!.isoWeekday == 4)
        #expect(LocalDate("2024-02-29") != nil)
        #expect(LocalDate("2023-02-29") == nil)
        #expect(LocalDate("2024-13-01") == nil)
        #expect(LocalDate("2000-03-01")!.adding(days: -1).description == "2000-02-29")
    }

    @Test func theDayIsTakenInBeijingTime() {
        // 2024-09-30T17:00:00Z is already 1 October in Zhuhai.
        let instant = ISO8601DateFormatter().date(from: "2024-09-30T17:00:00Z")!
        #expect(LocalDate(instant: instant).description == "2024-10-01")
    }
}

@Suite struct WorkingCalendarTests {
    /// The 2024 National Day notice: 1–7 October off, Sunday 29 September and Saturday 12 October worked.
    let calendar = WorkingCalendar(listedDays: [
        "2024-09-29": false, "2024-10-01": true, "2024-10-02": true, "2024-10-03": true, "2024-10-04": true,
        "2024-10-05": true, "2024-10-06": true, "2024-10-07": true, "2024-10-12": false,
    ].reduce(into: [:]) { $0[LocalDate($1.key)!] = $1.value })

    @Test func holidaysAreOffAndAdjustedWeekendsAreOn() {
        #expect(!calendar.isWorkingDay(LocalDate("2024-10-02")!))
        #expect(calendar.isWorkingDay(LocalDate("2024-09-29")!))
        #expect(calendar.isWorkingDay(LocalDate("2024-10-12")!))
        #expect(!calendar.isWorkingDay(LocalDate("2024-10-13")!))
        #expect(calendar.isWorkingDay(LocalDate("2024-10-08")!))
    }

    @Test func fiveWorkingDaysAcrossNationalDay() {
        // Accepted Friday 27 Sep: Sun 29, Mon 30, Tue 8 Oct, Wed 9, Thu 10.
        #expect(calendar.deadline(from: LocalDate("2024-09-27")!, workingDays: 5).description == "2024-10-10")
        #expect(calendar.workingDays(after: LocalDate("2024-09-27")!, through: LocalDate("2024-10-10")!) == 5)
    }

    @Test func aPausedSpanDoesNotCount() {
        let pause = LocalDate("2024-10-08")!...LocalDate("2024-10-09")!
        #expect(calendar.deadline(from: LocalDate("2024-09-27")!, workingDays: 5, paused: [pause]).description == "2024-10-12")
    }

    @Test func readsTheShippedCSVFormat() throws {
        let cal = try WorkingCalendar(csv: "date,name,is_off_day\n2026-02-14,春节,false\n2026-02-16,春节,true\n")
        #expect(cal.isWorkingDay(LocalDate("2026-02-14")!))
        #expect(!cal.isWorkingDay(LocalDate("2026-02-16")!))
        #expect(cal.coveredThrough == 2026)
    }

    @Test func aDeadlinePastTheNoticesIsProvisionalUntilTheYearIsAdded() throws {
        let shipped = try WorkingCalendar(csv: "date,name,is_off_day\n2026-10-01,国庆节,true\n")
        // Accepted Mon 1 Feb 2027 with 5 working days: on weekends alone, Mon 8 Feb.
        let accepted = LocalDate("2027-02-01")!
        let guessed = shipped.deadline(from: accepted, workingDays: 5)
        #expect(guessed.description == "2027-02-08")
        #expect(shipped.isProvisional(guessed))
        #expect(!shipped.isProvisional(LocalDate("2026-12-31")!))
        // The 2027 notice arrives (a Spring Festival week, one adjusted Sunday): the limit moves and is firm.
        let notice = try WorkingCalendar(csv: "date,name,is_off_day\n2027-02-07,春节,false\n"
            + [5, 6, 8, 9, 10, 11].map { "2027-02-\(String(format: "%02d", $0)),春节,true" }.joined(separator: "\n") + "\n")
        let updated = shipped.adding(notice)
        #expect(updated.coveredThrough == 2027)
        #expect(!updated.isProvisional(LocalDate("2027-02-12")!))
        // Tue 2, Wed 3, Thu 4, Sun 7 (adjusted), then the week off, Fri 12.
        #expect(updated.deadline(from: accepted, workingDays: 5).description == "2027-02-12")
        #expect(updated.isWorkingDay(LocalDate("2026-10-02")!) == shipped.isWorkingDay(LocalDate("2026-10-02")!))
        #expect(!updated.isWorkingDay(LocalDate("2026-10-01")!))
    }
}

@Suite struct TrackingNumberTests {
    @Test func madeNumbersValidateAndCarryTheDay() throws {
        var rng = SeededGenerator(seed: 3)
        let day = LocalDate("2026-11-27")!
        for _ in 0..<200 {
            let n = TrackingNumber.make(on: day, using: &rng)
            #expect(n.hasPrefix("261127-"))
            #expect(n.count == 13)
            #expect(TrackingNumber.normalize(n) == n)
        }
    }

    @Test func toleratesHowPeopleTypeButCatchesAMisheardSymbol() throws {
        var rng = SeededGenerator(seed: 4)
        let n = TrackingNumber.make(on: LocalDate("2026-11-27")!, using: &rng)
        #expect(TrackingNumber.normalize(" " + n.lowercased().replacingOccurrences(of: "-", with: " ")) == n)
        let chars = Array(n)
        for i in [7, 9, 12] {
            var wrong = chars
            let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
            let j = alphabet.firstIndex(of: wrong[i])!
            wrong[i] = alphabet[(j + 1) % 32]
            #expect(TrackingNumber.normalize(String(wrong)) == nil, "\(String(wrong)) should fail its check")
        }
    }
}

@Suite struct BulkTrackingNumberTests {
    @Test func indexedNumbersAreDistinctAndValid() {
        let day = LocalDate("2026-11-27")!
        let numbers = (0..<20_000).map { TrackingNumber.make(on: day, index: $0) }
        #expect(Set(numbers).count == numbers.count)
        #expect(numbers.allSatisfy { TrackingNumber.normalize($0) == $0 })
    }
}
