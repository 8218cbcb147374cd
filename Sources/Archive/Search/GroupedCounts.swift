extension SearchEngine {
    /// Matches of `query` (all articles when nil) and `filter`, counted per value of `key`, an
    /// SQL expression over the article row `a`: stories (a story's copies once) unless
    /// `allCopies`, the same way `count` counts, so every group agrees with `search --count`
    /// for the same query, filters and group. `join` adds a table the key reads (` JOIN
    /// article_tags t ON t.article_id = a.id`: an article then counts once per tag).
    func groupedCounts(_ query: SearchQuery?, filter: ArticleFilter, allCopies: Bool, key: String,
                       join: String = "") throws -> [(String, Int)] {
        let plan = try countPlan(query, filter: filter, allCopies: allCopies)
        let from = plan.words == nil ? "articles a\(join) WHERE 1" : "\(Self.indexJoin)\(join) WHERE articles_fts MATCH ?"
        let sql = "SELECT \(key) AS k, \(plan.counted) FROM \(from)\(plan.and) GROUP BY k"
        let bound = (plan.words.map { [SQLValue.text($0.expression)] } ?? []) + plan.values
        return try runSearch { try database.prepare(sql).rows(bound) { ($0.string(0), $0.int(1)) } }
    }
}
