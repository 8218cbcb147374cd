import Foundation

/// Keyword in context: each occurrence of a query's words in the matching articles, with the
/// text on either side, as corpus linguists read a concordance.
public struct ConcordanceLine: Sendable, Equatable {
    public var id: Int64
    public var date: String?
    public var outlet: String?
    public var left: String
    public var match: String
    public var right: String

    /// `id, date, outlet, left, match, right`.
    public var json: JSONValue {
        .object([("id", .integer(id)), ("date", .text(date)), ("outlet", .text(outlet)), ("left", .string(left)),
                 ("match", .string(match)), ("right", .string(right))])
    }
}

extension Archive {
    /// Up to `limit` occurrences of `query`'s words (as the index matches them: stems, phrases,
    /// prefixes) in the bodies of the matching articles, newest added first, one story once
    /// unless `allCopies`; `width` characters of context on each side, cut at a word.
    public func concordance(_ query: SearchQuery, filter: ArticleFilter = ArticleFilter(), width: Int = 40, limit: Int = 50,
                            allCopies: Bool = false) throws -> [ConcordanceLine] {
        guard query.words != nil else {
            throw ArchiveError.invalidArgument("a concordance needs words to find, not only fields")
        }
        return try guarded {
            let plan = try engine.countPlan(query, filter: filter, allCopies: allCopies)
            let sql = """
                SELECT a.id, a.published, (SELECT name FROM outlets WHERE id = a.outlet_id), a.story_id,
                       highlight(articles_fts, 1, char(2), char(3))
                FROM \(SearchEngine.indexJoin) WHERE articles_fts MATCH ?\(plan.and) ORDER BY articles_fts.rowid DESC
                """
            var lines: [ConcordanceLine] = []
            var stories: Set<Int64> = []
            try engine.runSearch {
                try database.prepare(sql).scan([.text(query.words!.expression)] + plan.values) { row in
                    if !allCopies, !row.isNull(3), !stories.insert(row.int64(3)).inserted { return true }
                    let date = row.optionalString(1)
                    let outlet = row.optionalString(2)
                    for (left, match, right) in Self.occurrences(in: row.string(4), width: width) {
                        lines.append(ConcordanceLine(id: row.int64(0), date: date, outlet: outlet, left: left, match: match, right: right))
                        if lines.count >= limit { return false }
                    }
                    return true
                }
            }
            return lines
        }
    }

    /// The marked matches of a highlighted text (`\u{2}match\u{3}`), each with up to `width`
    /// characters of context, white space folded, other marks taken out.
    static func occurrences(in marked: String, width: Int) -> [(String, String, String)] {
        let text = Array(marked.unicodeScalars)
        var result: [(String, String, String)] = []
        var index = 0
        func plain(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
            var string = String.UnicodeScalarView()
            string.append(contentsOf: scalars.filter { $0 != "\u{2}" && $0 != "\u{3}" })
            return String(string).foldingWhitespace()
        }
        while index < text.count {
            guard text[index] == "\u{2}", let end = text[index...].firstIndex(of: "\u{3}") else { index += 1; continue }
            let match = plain(text[(index + 1)..<end])
            var left = plain(text[max(0, index - width * 2)..<index])
            var right = plain(text[(end + 1)..<min(text.count, end + 1 + width * 2)])
            if left.count > width {
                left = String(left.suffix(width))
                if let space = left.firstIndex(of: " ") { left = String(left[left.index(after: space)...]) }
            }
            if right.count > width {
                right = String(right.prefix(width))
                if let space = right.lastIndex(of: " ") { right = String(right[..<space]) }
            }
            result.append((left, match, right))
            index = end + 1
        }
        return result
    }
}
