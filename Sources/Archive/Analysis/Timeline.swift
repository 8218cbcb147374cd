import Foundation

/// Attention over time: for each query, how many matching stories (or articles) each period
/// holds, beside how many the period holds in all (same filters, no query), and the share.
public struct Timeline: Sendable, Equatable {
    public enum Granularity: String, Sendable, CaseIterable {
        case day, week, month, year
    }

    public struct Point: Sendable, Equatable {
        /// `2024-05-11`, `2024-W19` (ISO week), `2024-05` or `2024`.
        public var period: String
        public var count: Int
        public var total: Int
        /// `count / total`, 0 when the period holds nothing.
        public var share: Double
    }

    public struct Series: Sendable, Equatable {
        /// The query as given; nil for the series of every article.
        public var query: String?
        public var points: [Point]
        /// Matches without a date, counted apart.
        public var undated: Int
    }

    public var granularity: Granularity
    /// The first and last periods shown (nil when nothing is dated).
    public var from: String?
    public var to: String?
    /// Articles (or stories) without a date among those the filters allow, counted apart.
    public var undated: Int
    public var series: [Series]

    /// `{"by", "from", "to", "undated", "series": [{"query", "undated", "points": [{"period", "count", "total", "share"}]}]}`.
    public var json: JSONValue {
        .object([
            ("by", .string(granularity.rawValue)), ("from", .text(from)), ("to", .text(to)), ("undated", .integer(undated)),
            ("series", .array(series.map { series in
                .object([
                    ("query", .text(series.query)), ("undated", .integer(series.undated)),
                    ("points", .array(series.points.map { point in
                        .object([("period", .string(point.period)), ("count", .integer(point.count)), ("total", .integer(point.total)),
                                 ("share", .number(Timeline.shareText(point.share)))])
                    })),
                ])
            })),
        ])
    }

    /// A share with four significant decimals, as JSON and CSV print it.
    public static func shareText(_ share: Double) -> String {
        share == 0 ? "0" : String(format: "%.4f", share)
    }
}

extension Timeline.Granularity {
    /// The finest granularity that shows the days `first...last` in at most 60 points.
    static func fitting(_ first: CivilDate, _ last: CivilDate) -> Self {
        let days = last.daysSinceEpoch - first.daysSinceEpoch + 1
        if days <= 60 { return .day }
        if days <= 60 * 7 { return .week }
        if (last.year - first.year) * 12 + last.month - first.month + 1 <= 60 { return .month }
        return .year
    }

    /// The period holding `day`.
    func period(of day: CivilDate) -> String {
        switch self {
        case .day: day.iso8601
        case .week: ISOWeek(day).label
        case .month: String(day.iso8601.prefix(7))
        case .year: String(day.iso8601.prefix(4))
        }
    }

    /// The first day of the period holding `day`.
    func start(of day: CivilDate) -> CivilDate {
        switch self {
        case .day: day
        case .week: ISOWeek(day).monday
        case .month: CivilDate(year: day.year, month: day.month, day: 1)
        case .year: CivilDate(year: day.year, month: 1, day: 1)
        }
    }

    /// The first day of the next period.
    func next(after start: CivilDate) -> CivilDate {
        switch self {
        case .day: CivilDate(daysSinceEpoch: start.daysSinceEpoch + 1)
        case .week: CivilDate(daysSinceEpoch: start.daysSinceEpoch + 7)
        case .month: start.month == 12 ? CivilDate(year: start.year + 1, month: 1, day: 1) : CivilDate(year: start.year, month: start.month + 1, day: 1)
        case .year: CivilDate(year: start.year + 1, month: 1, day: 1)
        }
    }

    /// The SQL key that groups articles by this period: the stated day's period start
    /// (`YYYY-MM-DD` of its Monday for weeks); '' for undated articles.
    var sqlKey: String {
        let day = "substr(a.published, 1, 10)"
        return switch self {
        case .day: day
        case .week: "CASE WHEN a.published = '' THEN '' ELSE date(\(day), '-' || ((CAST(strftime('%w', \(day)) AS INTEGER) + 6) % 7) || ' days') END"
        case .month: "substr(a.published, 1, 7)"
        case .year: "substr(a.published, 1, 4)"
        }
    }

    /// The period label of an `sqlKey` value.
    func label(ofKey key: String) -> String? {
        guard !key.isEmpty else { return nil }
        switch self {
        case .day, .month, .year: return key
        case .week: return CivilDate(iso: key).map { ISOWeek($0).label }
        }
    }
}

/// The ISO 8601 week of a day: weeks start on Monday, and week 1 holds the year's first Thursday.
struct ISOWeek {
    let year: Int
    let week: Int
    let monday: CivilDate

    init(_ day: CivilDate) {
        let days = day.daysSinceEpoch
        // 1970-01-01 was a Thursday: weekday 0 is Monday.
        let weekday = Int(((days + 3) % 7 + 7) % 7)
        monday = CivilDate(daysSinceEpoch: days - Int64(weekday))
        let thursday = CivilDate(daysSinceEpoch: days - Int64(weekday) + 3)
        year = thursday.year
        let firstOfYear = CivilDate(year: year, month: 1, day: 1).daysSinceEpoch
        week = Int((thursday.daysSinceEpoch - firstOfYear) / 7) + 1
    }

    var label: String { "\(pad(year, 4))-W\(pad(week, 2))" }
}

extension Archive {
    /// The timeline of each query (every article when `queries` is empty), `by` the given
    /// granularity or the finest that shows the span in at most 60 points. Every period from
    /// the first to the last (or from `filter.from` to `filter.to`) is there, zeros included.
    public func timeline(_ queries: [SearchQuery], filter: ArticleFilter = ArticleFilter(), by: Timeline.Granularity? = nil,
                         allCopies: Bool = false) throws -> Timeline {
        try guarded {
            // The span: the bounds given, else the first and last stated days, read off the
            // publication index rather than by reading every article. The instant orders and a
            // stated day may sit a day off it (offsets): widened by a day, trimmed to the counts below.
            let (conditions, values) = try filter.conditions()
            let and = conditions.map { " AND " + $0 }.joined()
            func end(_ order: String) throws -> CivilDate? {
                let sql = "SELECT substr(a.published, 1, 10) FROM articles a WHERE a.published_unix IS NOT NULL\(and) "
                    + "ORDER BY a.published_unix \(order) LIMIT 1"
                return try database.prepare(sql).firstRow(values) { CivilDate(iso: $0.string(0)) } ?? nil
            }
            var first = try filter.from?.start ?? end("ASC").map { CivilDate(daysSinceEpoch: $0.daysSinceEpoch - 1) }
            var last = try filter.to.map { CivilDate(daysSinceEpoch: $0.end.daysSinceEpoch - 1) }
                ?? end("DESC").map { CivilDate(daysSinceEpoch: $0.daysSinceEpoch + 1) }
            if let low = first, let high = last, high < low { (first, last) = (high, low) }
            let granularity = by ?? first.flatMap { a in last.map { b in .fitting(a, b) } } ?? .month
            func counts(_ query: SearchQuery?) throws -> ([String: Int], Int) {
                var table: [String: Int] = [:]
                var undated = 0
                for (key, count) in try engine.groupedCounts(query, filter: filter, allCopies: allCopies, key: granularity.sqlKey) {
                    if let label = granularity.label(ofKey: key) { table[label, default: 0] += count } else { undated += count }
                }
                return (table, undated)
            }
            let (totals, undated) = try counts(nil)
            var periods: [String] = []
            if let first, let last {
                var start = granularity.start(of: first)
                while start <= last, periods.count < 100_000 {
                    periods.append(granularity.period(of: start))
                    start = granularity.next(after: start)
                }
                // Without bounds, a widening day is kept only when it holds something.
                if filter.from == nil { while periods.count > 1, totals[periods[0]] == nil { periods.removeFirst() } }
                if filter.to == nil { while periods.count > 1, totals[periods[periods.count - 1]] == nil { periods.removeLast() } }
            }
            let series = try (queries.isEmpty ? [nil] : queries.map(Optional.some)).map { query in
                let (matched, undatedMatches) = try query.map(counts) ?? (totals, undated)
                return Timeline.Series(query: query?.text, points: periods.map { period in
                    let (count, total) = (matched[period] ?? 0, totals[period] ?? 0)
                    return Timeline.Point(period: period, count: count, total: total, share: total == 0 ? 0 : Double(count) / Double(total))
                }, undated: undatedMatches)
            }
            return Timeline(granularity: granularity, from: periods.first, to: periods.last, undated: undated, series: series)
        }
    }
}
