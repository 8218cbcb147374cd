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

    /// The articles matching `query` and `filter`, best first unless `sort` says otherwise; one
    /// row per story (its representative when that matches) unless `allCopies`.
    public func search(_ query: SearchQuery, filter: ArticleFilter = ArticleFilter(), sort: ResultOrder = .relevance,
                       limit: Int = 20, offset: Int = 0, allCopies: Bool = false) throws -> [ArticleSummary] {
        let order = switch sort {
        case .relevance: "rank, id"
        case .newest: "published DESC, id DESC"
        case .oldest: "published = '', published, id"
        }
        let page = try runSearch {
            try pageOfIDs(query: query, filter: filter, order: order, limit: limit, offset: offset, allCopies: allCopies)
        }
        var rows = try summaries(page.map(\.id))
        let snippets = try runSearch {
            try database.prepare("""
                SELECT rowid, snippet(articles_fts, -1, char(2), char(3), '…', 24) FROM articles_fts
                WHERE articles_fts MATCH ? AND rowid IN (\(placeholders(page.count)))
                """).rows([.text(query.expression)] + page.map { .integer($0.id) }) { ($0.int64(0), $0.string(1)) }
        }
        let snippetByID = Dictionary(snippets, uniquingKeysWith: { first, _ in first })
        // By id, not position: another process may delete an article between the two queries.
        let rankByID = Dictionary(page.map { ($0.id, $0.rank) }, uniquingKeysWith: { first, _ in first })
        for index in rows.indices {
            rows[index].snippet = snippetByID[rows[index].id].map { Snippet(marked: $0, open: "\u{2}", close: "\u{3}") }
            rows[index].score = rankByID[rows[index].id].map { -$0 }
        }
        return rows
    }

    /// The articles matching `filter`, newest first unless `sort` says otherwise; one row per
    /// story unless `allCopies`.
    public func list(filter: ArticleFilter = ArticleFilter(), sort: ResultOrder = .newest,
                     limit: Int = 20, offset: Int = 0, allCopies: Bool = false) throws -> [ArticleSummary] {
        let order = sort == .oldest ? "published = '', published, id" : "published DESC, id DESC"
        let page = try pageOfIDs(query: nil, filter: filter, order: order, limit: limit, offset: offset, allCopies: allCopies)
        return try summaries(page.map(\.id))
    }

    /// How many articles (stories, unless `allCopies`) match `query` (all when nil) and `filter`.
    public func count(_ query: SearchQuery? = nil, filter: ArticleFilter = ArticleFilter(), allCopies: Bool = false) throws -> Int {
        let (from, conditions, values) = try matching(query, filter)
        let counted = allCopies ? "count(*)" : "count(DISTINCT coalesce(a.story_id, -a.id))"
        let sql = "SELECT \(counted) FROM \(from)\(conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))"
        return try runSearch { Int(try database.scalar(sql, values) ?? 0) }
    }

    /// The FROM clause, conditions and values that select the articles matching a query and filter.
    private func matching(_ query: SearchQuery?, _ filter: ArticleFilter) throws -> (String, [String], [SQLValue]) {
        var (conditions, values) = try filter.conditions()
        guard let query else { return ("articles a", conditions, values) }
        conditions.insert("articles_fts MATCH ?", at: 0)
        values.insert(.text(query.expression), at: 0)
        return ("articles_fts JOIN articles a ON a.id = articles_fts.rowid", conditions, values)
    }

    /// One page of matching article ids in `order` (over the columns id, published, rank). With
    /// copies collapsed, each story gives one row: its representative if that matches, else its
    /// best-placed matching copy.
    private func pageOfIDs(query: SearchQuery?, filter: ArticleFilter, order: String, limit: Int, offset: Int,
                           allCopies: Bool) throws -> [(id: Int64, rank: Double)] {
        let (from, conditions, values) = try matching(query, filter)
        let rank = query == nil ? "0.0" : "articles_fts.rank"
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let matches = """
            SELECT a.id AS id, a.published AS published, \(rank) AS rank, coalesce(a.story_id, -a.id) AS story,
                   a.id IS (SELECT representative_id FROM stories s WHERE s.id = a.story_id) AS representative
            FROM \(from) \(whereClause)
            """
        let sql = allCopies ? """
            SELECT id, rank FROM (\(matches)) ORDER BY \(order) LIMIT ? OFFSET ?
            """ : """
            SELECT id, rank FROM (
                SELECT id, published, rank, row_number() OVER (PARTITION BY story ORDER BY representative DESC, \(order)) AS copy
                FROM (\(matches)))
            WHERE copy = 1 ORDER BY \(order) LIMIT ? OFFSET ?
            """
        return try database.prepare(sql).rows(values + [.integer(Int64(limit)), .integer(Int64(offset))]) {
            (id: $0.int64(0), rank: $0.double(1))
        }
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
        let (first, last) = try database.prepare(
            "SELECT min(published), max(published) FROM articles WHERE published <> ''"
        ).firstRow { ($0.optionalString(0), $0.optionalString(1)) } ?? (nil, nil)
        let fileBytes = [path, path + "-wal"].reduce(0) { total, file in
            total + (((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.intValue ?? 0)
        }
        return ArchiveStats(
            articles: Int(try database.scalar("SELECT count(*) FROM articles") ?? 0),
            outlets: Int(try database.scalar("SELECT count(*) FROM outlets") ?? 0),
            tags: Int(try database.scalar("SELECT count(*) FROM tags") ?? 0),
            firstDate: first, lastDate: last,
            undatedArticles: Int(try database.scalar("SELECT count(*) FROM articles WHERE published = ''") ?? 0),
            databaseBytes: fileBytes,
            topOutlets: try names("""
                SELECT o.name, count(*) AS n FROM articles a JOIN outlets o ON o.id = a.outlet_id
                GROUP BY o.id ORDER BY n DESC, o.name LIMIT ?
                """),
            topTags: try names("""
                SELECT t.name, count(*) AS n FROM article_tags at JOIN tags t ON t.id = at.tag_id
                GROUP BY t.id ORDER BY n DESC, t.name LIMIT ?
                """))
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
