/// Files articles into LSH buckets and groups near copies into stories (see `StoryPolicy`).
final class StoryIndex {
    private let database: Database
    /// How many of the most similar candidates are compared in full.
    static let candidateLimit = 10
    /// How many of a bucket's newest entries are read.
    static let entriesPerBucket = 50
    /// Signatures of articles filed or compared lately: templated reports meet the same few
    /// candidates again and again, and tokenising them each time cost more than the rest of
    /// detection (perf, on the Reuters articles).
    private var recent: [Int64: TextSignature] = [:]
    private var recentOrder: [Int64] = []
    static let recentLimit = 4096

    init(database: Database) {
        self.database = database
    }

    /// Files a newly stored article; when it is a copy of a stored story, joins it and returns
    /// the id of the story's representative (before this article, which may now represent it).
    @discardableResult
    func file(article id: Int64, body: String, date: String) throws -> Int64? {
        let signature = TextSignature(text: body)
        let buckets = signature.buckets.map(SQLValue.integer)
        // The newest entries of each bucket: a templated report's bucket can hold thousands of
        // articles, and reading them all for every new one made detection quadratic (perf).
        var shared: [Int64: Int] = [:]
        let bucketEntries = try database.cached("""
            SELECT article_id FROM article_buckets WHERE bucket = ? AND article_id <> ? ORDER BY article_id DESC LIMIT \(Self.entriesPerBucket)
            """)
        for bucket in buckets {
            try bucketEntries.forEachRow([bucket, .integer(id)]) { shared[$0.int64(0), default: 0] += 1 }
        }
        let nearest = shared.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.prefix(Self.candidateLimit).map(\.key)
        let candidates = try nearest.compactMap { candidate in
            try database.cached("SELECT published, story_id FROM articles WHERE id = ?").firstRow([.integer(candidate)]) { row in
                (id: candidate, date: row.string(0), story: row.isNull(1) ? nil : row.int64(1))
            }
        }
        var joined: Int64?
        for candidate in candidates
        where StoryPolicy.withinDays(date, candidate.date) {
            guard let other = try knownSignature(of: candidate.id),
                  StoryPolicy.sameStory(signature, dated: date, other, dated: candidate.date) else { continue }
            joined = try join(id, bodyLength: body.utf8.count, to: candidate.id, story: candidate.story)
            break
        }
        remember(id, signature)
        let insert = try database.cached("INSERT OR IGNORE INTO article_buckets (bucket, article_id) VALUES (?, ?)")
        for bucket in buckets { try insert.execute([bucket, .integer(id)]) }
        return joined
    }

    private func knownSignature(of id: Int64) throws -> TextSignature? {
        if let known = recent[id] { return known }
        guard let body = try database.cached("SELECT body FROM articles WHERE id = ?").firstRow([.integer(id)], { $0.string(0) }) else {
            return nil
        }
        let signature = TextSignature(text: body)
        remember(id, signature)
        return signature
    }

    private func remember(_ id: Int64, _ signature: TextSignature) {
        if recent.updateValue(signature, forKey: id) == nil { recentOrder.append(id) }
        if recentOrder.count > Self.recentLimit {
            let evicted = recentOrder.prefix(Self.recentLimit / 4)
            for old in evicted { recent.removeValue(forKey: old) }
            recentOrder.removeFirst(evicted.count)
        }
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
