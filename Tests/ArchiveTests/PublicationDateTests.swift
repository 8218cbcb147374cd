import Testing
@testable import Archive

@Suite struct PublicationDateTests {
    @Test(arguments: [
        ("2024-05-11", "2024-05-11"),
        ("2024-5-1", "2024-05-01"),
        ("2024-05-11T14:03", "2024-05-11T14:03:00Z"),
        ("2024-05-11T14:03:09Z", "2024-05-11T14:03:09Z"),
        ("2024-05-11T14:03:09.250Z", "2024-05-11T14:03:09Z"),
        ("2024-05-11 14:03:09", "2024-05-11T14:03:09Z"),
        ("2024-05-11T01:30:00+02:00", "2024-05-11T01:30:00+02:00"),
        ("2024-05-11T23:30:00-0500", "2024-05-11T23:30:00-05:00"),
        ("2024-12-31T23:30:00-01:00", "2024-12-31T23:30:00-01:00"),
        ("2024-06-03T09:30:00+08:00", "2024-06-03T09:30:00+08:00"),
        ("Sat, 11 May 2024 14:03:00 +0000", "2024-05-11T14:03:00Z"),
        ("Sat, 11 May 2024 14:03:00 GMT", "2024-05-11T14:03:00Z"),
        ("Sat, 11 May 2024 09:03:00 EST", "2024-05-11T09:03:00-05:00"),
        ("Tue, 09 Jul 2024 14:00:00 +0130", "2024-07-09T14:00:00+01:30"),
        ("May 11, 2024", "2024-05-11"),
        ("May 11 2024", "2024-05-11"),
        ("11 May 2024", "2024-05-11"),
        ("11th May, 2024", "2024-05-11"),
        ("Saturday, May 11, 2024", "2024-05-11"),
        ("Sept. 3, 2024", "2024-09-03"),
        ("September 3, 2024 2:15 PM", "2024-09-03T14:15:00Z"),
        ("September 3, 2024 12:15 a.m.", "2024-09-03T00:15:00Z"),
        ("2024/05/11", "2024-05-11"),
        ("29 February 2024", "2024-02-29"),
        ("1987-03-31", "1987-03-31"),
    ])
    func reads(input: String, expected: String) throws {
        #expect(try PublicationDate.normalize(input) == expected)
    }

    @Test(arguments: [
        ("", "empty"),
        ("yesterday", "'yesterday' is not part of a date"),
        ("2024-13-01", "no such day"),
        ("2024-02-30", "no such day"),
        ("29 February 2023", "no such day"),
        ("2024-05", "a date needs a day"),
        ("May 2024", "no day"),
        ("05/11/2024", "ambiguous"),
        ("May 11", "no year"),
        ("2024-05-11T25:00", "no such time"),
        ("2024-05-11T10:00+99:00", "unreadable time zone"),
        ("2024-05-11 lunchtime", "unexpected text"),
        ("13:00 PM May 1 2024", "hour 13 with pm"),
    ])
    func refuses(input: String, reason: String) {
        #expect {
            try PublicationDate.normalize(input)
        } throws: { error in
            (error as? PublicationDate.DateError)?.reason.contains(reason) == true
        }
    }

    @Test(arguments: [
        ("2024", "2024-01-01", "2025-01-01"),
        ("2024-05", "2024-05-01", "2024-06-01"),
        ("2024-12", "2024-12-01", "2025-01-01"),
        ("2024-02-29", "2024-02-29", "2024-03-01"),
        ("2024-12-31", "2024-12-31", "2025-01-01"),
    ])
    func periods(input: String, start: String, end: String) throws {
        let period = try DatePeriod(input)
        #expect(period.start.iso8601 == start)
        #expect(period.end.iso8601 == end)
    }

    @Test(arguments: ["24", "2024-5", "2024-13", "2024-02-30", "May 2024", "2024-05-01T00:00"])
    func refusesPeriods(input: String) {
        #expect(throws: ArchiveError.self) { try DatePeriod(input) }
    }

    @Test func civilDaysRoundTrip() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
        }
        #expect(CivilDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(CivilDate(year: 2000, month: 3, day: 1).daysSinceEpoch == 11_017)
    }
}
