/// The SQL that writes and reads articles, with its statements prepared once per connection.
final class ArticleStore {
    let database: Database
    private var outletIDs: [String: Int64] = [:]
    private var tagIDs: [String: Int64] = [:]

    init(database: Database) {
        self.database = database
    }

    /// Why an incoming article counts as one already stored.
    enum Match: String, Sendable {
        case guid, url, content
    }

    /// The stored article this draft would duplicate, if any: same guid, same url (by its key),
    /// or same content.
    func existing(_ draft: ArticleDraft) throws -> (id: Int64, match: Match)? {
        try database.cached("""
            SELECT id, guid = ?1, url_key = ?2 FROM articles
            WHERE guid = ?1 OR url_key = ?2 OR content_hash = ?3 LIMIT 1
            """).firstRow([.textOrNull(draft.guid), .textOrNull(draft.urlKey), .text(draft.contentHash)]) { row in
            // A NULL comparison (no guid or url on either side) reads as 0: not a match.
            (row.int64(0), row.int(1) == 1 ? .guid : row.int(2) == 1 ? .url : .content)
        }
    }

    /// Inserts the article with its outlet and tags. Call inside a transaction: any failure
    /// rolls the whole batch back (and with it the name caches are cleared), so an article
    /// lands whole or not at all.
    func insert(_ draft: ArticleDraft, addedAt: String) throws -> Int64 {
        let outletID = try draft.outlet.map(outletID(named:))
        try database.cached("""
            INSERT INTO articles (guid, url, url_key, title, body, published, outlet_id, author, language,
                                  content_hash, source, added_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute([
            .textOrNull(draft.guid), .textOrNull(draft.url), .textOrNull(draft.urlKey), .text(draft.title), .text(draft.body),
            .text(draft.date), outletID.map(SQLValue.integer) ?? .null, .text(draft.author ?? ""),
            .text(draft.language ?? ""), .text(draft.contentHash), .text(draft.source), .text(addedAt),
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
