/// Lines that belong to a site's furniture rather than to an article, in any page or pasted text.
enum ChromeLines {
    private static let exact: Set<String> = [
        "advertisement", "advertisements", "ad", "sponsored", "sponsored content", "share", "share this",
        "share this article", "share this story", "share on facebook", "share on twitter", "tweet", "email", "print",
        "facebook", "twitter", "linkedin", "whatsapp", "reddit", "pinterest", "telegram", "copy link", "copy url",
        "read more", "see more", "show more", "load more", "more", "related", "related posts", "related articles",
        "related stories", "related news", "recommended", "recommended for you", "you may also like", "most read",
        "most popular", "trending", "trending now", "comments", "leave a comment", "skip to content",
        "skip to main content", "back to top", "subscribe", "sign up", "sign in", "log in", "menu", "search", "home",
        "close", "next", "previous", "listen", "listen to this article", "story continues below advertisement",
        "continue reading", "click here", "follow us", "newsletter", "top stories", "latest news", "more stories",
        "scroll to continue with content", "view comments", "view gallery", "watch", "video", "photo", "photos",
    ]

    static func isChrome(_ line: String) -> Bool {
        let normalised = line.lowercased().trimmingPunctuation
        return exact.contains(normalised)
    }
}

extension String {
    /// Without white space, punctuation or symbols at either end.
    var trimmingPunctuation: String {
        let isEdge: (Character) -> Bool = { $0.isWhitespace || $0.isPunctuation || $0.isSymbol }
        guard let first = firstIndex(where: { !isEdge($0) }), let last = lastIndex(where: { !isEdge($0) }) else { return "" }
        return String(self[first...last])
    }
}
