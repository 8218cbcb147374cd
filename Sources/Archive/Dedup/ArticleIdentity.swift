/// When an incoming article is one the archive already holds, and otherwise how it relates to
/// what is stored. Only the same article is refused; everything else is stored (README: "What
/// is the same article").
enum ArticleIdentity {
    /// A stored article that shares a guid, url key or text with an incoming one.
    struct Relative {
        let id: Int64
        let sameGuid: Bool
        let sameURL: Bool
        let sameText: Bool
        let title: String
        let outlet: String?
        let date: String
        let url: String?
    }

    /// The stored article itself: the same guid or url key with the same (or nearly the same)
    /// text, or the same text under the same headline from the same outlet on the same day.
    enum Match: String, Sendable {
        case guid, url
        case article = "text, headline, outlet and day"
    }

    /// The same text, headline, outlet and day, where a headline unknown on either side counts
    /// as the same, and so do outlet and date when both are unknown on either side.
    static func isSameArticle(_ draft: ArticleDraft, _ stored: Relative) -> Bool {
        guard stored.sameText else { return false }
        let sameHeadline = draft.title.isEmpty || stored.title.isEmpty || draft.title.nocaseKey == stored.title.nocaseKey
        let draftUnplaced = draft.outlet == nil && draft.date.isEmpty
        let storedUnplaced = stored.outlet == nil && stored.date.isEmpty
        return sameHeadline && (draftUnplaced || storedUnplaced || (sameOutlet(draft, stored) && sameDay(draft, stored)))
    }

    /// How a copy differs from the stored article it copies: "other outlet", "other day", ….
    static func differences(_ draft: ArticleDraft, _ stored: Relative) -> [String] {
        var found: [String] = []
        if !sameOutlet(draft, stored) { found.append("other outlet") }
        if let url = draft.urlKey, let other = stored.url.flatMap({ URLKey.of($0) ?? $0 }), url != other { found.append("other url") }
        if draft.title.nocaseKey != stored.title.nocaseKey { found.append("other headline") }
        if !sameDay(draft, stored) { found.append("other day") }
        return found
    }

    private static func sameOutlet(_ draft: ArticleDraft, _ stored: Relative) -> Bool {
        draft.outlet?.nocaseKey == stored.outlet?.nocaseKey
    }

    private static func sameDay(_ draft: ArticleDraft, _ stored: Relative) -> Bool {
        draft.date.prefix(10) == stored.date.prefix(10)
    }
}
