/// A user's search text, checked and translated: its words into an FTS5 MATCH expression, its
/// fields (`outlet:`, `tag:`, `author:`, `lang:`, `date:`) into conditions on the articles.
///
/// The language is FTS5's own (`AND`, `OR`, `NOT` in upper case, implicit AND between terms,
/// `"phrases"`, `prefix*`, `NEAR(a b, N)`, parentheses, `title:` and `body:` filters) with three
/// additions: `-term` excludes any term (a word, a phrase, a group or a field), fields, and a
/// word with punctuation in it (`U.S.-Mexico`, `Ning's`, `covid-19`) is searched as the phrase
/// of its parts. Every term is re-quoted on the way out, so nothing the user types can be read
/// by FTS5 as syntax it did not mean.
public struct SearchQuery: Sendable, Equatable {
    /// The text as the user typed it.
    public let text: String
    /// The FTS5 expression of the query's words, to bind to `MATCH`; nil when the query is
    /// only fields (then it lists the articles they allow).
    public var expression: String? { words?.expression }
    /// The words' part of the query, nil when it has none.
    let words: TextQuery?
    /// Conditions on the articles that go with the words (AND).
    let fields: QueryConditions

    /// The largest query: its first page comes in well under a second however it is written
    /// (a few kilobytes of `a* a* …` took minutes before there were bounds).
    public enum Limits {
        /// Characters of query text.
        public static let characters = 1_000
        /// Words (each word of a phrase counts) and fields.
        public static let terms = 32
        /// Words ending in `*`: FTS5 reads every indexed term a prefix begins.
        public static let prefixes = 4
        /// Parentheses, NEAR groups, NOT and `title:`/`body:` inside each other.
        public static let depth = 16
    }

    public init(_ text: String) throws(ArchiveError) {
        self.text = text
        guard text.count <= Limits.characters else {
            throw .invalidQuery("the query is \(text.count) characters long; a query may have up to \(Limits.characters)")
        }
        var parser = QueryParser(tokens: try QueryLexer.tokens(of: text), text: text)
        guard let node = try parser.parseQuery() else {
            throw .invalidQuery("nothing to search for in '\(text)'")
        }
        let (terms, prefixes) = node.termCounts
        guard terms <= Limits.terms else {
            throw .invalidQuery("the query has \(terms) words and fields; a query may have up to \(Limits.terms)")
        }
        guard prefixes <= Limits.prefixes else {
            throw .invalidQuery("the query has \(prefixes) prefix words (ending in *); a query may have up to \(Limits.prefixes)")
        }
        (words, fields) = QueryConditions.split(node)
    }

    /// `filter` narrowed by the query's fields.
    func narrowing(_ filter: ArticleFilter) -> ArticleFilter {
        fields.narrowing(filter)
    }
}

/// The full-text part of a query.
struct TextQuery: Sendable, Equatable {
    /// The FTS5 expression to bind to `MATCH`.
    let expression: String
    /// The FTS5 expressions of the phrases a matching article contains (those under the
    /// excluded side of a NOT left out), each with its column filter: what BM25 weighs.
    let weighedPhrases: [String]

    /// Whether a word ends in `*`: FTS5 expands a prefix into every indexed term it begins,
    /// again at each MATCH, so such queries are planned to match once.
    var hasPrefix: Bool { expression.contains("*") }

    init(_ node: QueryNode) {
        expression = node.fts5
        weighedPhrases = node.weighedPhrases(column: nil)
    }
}

/// The parsed form of a query.
indirect enum QueryNode: Equatable {
    /// How many words (each of a phrase) and fields the query holds, and how many of its
    /// phrases end in a prefix: what a query costs.
    var termCounts: (terms: Int, prefixes: Int) {
        func sum(_ nodes: [QueryNode]) -> (Int, Int) {
            nodes.map(\.termCounts).reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        }
        return switch self {
        case .phrase(let words, let prefix): (words.count, prefix ? 1 : 0)
        case .field: (1, 0)
        case .near(let nodes, _), .and(let nodes), .or(let nodes), .excluding(let nodes): sum(nodes)
        case .not(let kept, let excluded): sum([kept, excluded])
        case .column(_, let node): node.termCounts
        }
    }

    /// Consecutive tokens; `prefix` matches the last one as a prefix.
    case phrase([String], prefix: Bool)
    case near([QueryNode], distance: Int?)
    case and([QueryNode])
    case or([QueryNode])
    case not(QueryNode, QueryNode)
    case column(String, QueryNode)
    /// A condition on metadata.
    case field(QueryField)
    /// Every article but these (only fields: the full-text index cannot list what lacks a word).
    case excluding([QueryNode])

    /// Whether any word or phrase is in it.
    var hasText: Bool {
        switch self {
        case .phrase, .near, .column: true
        case .field: false
        case .and(let nodes), .or(let nodes), .excluding(let nodes): nodes.contains(where: \.hasText)
        case .not(let kept, let excluded): kept.hasText || excluded.hasText
        }
    }

    /// Whether any field is in it.
    var hasFields: Bool {
        switch self {
        case .phrase, .near, .column: false
        case .field, .excluding: true
        case .and(let nodes), .or(let nodes): nodes.contains(where: \.hasFields)
        case .not(let kept, let excluded): kept.hasFields || excluded.hasFields
        }
    }

    /// Whether any word of it holds Chinese, Japanese or Korean characters.
    var hasCJK: Bool {
        switch self {
        case .phrase(let tokens, _): tokens.contains(where: CJKWords.contains)
        case .near(let nodes, _), .and(let nodes), .or(let nodes), .excluding(let nodes): nodes.contains(where: \.hasCJK)
        case .not(let kept, let excluded): kept.hasCJK || excluded.hasCJK
        case .column(_, let node): node.hasCJK
        case .field: false
        }
    }

    /// The FTS5 expression of a node without fields.
    var fts5: String { fts5(column: nil) }

    /// The FTS5 expression, inside the column filter `column` (`title` or `body`) when given:
    /// words with CJK search the index's CJK columns (`CJKWords`), which a filter must name.
    private func fts5(column: String?) -> String {
        switch self {
        case .phrase(let tokens, let prefix):
            if tokens.contains(where: CJKWords.contains) { return Self.cjkPhrase(tokens, prefix: prefix, column: column) }
            let quoted = "\"" + tokens.joined(separator: " ") + "\"" + (prefix ? "*" : "")
            return column.map { $0 + " : " + quoted } ?? quoted
        case .near(let phrases, let distance):
            let near = "NEAR(" + phrases.map(\.fts5).joined(separator: " ") + (distance.map { ", \($0)" } ?? "") + ")"
            return column.map { $0 + " : " + near } ?? near
        case .and(let nodes):
            return nodes.count == 1 ? nodes[0].fts5(column: column)
                : "(" + nodes.map { $0.fts5(column: column) }.joined(separator: " AND ") + ")"
        case .or(let nodes):
            return nodes.count == 1 ? nodes[0].fts5(column: column)
                : "(" + nodes.map { $0.fts5(column: column) }.joined(separator: " OR ") + ")"
        case .not(let kept, let excluded):
            return "(" + kept.fts5(column: column) + " NOT " + excluded.fts5(column: column) + ")"
        case .column(let name, let node):
            // The filter goes to each phrase when some are CJK; around the group otherwise.
            if node.hasCJK { return node.fts5(column: name) }
            return name + " : " + (node.isGroup ? node.fts5 : "(" + node.fts5 + ")")
        case .field, .excluding:
            preconditionFailure("fields have no FTS5 form")
        }
    }

    /// A phrase with CJK words: each such word as the consecutive terms of `CJKWords.queryTerms`
    /// in the CJK columns; several of them within a few terms of each other (NEAR: the
    /// article's runs may end between them or go on), and words without CJK as their own
    /// phrase in the title and body, ANDed with the rest.
    private static func cjkPhrase(_ tokens: [String], prefix: Bool, column: String?) -> String {
        let cjkColumns = column.map { $0 + "_cjk" } ?? "{title_cjk body_cjk}"
        var cjk: [(terms: [String], prefix: Bool)] = []
        var plain: [[String]] = []
        var plainRun: [String] = []
        for (index, token) in tokens.enumerated() {
            let last = index == tokens.count - 1
            if CJKWords.contains(token) {
                if !plainRun.isEmpty { plain.append(plainRun); plainRun = [] }
                let query = CJKWords.queryTerms(of: token)
                cjk.append((query.terms, query.prefix || (last && prefix)))
            } else {
                plainRun.append(token)
            }
        }
        if !plainRun.isEmpty { plain.append(plainRun) }
        let quoted = cjk.map { "\"" + $0.terms.joined(separator: " ") + "\"" + ($0.prefix ? "*" : "") }
        var pieces: [String]
        if quoted.count == 1 {
            pieces = [cjkColumns + " : " + quoted[0]]
        } else {
            let between = cjk.count - 1 + cjk.dropFirst().dropLast().reduce(0) { $0 + $1.terms.count }
            pieces = [cjkColumns + " : NEAR(" + quoted.joined(separator: " ") + ", \(between))"]
        }
        let lastIsPlain = !CJKWords.contains(tokens[tokens.count - 1])
        for (index, run) in plain.enumerated() {
            let quotedRun = "\"" + run.joined(separator: " ") + "\"" + (lastIsPlain && index == plain.count - 1 && prefix ? "*" : "")
            pieces.append(column.map { $0 + " : " + quotedRun } ?? quotedRun)
        }
        return pieces.count == 1 ? pieces[0] : "(" + pieces.joined(separator: " AND ") + ")"
    }

    func weighedPhrases(column: String?) -> [String] {
        switch self {
        case .phrase:
            [fts5(column: column)]
        case .near(let nodes, _), .and(let nodes), .or(let nodes):
            nodes.flatMap { $0.weighedPhrases(column: column) }
        case .not(let kept, _):
            kept.weighedPhrases(column: column)
        case .column(let name, let node):
            node.weighedPhrases(column: name)
        case .field, .excluding:
            []
        }
    }

    private var isGroup: Bool {
        switch self {
        case .and(let nodes), .or(let nodes): nodes.count > 1
        case .not: true
        default: false
        }
    }
}
