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
        /// `title:` or `body:`, which apply to the term after them.
        case column(String)
        /// `outlet:`, `tag:`, `author:`, `lang:` or `date:` with its value, as typed.
        case field(QueryField.Name, String)
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
        /// The quoted text starting at `index` (a `"`), and the index after its closing quote.
        func quoted(at index: Int) throws(ArchiveError) -> (String, Int) {
            guard let close = characters[(index + 1)...].firstIndex(of: "\"") else {
                throw .invalidQuery("unbalanced quote: the \" at position \(index + 1) is never closed")
            }
            return (String(characters[(index + 1)..<close]), close + 1)
        }
        while index < characters.count {
            let character = characters[index]
            let position = index + 1
            if character.isWhitespace { index += 1; continue }
            switch character {
            case "\"":
                let (content, end) = try quoted(at: index)
                index = end
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
            case "-" where index + 1 < characters.count && !characters[index + 1].isWhitespace
                && characters[index + 1] != ")" && characters[index + 1] != "-":
                // Before a word, a "phrase", a (group) or a field: excludes it.
                tokens.append(QueryToken(kind: .minus, position: position))
                index += 1
            default:
                var end = index
                while end < characters.count && !isDelimiter(characters[end]) && !(nearDepth == depth && characters[end] == ",") {
                    end += 1
                }
                let word = String(characters[index..<end])
                if let (name, colon) = fieldName(in: word) {
                    let afterColon = index + word.distance(from: word.startIndex, to: colon) + 1
                    if columns.contains(name) {
                        // `title:` applies to what follows, whether attached (`title:china`) or not.
                        tokens.append(QueryToken(kind: .column(name), position: position))
                        index = afterColon
                        continue
                    }
                    guard let field = QueryField.Name(rawValue: name) ?? (name == "language" ? .lang : nil) else {
                        throw .invalidQuery("unknown field '\(word[..<colon]):' at position \(position): the fields are "
                                            + (columns + QueryField.Name.allCases.map(\.rawValue)).map { $0 + ":" }.joined(separator: ", ")
                                            + " (to search for the word, quote it)")
                    }
                    // The value: quoted, or up to the next space or parenthesis.
                    var value: String
                    if afterColon < characters.count && characters[afterColon] == "\"" {
                        (value, index) = try quoted(at: afterColon)
                    } else {
                        value = String(characters[afterColon..<end])
                        index = end
                    }
                    value = value.trimmed
                    guard !value.isEmpty else {
                        throw .invalidQuery("'\(name):' at position \(position) needs a value after it, for example \(field.example)")
                    }
                    tokens.append(QueryToken(kind: .field(field, value), position: position))
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

    /// The lower-cased name of a `name:` that starts `word` (ASCII letters, then a colon) and
    /// the colon's index; nil for other words, and for a web address (`https://…`).
    private static func fieldName(in word: String) -> (String, String.Index)? {
        guard let colon = word.firstIndex(of: ":"), colon > word.startIndex,
              word[..<colon].allSatisfy({ $0.isASCII && $0.isLetter }),
              !word[colon...].hasPrefix("://") else { return nil }
        return (word[..<colon].lowercased(), colon)
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
