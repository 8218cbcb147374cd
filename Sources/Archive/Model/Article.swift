/// An article as stored in the archive, with everything known about it.
public struct Article: Sendable, Equatable {
    public var id: Int64
    /// The source's own identifier (an RSS guid, a data set's id), if it gave one.
    public var guid: String?
    public var url: String?
    public var title: String
    public var body: String
    /// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SSZ` (UTC) or `YYYY-MM-DDTHH:MM:SS+HH:MM` (the local
    /// time the source stated, with its offset); nil when unknown.
    public var date: String?
    public var outlet: String?
    public var author: String?
    public var language: String?
    public var tags: [String]
    /// The file (and line) it was added from; `-` for standard input.
    public var source: String
    public var addedAt: String
    /// Where the extractor found each field (`"date": "json-ld datePublished"`); empty for
    /// fields given as such and for articles stored before sources were kept.
    public var sources: [String: String] = [:]
}

/// One row of a search or listing: an article's metadata without its body, plus, for a search,
/// the best-matching passage and the relevance score.
public struct ArticleSummary: Sendable, Equatable {
    public var id: Int64
    public var guid: String?
    public var url: String?
    public var title: String
    public var date: String?
    public var outlet: String?
    public var author: String?
    public var tags: [String]
    /// Present for searches: a short passage around the matched words.
    public var snippet: Snippet?
    /// Present for searches: higher is more relevant (negated BM25, titles weighted above bodies).
    public var score: Double?
    /// How many other copies of the same story the archive holds.
    public var copies: Int = 0
}

/// A passage of text in which some ranges are the words the query matched.
public struct Snippet: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        case plain(String)
        case match(String)
    }

    public var parts: [Part]

    /// The passage without highlighting.
    public var text: String {
        parts.map { part in
            switch part {
            case .plain(let text), .match(let text): text
            }
        }.joined()
    }

    /// Splits SQLite `snippet()` output whose matches are wrapped in `open` and `close`.
    init(marked: String, open: Character, close: Character) {
        var parts: [Part] = []
        var current = ""
        var inMatch = false
        for character in marked {
            if character == open || character == close {
                if !current.isEmpty { parts.append(inMatch ? .match(current) : .plain(current)) }
                current = ""
                inMatch = character == open
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { parts.append(inMatch ? .match(current) : .plain(current)) }
        self.parts = parts
    }
}
