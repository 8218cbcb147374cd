/// Recursive descent over the tokens, by FTS5's precedence: NOT binds tighter than AND
/// (explicit or implied), which binds tighter than OR.
struct QueryParser {
    private let tokens: [QueryToken]
    private let text: String
    private var index = 0
    /// How deep the parse is inside parentheses, NEAR, NOT and column filters.
    private var depth = 0

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
        case .field(let name, let value): name.rawValue + ":" + value
        case .word(let word): word
        case .quoted(let text, _): "\"" + text + "\""
        }
    }

    private func failure(_ message: String) -> ArchiveError { .invalidQuery(message) }

    /// Whether the current token can start a term.
    private var atTerm: Bool {
        guard let kind = current?.kind else { return false }
        switch kind {
        case .word, .quoted, .near, .open, .minus, .column, .field: return true
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
            guard !excluded.isEmpty else { return nil }
            // Only exclusions: fine for fields (`-tag:sport`, every article without the tag),
            // but the full-text index cannot list the articles without a word.
            guard excluded.allSatisfy({ !$0.hasText }) else {
                throw failure("'-' only excludes; give at least one word or field to search for in '\(text)'")
            }
            return .excluding(excluded)
        }
        var node: QueryNode = kept.count == 1 ? kept[0] : .and(kept)
        for exclusion in excluded { node = .not(node, exclusion) }
        return node
    }

    /// One term: a word, a phrase, a NEAR group, a parenthesised query, each with an optional column filter.
    private mutating func parseUnary() throws(ArchiveError) -> QueryNode? {
        guard let token = current else { return nil }
        depth += 1
        defer { depth -= 1 }
        guard depth <= SearchQuery.Limits.depth else {
            throw failure("the query nests too deep at position \(token.position): up to \(SearchQuery.Limits.depth) levels of parentheses, NOT and column filters")
        }
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
            if case .column(let other)? = current?.kind {
                throw failure("'\(other):' at position \(current!.position) follows '\(name):': give one column for a term")
            }
            guard atTerm, current?.kind != .minus else {
                throw failure("'\(name):' at position \(token.position) needs a term after it")
            }
            guard let node = try parseUnary() else { return nil }
            guard !node.hasFields else {
                throw failure("'\(name):' at position \(token.position) applies to words; put fields outside it")
            }
            return .column(name, node)
        case .field(let name, let value):
            return .field(try QueryField(name, value: value, position: token.position))
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
                if phrases.contains(where: \.hasCJK) {
                    throw failure("NEAR at position \(nearToken.position) takes no Chinese, Japanese or Korean words; write them as a phrase or with AND")
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
