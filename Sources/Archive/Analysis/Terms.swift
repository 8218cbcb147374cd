import Foundation

/// A word characteristic of the matching articles against the whole archive.
public struct CharacteristicTerm: Sendable, Equatable {
    public var term: String
    /// Matching articles (of those read) whose title or body holds the word.
    public var count: Int
    /// The z-score of the word's log-odds ratio, matches against the archive, with an
    /// informative Dirichlet prior (Monroe, Colaresi and Quinn 2008): above 2, the word is
    /// clearly more frequent among the matches; common words score near 0 whatever their count.
    public var score: Double

    public var json: JSONValue {
        .object([("term", .string(term)), ("count", .integer(count)), ("score", .number(String(format: "%.1f", score)))])
    }
}

extension Archive {
    /// Articles read on each side at most: the newest matching ones, and as many spread evenly
    /// over the whole archive. Bounds the time at any size.
    static let termsSample = 5_000

    /// The words most characteristic of `query`'s matches (one story once unless `allCopies`)
    /// against the archive: document frequencies in up to 5,000 of the newest matches against
    /// those in up to 5,000 articles spread over the whole archive, scored by the log-odds
    /// ratio with an informative Dirichlet prior (the pooled frequencies, 1,000 pseudo-documents
    /// strong), best first. Words are runs of letters of three or more, lower-cased.
    public func characteristicTerms(_ query: SearchQuery, filter: ArticleFilter = ArticleFilter(), limit: Int = 20,
                                    allCopies: Bool = false) throws -> [CharacteristicTerm] {
        try guarded {
            let plan = try engine.countPlan(query, filter: filter, allCopies: allCopies)
            let from = plan.words == nil ? "articles a WHERE 1" : "\(SearchEngine.indexJoin) WHERE articles_fts MATCH ?"
            let order = plan.words == nil ? "a.id DESC" : "articles_fts.rowid DESC"
            var matched: [[String]] = []
            var stories: Set<Int64> = []
            try engine.runSearch {
                try database.prepare("SELECT a.story_id, a.title, a.body FROM \(from)\(plan.and) ORDER BY \(order)")
                    .scan((plan.words.map { [SQLValue.text($0.expression)] } ?? []) + plan.values) { row in
                        if !allCopies, !row.isNull(0), !stories.insert(row.int64(0)).inserted { return true }
                        matched.append(Self.words(row.string(1) + " " + row.string(2)))
                        return matched.count < Self.termsSample
                    }
            }
            guard !matched.isEmpty else { return [] }
            // The archive, spread evenly by id.
            let (low, high) = (try database.scalar("SELECT min(id) FROM articles") ?? 0, try database.scalar("SELECT max(id) FROM articles") ?? 0)
            let stride = max(1, (high - low + 1) / Int64(Self.termsSample))
            var background: [[String]] = []
            try database.prepare("SELECT title, body FROM articles WHERE id >= ? AND (id - ?) % ? = 0 LIMIT ?")
                .forEachRow([.integer(low), .integer(low), .integer(stride), .integer(Int64(Self.termsSample))]) { row in
                    background.append(Self.words(row.string(0) + " " + row.string(1)))
                }
            return Self.logOdds(matched, against: background, limit: limit)
        }
    }

    /// Each document's distinct words.
    static func words(_ text: String) -> [String] {
        var seen: Set<String> = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter { current.append(character); continue }
            if current.count >= 3 { seen.insert(current) }
            current = ""
        }
        if current.count >= 3 { seen.insert(current) }
        return Array(seen)
    }

    static func logOdds(_ matched: [[String]], against background: [[String]], limit: Int, priorStrength: Double = 1_000) -> [CharacteristicTerm] {
        var inMatched: [String: Int] = [:]
        var inBackground: [String: Int] = [:]
        for document in matched { for word in document { inMatched[word, default: 0] += 1 } }
        for document in background { for word in document { inBackground[word, default: 0] += 1 } }
        // As in the model, each side's total is the sum of its counts.
        let (nMatched, nBackground) = (Double(inMatched.values.reduce(0, +)), Double(inBackground.values.reduce(0, +)))
        let pooledTotal = nMatched + nBackground
        var terms: [CharacteristicTerm] = []
        for (word, count) in inMatched where count >= 2 {
            let other = Double(inBackground[word] ?? 0)
            let y = Double(count)
            let alpha = priorStrength * (y + other) / pooledTotal
            let matchedOdds = log((y + alpha) / (nMatched + priorStrength - y - alpha))
            let backgroundOdds = log((other + alpha) / (nBackground + priorStrength - other - alpha))
            let variance = 1 / (y + alpha) + 1 / (other + alpha)
            terms.append(CharacteristicTerm(term: word, count: count, score: (matchedOdds - backgroundOdds) / variance.squareRoot()))
        }
        return Array(terms.sorted { $0.score != $1.score ? $0.score > $1.score : $0.term < $1.term }.prefix(max(0, limit)))
    }
}
