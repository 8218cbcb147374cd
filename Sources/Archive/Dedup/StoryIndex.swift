/// Groups the copies and versions of one story: finds near copies through LSH buckets (see
/// `StoryPolicy`), joins articles into stories and keeps each story's representative its
/// cleanest copy (`Cleanliness`).
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

    /// The stored article (other than `id`) that `signature` is a near copy of, published within
    /// `StoryPolicy.maximumDaysApart` days of `date`: the best of the candidates that share the
    /// most LSH buckets with it.
    func nearCopy(of id: Int64, _ signature: TextSignature, date: String) throws -> Int64? {
        // The newest entries of each bucket: a templated report's bucket can hold thousands of
        // articles, and reading them all for every new one made detection quadratic (perf).
        var shared: [Int64: Int] = [:]
        let bucketEntries = try database.cached("""
            SELECT article_id FROM article_buckets WHERE bucket = ? AND article_id <> ? ORDER BY article_id DESC LIMIT \(Self.entriesPerBucket)
            """)
        for bucket in signature.buckets {
            try bucketEntries.forEachRow([.integer(bucket), .integer(id)]) { shared[$0.int64(0), default: 0] += 1 }
        }
        let nearest = shared.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.prefix(Self.candidateLimit).map(\.key)
        for candidate in nearest {
            guard let candidateDate = try database.cached("SELECT published FROM articles WHERE id = ?")
                .firstRow([.integer(candidate)], { $0.string(0) }),
                  StoryPolicy.withinDays(date, candidateDate),
                  let other = try self.signature(of: candidate),
                  StoryPolicy.sameStory(signature, dated: date, other, dated: candidateDate),
                  try fits(date, storyOf: candidate) else { continue }
            return candidate
        }
        return nil
    }

    /// Whether an article of `date` may join the story of `other` as a copy: within
    /// `StoryPolicy.maximumDaysApart` days of every dated copy in it, so a report repeated daily
    /// makes a story every few days, not one for the month.
    func fits(_ date: String, storyOf other: Int64) throws -> Bool {
        guard let day = StoryPolicy.day(date) else { return true }
        let span = try database.cached("""
            SELECT min(substr(b.published, 1, 10)), max(substr(b.published, 1, 10))
            FROM articles a JOIN articles b ON b.story_id = a.story_id
            WHERE a.id = ? AND b.published_unix IS NOT NULL
            """).firstRow([.integer(other)]) { $0.isNull(0) ? nil : ($0.string(0), $0.string(1)) } ?? nil
        guard let (earliest, latest) = span, let first = StoryPolicy.day(earliest), let last = StoryPolicy.day(latest) else {
            return true
        }
        let limit = Int64(StoryPolicy.maximumDaysApart)
        return abs(day - first) <= limit && abs(day - last) <= limit
    }

    /// Files the article under its LSH buckets, so later articles find it.
    func fileBuckets(_ id: Int64, _ signature: TextSignature) throws {
        remember(id, signature)
        let insert = try database.cached("INSERT OR IGNORE INTO article_buckets (bucket, article_id) VALUES (?, ?)")
        for bucket in signature.buckets { try insert.execute([.integer(bucket), .integer(id)]) }
    }

    /// The signature of a stored article's body; nil when it is gone.
    func signature(of id: Int64) throws -> TextSignature? {
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

    /// Puts `id` in the story of `other` (creating the story if `other` stood alone); the
    /// cleaner copy represents it.
    func join(_ id: Int64, to other: Int64) throws {
        let story: Int64
        if let existing = try database.cached("SELECT story_id FROM articles WHERE id = ?")
            .firstRow([.integer(other)], { $0.isNull(0) ? nil : $0.int64(0) }) ?? nil {
            story = existing
        } else {
            try database.cached("INSERT INTO stories (representative_id) VALUES (?)").execute([.integer(other)])
            story = database.lastInsertedRowID
            try database.cached("UPDATE articles SET story_id = ? WHERE id = ?").execute([.integer(story), .integer(other)])
        }
        try database.cached("UPDATE articles SET story_id = ? WHERE id = ?").execute([.integer(story), .integer(id)])
        try database.cached("""
            UPDATE stories SET representative_id = ?1 WHERE id = ?2 AND (
                SELECT coalesce(c.clean_length, length(c.body)) > coalesce(r.clean_length, length(r.body))
                FROM articles c, articles r WHERE c.id = ?1 AND r.id = stories.representative_id)
            """).execute([.integer(id), .integer(story)])
    }

    /// Migration 0004's Swift part: url keys by the new rules, every article's `clean_length`,
    /// each story's representative by it, and near-copy keys by the current rules for every
    /// article (the paragraph keys are new): an article with none at all (stored before
    /// migration 0002, or left so by an interrupted upgrade) is also compared with those before
    /// it and joins its story, oldest first.
    func upgrade() throws {
        var filed = Set<Int64>()
        try database.prepare("SELECT DISTINCT article_id FROM article_buckets").forEachRow { filed.insert($0.int64(0)) }
        // A thousand at a time, so a million bodies are never in memory at once.
        let page = try database.prepare("SELECT id, url, body, published FROM articles WHERE id > ? ORDER BY id LIMIT 1000")
        let update = try database.prepare("UPDATE articles SET url_key = ?, clean_length = ? WHERE id = ?")
        var last: Int64 = 0
        while true {
            let rows = try page.rows([.integer(last)]) { ($0.int64(0), $0.optionalString(1), $0.string(2), $0.string(3)) }
            guard let end = rows.last?.0 else { break }
            last = end
            for (id, url, body, date) in rows {
                let key = url.flatMap { URLKey.of($0) ?? $0 }
                try update.execute([key.map(SQLValue.text) ?? .null, .integer(Int64(Cleanliness.cleanLength(of: body))), .integer(id)])
                let signature = TextSignature(text: body)
                if !filed.contains(id), let copy = try nearCopy(of: id, signature, date: date) { try join(id, to: copy) }
                try self.fileBuckets(id, signature)
            }
        }
        try database.execute("""
            UPDATE stories SET representative_id = (
                SELECT id FROM articles WHERE story_id = stories.id ORDER BY coalesce(clean_length, length(body)) DESC, id LIMIT 1)
            """)
    }

    /// The story an article belongs to: every copy, the representative first.
    func copies(of id: Int64) throws -> [Int64] {
        try database.cached("""
            SELECT c.id FROM articles a JOIN stories s ON s.id = a.story_id JOIN articles c ON c.story_id = s.id
            WHERE a.id = ? ORDER BY c.id = s.representative_id DESC, c.id
            """).rows([.integer(id)]) { $0.int64(0) }
    }
}
