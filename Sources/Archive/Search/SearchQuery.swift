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

    public init(_ text: String) throws(ArchiveError) {
        self.text = text
        var parser = QueryParser(tokens: try QueryLexer.tokens(of: text), text: text)
        guard let node = try parser.parseQuery() else {
            throw .invalidQuery("nothing to search for in '\(text)'")
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

    init(_ node: QueryNode) {
        expression = node.fts5
        weighedPhrases = node.weighedPhrases(column: nil)
    }
}

/// The parsed form of a query.
indirect enum QueryNode: Equatable {
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

    /// The FTS5 expression of a node without fields.
    var fts5: String {
        switch self {
        case .phrase(let tokens, let prefix):
            "\"" + tokens.joined(separator: " ") + "\"" + (prefix ? "*" : "")
        case .near(let phrases, let distance):
            "NEAR(" + phrases.map(\.fts5).joined(separator: " ") + (distance.map { ", \($0)" } ?? "") + ")"
        case .and(let nodes): nodes.count == 1 ? nodes[0].fts5 : "(" + nodes.map(\.fts5).joined(separator: " AND ") + ")"
        case .or(let nodes): nodes.count == 1 ? nodes[0].fts5 : "(" + nodes.map(\.fts5).joined(separator: " OR ") + ")"
        case .not(let kept, let excluded): "(" + kept.fts5 + " NOT " + excluded.fts5 + ")"
        case .column(let name, let node): name + " : " + (node.isGroup ? node.fts5 : "(" + node.fts5 + ")")
        case .field, .excluding: preconditionFailure("fields have no FTS5 form")
        }
    }

    func weighedPhrases(column: String?) -> [String] {
        switch self {
        case .phrase:
            [column.map { QueryNode.column($0, self).fts5 } ?? fts5]
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
