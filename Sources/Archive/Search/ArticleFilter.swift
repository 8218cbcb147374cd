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

    public init(from: DatePeriod? = nil, to: DatePeriod? = nil, outlets: [String] = [], tags: [String] = []) {
        self.from = from
        self.to = to
        self.outlets = outlets
        self.tags = tags
    }

    /// The date keys (see `DateKey`) of the articles the date bounds allow: all when none is given.
    func keyRange() throws(ArchiveError) -> ClosedRange<Int64> {
        if let from, let to, to.end <= from.start {
            throw .invalidArgument("--from \(from.text) is after --to \(to.text)")
        }
        // An upper bound leaves out undated articles too: they have no date before it.
        let low = from.map { DateKey.first(on: $0.start) } ?? (to == nil ? 0 : DateKey.firstDated)
        let high = to.map { DateKey.first(on: $0.end) - 1 } ?? Int64.max
        return low...high
    }

    /// SQL conditions on the `articles` row aliased `a`, and the values they bind, in order;
    /// with `dates`, the date bounds too (else the caller applies `keyRange()`).
    func conditions(dates: Bool = true) throws(ArchiveError) -> (sql: [String], values: [SQLValue]) {
        var sql: [String] = []
        var values: [SQLValue] = []
        let range = try keyRange()
        if dates && range != 0...Int64.max {
            sql.append("a.date_key BETWEEN ? AND ?")
            values += [.integer(range.lowerBound), .integer(range.upperBound)]
        }
        if !outlets.isEmpty {
            sql.append("a.outlet_id IN (SELECT id FROM outlets WHERE name IN (\(placeholders(outlets.count))))")
            values += outlets.map(SQLValue.text)
        }
        for tag in tags {
            sql.append("a.id IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.name = ?)")
            values.append(.text(tag))
        }
        return (sql, values)
    }
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

/// An article's place in publication order, as `articles.date_key` holds it (migration 0003):
/// the minute of publication counted from 0000-01-01 (plus one; 0 when undated), times 2^31,
/// plus the article id. The full-text index numbers its rows by it.
enum DateKey {
    /// Keys below this are of undated articles.
    static let firstDated: Int64 = 1 << 31
    static let idMask: Int64 = (1 << 31) - 1

    /// The lowest key of an article published on `day`, at midnight UTC.
    static func first(on day: CivilDate) -> Int64 {
        let minutes = (day.daysSinceEpoch + 719_528) * 1440 + 1
        return min(max(minutes, 1), 4_294_967_295) * firstDated
    }

    static func id(_ key: Int64) -> Int64 { key & idMask }
}

func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
}
