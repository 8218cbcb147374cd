/// The SQL that writes and reads articles, with its statements prepared once per connection.
final class ArticleStore {
    let database: Database
    private var outletIDs: [String: Int64] = [:]
    private var tagIDs: [String: Int64] = [:]

    init(database: Database) {
        self.database = database
    }

    /// The stored articles with the draft's guid, url key or text, newest first.
    func relatives(of draft: ArticleDraft) throws -> [ArticleIdentity.Relative] {
        try database.cached("""
            SELECT a.id, a.guid IS ?1, a.url_key IS ?2, a.content_hash = ?3, a.title, o.name, a.published, a.url
            FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id
            WHERE a.guid = ?1 OR a.url_key = ?2 OR a.content_hash = ?3 ORDER BY a.id DESC
            """).rows([.textOrNull(draft.guid), .textOrNull(draft.urlKey), .text(draft.contentHash)]) { row in
            ArticleIdentity.Relative(
                id: row.int64(0), sameGuid: draft.guid != nil && row.int(1) == 1, sameURL: draft.urlKey != nil && row.int(2) == 1,
                sameText: row.int(3) == 1, title: row.string(4), outlet: row.optionalString(5), date: row.string(6),
                url: row.optionalString(7))
        }
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
                                  content_hash, clean_length, source, added_at, body, title_cjk, body_cjk)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute([
            .textOrNull(draft.guid), .textOrNull(draft.url), .textOrNull(draft.urlKey), .text(draft.title),
            .text(draft.date), outletID.map(SQLValue.integer) ?? .null, .text(draft.author ?? ""),
            .text(draft.language ?? ""), .text(draft.contentHash), .integer(Int64(draft.cleanLength)), .text(draft.source),
            .text(addedAt), .text(draft.body), .textOrNull(CJKWords.indexText(draft.title)), .textOrNull(CJKWords.indexText(draft.body)),
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
