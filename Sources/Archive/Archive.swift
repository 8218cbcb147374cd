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
    let engine: SearchEngine

    /// Opens the archive at `path`.
    ///
    /// For writing (the default), the file and its folder are created when missing and the
    /// schema is brought up to date. `readOnly` opens an existing archive without changing it
    /// (`ArchiveError.noArchive` when there is none); an archive of an older schema is upgraded
    /// first when the file can be written. A file that is not an archive is refused and left as
    /// it is either way.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        do {
            database = try readOnly ? Self.openForReading(path) : Self.openForWriting(path)
            engine = try SearchEngine(database: database)
        } catch let error as DatabaseError {
            throw ArchiveError.unusableDatabase(path: path, reason: Self.explain(error))
        }
        let store = ArticleStore(database: database)
        self.store = store
        database.onExternalChange.append { store.forgetNames() }
    }

    private static func openForWriting(_ path: String) throws -> Database {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw ArchiveError.unusableDatabase(path: path, reason: "cannot create its folder")
            }
        }
        try refuseFolder(path)
        let database = try Database(path: path)
        let migrator = Migrator()
        // Nothing is written before the file is known to be an archive (or empty).
        _ = try migrator.check(database)
        if database.readOnly { throw ArchiveError.unusableDatabase(path: path, reason: "the file is read-only") }
        try database.useWriteAheadLog()
        try migrator.migrate(database)
        return database
    }

    private static func openForReading(_ path: String) throws -> Database {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue || fileSize(path) > 0 else {
            throw ArchiveError.noArchive(path: path)
        }
        try refuseFolder(path)
        let migrator = Migrator()
        var database: Database
        let version: Int
        do {
            database = try Database(path: path, readOnly: true)
            version = try migrator.check(database)
        } catch let error as DatabaseError where [8, 14].contains(error.code) {
            // WAL readers need a shared-memory file beside the database; in a folder they
            // cannot write, read the file as it is (no writer can be at work there either).
            database = try Database(path: path, readOnly: true, immutable: true)
            version = try migrator.check(database)
        }
        if version == 0 { throw ArchiveError.noArchive(path: path) }
        if version < migrator.latestVersion {
            // Another process may be upgrading it this moment (a new archive being created):
            // wait for that, reading, rather than queue for the write lock behind its first batch.
            var seen = version
            var deadline = Date().addingTimeInterval(0.2)
            while seen < migrator.latestVersion && Date() < deadline {
                usleep(10_000)
                let now = try migrator.check(database)
                if now != seen { (seen, deadline) = (now, Date().addingTimeInterval(0.2)) }
            }
            if seen == migrator.latestVersion { return database }
            guard access(path, W_OK) == 0 else {
                throw ArchiveError.schemaTooOld(path: path, found: version, known: migrator.latestVersion)
            }
            _ = try openForWriting(path)
            return try openForReading(path)
        }
        return database
    }

    private static func refuseFolder(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw ArchiveError.unusableDatabase(path: path, reason: "it is a folder")
        }
    }

    private static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// `$ARCHIVE_DB`, else `$XDG_DATA_HOME/archive/archive.db`, else `~/.local/share/archive/archive.db`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["ARCHIVE_DB"], !path.isEmpty { return path }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".local/share")
        return (dataHome as NSString).appendingPathComponent("archive/archive.db")
    }

    /// SQLite's result codes in words, without SQLite's own text (it names SQL, not the user's situation).
    static func explain(_ error: DatabaseError) -> String {
        switch error.code {
        case 26: "not an SQLite database"
        case 11: "the file is damaged"
        case 5, 6: "another process held the database locked for over a minute"
        case 8: "the file is read-only"
        case 13: "the disk is full"
        case 14: "cannot open the file, or the journal SQLite keeps beside it"
        case 10 where [778, 1034, 1546, 3338].contains(error.extendedCode):
            "cannot write the file: the disk is full, a file size limit was reached, or the disk failed"
        case 10: "a disk error while reading the file"
        case 7: "out of memory"
        case 9: "interrupted"
        case 23: "permission denied"
        default: "unexpected database failure (SQLite code \(error.extendedCode))"
        }
    }

    /// Runs one operation, turning SQLite's failures into `ArchiveError.storageFailed`.
    func guarded<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError {
            throw ArchiveError.storageFailed(path: path, reason: Self.explain(error))
        }
    }

    // MARK: Adding

    /// Reads `paths` (files, folders searched recursively by extension, `-` for standard input)
    /// and stores each article not already stored. `onEvent` hears of each article once its batch
    /// is committed; `onProgress` hears how far the reading has got.
    ///
    /// A file that cannot be read is reported as a failed item and the others are still read.
    /// A batch commits when it holds `batchSize` articles, after a second, and whenever the
    /// input pauses, so no write lock is held while waiting. If storing fails (disk full, lock
    /// held too long), the open batch is rolled back and the error thrown; the events already
    /// handed out are exactly what was stored.
    @discardableResult
    public func add(paths: [String], overrides: ArticleOverrides = ArticleOverrides(), batchSize: Int = 2000,
                    detectNearCopies: Bool = true,
                    onEvent: @escaping (IngestEvent) -> Void = { _ in },
                    onProgress: (IngestProgress) -> Void = { _ in }) throws -> IngestSummary {
        let inputs = InputFiles(paths: paths)
        let ingester = Ingester(store: store, detectNearCopies: detectNearCopies,
                                overrides: overrides, batchSize: batchSize, onEvent: onEvent)
        let total = inputs.totalBytes
        var articles = 0
        do {
            try guarded {
                for (error, location) in inputs.failures { try ingester.ingest(.failure(error, location)) }
                try inputs.read { item in
                    articles += 1
                    try ingester.ingest(item)
                } progress: { bytes in
                    onProgress(IngestProgress(bytesRead: bytes, bytesTotal: max(total, bytes), articles: articles))
                } onIdle: {
                    try ingester.commit()
                }
                try ingester.commit()
            }
        } catch {
            ingester.abandon()
            throw error
        }
        return ingester.summary
    }

    // MARK: Finding

    /// How many of the matches added last a relevance search ranks when more match (unless
    /// `rankAll`); see `SearchEngine.rankWindow`.
    public var rankWindow: Int {
        get { engine.rankWindow }
        set { engine.rankWindow = newValue }
    }

    /// The articles matching `query` and `filter`, best first unless `sort` says otherwise; one
    /// row per story (its representative when that matches) unless `allCopies`.
    ///
    /// Two shortcuts keep relevance searches fast, unless `rankAll`, and are reported in the
    /// results: a query whose every phrase is in half the articles or more (BM25 gives such a
    /// phrase no weight) comes newest first; otherwise, when more than `rankWindow` articles
    /// match and no date bounds are given, the `rankWindow` matches added last are ranked (more
    /// if filters leave too few).
    public func search(_ query: SearchQuery, filter: ArticleFilter = ArticleFilter(), sort: ResultOrder = .relevance,
                       limit: Int = 20, offset: Int = 0, allCopies: Bool = false,
                       rankAll: Bool = false) throws -> SearchResults {
        try guarded { try engine.search(query, filter: filter, sort: sort, limit: limit, offset: offset, allCopies: allCopies, rankAll: rankAll) }
    }

    /// The articles matching `filter`, newest first unless `sort` says otherwise; one row per
    /// story unless `allCopies`.
    public func list(filter: ArticleFilter = ArticleFilter(), sort: ResultOrder = .newest,
                     limit: Int = 20, offset: Int = 0, allCopies: Bool = false) throws -> [ArticleSummary] {
        try guarded { try engine.list(filter: filter, sort: sort, limit: limit, offset: offset, allCopies: allCopies) }
    }

    /// How many articles (stories, unless `allCopies`) match `query` (all when nil) and `filter`.
    public func count(_ query: SearchQuery? = nil, filter: ArticleFilter = ArticleFilter(), allCopies: Bool = false) throws -> Int {
        try guarded { try engine.count(query, filter: filter, allCopies: allCopies) }
    }

    /// Summaries of these articles, in this order.
    func summaries(_ ids: [Int64]) throws -> [ArticleSummary] {
        try ArticleRows.summaries(ids, in: database)
    }

    // MARK: One article

    /// The article with this id, guid or url (tried in that order).
    public func article(_ reference: String) throws -> Article {
        try guarded {
            guard let id = try resolve(reference) else { throw ArchiveError.notFound(reference) }
            let sql = "SELECT \(ArticleRows.articleColumns) FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?"
            guard let article = try database.prepare(sql).firstRow([.integer(id)], ArticleRows.article) else {
                throw ArchiveError.notFound(reference)
            }
            return article
        }
    }

    /// The id of the article with this id (`12` or `#12`), guid or url (compared by its key;
    /// of several versions of a page, the newest).
    func resolve(_ reference: String) throws -> Int64? {
        let trimmed = reference.trimmed
        if let id = Int64(trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed),
           let found = try database.scalar("SELECT id FROM articles WHERE id = ?", [.integer(id)]) {
            return found
        }
        return try database.scalar("""
            SELECT id FROM articles WHERE guid = ?1 OR url_key = ?2 ORDER BY guid IS ?1 OR url IS ?1 DESC, id DESC LIMIT 1
            """, [.text(trimmed), .text(URLKey.of(trimmed) ?? trimmed)])
    }

    // MARK: Changing

    /// Adds and removes tags of one article; returns it as it is afterwards.
    @discardableResult
    public func retag(_ reference: String, adding: [String], removing: [String]) throws -> Article {
        let ids = try retag([reference], adding: adding, removing: removing)
        return try article(String(ids[0]))
    }

    /// Adds and removes tags of every article named (by id, `#id`, guid or url): all of them,
    /// or none if any is not found. Returns their ids.
    @discardableResult
    public func retag(_ references: [String], adding: [String], removing: [String]) throws -> [Int64] {
        try guarded { try database.transaction {
            let ids = try references.map { reference in
                guard let id = try resolve(reference) else { throw ArchiveError.notFound(reference) }
                return id
            }
            try retag(ids, adding: adding, removing: removing)
            return ids
        } }
    }

    /// Adds and removes tags of every article (every copy) matching `query` (all when nil) and
    /// `filter`, in one transaction. Returns how many articles matched.
    @discardableResult
    public func retag(matching query: SearchQuery?, filter: ArticleFilter = ArticleFilter(),
                      adding: [String], removing: [String]) throws -> Int {
        try guarded { try database.transaction {
            let ids = try engine.ids(matching: query, filter: filter)
            try retag(ids, adding: adding, removing: removing)
            return ids.count
        } }
    }

    /// Inside a transaction.
    private func retag(_ ids: [Int64], adding: [String], removing: [String]) throws {
        let (added, removed) = (ArticleDraft.tagSet(adding), ArticleDraft.tagSet(removing))
        for id in Set(ids) {
            try store.unlink(article: id, tags: removed)
            try store.link(article: id, tags: added)
        }
        try store.pruneUnusedNames()
    }

    /// Deletes the articles; all of them or, if any is not found, none. Returns their ids.
    @discardableResult
    public func remove(_ references: [String]) throws -> [Int64] {
        try guarded { try database.transaction {
            var ids: [Int64] = []
            for reference in references {
                guard let id = try resolve(reference) else { throw ArchiveError.notFound(reference) }
                if !ids.contains(id) { ids.append(id) }
            }
            for id in ids { try database.cached("DELETE FROM articles WHERE id = ?").execute([.integer(id)]) }
            try store.pruneUnusedNames()
            return ids
        } }
    }

    // MARK: Overview

    public func stats(top: Int = 10) throws -> ArchiveStats {
        try guarded { try readStats(top: top) }
    }

    private func readStats(top: Int) throws -> ArchiveStats {
        func names(_ sql: String) throws -> [ArchiveStats.NameCount] {
            try database.prepare(sql).rows([.integer(Int64(top))]) { ArchiveStats.NameCount(name: $0.string(0), articles: $0.int(1)) }
        }
        func published(_ order: String) throws -> String? {
            try database.prepare("SELECT published FROM articles WHERE published_unix IS NOT NULL ORDER BY published_unix \(order) LIMIT 1")
                .firstRow { $0.string(0) }
        }
        let (first, last) = (try published("ASC"), try published("DESC"))
        return ArchiveStats(
            articles: Int(try database.scalar("SELECT count(*) FROM articles") ?? 0),
            outlets: Int(try database.scalar("SELECT count(*) FROM outlets") ?? 0),
            tags: Int(try database.scalar("SELECT count(*) FROM tags") ?? 0),
            firstDate: first, lastDate: last,
            undatedArticles: Int(try database.scalar("SELECT count(*) FROM articles WHERE published_unix IS NULL") ?? 0),
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
        try guarded {
            let before = fileBytes()
            try database.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")
            try database.execute("ANALYZE")
            try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return (before, fileBytes())
        }
    }

    /// The size of the database file with its write-ahead log.
    private func fileBytes() -> Int {
        Self.fileSize(path) + Self.fileSize(path + "-wal")
    }

    /// Every article matching `filter`, whole, in the order they were added.
    public func export(filter: ArticleFilter = ArticleFilter(), _ body: (Article) throws -> Void) throws {
        let (conditions, values) = try filter.conditions()
        let sql = """
            SELECT \(ArticleRows.articleColumns) FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY a.id
            """
        try guarded { try database.prepare(sql).forEachRow(values) { try body(ArticleRows.article($0)) } }
    }
}
