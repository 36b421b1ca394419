import Testing
@testable import ShequKernel

@Suite struct LocalDateMonthsTests {
    @Test func countsForwardAcrossYearsAndMonthEnds() throws {
        let start = try #require(LocalDate("2026-10-04"))
        #expect(start.monthsAfter(12).description == "2027-10-04")
        #expect(start.monthsAfter(12).adding(days: -1).description == "2027-10-03")
        #expect(start.monthsAfter(3).description == "2027-01-04")
        #expect(LocalDate("2026-01-31")!.monthsAfter(1).description == "2026-02-28")
        #expect(LocalDate("2026-08-31")!.monthsAfter(1).description == "2026-09-30")
        #expect(LocalDate("2026-12-31")!.monthsAfter(1).description == "2027-01-31")
    }

    @Test func leapYears() throws {
        #expect(LocalDate("2028-01-31")!.monthsAfter(1).description == "2028-02-29")
        #expect(LocalDate("2028-02-29")!.monthsAfter(12).description == "2029-02-28")
        #expect(LocalDate("2027-02-28")!.monthsAfter(12).description == "2028-02-28")
        #expect(LocalDate("2024-02-29")!.monthsAfter(48).description == "2028-02-29")
    }

    @Test func noMonthsIsTheSameDayAndNegativeIsNone() throws {
        let d = try #require(LocalDate("2026-10-04"))
        #expect(d.monthsAfter(0) == d)
        #expect(d.monthsAfter(-5) == d)
        #expect(d.monthsAfter(36).monthsEarlier(36) == d)
    }
}
