/// Turns what people save (web pages, pasted or scraped page text) into an article's fields.
enum ArticleExtractor {
    /// A saved HTML page: metadata from the page's own markup, the body by content scoring.
    static func html(_ bytes: [UInt8]) -> ArticleInput {
        let root = HTMLDocument.parse(bytes)
        let metadata = HTMLMetadata(root: root)
        var body = HTMLContent.body(of: root)
        // JSON-LD's articleBody is the publisher's own clean text; trust it unless it is cut short.
        var sources = metadata.sources
        sources["body"] = "page text"
        if let declared = metadata.articleBody.map(plainText), declared.count >= Int(Double(body.count) * 0.6) {
            body = declared
            sources["body"] = "json-ld articleBody"
        }
        return ArticleInput(title: metadata.title, body: body, date: metadata.date, outlet: metadata.outlet,
                            url: metadata.url, author: metadata.author, language: metadata.language,
                            tags: metadata.tags, sources: sources)
    }

    /// A declared `articleBody` as text: some publishers put the page's HTML in it (escaped or
    /// not); its paragraphs are kept, its tags are not.
    static func plainText(_ declared: String) -> String {
        let text = declared.trimmed
        let lowered = text.lowercased()
        guard ["<p", "<br", "</", "<div", "<span", "<a "].contains(where: lowered.contains) else { return text }
        return HTMLContent.render([HTMLDocument.parse(Array(text.utf8))])
    }

    /// Scraped or pasted text: see `TextArticle`.
    static func text(_ text: String) -> ArticleInput {
        TextArticle(text).input
    }
}
