import Foundation

/// Which values of one field the matching stories (or articles) carry, most first.
public struct Facet: Sendable, Equatable {
    public enum Field: String, Sendable, CaseIterable {
        case outlet, tag, author, language, year, month
    }

    public struct Value: Sendable, Equatable {
        public var value: String
        public var count: Int
    }

    public var field: Field
    public var values: [Value]
    /// Matches that have no value for the field (no outlet, no date, …), counted apart.
    public var missing: Int

    /// `[{"value": "Reuters", "count": 123}]`.
    public var json: JSONValue {
        .array(values.map { .object([("value", .string($0.value)), ("count", .integer($0.count))]) })
    }
}

extension Archive {
    /// The values of `field` among the matches of `query` (every article when nil) and `filter`,
    /// most first (then by value), at most `limit`. Each count agrees with `search --count`
    /// with that value as a filter; an article carries each of its tags.
    public func facet(_ field: Facet.Field, query: SearchQuery? = nil, filter: ArticleFilter = ArticleFilter(),
                      limit: Int = 20, allCopies: Bool = false) throws -> Facet {
        try guarded {
            let (key, join): (String, String) = switch field {
            case .outlet: ("coalesce((SELECT name FROM outlets WHERE id = a.outlet_id), '')", "")
            case .tag: ("(SELECT name FROM tags WHERE id = t.tag_id)", " JOIN article_tags t ON t.article_id = a.id")
            case .author: ("a.author", "")
            case .language: ("a.language", "")
            case .year: ("substr(a.published, 1, 4)", "")
            case .month: ("substr(a.published, 1, 7)", "")
            }
            let groups = try engine.groupedCounts(query, filter: filter, allCopies: allCopies, key: key, join: join)
            let missing = groups.filter { $0.0.isEmpty }.reduce(0) { $0 + $1.1 }
            let values = groups.filter { !$0.0.isEmpty }.map { Facet.Value(value: $0.0, count: $0.1) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value.localizedStandardCompare($1.value) == .orderedAscending }
            return Facet(field: field, values: Array(values.prefix(max(0, limit))), missing: missing)
        }
    }
}
