/// A user's search text, checked and translated into an FTS5 MATCH expression.
///
/// The language is FTS5's own (`AND`, `OR`, `NOT` in upper case, implicit AND between terms,
/// `"phrases"`, `prefix*`, `NEAR(a b, N)`, parentheses, `title:` and `body:` filters) with two
/// additions: `-word` excludes a word, and a word with punctuation in it (`U.S.-Mexico`,
/// `Ning's`, `covid-19`) is searched as the phrase of its parts. Every term is re-quoted on
/// the way out, so nothing the user types can be read by FTS5 as syntax it did not mean.
public struct SearchQuery: Sendable, Equatable {
    /// The text as the user typed it.
    public let text: String
    /// The FTS5 expression to bind to `MATCH`.
    public let expression: String
    /// The FTS5 expressions of the phrases a matching article contains (those under the
    /// excluded side of a NOT left out), each with its column filter: what BM25 weighs.
    let weighedPhrases: [String]

    public init(_ text: String) throws(ArchiveError) {
        self.text = text
        var parser = QueryParser(tokens: try QueryLexer.tokens(of: text), text: text)
        guard let node = try parser.parseQuery() else {
            throw .invalidQuery("nothing to search for in '\(text)'")
        }
        self.expression = node.fts5
        self.weighedPhrases = node.weighedPhrases(column: nil)
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

/// One lexical unit of a query, with its 1-based character position for error messages.
struct QueryToken: Equatable {
    enum Kind: Equatable {
        /// Unquoted text: a word, possibly with punctuation, possibly ending in `*`.
        case word(String)
        /// Quoted text; `prefix` when a `*` follows the closing quote.
        case quoted(String, prefix: Bool)
        case and, or, not
        /// `NEAR` directly followed by `(`, which it includes.
        case near
        case open, close, comma
        /// A `-` directly before a term.
        case minus
        /// `title:` or `body:`.
        case column(String)
    }

    let kind: Kind
    let position: Int
}

enum QueryLexer {
    static let columns = ["title", "body"]

    static func tokens(of text: String) throws(ArchiveError) -> [QueryToken] {
        let characters = Array(text)
        var tokens: [QueryToken] = []
        var index = 0
        var nearDepth: Int?   // parenthesis depth inside NEAR( … ), where commas mean something
        var depth = 0
        func isDelimiter(_ c: Character) -> Bool { c.isWhitespace || c == "(" || c == ")" || c == "\"" }
        while index < characters.count {
            let character = characters[index]
            let position = index + 1
            if character.isWhitespace { index += 1; continue }
            switch character {
            case "\"":
                guard let close = characters[(index + 1)...].firstIndex(of: "\"") else {
                    throw .invalidQuery("unbalanced quote: the \" at position \(position) is never closed")
                }
                let content = String(characters[(index + 1)..<close])
                index = close + 1
                let prefix = index < characters.count && characters[index] == "*"
                if prefix { index += 1 }
                tokens.append(QueryToken(kind: .quoted(content, prefix: prefix), position: position))
            case "(":
                depth += 1
                tokens.append(QueryToken(kind: .open, position: position))
                index += 1
            case ")":
                if depth == nearDepth { nearDepth = nil }
                depth -= 1
                tokens.append(QueryToken(kind: .close, position: position))
                index += 1
            case "," where nearDepth == depth:
                tokens.append(QueryToken(kind: .comma, position: position))
                index += 1
            case "-" where index + 1 < characters.count && !isDelimiter(characters[index + 1]) && characters[index + 1] != "-":
                tokens.append(QueryToken(kind: .minus, position: position))
                index += 1
            default:
                var end = index
                while end < characters.count && !isDelimiter(characters[end]) && !(nearDepth == depth && characters[end] == ",") {
                    end += 1
                }
                let word = String(characters[index..<end])
                if let colon = word.firstIndex(of: ":"),
                   columns.contains(word[..<colon].lowercased()) {
                    // `title:` applies to what follows, whether attached (`title:china`) or not.
                    tokens.append(QueryToken(kind: .column(word[..<colon].lowercased()), position: position))
                    index += word.distance(from: word.startIndex, to: colon) + 1
                    continue
                }
                index = end
                switch word {
                case "AND": tokens.append(QueryToken(kind: .and, position: position))
                case "OR": tokens.append(QueryToken(kind: .or, position: position))
                case "NOT": tokens.append(QueryToken(kind: .not, position: position))
                case "NEAR" where index < characters.count && characters[index] == "(":
                    index += 1
                    depth += 1
                    nearDepth = depth
                    tokens.append(QueryToken(kind: .near, position: position))
                default: tokens.append(QueryToken(kind: .word(word), position: position))
                }
            }
        }
        return tokens
    }

    /// The index terms FTS5's unicode61 tokenizer makes of `text`: runs of letters, digits and marks.
    static func terms(of text: some StringProtocol) -> [String] {
        var terms: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
                || properties.generalCategory == .spacingMark || properties.generalCategory == .privateUse {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                terms.append(current)
                current = ""
            }
        }
        if !current.isEmpty { terms.append(current) }
        return terms
    }
}

/// Recursive descent over the tokens, by FTS5's precedence: NOT binds tighter than AND
/// (explicit or implied), which binds tighter than OR.
struct QueryParser {
    private let tokens: [QueryToken]
    private let text: String
    private var index = 0

    init(tokens: [QueryToken], text: String) {
        self.tokens = tokens
        self.text = text
    }

    private var current: QueryToken? { index < tokens.count ? tokens[index] : nil }

    private func describe(_ token: QueryToken) -> String {
        switch token.kind {
        case .and: "AND"
        case .or: "OR"
        case .not: "NOT"
        case .near: "NEAR("
        case .open: "("
        case .close: ")"
        case .comma: ","
        case .minus: "-"
        case .column(let name): name + ":"
        case .word(let word): word
        case .quoted(let text, _): "\"" + text + "\""
        }
    }

    private func failure(_ message: String) -> ArchiveError { .invalidQuery(message) }

    /// Whether the current token can start a term.
    private var atTerm: Bool {
        guard let kind = current?.kind else { return false }
        switch kind {
        case .word, .quoted, .near, .open, .minus, .column: return true
        default: return false
        }
    }

    mutating func parseQuery() throws(ArchiveError) -> QueryNode? {
        let node = try parseOr()
        if let token = current {
            // parseOr stops only at a ')' it did not open.
            throw failure("unbalanced parenthesis: the ')' at position \(token.position) has no '(' before it")
        }
        return node
    }

    private mutating func parseOr() throws(ArchiveError) -> QueryNode? {
        var branches: [QueryNode] = []
        while true {
            let start = index
            if let branch = try parseAnd() { branches.append(branch) }
            guard let token = current, token.kind == .or else { break }
            if index == start { throw missingOperand(before: token) }
            index += 1
            guard atTerm else { throw missingOperand(after: token) }
        }
        if branches.isEmpty { return nil }
        return branches.count == 1 ? branches[0] : .or(branches)
    }

    private mutating func parseAnd() throws(ArchiveError) -> QueryNode? {
        var kept: [QueryNode] = []
        var excluded: [QueryNode] = []
        var sawTerm = false
        loop: while let token = current {
            switch token.kind {
            case .or, .close: break loop
            case .comma: throw failure("unexpected ',' at position \(token.position)")
            case .and:
                guard sawTerm else { throw missingOperand(before: token) }
                index += 1
                guard atTerm else { throw missingOperand(after: token) }
            case .not:
                guard sawTerm, let last = kept.popLast() else {
                    throw failure("NOT at position \(token.position) needs a term before it (to exclude a word on its own, write -word)")
                }
                index += 1
                guard atTerm, current?.kind != .minus else { throw missingOperand(after: token) }
                if let right = try parseUnary() {
                    kept.append(.not(last, right))
                } else {
                    kept.append(last)
                }
            case .minus:
                index += 1
                sawTerm = true
                if let node = try parseUnary() { excluded.append(node) }
            default:
                sawTerm = true
                if let node = try parseUnary() { kept.append(node) }
            }
        }
        if kept.isEmpty {
            if !excluded.isEmpty {
                throw failure("'-' only excludes; give at least one word to search for in '\(text)'")
            }
            return nil
        }
        var node: QueryNode = kept.count == 1 ? kept[0] : .and(kept)
        for exclusion in excluded { node = .not(node, exclusion) }
        return node
    }

    /// One term: a word, a phrase, a NEAR group, a parenthesised query, each with an optional column filter.
    private mutating func parseUnary() throws(ArchiveError) -> QueryNode? {
        guard let token = current else { return nil }
        index += 1
        switch token.kind {
        case .word(let word):
            let prefix = word.hasSuffix("*")
            let terms = QueryLexer.terms(of: prefix ? word.dropLast() : word[...])
            return terms.isEmpty ? nil : .phrase(terms, prefix: prefix)
        case .quoted(let content, let prefix):
            let terms = QueryLexer.terms(of: content)
            return terms.isEmpty ? nil : .phrase(terms, prefix: prefix)
        case .column(let name):
            guard atTerm, current?.kind != .minus else {
                throw failure("'\(name):' at position \(token.position) needs a term after it")
            }
            return try parseUnary().map { .column(name, $0) }
        case .open:
            let inner = try parseOr()
            guard current?.kind == .close else {
                throw failure("unbalanced parenthesis: the '(' at position \(token.position) is never closed")
            }
            index += 1
            guard let inner else { throw failure("empty parentheses at position \(token.position)") }
            return inner
        case .near:
            return try parseNear(from: token)
        default:
            throw failure("unexpected '\(describe(token))' at position \(token.position)")
        }
    }

    private mutating func parseNear(from nearToken: QueryToken) throws(ArchiveError) -> QueryNode? {
        var phrases: [QueryNode] = []
        var distance: Int?
        while let token = current {
            index += 1
            switch token.kind {
            case .close:
                guard phrases.count >= 2 || (phrases.count == 1 && distance == nil) else {
                    throw failure("NEAR at position \(nearToken.position) needs at least two words")
                }
                return phrases.count == 1 ? phrases[0] : .near(phrases, distance: distance)
            case .comma:
                guard case .word(let digits)? = current?.kind, let number = Int(digits), number >= 0 else {
                    throw failure("NEAR at position \(nearToken.position): after ',' give the distance as a whole number")
                }
                index += 1
                distance = number
                guard current?.kind == .close else {
                    throw failure("NEAR at position \(nearToken.position): expected ')' after the distance")
                }
            case .word(let word):
                let prefix = word.hasSuffix("*")
                let terms = QueryLexer.terms(of: prefix ? word.dropLast() : word[...])
                if !terms.isEmpty { phrases.append(.phrase(terms, prefix: prefix)) }
            case .quoted(let content, let prefix):
                let terms = QueryLexer.terms(of: content)
                if !terms.isEmpty { phrases.append(.phrase(terms, prefix: prefix)) }
            default:
                throw failure("NEAR at position \(nearToken.position) takes only words and phrases, not '\(describe(token))'")
            }
        }
        throw failure("unbalanced parenthesis: the NEAR( at position \(nearToken.position) is never closed")
    }

    private func missingOperand(before token: QueryToken) -> ArchiveError {
        failure("\(describe(token)) at position \(token.position) needs a term before it")
    }

    private func missingOperand(after token: QueryToken) -> ArchiveError {
        failure("\(describe(token)) at position \(token.position) needs a term after it")
    }
}
