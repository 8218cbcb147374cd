import Foundation

/// A news feed read into articles: RSS 0.9x and 2.0, RSS 1.0 (RDF), Atom 0.3 and 1.0, and JSON
/// Feed 1.x, known by their content, not by their file's name.
///
/// Each entry is one article: guid (`guid`, `id`, `rdf:about`), url (`link`, resolved against
/// `xml:base` and the feed's own url), title (entities, CDATA and markup turned to plain text),
/// date (`pubDate`, `published`, `dc:date`, else `updated`), author (`author`, `dc:creator`),
/// tags (`category`, `dc:subject`), body (`content:encoded`, Atom `content`, else `description`
/// or `summary`, HTML turned to text with paragraphs), outlet (the feed's title) and language.
/// Broken feeds are read as far as they can be: an entry that cannot be read is reported on
/// its own and the others are kept.
struct FeedReader {
    enum Format: String, Sendable {
        case rss = "RSS", rdf = "RSS 1.0", atom = "Atom", jsonFeed = "JSON Feed"
    }

    var format: Format
    var title: String?
    /// The site the feed belongs to.
    var link: String?
    var language: String?
    /// Each entry's fields, or why it could not be read; numbered from 1 in feed order.
    var entries: [Result<ArticleInput, InputError>] = []

    /// Whether `bytes` start like a feed (an `<rss>`, `<feed>` or `<rdf:RDF>` root, or a JSON
    /// object with a JSON Feed `version`).
    static func looksLikeFeed(_ bytes: some Collection<UInt8>) -> Bool {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        if head.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).first == "{" {
            return head.contains("jsonfeed.org/version")
        }
        // The root element: the first tag that is not a declaration, a comment or a processing instruction.
        var rest = Substring(head)
        while let open = rest.firstIndex(of: "<") {
            let tag = rest[rest.index(after: open)...]
            if tag.hasPrefix("?") || tag.hasPrefix("!") {
                rest = tag.drop { $0 != ">" }
                continue
            }
            return tag.hasPrefix("rss") || tag.hasPrefix("feed") || tag.hasPrefix("rdf:rdf") || tag.hasPrefix("channel")
        }
        return false
    }

    /// Reads `bytes` as a feed fetched from (or saved from) `feedURL`, which resolves relative links.
    init(_ bytes: [UInt8], feedURL: String? = nil) throws(InputError) {
        var trimmed = bytes[...]
        if trimmed.starts(with: [0xEF, 0xBB, 0xBF]) { trimmed = trimmed.dropFirst(3) }
        if trimmed.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") {
            let value: JSONValue
            do { value = try JSONParser.parse(trimmed) } catch {
                throw InputError("invalid JSON Feed at line \(error.line), column \(error.column): \(error.message)")
            }
            self.init(jsonFeed: value, feedURL: feedURL)
            return
        }
        let document = Array(trimmed)
        guard let root = XMLTree.parse(document) else { throw InputError("not a feed: no XML could be read") }
        switch root.name {
        case "rss", "channel":
            let channel = root.name == "rss" ? root.first("channel") ?? root : root
            let items = Self.salvaged(channel.all("item"), in: document, tag: "item", wrap: ("<channel>", "</channel>"))
            self.init(rss: channel, items: items, format: .rss, feedURL: feedURL)
        case "rdf:RDF":
            let items = Self.salvaged(root.all("item"), in: document, tag: "item", wrap: ("", ""))
            self.init(rss: root.first("channel") ?? root, items: items, format: .rdf, feedURL: feedURL)
        case "atom:feed":
            self.init(atom: root, entries: Self.salvaged(root.all("atom:entry"), in: document, tag: "entry", wrap: ("", "")),
                      feedURL: feedURL)
        default:
            throw InputError("not a feed: the document's root is <\(root.name)>, not <rss>, <feed> or <rdf:RDF>")
        }
    }

    // MARK: Broken feeds

    /// The entries of a feed that lost some to broken markup (a tag left open in one entry
    /// swallows the rest): each `<item>` or `<entry>` of the raw text parsed on its own, inside
    /// the document's root element so that its namespaces hold. The parsed ones when nothing
    /// more is gained.
    static func salvaged(_ parsed: [XMLElement], in document: [UInt8], tag: String, wrap: (String, String)) -> [XMLElement] {
        // Counted on the bytes first: for a feed that parsed whole (nearly all), that is all.
        guard openingTags(tag, in: document) > parsed.count else { return parsed }
        let text = String(decoding: document, as: UTF8.self)
        let opening = "<\(tag)"
        var starts: [String.Index] = []
        var search = text.startIndex
        while let range = text.range(of: opening, range: search..<text.endIndex) {
            if let next = text[range.upperBound...].first, next == ">" || next == " " || next == "\n" || next == "\t" || next == "\r" {
                starts.append(range.lowerBound)
            }
            search = range.upperBound
        }
        guard starts.count > parsed.count, let (rootOpen, rootName) = rootTag(text) else { return parsed }
        var salvaged: [XMLElement] = []
        for (index, start) in starts.enumerated() {
            let limit = index + 1 < starts.count ? starts[index + 1] : text.endIndex
            var chunk = String(text[start..<limit])
            if let close = chunk.range(of: "</\(tag)>") { chunk = String(chunk[..<close.upperBound]) }
            let wrapped = rootOpen + wrap.0 + chunk + wrap.1 + "</\(rootName)>"
            guard let root = XMLTree.parse(Array(wrapped.utf8)) else { continue }
            let container = wrap.0.isEmpty ? root : root.first("channel") ?? root
            salvaged += container.elements.filter { $0.name == tag || $0.name == "atom:" + tag }.prefix(1)
        }
        return salvaged.count > parsed.count ? salvaged : parsed
    }

    /// How many `<TAG` followed by white space or `>` the bytes hold.
    private static func openingTags(_ tag: String, in bytes: [UInt8]) -> Int {
        let pattern = Array("<\(tag)".utf8)
        var count = 0
        var index = 0
        let last = bytes.count - pattern.count - 1
        while index <= last {
            if bytes[index] == pattern[0], bytes[(index + 1)..<(index + pattern.count)].elementsEqual(pattern[1...]) {
                let next = bytes[index + pattern.count]
                if next == UInt8(ascii: ">") || next == 0x20 || next == 0x0A || next == 0x09 || next == 0x0D { count += 1 }
                index += pattern.count
            } else {
                index += 1
            }
        }
        return count
    }

    /// The document's root start tag as written (`<rss version="2.0" xmlns:dc="…">`) and its name.
    private static func rootTag(_ text: String) -> (String, String)? {
        var search = text.startIndex
        while let open = text.range(of: "<", range: search..<text.endIndex) {
            let rest = text[open.upperBound...]
            if rest.hasPrefix("?") || rest.hasPrefix("!") {
                search = rest.firstIndex(of: ">") ?? text.endIndex
                continue
            }
            guard let close = rest.firstIndex(of: ">") else { return nil }
            let name = rest.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
            return (String(text[open.lowerBound...close]), String(name))
        }
        return nil
    }

    // MARK: RSS 0.9x, 2.0 and 1.0

    private init(rss channel: XMLElement, items: [XMLElement], format: Format, feedURL: String?) {
        self.format = format
        title = FeedText.plain(channel.first("title")?.text)
        link = FeedText.plain(channel.first("link")?.text)
        language = FeedText.plain(channel.first("language")?.text ?? channel.first("dc:language")?.text)
        let base = FeedURL(feedURL, base: channel.attributes["xml:base"])
        for item in items {
            var input = ArticleInput()
            var sources: [String: String] = [:]
            let guid = item.first("guid")
            input.guid = FeedText.plain(guid?.text) ?? item.attributes["rdf:about"].flatMap(FeedText.plain)
            input.title = FeedText.plain(item.first("title")?.text)
            let itemBase = base.appending(item.attributes["xml:base"])
            if let link = FeedText.plain(item.first("link")?.text) {
                input.url = itemBase.resolve(link)
                sources["url"] = "link"
            } else if let permalink = input.guid, guid?.attributes["isPermaLink"]?.lowercased() != "false",
                      permalink.hasPrefix("http://") || permalink.hasPrefix("https://") {
                input.url = permalink
                sources["url"] = "guid"
            }
            for (name, source) in [("pubDate", "pubDate"), ("dc:date", "dc:date")] {
                if let date = FeedText.plain(item.first(name)?.text) {
                    input.date = FeedDates.normalizeIfPossible(date)
                    sources["date"] = source
                    break
                }
            }
            let creators = item.all("dc:creator").compactMap { FeedText.plain($0.text) }
            if let author = item.first("author").flatMap({ FeedText.plain($0.text) }).map(FeedText.rssAuthor) {
                input.author = author
                sources["author"] = "author"
            } else if !creators.isEmpty {
                input.author = creators.joined(separator: ", ")
                sources["author"] = "dc:creator"
            }
            input.tags = (item.all("category") + item.all("dc:subject")).compactMap { FeedText.plain($0.text) }
            if let encoded = item.first("content:encoded"), let body = FeedText.html(encoded.text) {
                input.body = body
                sources["body"] = "content:encoded"
            } else if let description = item.first("description"), let body = FeedText.html(description.text) {
                input.body = body
                sources["body"] = "description"
            }
            input.language = FeedText.plain(item.first("dc:language")?.text) ?? language
            finish(&input, sources)
        }
    }

    // MARK: Atom 1.0 and 0.3

    private init(atom feed: XMLElement, entries atomEntries: [XMLElement], feedURL: String?) {
        format = .atom
        title = FeedText.atom(feed.first("atom:title"))
        let base = FeedURL(feedURL, base: feed.attributes["xml:base"])
        link = Self.atomLink(feed, base: base)
        language = feed.attributes["xml:lang"].flatMap(FeedText.plain)
        let feedAuthors = Self.atomAuthors(feed)
        for entry in atomEntries {
            var input = ArticleInput()
            var sources: [String: String] = [:]
            input.guid = FeedText.plain(entry.first("atom:id")?.text)
            input.title = FeedText.atom(entry.first("atom:title"))
            let entryBase = base.appending(entry.attributes["xml:base"])
            if let url = Self.atomLink(entry, base: entryBase) {
                input.url = url
                sources["url"] = "link"
            }
            for name in ["published", "issued", "created", "updated", "modified"] {
                if let date = FeedText.plain(entry.first("atom:" + name)?.text) {
                    input.date = FeedDates.normalizeIfPossible(date)
                    sources["date"] = name
                    break
                }
            }
            let authors = Self.atomAuthors(entry)
            if !(authors.isEmpty && feedAuthors.isEmpty) {
                input.author = (authors.isEmpty ? feedAuthors : authors).joined(separator: ", ")
                sources["author"] = authors.isEmpty ? "feed author" : "author"
            }
            input.tags = entry.all("atom:category").compactMap { category in
                FeedText.plain(category.attributes["label"]) ?? FeedText.plain(category.attributes["term"]) ?? FeedText.plain(category.text)
            } + entry.all("dc:subject").compactMap { FeedText.plain($0.text) }
            if let content = entry.first("atom:content"), content.attributes["src"] == nil,
               let body = FeedText.atom(content, paragraphs: true) {
                input.body = body
                sources["body"] = "content"
            } else if let summary = entry.first("atom:summary"), let body = FeedText.atom(summary, paragraphs: true) {
                input.body = body
                sources["body"] = "summary"
            }
            input.language = entry.attributes["xml:lang"].flatMap(FeedText.plain) ?? language
            finish(&input, sources)
        }
    }

    /// The `alternate` link (or one without `rel`), HTML first.
    private static func atomLink(_ element: XMLElement, base: FeedURL) -> String? {
        let links = element.all("atom:link").filter { ($0.attributes["rel"] ?? "alternate") == "alternate" && $0.attributes["href"] != nil }
        let chosen = links.first { ($0.attributes["type"] ?? "text/html").contains("html") } ?? links.first
        return chosen.flatMap { link in
            FeedText.plain(link.attributes["href"]).map { base.appending(link.attributes["xml:base"]).resolve($0) }
        }
    }

    private static func atomAuthors(_ element: XMLElement) -> [String] {
        element.all("atom:author").compactMap { FeedText.plain($0.first("atom:name")?.text) ?? FeedText.plain($0.text) }
    }

    // MARK: JSON Feed 1.x

    private init(jsonFeed value: JSONValue, feedURL: String?) {
        format = .jsonFeed
        let feed = JSONFields(value)
        title = feed.string("title").flatMap(FeedText.plain)
        link = feed.string("home_page_url")
        language = feed.string("language")
        let base = FeedURL(feed.string("feed_url") ?? feedURL, base: nil)
        let feedAuthors = Self.jsonAuthors(feed)
        guard case .array(let items)? = feed["items"] else {
            entries.append(.failure(InputError("JSON Feed without an \"items\" list")))
            return
        }
        for item in items {
            guard case .object = item else {
                entries.append(.failure(InputError("an item of the JSON Feed is not an object")))
                continue
            }
            let fields = JSONFields(item)
            var input = ArticleInput()
            var sources: [String: String] = [:]
            input.guid = fields.string("id")
            input.title = fields.string("title").flatMap(FeedText.plain)
            if let url = fields.string("url") ?? fields.string("external_url") {
                input.url = base.resolve(url)
                sources["url"] = fields.string("url") != nil ? "url" : "external_url"
            }
            if let date = fields.string("date_published") ?? fields.string("date_modified") {
                input.date = date
                sources["date"] = fields.string("date_published") != nil ? "date_published" : "date_modified"
            }
            let authors = Self.jsonAuthors(fields)
            if !(authors.isEmpty && feedAuthors.isEmpty) {
                input.author = (authors.isEmpty ? feedAuthors : authors).joined(separator: ", ")
                sources["author"] = authors.isEmpty ? "feed authors" : "authors"
            }
            if case .array(let tags)? = fields["tags"] {
                input.tags = tags.compactMap { if case .string(let tag) = $0 { tag } else { nil } }
            }
            if let html = fields.string("content_html"), let body = FeedText.html(html) {
                input.body = body
                sources["body"] = "content_html"
            } else if let text = fields.string("content_text")?.trimmed, !text.isEmpty {
                input.body = text
                sources["body"] = "content_text"
            } else if let summary = fields.string("summary").flatMap(FeedText.html) {
                input.body = summary
                sources["body"] = "summary"
            }
            input.language = fields.string("language") ?? language
            finish(&input, sources)
        }
    }

    private static func jsonAuthors(_ fields: JSONFields) -> [String] {
        var values: [JSONValue] = []
        if case .array(let list)? = fields["authors"] { values = list } else if let single = fields["author"] { values = [single] }
        return values.compactMap { JSONFields($0).string("name") }
    }

    // MARK: Entries

    /// Adds the entry, with the feed's title as its outlet; an entry with nothing at all is reported.
    private mutating func finish(_ input: inout ArticleInput, _ sources: [String: String]) {
        var sources = sources
        if let title, input.outlet == nil {
            input.outlet = title
            sources["outlet"] = "feed title"
        }
        if input.title != nil { sources["title"] = "title" }
        input.sources = sources.filter { key, _ in
            switch key {
            case "url": input.url != nil
            case "date": input.date != nil
            case "author": input.author != nil
            default: true
            }
        }
        if input.body == nil && input.title == nil && input.url == nil {
            entries.append(.failure(InputError("entry \(entries.count + 1) has no title, no text and no link")))
        } else {
            // Without text it needs its page (see SourceItem.linked).
            entries.append(.success(input))
        }
    }
}

/// A base url for relative links: the feed's own url, then each `xml:base` on the way down.
struct FeedURL {
    var base: URL?

    init(_ feedURL: String?, base: String?) {
        self.base = feedURL.flatMap { URL(string: $0) }
        self = appending(base)
    }

    func appending(_ relative: String?) -> FeedURL {
        guard let relative = relative?.trimmed, !relative.isEmpty else { return self }
        var copy = self
        copy.base = URL(string: relative, relativeTo: base)?.absoluteURL ?? base
        return copy
    }

    /// `link` made absolute, or as it is when it cannot be.
    func resolve(_ link: String) -> String {
        URL(string: link, relativeTo: base)?.absoluteURL.absoluteString ?? link
    }
}

/// Reading members of a JSON object by name.
struct JSONFields {
    let members: [(key: String, value: JSONValue)]

    init(_ value: JSONValue) {
        if case .object(let members) = value { self.members = members } else { members = [] }
    }

    subscript(key: String) -> JSONValue? { members.first { $0.key == key }?.value }

    func string(_ key: String) -> String? {
        guard case .string(let text)? = self[key] else { return nil }
        let trimmed = text.trimmed
        return trimmed.isEmpty ? nil : trimmed
    }
}
