/// Reading articles and their summaries out of rows: the columns to select and how a row
/// becomes an `Article` or `ArticleSummary`.
enum ArticleRows {
    static let summaryColumns = """
        a.id, a.guid, a.url, a.title, a.published, o.name, a.author,
        (SELECT group_concat(t.name, char(31)) FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id)
        """

    /// The summary's columns, then what only a whole article has.
    static let articleColumns = summaryColumns + ", a.body, a.language, a.source, a.added_at, a.sources"

    static func summary(_ row: Row) -> ArticleSummary {
        ArticleSummary(
            id: row.int64(0), guid: row.optionalString(1), url: row.optionalString(2), title: row.string(3),
            date: row.optionalString(4), outlet: row.optionalString(5), author: row.optionalString(6),
            tags: tagList(row.string(7)), snippet: nil, score: nil)
    }

    static func article(_ row: Row) -> Article {
        Article(
            id: row.int64(0), guid: row.optionalString(1), url: row.optionalString(2), title: row.string(3),
            body: row.string(8), date: row.optionalString(4), outlet: row.optionalString(5),
            author: row.optionalString(6), language: row.optionalString(9), tags: tagList(row.string(7)),
            source: row.string(10), addedAt: row.string(11), sources: sources(row.string(12)))
    }

    /// The `sources` column: a JSON object of strings; other members (another client's edit) are skipped.
    static func sources(_ text: String) -> [String: String] {
        guard let value = try? JSONParser.parse(Array(text.utf8)), case .object(let members) = value else { return [:] }
        var sources: [String: String] = [:]
        for (key, value) in members { if case .string(let source) = value { sources[key] = source } }
        return sources
    }

    static func tagList(_ joined: String) -> [String] {
        joined.isEmpty ? [] : joined.split(separator: "\u{1F}").map(String.init).sorted { $0.nocaseKey < $1.nocaseKey }
    }

    /// Summaries of these articles, in this order (an id no longer stored is left out).
    static func summaries(_ ids: [Int64], in database: Database) throws -> [ArticleSummary] {
        guard !ids.isEmpty else { return [] }
        let sql = """
            SELECT \(summaryColumns), (SELECT count(*) - 1 FROM articles c WHERE c.story_id = a.story_id)
            FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id IN (\(placeholders(ids.count)))
            """
        let rows = try database.prepare(sql).rows(ids.map { .integer($0) }) { row -> ArticleSummary in
            var summary = summary(row)
            summary.copies = row.isNull(8) ? 0 : max(0, row.int(8))
            return summary
        }
        let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }
}
