/// An SQL condition on the `articles` row aliased `a`, with the values it binds in order.
struct SQLCondition: Equatable, Sendable {
    let sql: String
    let values: [SQLValue]
}

/// The fields of a query as conditions that go with its words (AND), in the form the search
/// plans use for the matching flags wherever they mean the same (`tag:china` is `--tag china`,
/// `date:2024-05` is `--from 2024-05 --to 2024-05`), so a field query is planned as fast.
struct QueryConditions: Equatable, Sendable {
    /// Tags every article carries.
    var tags: [String] = []
    /// Outlets of which each article has one, one list for each condition.
    var outlets: [[String]] = []
    /// The publication times every article lies inside; nil when no date is given.
    var range: ClosedRange<Int64>?
    /// Whether the date conditions leave no time at all.
    var noTime = false
    /// Other conditions (fields under OR or NOT, words mixed with fields).
    var other: [SQLCondition] = []

    /// The query's words, and the conditions that go with them.
    static func split(_ node: QueryNode) -> (TextQuery?, QueryConditions) {
        var conditions = QueryConditions()
        var words: [QueryNode] = []
        var excludedWords: [QueryNode] = []
        for conjunct in conjuncts(node) {
            switch conjunct {
            case .with(let node) where !node.hasFields: words.append(node)
            case .without(let node) where !node.hasFields: excludedWords.append(node)
            case .with(.field(.tag(let name))): conditions.tags.append(name)
            case .with(.field(.date(let range))): conditions.narrow(to: range)
            case .with(.field(.outlet(let name))): conditions.outlets.append([name])
            case .with(.or(let nodes)) where nodes.allSatisfy({ if case .field(.outlet) = $0 { true } else { false } }):
                conditions.outlets.append(nodes.compactMap { if case .field(.outlet(let name)) = $0 { name } else { nil } })
            case .with(let node): conditions.other.append(sql(node))
            case .without(let node): conditions.other.append(sql(node, negated: true))
            }
        }
        guard var text = words.first else {
            // Words only excluded: every article but those matching them.
            conditions.other += excludedWords.map { sql($0, negated: true) }
            return (nil, conditions)
        }
        if words.count > 1 { text = .and(words) }
        for excluded in excludedWords { text = .not(text, excluded) }
        return (TextQuery(text), conditions)
    }

    /// `filter` with these conditions added.
    func narrowing(_ filter: ArticleFilter) -> ArticleFilter {
        var filter = filter
        filter.tags += tags
        for names in outlets {
            if filter.outlets.isEmpty {
                filter.outlets = names
            } else {
                filter.extra.append(Self.sql(names.count == 1 ? .field(.outlet(names[0])) : .or(names.map { .field(.outlet($0)) })))
            }
        }
        if let range {
            if let current = filter.queryRange, Self.overlap(current, range) == nil {
                filter.extra.append(SQLCondition(sql: "0", values: []))
            } else {
                filter.queryRange = filter.queryRange.flatMap { Self.overlap($0, range) } ?? range
            }
        }
        if noTime { filter.extra.append(SQLCondition(sql: "0", values: [])) }
        filter.extra += other
        return filter
    }

    private mutating func narrow(to range: ClosedRange<Int64>) {
        guard let current = self.range else { self.range = range; return }
        if let overlap = Self.overlap(current, range) { self.range = overlap } else { noTime = true }
    }

    static func overlap(_ a: ClosedRange<Int64>, _ b: ClosedRange<Int64>) -> ClosedRange<Int64>? {
        let (low, high) = (max(a.lowerBound, b.lowerBound), min(a.upperBound, b.upperBound))
        return low <= high ? low...high : nil
    }

    /// A top-level term of a query: the query is every `with` term and no `without` term.
    private enum Conjunct {
        case with(QueryNode)
        case without(QueryNode)
    }

    private static func conjuncts(_ node: QueryNode) -> [Conjunct] {
        switch node {
        case .and(let nodes):
            nodes.flatMap(conjuncts)
        case .not(let kept, let excluded) where kept.hasFields || excluded.hasFields:
            conjuncts(kept) + [.without(excluded)]
        case .excluding(let nodes):
            nodes.map(Conjunct.without)
        default:
            [.with(node)]
        }
    }

    /// The condition `node` sets on an article (its words: that the article matches them).
    static func sql(_ node: QueryNode, negated: Bool = false) -> SQLCondition {
        var values: [SQLValue] = []
        let text = sql(node, &values)
        return SQLCondition(sql: negated ? "NOT " + text : text, values: values)
    }

    private static func sql(_ node: QueryNode, _ values: inout [SQLValue]) -> String {
        if !node.hasFields {
            values.append(.text(node.fts5))
            return "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
        }
        switch node {
        case .field(let field):
            return field.sql(&values)
        case .and(let nodes):
            return "(" + nodes.map { sql($0, &values) }.joined(separator: " AND ") + ")"
        case .or(let nodes):
            return "(" + nodes.map { sql($0, &values) }.joined(separator: " OR ") + ")"
        case .not(let kept, let excluded):
            let keptSQL = sql(kept, &values)
            return "(" + keptSQL + " AND NOT " + sql(excluded, &values) + ")"
        case .excluding(let nodes):
            return "(" + nodes.map { "NOT " + sql($0, &values) }.joined(separator: " AND ") + ")"
        case .phrase, .near, .column:
            preconditionFailure("words without fields are handled above")
        }
    }
}
