/// The SQL that writes and reads articles, with its statements prepared once per connection.
final class ArticleStore {
    let database: Database
    private var outletIDs: [String: Int64] = [:]
    private var tagIDs: [String: Int64] = [:]

    init(database: Database) {
        self.database = database
    }

    /// Columns `relative(_:of:)` reads, over `articles a LEFT JOIN outlets o`.
    private static let relativeColumns = "a.id, a.guid, a.url_key, a.content_hash, a.title, o.name, a.published, a.url"
    private static let relativeSource = "articles a LEFT JOIN outlets o ON o.id = a.outlet_id"

    private static func relative(_ row: Row, of draft: ArticleDraft) -> ArticleIdentity.Relative {
        let outlet = row.optionalString(5)
        // A guid names a page of its own outlet: the same guid from another outlet is another page.
        let outletAgrees = draft.outlet == nil || outlet == nil || draft.outlet?.nocaseKey == outlet?.nocaseKey
        return ArticleIdentity.Relative(
            id: row.int64(0), sameGuid: draft.guid != nil && row.optionalString(1) == draft.guid && outletAgrees,
            sameURL: draft.urlKey != nil && row.optionalString(2) == draft.urlKey,
            sameText: row.string(3) == draft.contentHash, title: row.string(4), outlet: outlet, date: row.string(6),
            url: row.optionalString(7))
    }

    /// What is stored of the draft: the articles of its page (newest first), the article that
    /// is the draft itself, and the articles with its text within a copy's days (newest first).
    struct Relatives {
        var samePage: [ArticleIdentity.Relative]
        var same: ArticleIdentity.Relative?
        var sameText: [ArticleIdentity.Relative]
    }

    /// One query reads every article that shares the draft's guid, url key or text, when they
    /// are few (the usual case); a text or page stored many times is looked up through the
    /// indexes instead, a question at a time, so no import slows with the square of its repeats.
    func relatives(of draft: ArticleDraft) throws -> Relatives {
        let limit = 50
        let rows = try database.cached("""
            SELECT \(Self.relativeColumns) FROM \(Self.relativeSource)
            WHERE a.guid = ?1 OR a.url_key = ?2 OR a.content_hash = ?3 ORDER BY a.id DESC LIMIT \(limit)
            """).rows([.textOrNull(draft.guid), .textOrNull(draft.urlKey), .text(draft.contentHash)]) { Self.relative($0, of: draft) }
        if rows.count < limit {
            return Relatives(samePage: rows.filter { $0.sameGuid || $0.sameURL },
                             same: rows.first { ArticleIdentity.isSameArticle(draft, $0) },
                             sameText: rows.filter { $0.sameText && StoryPolicy.withinDays(draft.date, $0.date) })
        }
        return Relatives(samePage: try samePage(as: draft), same: try sameArticle(as: draft), sameText: try sameText(as: draft))
    }

    /// Stored articles of the draft's page (its guid, from the same outlet, or its url key):
    /// the 20 newest, and up to 20 more with its text however old; newest first.
    private func samePage(as draft: ArticleDraft) throws -> [ArticleIdentity.Relative] {
        guard draft.guid != nil || draft.urlKey != nil else { return [] }
        let values: [SQLValue] = [.textOrNull(draft.guid), .textOrNull(draft.urlKey), .text(draft.contentHash)]
        let newest = try database.cached("""
            SELECT \(Self.relativeColumns) FROM \(Self.relativeSource)
            WHERE a.guid = ?1 OR a.url_key = ?2 ORDER BY a.id DESC LIMIT 20
            """).rows(Array(values.prefix(2))) { Self.relative($0, of: draft) }
        let sameText = try database.cached("""
            SELECT \(Self.relativeColumns) FROM \(Self.relativeSource)
            WHERE a.content_hash = ?3 AND (a.guid = ?1 OR a.url_key = ?2) ORDER BY a.id DESC LIMIT 20
            """).rows(values) { Self.relative($0, of: draft) }
        let seen = Set(newest.map(\.id))
        return (newest + sameText.filter { !seen.contains($0.id) }).filter { $0.sameGuid || $0.sameURL }.sorted { $0.id > $1.id }
    }

    /// The stored article that is the draft itself by text, headline, outlet and day: the same
    /// text under the same headline from the same outlet on the same day, where a headline
    /// unknown on either side counts as the same, and so do outlet and date when both are
    /// unknown on either side. Found through the index on text and date, however many articles
    /// share the text.
    private func sameArticle(as draft: ArticleDraft) throws -> ArticleIdentity.Relative? {
        let headline = "(?2 = '' OR a.title = '' OR a.title = ?2 COLLATE NOCASE)"
        let base = "SELECT \(Self.relativeColumns) FROM \(Self.relativeSource) WHERE a.content_hash = ?1 AND \(headline)"
        if draft.outlet == nil && draft.date.isEmpty {
            // Unplaced: any article with the text and a headline that agrees.
            return try database.cached(base + " LIMIT 1")
                .firstRow([.text(draft.contentHash), .text(draft.title)]) { Self.relative($0, of: draft) }
        }
        // Placed: the same outlet on the same day (both undated counts), or an unplaced article.
        // The stated day: the instant within a day and the largest offset of it, then the day's text.
        let (low, high): (Int64?, Int64?) = StoryPolicy.day(draft.date)
            .map { ($0 * 86_400 - StatedDays.slack, $0 * 86_400 + 86_399 + StatedDays.slack) } ?? (nil, nil)
        return try database.cached("""
            SELECT * FROM (
                \(base) AND o.name IS ?3 COLLATE NOCASE
                  AND (CASE WHEN ?4 IS NULL THEN a.published_unix IS NULL
                            ELSE a.published_unix BETWEEN ?4 AND ?5 AND substr(a.published, 1, 10) = ?6 END)
                UNION ALL
                \(base) AND a.outlet_id IS NULL AND a.published = ''
            ) LIMIT 1
            """).firstRow([.text(draft.contentHash), .text(draft.title), .textOrNull(draft.outlet),
                           low.map(SQLValue.integer) ?? .null, high.map(SQLValue.integer) ?? .null,
                           .text(String(draft.date.prefix(10)))]) { Self.relative($0, of: draft) }
    }

    /// Stored articles with the draft's text published within `StoryPolicy.maximumDaysApart`
    /// days of it, or undated (an unknown date is within any days), newest first, at most 20 of each.
    private func sameText(as draft: ArticleDraft) throws -> [ArticleIdentity.Relative] {
        let undated = try database.cached("""
            SELECT \(Self.relativeColumns) FROM \(Self.relativeSource)
            WHERE a.content_hash = ?1 AND a.published_unix IS NULL ORDER BY a.id DESC LIMIT 20
            """).rows([.text(draft.contentHash)]) { Self.relative($0, of: draft) }
        let days = Int64(StoryPolicy.maximumDaysApart)
        let (low, high) = StoryPolicy.day(draft.date)
            .map { (($0 - days) * 86_400 - StatedDays.slack, ($0 + days) * 86_400 + 86_399 + StatedDays.slack) }
            ?? (Int64.min, Int64.max)
        let dated = try database.cached("""
            SELECT \(Self.relativeColumns) FROM \(Self.relativeSource)
            WHERE a.content_hash = ?1 AND a.published_unix BETWEEN ?2 AND ?3 ORDER BY a.id DESC LIMIT 20
            """).rows([.text(draft.contentHash), .integer(low), .integer(high)]) { Self.relative($0, of: draft) }
        return (dated + undated).sorted { $0.id > $1.id }
    }

    /// The stored article `id` as a relative of the draft (for how a near copy differs).
    func relative(_ id: Int64, of draft: ArticleDraft) throws -> ArticleIdentity.Relative? {
        try database.cached("""
            SELECT a.title, o.name, a.published, a.url FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?
            """).firstRow([.integer(id)]) { row in
            ArticleIdentity.Relative(id: id, sameGuid: false, sameURL: false, sameText: false, title: row.string(0),
                                     outlet: row.optionalString(1), date: row.string(2), url: row.optionalString(3))
        }
    }

    /// Inserts the article with its outlet and tags. Call inside a transaction: any failure
    /// rolls the whole batch back (and with it the name caches are cleared), so an article
    /// lands whole or not at all.
    func insert(_ draft: ArticleDraft, addedAt: String) throws -> Int64 {
        let outletID = try draft.outlet.map(outletID(named:))
        try database.cached("""
            INSERT INTO articles (guid, url, url_key, title, published, outlet_id, author, language,
                                  content_hash, clean_length, source, added_at, body, title_cjk, body_cjk, sources)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute([
            .textOrNull(draft.guid), .textOrNull(draft.url), .textOrNull(draft.urlKey), .text(draft.title),
            .text(draft.date), outletID.map(SQLValue.integer) ?? .null, .text(draft.author ?? ""),
            .text(draft.language ?? ""), .text(draft.contentHash), .integer(Int64(draft.cleanLength)), .text(draft.source),
            .text(addedAt), .text(draft.body), .textOrNull(CJKWords.indexText(draft.title)), .textOrNull(CJKWords.indexText(draft.body)),
            .text(draft.sourcesJSON),
        ])
        let id = database.lastInsertedRowID
        try link(article: id, tags: draft.tags)
        return id
    }

    /// Forgets cached outlet and tag ids: after a rollback they may name rows that are gone.
    func forgetNames() {
        outletIDs.removeAll()
        tagIDs.removeAll()
    }

    func link(article id: Int64, tags: [String]) throws {
        for tag in tags {
            try database.cached("INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)")
                .execute([.integer(id), .integer(try tagID(named: tag))])
        }
    }

    func unlink(article id: Int64, tags: [String]) throws {
        for tag in tags {
            try database.cached("""
                DELETE FROM article_tags WHERE article_id = ? AND tag_id = (SELECT id FROM tags WHERE name = ?)
                """).execute([.integer(id), .text(tag)])
        }
    }

    private func outletID(named name: String) throws -> Int64 {
        try cachedID(name, in: &outletIDs, table: "outlets")
    }

    private func tagID(named name: String) throws -> Int64 {
        try cachedID(name, in: &tagIDs, table: "tags")
    }

    /// The id of a row of `outlets` or `tags` with this name (any case), created if missing.
    private func cachedID(_ name: String, in cache: inout [String: Int64], table: String) throws -> Int64 {
        let key = name.nocaseKey
        if let id = cache[key] { return id }
        try database.cached("INSERT INTO \(table) (name) VALUES (?) ON CONFLICT (name) DO NOTHING").execute([.text(name)])
        guard let id = try database.cached("SELECT id FROM \(table) WHERE name = ?").firstRow([.text(name)], { $0.int64(0) }) else {
            throw DatabaseError(extendedCode: 1, message: "\(table) row for '\(name)' vanished", sql: nil)
        }
        cache[key] = id
        return id
    }

    /// Removes outlets and tags no article uses any more.
    func pruneUnusedNames() throws {
        try database.execute("""
            DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM article_tags WHERE tag_id = tags.id);
            DELETE FROM outlets WHERE NOT EXISTS (SELECT 1 FROM articles WHERE outlet_id = outlets.id);
            """)
        forgetNames()
    }
}
