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

    /// SQL conditions on the `articles` row aliased `a`, and the values they bind, in order.
    func conditions() throws(ArchiveError) -> (sql: [String], values: [SQLValue]) {
        var sql: [String] = []
        var values: [SQLValue] = []
        if let from, let to, to.end <= from.start {
            throw .invalidArgument("--from \(from.text) is after --to \(to.text)")
        }
        if let from {
            sql.append("a.published >= ?")
            values.append(.text(from.start))
        }
        if let to {
            sql.append("a.published < ? AND a.published <> ''")
            values.append(.text(to.end))
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
    /// The first stored date inside the period (stored dates compare as text).
    let start: String
    /// The first stored date after the period.
    let end: String

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
            start = pad(numbers[0], 4)
            end = pad(numbers[0] + 1, 4)
        case 2:
            guard (1...12).contains(numbers[1]) else { throw invalid() }
            start = "\(pad(numbers[0], 4))-\(pad(numbers[1], 2))"
            end = numbers[1] == 12 ? pad(numbers[0] + 1, 4) : "\(pad(numbers[0], 4))-\(pad(numbers[1] + 1, 2))"
        default:
            guard let day = CivilDate(validYear: numbers[0], month: numbers[1], day: numbers[2]) else { throw invalid() }
            start = day.iso8601
            end = CivilDate(daysSinceEpoch: day.daysSinceEpoch + 1).iso8601
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
