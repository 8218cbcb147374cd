extension SearchEngine {
    /// Matches of `query` (all articles when nil) and `filter`, counted per value of `key`, an
    /// SQL expression over the article row `a`: stories (a story's copies once) unless
    /// `allCopies`, the same way `count` counts, so every group agrees with `search --count`
    /// for the same query, filters and group. `join` adds a table the key reads (` JOIN
    /// article_tags t ON t.article_id = a.id`: an article then counts once per tag).
    func groupedCounts(_ query: SearchQuery?, filter: ArticleFilter, allCopies: Bool, key: String,
                       join: String = "") throws -> [(String, Int)] {
        let filter = query?.narrowing(filter) ?? filter
        let words = query?.words
        let foldsStories = try !allCopies && database.scalar("SELECT 1 FROM stories LIMIT 1") != nil
        let counted = foldsStories ? "count(*) - count(a.story_id) + count(DISTINCT a.story_id)" : "count(*)"
        let (conditions, values) = try filter.conditions()
        let and = conditions.map { " AND " + $0 }.joined()
        let from = words == nil ? "articles a\(join) WHERE 1" : "\(Self.indexJoin)\(join) WHERE articles_fts MATCH ?"
        let sql = "SELECT \(key) AS k, \(counted) FROM \(from)\(and) GROUP BY k"
        let bound = (words.map { [SQLValue.text($0.expression)] } ?? []) + values
        return try runSearch { try database.prepare(sql).rows(bound) { ($0.string(0), $0.int(1)) } }
    }
}
