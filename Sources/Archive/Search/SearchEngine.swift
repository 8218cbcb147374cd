/// Plans and runs searches, listings and counts over one connection: which index drives a
/// query, in which order matches are read, how copies of a story fold into one row, and how
/// far a page needs to read.
///
/// The full-text index numbers its rows by article id, so any SQL client can join it to
/// `articles`. Publication order comes from `articles.published_unix` and its index:
/// - a listing walks that index and stops after one page;
/// - a search in publication order either sorts its matches by date (when they are few) or,
///   when they are many (dense: a page is found after a few dozen articles), walks the date index
///   and asks the full-text index of each article whether it matches, falling back to sorting
///   if the walk takes longer than sorting would;
/// - a relevance search ranks by BM25, over the `rankWindow` matches added last when more match.
final class SearchEngine {
    let database: Database
    /// How many of the matches added last a relevance search ranks when more match (unless
    /// `rankAll`): FTS5's BM25 costs 2 to 4 µs a match, so ranking every match of a common word
    /// in a million articles takes seconds.
    var rankWindow = 10_000

    init(database: Database) throws {
        self.database = database
        try SnippetFunction.register(on: database.handle)
    }

    /// Relevance: BM25 with a title match worth five body matches (in either form, see
    /// `CJKWords`), as the index's `rank` is set up.
    static let score = "bm25(articles_fts, 5.0, 1.0, 5.0, 1.0)"

    // MARK: Searching

    func search(_ query: SearchQuery, filter: ArticleFilter, sort: ResultOrder, limit: Int, offset: Int,
                allCopies: Bool, rankAll: Bool) throws -> SearchResults {
        let filter = query.narrowing(filter)
        guard let query = query.words else {
            // Fields only: a listing.
            let rows = try list(filter: filter, sort: sort == .oldest ? .oldest : .newest, limit: limit, offset: offset,
                                allCopies: allCopies)
            return SearchResults(articles: rows, shortcut: sort == .relevance ? .noWords : nil)
        }
        var walk = Walk(sort)
        var window: Int64?
        var shortcut: SearchShortcut?
        var size = rankWindow
        let dated = try filter.publishedRange() != nil
        if sort == .relevance {
            if try runSearch({ try carriesNoWeight(query) }) {
                (walk, shortcut) = (.newest, .newestFirst)
            } else if !rankAll && !dated, let start = try runSearch({ try windowStart(query, size: size) }) {
                // With date bounds every match inside them is ranked: the window is by id, and
                // the bounds may lie anywhere in it.
                (window, shortcut) = (start, .rankedRecentlyAdded(window: size))
            }
        }
        var page: [Match]
        while true {
            page = try runSearch {
                try self.page(query, filter, walk, window: window, limit: limit, offset: offset, allCopies: allCopies)
            }
            // Filters can leave too few of the window's matches: widen it until the page fills.
            guard page.count < limit, window != nil else { break }
            size *= 4
            window = try runSearch { try windowStart(query, size: size) }
            shortcut = window == nil ? nil : .rankedRecentlyAdded(window: size)
        }
        var rows = try ArticleRows.summaries(page.map(\.id), in: database)
        // Another process may have deleted or changed an article since: then it has no passage.
        let passages = try runSearch { try self.passages(query, of: rows.map(\.id)) }
        for index in rows.indices {
            guard let (score, snippet) = passages[rows[index].id] else { continue }
            rows[index].snippet = Snippet(marked: snippet, open: "\u{2}", close: "\u{3}")
            rows[index].score = shortcut == .newestFirst ? nil : -score
        }
        return SearchResults(articles: rows, shortcut: shortcut)
    }

    /// The score and marked passage of each of these articles for `query`.
    ///
    /// One lookup per article, except for queries with a prefix: FTS5 expands a prefix into
    /// every indexed term it begins at each MATCH (75 ms for `a*` in 19,000 articles), so those
    /// read the page in one statement over the range of its ids, the ids themselves checked as
    /// an expression (`+rowid`) that FTS5 is not asked to look up one by one.
    private func passages(_ query: TextQuery, of ids: [Int64]) throws -> [Int64: (Double, String)] {
        var found: [Int64: (Double, String)] = [:]
        let columns = "rowid, \(Self.score), \(SnippetFunction.name)(articles_fts)"
        guard query.hasPrefix, ids.count > 1 else {
            let passage = try database.cached("SELECT \(columns) FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?")
            for id in ids {
                if let row = try passage.firstRow([.text(query.expression), .integer(id)], { ($0.double(1), $0.string(2)) }) {
                    found[id] = row
                }
            }
            return found
        }
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(ids.count, start + 500)]
            let sql = """
                SELECT \(columns) FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?
                AND +rowid IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ", ")))
                """
            let values: [SQLValue] = [.text(query.expression), .integer(chunk.min()!), .integer(chunk.max()!)] + chunk.map { .integer($0) }
            try database.prepare(sql).forEachRow(values) { row in
                found[row.int64(0)] = (row.double(1), row.string(2))
            }
        }
        return found
    }

    func list(filter: ArticleFilter, sort: ResultOrder, limit: Int, offset: Int, allCopies: Bool) throws -> [ArticleSummary] {
        let page = try page(nil, filter, sort == .oldest ? .oldest : .newest, window: nil,
                            limit: limit, offset: offset, allCopies: allCopies)
        return try ArticleRows.summaries(page.map(\.id), in: database)
    }

    /// How a count of `query`'s matches is written: the words (if any), the count expression
    /// (stories: every match, less the copies of a story past its first; else every match),
    /// and the filter's conditions with their values.
    struct CountPlan {
        let words: TextQuery?
        let foldsStories: Bool
        let counted: String
        let conditions: [String]
        let values: [SQLValue]
        var and: String { conditions.map { " AND " + $0 }.joined() }
    }

    func countPlan(_ query: SearchQuery?, filter: ArticleFilter, allCopies: Bool) throws -> CountPlan {
        let filter = query?.narrowing(filter) ?? filter
        let foldsStories = try !allCopies && database.scalar("SELECT 1 FROM stories LIMIT 1") != nil
        let (conditions, values) = try filter.conditions()
        return CountPlan(words: query?.words, foldsStories: foldsStories,
                         counted: foldsStories ? "count(*) - count(a.story_id) + count(DISTINCT a.story_id)" : "count(*)",
                         conditions: conditions, values: values)
    }

    func count(_ query: SearchQuery?, filter: ArticleFilter, allCopies: Bool) throws -> Int {
        let plan = try countPlan(query, filter: filter, allCopies: allCopies)
        guard let words = plan.words else {
            return Int(try database.scalar("SELECT \(plan.counted) FROM articles a WHERE 1\(plan.and)", plan.values) ?? 0)
        }
        // With nothing to read from the articles, the index counts alone: no row is read.
        let sql = !plan.foldsStories && plan.conditions.isEmpty
            ? "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
            : "SELECT \(plan.counted) FROM \(Self.indexJoin) WHERE articles_fts MATCH ?\(plan.and)"
        return try runSearch { Int(try database.scalar(sql, [.text(words.expression)] + plan.values) ?? 0) }
    }

    /// Every article (every copy) matching `query` (all when nil) and `filter`, by id.
    func ids(matching query: SearchQuery?, filter: ArticleFilter) throws -> [Int64] {
        let filter = query?.narrowing(filter) ?? filter
        let query = query?.words
        let (conditions, values) = try filter.conditions()
        let and = conditions.map { " AND " + $0 }.joined()
        guard let query else {
            return try database.prepare("SELECT a.id FROM articles a WHERE 1\(and) ORDER BY a.id").rows(values) { $0.int64(0) }
        }
        return try runSearch {
            try database.prepare("SELECT a.id FROM \(Self.indexJoin) WHERE articles_fts MATCH ?\(and) ORDER BY a.id")
                .rows([.text(query.expression)] + values) { $0.int64(0) }
        }
    }

    /// The index joined to its articles, the index driving (CROSS JOIN keeps SQLite from
    /// probing the index once per article of a date range instead).
    static let indexJoin = "articles_fts CROSS JOIN articles a ON a.id = articles_fts.rowid"

    // MARK: Plans

    /// The order matches are read in.
    enum Walk {
        case rank, newest, oldest

        init(_ order: ResultOrder) {
            self = switch order {
            case .relevance: .rank
            case .newest: .newest
            case .oldest: .oldest
            }
        }
    }

    /// A match: the article, its story, its BM25 rank (0 unranked).
    struct Match {
        let id: Int64
        let story: Int64?
        let rank: Double
    }

    /// Where a walk in publication order has got to: resuming after it continues the order.
    struct Position {
        let time: Int64?
        let id: Int64
    }

    /// The lowest id among the `size` matches of `query` added last; nil when no more than
    /// `size` articles match.
    private func windowStart(_ query: TextQuery, size: Int) throws -> Int64? {
        try database.prepare("""
            SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?
            """).firstRow([.text(query.expression), .integer(Int64(size))]) { $0.int64(0) + 1 }
    }

    /// Whether every phrase BM25 weighs is in at least half of the indexed articles, where its
    /// inverse document frequency, log((N - n + 0.5) / (n + 0.5)), is 0 or less and FTS5 gives
    /// it a weight of 1e-6: then no order by relevance means anything.
    private func carriesNoWeight(_ query: TextQuery) throws -> Bool {
        let rows = try indexedRows()
        guard rows > 0 else { return false }
        let half = (rows + 1) / 2
        for phrase in query.weighedPhrases where try matchCount(phrase, upTo: half) < half {
            return false
        }
        return true
    }

    /// How many articles match `expression`, counting no further than `limit`.
    private func matchCount(_ expression: String, upTo limit: Int64) throws -> Int64 {
        try database.cached("SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)")
            .firstRow([.text(expression), .integer(limit)]) { $0.int64(0) } ?? 0
    }

    /// Whether a walk of the date index finds `query`'s matches fast: at least one article in 20
    /// matches. Never for a query with a prefix: FTS5 expands the prefix again at each article
    /// it is asked about (25 ms each for `a*` in 19,000 articles), so sorting its matches is faster.
    private func isDense(_ query: TextQuery) throws -> Bool {
        if query.hasPrefix { return false }
        let rows = try indexedRows()
        let threshold = max(2_000, rows / 20)
        guard rows > 0 else { return false }
        return try matchCount(query.expression, upTo: threshold) >= threshold
    }

    /// The number of rows FTS5 counts in BM25: the first varint of its averages record.
    private func indexedRows() throws -> Int64 {
        let record = try database.cached("SELECT block FROM articles_fts_data WHERE id = 1").firstRow { $0.bytes(0) } ?? []
        var value: Int64 = 0
        for (index, byte) in record.prefix(9).enumerated() {
            if index == 8 { return value << 8 | Int64(byte) }
            value = value << 7 | Int64(byte & 0x7F)
            if byte & 0x80 == 0 { return value }
        }
        return value
    }

    /// One page of matches of `query` (every article when nil) and `filter`, read in `walk`
    /// order. With copies collapsed, each story gives one row: its representative if that
    /// matches, else its first matching copy. Reads only as far as the page needs.
    private func page(_ query: TextQuery?, _ filter: ArticleFilter, _ walk: Walk, window: Int64?,
                      limit: Int, offset: Int, allCopies: Bool) throws -> [Match] {
        var page: [Match] = []
        guard limit > 0 else { return page }
        var skipped = 0
        var shown: Set<Int64> = []
        try matches(query, filter, walk, window: window, wanted: offset + limit) { match in
            if !allCopies, let story = match.story {
                if shown.contains(story) { return true }
                if let representative = try database.cached("SELECT representative_id FROM stories WHERE id = ?")
                    .firstRow([.integer(story)], { $0.int64(0) }),
                   representative != match.id, try self.matches(representative, query, filter) {
                    return true  // it comes later
                }
                shown.insert(story)
            }
            if skipped < offset { skipped += 1 } else { page.append(match) }
            return page.count < limit
        }
        return page
    }

    /// Calls `body` with each match in `walk` order until it returns false.
    private func matches(_ query: TextQuery?, _ filter: ArticleFilter, _ walk: Walk, window: Int64?, wanted: Int,
                         _ body: (Match) throws -> Bool) throws {
        let (conditions, values) = try filter.conditions()
        let and = conditions.map { " AND " + $0 }.joined()
        guard let query else {
            _ = try walkArticles(and, values, walk, after: nil) { id, story, _ in try body(Match(id: id, story: story, rank: 0)) }
            return
        }
        let search: [SQLValue] = [.text(query.expression)]
        switch walk {
        case .rank:
            let statement = try database.prepare("""
                SELECT a.id, a.story_id, \(Self.score) AS score FROM \(Self.indexJoin)
                WHERE articles_fts MATCH ? AND articles_fts.rowid >= ?\(and) ORDER BY score, a.id
                """)
            try statement.scan(search + [.integer(window ?? Int64.min)] + values) { row in
                try body(Match(id: row.int64(0), story: row.isNull(1) ? nil : row.int64(1), rank: row.double(2)))
            }
        case .newest, .oldest:
            var resume: Position?
            if try isDense(query) {
                // A few dozen articles of the date index hold a page: ask the index of each.
                let probe = try database.cached("SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?")
                var budget = max(1_000, 40 * wanted)
                var more = true
                var last: Position?
                let finished = try walkArticles(and, values, walk, after: nil) { id, story, time in
                    guard budget > 0 else { return false }
                    budget -= 1
                    last = Position(time: time, id: id)
                    guard try probe.firstRow(search + [.integer(id)], { _ in true }) == true else { return true }
                    more = try body(Match(id: id, story: story, rank: 0))
                    return more
                }
                guard !finished, more else { return }
                // The walk took longer than sorting the rest of the matches would: sort them.
                resume = last
            }
            _ = try walkArticles(and, values, walk, after: resume, index: search) { id, story, _ in
                try body(Match(id: id, story: story, rank: 0))
            }
        }
    }

    /// Calls `body` with the articles matching the conditions `and` (with `values`) in publication
    /// order (`walk`: newest or oldest first; undated articles last), after `after` when given;
    /// with `index`, only those matching that full-text expression, the index driving.
    /// Returns true when every article was read.
    private func walkArticles(_ and: String, _ values: [SQLValue], _ walk: Walk, after: Position?, index: [SQLValue] = [],
                              _ body: (Int64, Int64?, Int64?) throws -> Bool) throws -> Bool {
        let source = index.isEmpty ? "articles a WHERE 1" : "\(Self.indexJoin) WHERE articles_fts MATCH ?"
        var passes: [(condition: String, values: [SQLValue], order: String)] = []
        if walk == .oldest {
            // Dated articles oldest first, then undated ones in the order they were added.
            if after == nil || after?.time != nil {
                let resume = after?.time.map { time -> (String, [SQLValue]) in
                    (" AND (a.published_unix > ? OR (a.published_unix = ? AND a.id > ?))",
                     [.integer(time), .integer(time), .integer(after!.id)])
                } ?? ("", [])
                passes.append((" AND a.published_unix IS NOT NULL" + resume.0, resume.1, "a.published_unix, a.id"))
            }
            let resume = after.map { $0.time == nil ? (" AND a.id > ?", [SQLValue.integer($0.id)]) : ("", []) } ?? ("", [])
            passes.append((" AND a.published_unix IS NULL" + resume.0, resume.1, "a.id"))
        } else {
            // Newest first: SQLite's NULLs sort lowest, so undated articles come last by themselves.
            let resume: (String, [SQLValue]) = switch after {
            case nil: ("", [])
            case let position? where position.time == nil: (" AND a.published_unix IS NULL AND a.id < ?", [.integer(position.id)])
            case let position?:
                (" AND (a.published_unix < ? OR (a.published_unix = ? AND a.id < ?) OR a.published_unix IS NULL)",
                 [.integer(position.time!), .integer(position.time!), .integer(position.id)])
            }
            passes.append((resume.0, resume.1, "a.published_unix DESC, a.id DESC"))
        }
        for pass in passes {
            var more = true
            try database.prepare("""
                SELECT a.id, a.story_id, a.published_unix FROM \(source)\(pass.condition)\(and) ORDER BY \(pass.order)
                """).scan(index + pass.values + values) { row in
                more = try body(row.int64(0), row.isNull(1) ? nil : row.int64(1), row.isNull(2) ? nil : row.int64(2))
                return more
            }
            guard more else { return false }
        }
        return true
    }

    /// Whether the article `id` is among the matches of `query` (every article when nil) and `filter`.
    private func matches(_ id: Int64, _ query: TextQuery?, _ filter: ArticleFilter) throws -> Bool {
        let (conditions, values) = try filter.conditions()
        let and = conditions.map { " AND " + $0 }.joined()
        if let query {
            return try database.prepare("""
                SELECT 1 FROM \(Self.indexJoin) WHERE articles_fts MATCH ? AND articles_fts.rowid = ?\(and)
                """).firstRow([.text(query.expression), .integer(id)] + values) { _ in true } ?? false
        }
        return try database.prepare("SELECT 1 FROM articles a WHERE a.id = ?\(and)").firstRow([.integer(id)] + values) { _ in true } ?? false
    }

    /// Runs a MATCH query; a syntax error FTS5 still finds (the translator should leave none) is the user's.
    func runSearch<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError where error.message.hasPrefix("fts5:") {
            throw ArchiveError.invalidQuery(String(error.message.dropFirst(5)).trimmed)
        }
    }
}
