/// One page of search results, and what the search did instead of ranking every match.
public struct SearchResults: Sendable {
    public var articles: [ArticleSummary]
    /// Set when the order of the page is not BM25 over every match; front ends must show it.
    public var shortcut: SearchShortcut?
}

/// How a relevance search was kept fast when ranking every match would be slow or pointless.
public enum SearchShortcut: Sendable, Equatable {
    /// Every word of the query is in at least half of the articles, where BM25 gives a word no
    /// weight: relevance cannot tell the matches apart, so they come newest first.
    case newestFirst
    /// More than `window` articles match: the `window` of them added to the archive last were ranked.
    case rankedRecentlyAdded(window: Int)
    /// The query is only fields (`tag:china date:2024`): no words to rank by, newest first.
    case noWords

    /// One line for people.
    public var explanation: String {
        switch self {
        case .newestFirst:
            "every word of the query is in half the articles or more, so relevance cannot rank them: newest first"
        case .rankedRecentlyAdded(let window):
            "more than \(window.formatted) articles match: ranked the \(window.formatted) added last"
        case .noWords:
            "the query has no words to rank by, only fields: newest first"
        }
    }
}

extension Int {
    /// With thousands separators: 20,000.
    var formatted: String {
        let digits = String(magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (self < 0 ? "-" : "") + result
    }
}
