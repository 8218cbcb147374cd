import Foundation

/// A searchable archive of news articles in one SQLite file: everything a front end can do.
///
/// ```swift
/// let archive = try Archive(path: "news.db")
/// _ = try archive.add(paths: ["saved/"])
/// let hits = try archive.search(SearchQuery("repatriation AND Taiwan"), filter: ArticleFilter())
/// ```
///
/// An `Archive` holds one connection: use it from one thread at a time. Several processes may
/// use the same file at once; a writer waits for another's lock (up to a minute) instead of failing.
public final class Archive {
    public let path: String
    let database: Database
    let store: ArticleStore

    /// Opens the archive at `path`, creating the file (and its folder) and bringing its schema up to date.
    public init(path: String) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw ArchiveError.unusableDatabase(path: path, reason: "cannot create its folder")
            }
        }
        do {
            database = try Database(path: path)
            try Migrator().migrate(database)
        } catch let error as DatabaseError {
            throw ArchiveError.unusableDatabase(path: path, reason: Self.explain(error))
        }
        store = ArticleStore(database: database)
    }

    /// `$ARCHIVE_DB`, else `$XDG_DATA_HOME/archive/archive.db`, else `~/.local/share/archive/archive.db`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["ARCHIVE_DB"], !path.isEmpty { return path }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".local/share")
        return (dataHome as NSString).appendingPathComponent("archive/archive.db")
    }

    private static func explain(_ error: DatabaseError) -> String {
        switch error.code {
        case 26: "not an SQLite database"
        case 11: "the file is damaged (\(error.message))"
        case 5: "another process holds the database locked"
        case 8: "the file is read-only"
        case 14: "cannot open the file"
        default: error.message
        }
    }

    // MARK: Adding

    /// Reads `paths` (files, folders searched recursively by extension, `-` for standard input)
    /// and stores each article not already stored. `onEvent` hears of each article once its batch
    /// is committed; `onProgress` hears how far the reading has got.
    @discardableResult
    public func add(paths: [String], overrides: ArticleOverrides = ArticleOverrides(), batchSize: Int = 2000,
                    detectNearCopies: Bool = true,
                    onEvent: @escaping (IngestEvent) -> Void = { _ in },
                    onProgress: (IngestProgress) -> Void = { _ in }) throws -> IngestSummary {
        let inputs = InputFiles(paths: paths)
        let ingester = Ingester(store: store, stories: detectNearCopies ? StoryIndex(database: database) : nil,
                                overrides: overrides, batchSize: batchSize, onEvent: onEvent)
        let total = inputs.totalBytes
        var articles = 0
        do {
            for (error, location) in inputs.failures { try ingester.ingest(.failure(error, location)) }
            try inputs.read { item in
                articles += 1
                try ingester.ingest(item)
            } progress: { bytes in
                onProgress(IngestProgress(bytesRead: bytes, bytesTotal: max(total, bytes), articles: articles))
            }
            try ingester.commit()
        } catch {
            ingester.abandon()
            throw error
        }
        return ingester.summary
    }

    // MARK: Finding

    /// How many of the newest matches a relevance search ranks when more match (unless
    /// `rankAll`): FTS5's BM25 costs 2 to 4 µs a match, so ranking every match of a common word
    /// in a million articles takes seconds.
    public var rankWindow = 10_000

    /// The articles matching `query` and `filter`, best first unless `sort` says otherwise; one
    /// row per story (its representative when that matches) unless `allCopies`.
    ///
    /// Two shortcuts keep relevance searches fast, unless `rankAll`, and are reported in the
    /// results: a query whose every phrase is in half the articles or more (BM25 gives such a
    /// phrase no weight) comes newest first; otherwise, when more than `rankWindow` articles
    /// match, the newest `rankWindow` matches are ranked (more if filters leave too few).
    public func search(_ query: SearchQuery, filter: ArticleFilter = ArticleFilter(), sort: ResultOrder = .relevance,
                       limit: Int = 20, offset: Int = 0, allCopies: Bool = false,
                       rankAll: Bool = false) throws -> SearchResults {
        let range = try filter.keyRange()
        var walk = Walk(sort)
        var window = range
        var shortcut: SearchShortcut?
        var size = rankWindow
        if sort == .relevance && !rankAll, let start = try runSearch({ try windowStart(query, range, size: size) }) {
            if try runSearch({ try carriesNoWeight(query) }) {
                (walk, shortcut) = (.newest, .newestFirst)
            } else {
                (window, shortcut) = (start...range.upperBound, .rankedNewest(window: size))
            }
        }
        var page: [Match]
        while true {
            page = try runSearch {
                try self.page(query, filter, window, walk, limit: limit, offset: offset, allCopies: allCopies)
            }
            // Filters can leave too few of the window's matches: widen it until the page fills.
            guard page.count < limit, case .rankedNewest = shortcut else { break }
            size *= 4
            if let start = try runSearch({ try windowStart(query, range, size: size) }) {
                (window, shortcut) = (start...range.upperBound, .rankedNewest(window: size))
            } else {
                (window, shortcut) = (range, nil)
            }
        }
        var rows = try summaries(page.map(\.id))
        // By id, not position: another process may delete an article between the two queries.
        let matchByID = Dictionary(page.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for index in rows.indices {
            guard let match = matchByID[rows[index].id] else { continue }
            rows[index].snippet = match.snippet.map { Snippet(marked: $0, open: "\u{2}", close: "\u{3}") }
            rows[index].score = shortcut == .newestFirst ? nil : -match.rank
        }
        return SearchResults(articles: rows, shortcut: shortcut)
    }

    /// The articles matching `filter`, newest first unless `sort` says otherwise; one row per
    /// story unless `allCopies`.
    public func list(filter: ArticleFilter = ArticleFilter(), sort: ResultOrder = .newest,
                     limit: Int = 20, offset: Int = 0, allCopies: Bool = false) throws -> [ArticleSummary] {
        let page = try page(nil, filter, try filter.keyRange(), sort == .oldest ? .oldest : .newest,
                            limit: limit, offset: offset, allCopies: allCopies)
        return try summaries(page.map(\.id))
    }

    /// How many articles (stories, unless `allCopies`) match `query` (all when nil) and `filter`.
    public func count(_ query: SearchQuery? = nil, filter: ArticleFilter = ArticleFilter(), allCopies: Bool = false) throws -> Int {
        let range = try filter.keyRange()
        let foldsStories = try !allCopies && database.scalar("SELECT 1 FROM stories LIMIT 1") != nil
        // Stories: every match, less the copies of a story past its first.
        let counted = foldsStories ? "count(*) - count(a.story_id) + count(DISTINCT a.story_id)" : "count(*)"
        var (conditions, values) = try filter.conditions(dates: false)
        let bounds: [SQLValue] = [.integer(range.lowerBound), .integer(range.upperBound)]
        let sql: String
        if let query {
            values = [.text(query.expression)] + bounds + values
            // With nothing to read from the articles, the index counts alone: no row is read.
            sql = !foldsStories && conditions.isEmpty
                ? "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?"
                : """
                    SELECT \(counted) FROM \(Self.indexJoin)
                    WHERE articles_fts MATCH ? AND articles_fts.rowid BETWEEN ? AND ?\(conditions.map { " AND " + $0 }.joined())
                    """
        } else {
            conditions.insert("a.date_key BETWEEN ? AND ?", at: 0)
            values = bounds + values
            sql = "SELECT \(counted) FROM articles a WHERE " + conditions.joined(separator: " AND ")
        }
        return try runSearch { Int(try database.scalar(sql, values) ?? 0) }
    }

    /// The index joined to its articles: its row numbers are date keys, whose low bits are the id.
    static let indexJoin = "articles_fts JOIN articles a ON a.id = (articles_fts.rowid & \(DateKey.idMask))"

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

    /// A match: its date key (the index's row number), id, story, BM25 rank (0 unranked) and
    /// snippet (nil when listing).
    struct Match {
        let key: Int64
        let id: Int64
        let story: Int64?
        let rank: Double
        let snippet: String?
    }

    /// The key after which the newest `size` matches of `query` in `range` lie; nil when no
    /// more than `size` articles match there.
    private func windowStart(_ query: SearchQuery, _ range: ClosedRange<Int64>, size: Int) throws -> Int64? {
        try database.prepare("""
            SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?
            ORDER BY rowid DESC LIMIT 1 OFFSET ?
            """).firstRow([.text(query.expression), .integer(range.lowerBound), .integer(range.upperBound),
                           .integer(Int64(size))]) { $0.int64(0) + 1 }
    }

    /// Whether every phrase BM25 weighs is in at least half of the indexed articles, where its
    /// inverse document frequency, log((N - n + 0.5) / (n + 0.5)), is 0 or less and FTS5 gives
    /// it a weight of 1e-6: then no order by relevance means anything.
    private func carriesNoWeight(_ query: SearchQuery) throws -> Bool {
        let rows = try indexedRows()
        guard rows > 0 else { return false }
        let half = (rows + 1) / 2
        let count = try database.prepare(
            "SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)")
        for phrase in query.weighedPhrases {
            guard let found = try count.firstRow([.text(phrase), .integer(half)], { $0.int64(0) }), found >= half else {
                return false
            }
        }
        return true
    }

    /// The number of rows FTS5 counts in BM25: the first varint of its averages record.
    private func indexedRows() throws -> Int64 {
        let record = try database.prepare("SELECT block FROM articles_fts_data WHERE id = 1").firstRow { $0.bytes(0) } ?? []
        var value: Int64 = 0
        for (index, byte) in record.prefix(9).enumerated() {
            if index == 8 { return value << 8 | Int64(byte) }
            value = value << 7 | Int64(byte & 0x7F)
            if byte & 0x80 == 0 { return value }
        }
        return value
    }

    /// One page of matches of `query` (every article when nil) and `filter` in `range`, read in
    /// `walk` order. With copies collapsed, each story gives one row: its representative if
    /// that matches, else its first matching copy. Reads only as far as the page needs.
    private func page(_ query: SearchQuery?, _ filter: ArticleFilter, _ range: ClosedRange<Int64>, _ walk: Walk,
                      limit: Int, offset: Int, allCopies: Bool) throws -> [Match] {
        var page: [Match] = []
        guard limit > 0 else { return page }
        var skipped = 0
        var shown: Set<Int64> = []
        try matches(query, filter, range, walk) { match in
            if !allCopies, let story = match.story {
                if shown.contains(story) { return true }
                if let representative = try database.cached("SELECT representative_id FROM stories WHERE id = ?")
                    .firstRow([.integer(story)], { $0.int64(0) }),
                   representative != match.id, try self.matches(representative, query, filter, range) {
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
    private func matches(_ query: SearchQuery?, _ filter: ArticleFilter, _ range: ClosedRange<Int64>, _ walk: Walk,
                         _ body: (Match) throws -> Bool) throws {
        let (conditions, values) = try filter.conditions(dates: false)
        let and = conditions.map { " AND " + $0 }.joined()
        let sql: String
        if query != nil {
            let order = switch walk {
            case .rank: "articles_fts.rank"
            case .newest: "articles_fts.rowid DESC"
            case .oldest: "articles_fts.rowid"
            }
            // The snippet here, not in a query of its own for the page's rows: FTS5 would set up
            // the MATCH once per row, which for a prefix query is a merge of many terms' lists.
            sql = """
                SELECT articles_fts.rowid, a.id, a.story_id, articles_fts.rank,
                       snippet(articles_fts, -1, char(2), char(3), '…', 24)
                FROM \(Self.indexJoin)
                WHERE articles_fts MATCH ? AND articles_fts.rowid BETWEEN ? AND ?\(and) ORDER BY \(order)
                """
        } else {
            sql = """
                SELECT a.date_key, a.id, a.story_id, 0.0, NULL FROM articles a
                WHERE a.date_key BETWEEN ? AND ?\(and) ORDER BY a.date_key\(walk == .newest ? " DESC" : "")
                """
        }
        // Oldest first puts undated articles (the lowest keys) last.
        let ranges = walk == .oldest
            ? [max(range.lowerBound, DateKey.firstDated)...max(range.upperBound, DateKey.firstDated),
               range.lowerBound...min(range.upperBound, DateKey.firstDated - 1)]
            : [range]
        let statement = try database.prepare(sql)
        for part in ranges where !part.isEmpty && part.lowerBound <= part.upperBound {
            var more = true
            let bounds: [SQLValue] = [.integer(part.lowerBound), .integer(part.upperBound)]
            try statement.scan((query.map { [SQLValue.text($0.expression)] } ?? []) + bounds + values) { row in
                more = try body(Match(key: row.int64(0), id: row.int64(1), story: row.isNull(2) ? nil : row.int64(2),
                                      rank: row.double(3), snippet: row.optionalString(4)))
                return more
            }
            guard more else { return }
        }
    }

    /// Whether the article `id` is among the matches of `query` (every article when nil) and
    /// `filter` in `range`.
    private func matches(_ id: Int64, _ query: SearchQuery?, _ filter: ArticleFilter, _ range: ClosedRange<Int64>) throws -> Bool {
        guard let key = try database.cached("SELECT date_key FROM articles WHERE id = ?").firstRow([.integer(id)], { $0.int64(0) }),
              range.contains(key) else { return false }
        let (conditions, values) = try filter.conditions(dates: false)
        let and = conditions.map { " AND " + $0 }.joined()
        if let query {
            return try database.prepare("""
                SELECT 1 FROM \(Self.indexJoin) WHERE articles_fts MATCH ? AND articles_fts.rowid = ?\(and)
                """).firstRow([.text(query.expression), .integer(key)] + values) { _ in true } ?? false
        }
        return try database.prepare("SELECT 1 FROM articles a WHERE a.id = ?\(and)").firstRow([.integer(id)] + values) { _ in true } ?? false
    }

    /// Summaries of these articles, in this order.
    func summaries(_ ids: [Int64]) throws -> [ArticleSummary] {
        guard !ids.isEmpty else { return [] }
        let sql = """
            SELECT \(Self.summaryColumns), (SELECT count(*) - 1 FROM articles c WHERE c.story_id = a.story_id)
            FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id IN (\(placeholders(ids.count)))
            """
        let rows = try database.prepare(sql).rows(ids.map { .integer($0) }) { row -> ArticleSummary in
            var summary = Self.summary(row)
            summary.copies = row.isNull(8) ? 0 : max(0, row.int(8))
            return summary
        }
        let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    /// Runs a MATCH query; a syntax error FTS5 still finds (the translator should leave none) is the user's.
    private func runSearch<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError where error.message.hasPrefix("fts5:") {
            throw ArchiveError.invalidQuery(String(error.message.dropFirst(5)).trimmed)
        }
    }

    static let summaryColumns = """
        a.id, a.guid, a.url, a.title, a.published, o.name, a.author,
        (SELECT group_concat(t.name, char(31)) FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id)
        """

    static func summary(_ row: Row) -> ArticleSummary {
        ArticleSummary(
            id: row.int64(0), guid: row.optionalString(1), url: row.optionalString(2), title: row.string(3),
            date: row.optionalString(4), outlet: row.optionalString(5), author: row.optionalString(6),
            tags: tagList(row.string(7)), snippet: nil, score: nil)
    }

    static func tagList(_ joined: String) -> [String] {
        joined.isEmpty ? [] : joined.split(separator: "\u{1F}").map(String.init).sorted { $0.nocaseKey < $1.nocaseKey }
    }

    // MARK: One article

    /// The summary's columns, then what only a whole article has.
    static let articleColumns = summaryColumns + ", a.body, a.language, a.source, a.added_at"

    static func article(_ row: Row) -> Article {
        Article(
            id: row.int64(0), guid: row.optionalString(1), url: row.optionalString(2), title: row.string(3),
            body: row.string(8), date: row.optionalString(4), outlet: row.optionalString(5),
            author: row.optionalString(6), language: row.optionalString(9), tags: tagList(row.string(7)),
            source: row.string(10), addedAt: row.string(11))
    }

    /// The article with this id, guid or url (tried in that order).
    public func article(_ reference: String) throws -> Article {
        guard let id = try resolve(reference) else { throw ArchiveError.notFound(reference) }
        let sql = "SELECT \(Self.articleColumns) FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?"
        guard let article = try database.prepare(sql).firstRow([.integer(id)], Self.article) else {
            throw ArchiveError.notFound(reference)
        }
        return article
    }

    /// The id of the article with this id, guid or url.
    func resolve(_ reference: String) throws -> Int64? {
        let trimmed = reference.trimmed
        if let id = Int64(trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed),
           let found = try database.scalar("SELECT id FROM articles WHERE id = ?", [.integer(id)]) {
            return found
        }
        return try database.scalar("SELECT id FROM articles WHERE guid = ?1 OR url = ?1 LIMIT 1", [.text(trimmed)])
    }

    // MARK: Changing

    /// Adds and removes tags of one article; returns it as it is afterwards.
    @discardableResult
    public func retag(_ reference: String, adding: [String], removing: [String]) throws -> Article {
        guard let id = try resolve(reference) else { throw ArchiveError.notFound(reference) }
        try database.transaction {
            try store.unlink(article: id, tags: ArticleDraft.tagSet(removing))
            try store.link(article: id, tags: ArticleDraft.tagSet(adding))
            try store.pruneUnusedNames()
        }
        return try article(String(id))
    }

    /// Deletes the articles; all of them or, if any is not found, none. Returns their ids.
    @discardableResult
    public func remove(_ references: [String]) throws -> [Int64] {
        try database.transaction {
            var ids: [Int64] = []
            for reference in references {
                guard let id = try resolve(reference) else { throw ArchiveError.notFound(reference) }
                if !ids.contains(id) { ids.append(id) }
            }
            for id in ids { try database.cached("DELETE FROM articles WHERE id = ?").execute([.integer(id)]) }
            try store.pruneUnusedNames()
            return ids
        }
    }

    // MARK: Overview

    public func stats(top: Int = 10) throws -> ArchiveStats {
        func names(_ sql: String) throws -> [ArchiveStats.NameCount] {
            try database.prepare(sql).rows([.integer(Int64(top))]) { ArchiveStats.NameCount(name: $0.string(0), articles: $0.int(1)) }
        }
        func published(_ order: String) throws -> String? {
            try database.prepare("SELECT published FROM articles WHERE date_key >= ? ORDER BY date_key \(order) LIMIT 1")
                .firstRow([.integer(DateKey.firstDated)]) { $0.string(0) }
        }
        let (first, last) = (try published("ASC"), try published("DESC"))
        return ArchiveStats(
            articles: Int(try database.scalar("SELECT count(*) FROM articles") ?? 0),
            outlets: Int(try database.scalar("SELECT count(*) FROM outlets") ?? 0),
            tags: Int(try database.scalar("SELECT count(*) FROM tags") ?? 0),
            firstDate: first, lastDate: last,
            undatedArticles: Int(try database.scalar("SELECT count(*) FROM articles WHERE date_key < ?",
                                                    [.integer(DateKey.firstDated)]) ?? 0),
            databaseBytes: fileBytes(),
            topOutlets: try names("""
                SELECT o.name, count(*) AS n FROM articles a JOIN outlets o ON o.id = a.outlet_id
                GROUP BY o.id ORDER BY n DESC, o.name LIMIT ?
                """),
            topTags: try names("""
                SELECT t.name, count(*) AS n FROM article_tags at JOIN tags t ON t.id = at.tag_id
                GROUP BY t.id ORDER BY n DESC, t.name LIMIT ?
                """))
    }

    /// Tidies the database after a big import: merges the full-text index into one segment
    /// (FTS5 'optimize'), refreshes the query planner's statistics (ANALYZE) and folds the
    /// write-ahead log into the file. Returns the file's size before and after, in bytes.
    @discardableResult
    public func optimize() throws -> (before: Int, after: Int) {
        let before = fileBytes()
        try database.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")
        try database.execute("ANALYZE")
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return (before, fileBytes())
    }

    /// The size of the database file with its write-ahead log.
    private func fileBytes() -> Int {
        [path, path + "-wal"].reduce(0) { total, file in
            total + (((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.intValue ?? 0)
        }
    }

    /// Every article matching `filter`, whole, in the order they were added.
    public func export(filter: ArticleFilter = ArticleFilter(), _ body: (Article) throws -> Void) throws {
        let (conditions, values) = try filter.conditions()
        let sql = """
            SELECT \(Self.articleColumns) FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY a.id
            """
        try database.prepare(sql).forEachRow(values) { try body(Self.article($0)) }
    }
}
