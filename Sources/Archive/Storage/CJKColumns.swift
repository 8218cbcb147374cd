/// `articles.title_cjk` and `body_cjk` (see `CJKWords` and `migrations/0005_cjk_words.sql`).
enum CJKColumns {
    /// Writes the CJK terms of every article that has such text and lacks them, a thousand
    /// articles a statement; the index's update trigger indexes them.
    static func fill(_ database: Database) throws {
        let page = try database.prepare("""
            SELECT id, title, body FROM articles
            WHERE id > ? AND title_cjk IS NULL AND body_cjk IS NULL ORDER BY id LIMIT 1000
            """)
        let update = try database.prepare("UPDATE articles SET title_cjk = ?, body_cjk = ? WHERE id = ?")
        var after: Int64 = 0
        while true {
            let rows = try page.rows([.integer(after)]) { ($0.int64(0), $0.string(1), $0.string(2)) }
            guard let last = rows.last else { return }
            for (id, title, body) in rows {
                let (titleTerms, bodyTerms) = (CJKWords.indexText(title), CJKWords.indexText(body))
                guard titleTerms != nil || bodyTerms != nil else { continue }
                try update.execute([.textOrNull(titleTerms), .textOrNull(bodyTerms), .integer(id)])
            }
            after = last.0
        }
    }
}
