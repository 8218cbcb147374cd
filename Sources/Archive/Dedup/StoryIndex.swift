/// Files articles into LSH buckets and groups near copies into stories (see `StoryPolicy`).
final class StoryIndex {
    private let database: Database
    /// How many of the most similar candidates are compared in full.
    static let candidateLimit = 10

    init(database: Database) {
        self.database = database
    }

    /// Files a newly stored article; when it is a copy of a stored story, joins it and returns
    /// the id of the story's representative (before this article, which may now represent it).
    @discardableResult
    func file(article id: Int64, body: String, date: String) throws -> Int64? {
        let signature = TextSignature(text: body)
        let buckets = signature.buckets.map(SQLValue.integer)
        let candidates = try database.cached("""
            SELECT b.article_id, a.body, a.published, a.story_id FROM article_buckets b JOIN articles a ON a.id = b.article_id
            WHERE b.bucket IN (\(placeholders(TextSignature.bandCount))) AND b.article_id <> ?
            GROUP BY b.article_id ORDER BY count(*) DESC, b.article_id LIMIT \(Self.candidateLimit)
            """).rows(buckets + [.integer(id)]) { row in
            (id: row.int64(0), body: row.string(1), date: row.string(2), story: row.isNull(3) ? nil : row.int64(3))
        }
        var joined: Int64?
        for candidate in candidates
        where StoryPolicy.sameStory(signature, dated: date, TextSignature(text: candidate.body), dated: candidate.date) {
            joined = try join(id, bodyLength: body.utf8.count, to: candidate.id, story: candidate.story)
            break
        }
        let insert = try database.cached("INSERT OR IGNORE INTO article_buckets (bucket, article_id) VALUES (?, ?)")
        for bucket in buckets { try insert.execute([bucket, .integer(id)]) }
        return joined
    }

    /// Puts `id` in the story of `copy` (creating the story if `copy` stood alone); the longer
    /// body represents it. Returns the representative before the change.
    private func join(_ id: Int64, bodyLength: Int, to copy: Int64, story: Int64?) throws -> Int64 {
        let storyID: Int64
        if let story {
            storyID = story
        } else {
            try database.cached("INSERT INTO stories (representative_id) VALUES (?)").execute([.integer(copy)])
            storyID = database.lastInsertedRowID
            try database.cached("UPDATE articles SET story_id = ? WHERE id = ?").execute([.integer(storyID), .integer(copy)])
        }
        try database.cached("UPDATE articles SET story_id = ? WHERE id = ?").execute([.integer(storyID), .integer(id)])
        let representative = try database.cached("SELECT representative_id FROM stories WHERE id = ?")
            .firstRow([.integer(storyID)]) { $0.int64(0) } ?? copy
        try database.cached("""
            UPDATE stories SET representative_id = ?1 WHERE id = ?2
            AND ?3 > (SELECT length(CAST(body AS BLOB)) FROM articles WHERE id = representative_id)
            """).execute([.integer(id), .integer(storyID), .integer(Int64(bodyLength))])
        return representative
    }

    /// Files every article that has no buckets yet, oldest first: for databases that held
    /// articles before near-copy detection existed.
    func backfill() throws {
        let pending = try database.prepare("""
            SELECT id, body, published, url FROM articles a
            WHERE NOT EXISTS (SELECT 1 FROM article_buckets b WHERE b.article_id = a.id) ORDER BY id
            """).rows { ($0.int64(0), $0.string(1), $0.string(2), $0.optionalString(3)) }
        for (id, body, date, url) in pending {
            if let key = url.flatMap(URLKey.of) {
                try database.cached("UPDATE OR IGNORE articles SET url_key = ? WHERE id = ?").execute([.text(key), .integer(id)])
            }
            try file(article: id, body: body, date: date)
        }
    }

    /// The story an article belongs to: every copy, the representative first.
    func copies(of id: Int64) throws -> [Int64] {
        try database.cached("""
            SELECT c.id FROM articles a JOIN stories s ON s.id = a.story_id JOIN articles c ON c.story_id = s.id
            WHERE a.id = ? ORDER BY c.id = s.representative_id DESC, c.id
            """).rows([.integer(id)]) { $0.int64(0) }
    }
}
