/// Which articles a search, listing, count or export considers.
public struct ArticleFilter: Sendable, Equatable {
    /// Published on or after the start of this period.
    public var from: DatePeriod?
    /// Published on or before the end of this period.
    public var to: DatePeriod?
    /// Published by any of these outlets (names compare without regard to ASCII case).
    public var outlets: [String]
    /// Carrying every one of these tags.
    public var tags: [String]
    /// Publication times a query's `date:` fields allow (seconds, inclusive), besides `from` and `to`.
    var queryRange: ClosedRange<Int64>?
    /// Conditions from a query's fields beyond those above.
    var extra: [SQLCondition] = []

    public init(from: DatePeriod? = nil, to: DatePeriod? = nil, outlets: [String] = [], tags: [String] = []) {
        self.from = from
        self.to = to
        self.outlets = outlets
        self.tags = tags
    }

    /// The publication times (`articles.published_unix`, seconds) the date bounds allow; nil
    /// when none is given. Either bound leaves undated articles out: they have no date inside it.
    /// When the bounds do not overlap a query's dates, no time: an empty range (upper bound below lower).
    func publishedRange() throws(ArchiveError) -> (low: Int64, high: Int64)? {
        if let from, let to, to.end <= from.start {
            throw .invalidArgument("the start date \(from.text) is after the end date \(to.text)")
        }
        guard from != nil || to != nil || queryRange != nil else { return nil }
        var low = from?.startTime ?? Int64.min
        var high = to?.endTime ?? Int64.max
        if let queryRange {
            (low, high) = (max(low, queryRange.lowerBound), min(high, queryRange.upperBound))
        }
        return (low, high)
    }

    /// SQL conditions on the `articles` row aliased `a`, and the values they bind, in order.
    func conditions() throws(ArchiveError) -> (sql: [String], values: [SQLValue]) {
        var sql: [String] = []
        var values: [SQLValue] = []
        if let range = try publishedRange() {
            sql.append(StatedDays.condition(range.low, range.high, &values))
        }
        if !outlets.isEmpty {
            sql.append("a.outlet_id IN (SELECT id FROM outlets WHERE name IN (\(placeholders(outlets.count))))")
            values += outlets.map(SQLValue.text)
        }
        for tag in tags {
            sql.append("a.id IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.name = ?)")
            values.append(.text(tag))
        }
        for condition in extra {
            sql.append(condition.sql)
            values += condition.values
        }
        return (sql, values)
    }

    /// Whether any condition besides the date bounds applies.
    var narrowsBeyondDates: Bool { !outlets.isEmpty || !tags.isEmpty || !extra.isEmpty }
}

/// A year, month or day given as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as bounds on stored dates.
public struct DatePeriod: Sendable, Equatable {
    /// As the user wrote it.
    public let text: String
    /// The first day inside the period.
    let start: CivilDate
    /// The first day after the period.
    let end: CivilDate

    public init(_ text: String) throws(ArchiveError) {
        let trimmed = text.trimmed
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        func invalid() -> ArchiveError {
            .invalidArgument("invalid date '\(text)': give YYYY, YYYY-MM or YYYY-MM-DD")
        }
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { throw invalid() }
        let numbers = parts.map { Int($0)! }
        self.text = trimmed
        switch numbers.count {
        case 1:
            start = CivilDate(year: numbers[0], month: 1, day: 1)
            end = CivilDate(year: numbers[0] + 1, month: 1, day: 1)
        case 2:
            guard (1...12).contains(numbers[1]) else { throw invalid() }
            start = CivilDate(year: numbers[0], month: numbers[1], day: 1)
            end = numbers[1] == 12 ? CivilDate(year: numbers[0] + 1, month: 1, day: 1)
                : CivilDate(year: numbers[0], month: numbers[1] + 1, day: 1)
        default:
            guard let day = CivilDate(validYear: numbers[0], month: numbers[1], day: numbers[2]) else { throw invalid() }
            start = day
            end = CivilDate(daysSinceEpoch: day.daysSinceEpoch + 1)
        }
    }
}

/// The order of results.
public enum ResultOrder: String, Sendable, CaseIterable {
    /// Best match first (searches only).
    case relevance
    case newest
    case oldest
}

func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
}

/// Date bounds are days as the page stated them: an article published at 00:01 in Rome
/// (`2023-11-02T00:01:00+01:00`) is in November 2, though its instant is November 1 in UTC.
/// The condition narrows by `published_unix` (indexed) widened by the largest offset, then
/// compares the stated day, the first ten characters of `published`.
enum StatedDays {
    /// Seconds more than any UTC offset (±14:59).
    static let slack: Int64 = 54_000

    /// SQL for "stated on a day from the day of `low` to the day of `high`" (seconds at day
    /// bounds, `Int64.min`/`max` for none) on the `articles` row aliased `a`; appends its values.
    /// NULL for an undated article.
    static func condition(_ low: Int64, _ high: Int64, _ values: inout [SQLValue]) -> String {
        let lowTime = low == Int64.min ? low : low - slack
        let highTime = high == Int64.max ? high : high + slack
        let lowDay = low == Int64.min ? "" : day(low)
        let highDay = high == Int64.max ? "9999-12-31" : day(high)
        values += [.integer(lowTime), .integer(highTime), .text(lowDay), .text(highDay)]
        return "(a.published_unix BETWEEN ? AND ? AND substr(a.published, 1, 10) BETWEEN ? AND ?)"
    }

    private static func day(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return CivilDate(daysSinceEpoch: days).iso8601
    }
}
