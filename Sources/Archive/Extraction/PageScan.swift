/// One pass over a parsed page that gathers what metadata extraction reads, each piece marked
/// with where it sits: inside the article, or inside a part that is about other things
/// (comments, sidebars, related and latest lists, teasers, event lists), which never gives
/// the article's date, headline or author.
struct PageScan {
    struct Heading {
        var text: String
        var inArticle: Bool
        /// An `<h1>`; otherwise an `<h2>` or `<h3>` whose class says it is the entry's title.
        var isMain: Bool
        var order: Int
        /// The texts of its children when it has several (a kicker and the headline), else empty.
        var parts: [String] = []
    }

    /// A date in markup: `<time datetime>`, `itemprop="datePublished"`, `<abbr class="published" title>`.
    struct Stamp {
        var value: String
        var source: String
        /// Marked as the publication date, not just a time.
        var isPublication: Bool
        var excluded: Bool
        var order: Int
    }

    struct Snippet {
        var text: String
        var source: String
        var excluded: Bool
        var order: Int
    }

    var meta: [String: [String]] = [:]
    var jsonLD: [JSONValue] = []
    var canonical: String?
    var documentTitle: String?
    var language: String?
    var headings: [Heading] = []
    var stamps: [Stamp] = []
    /// Short texts of elements whose class or id says they hold a date (`date`, `meta`, `byline`, …).
    var dateTexts: [Snippet] = []
    var bylines: [Snippet] = []
    /// The name in a `© 2025 NAME` line at the foot of the page.
    var copyrightName: String?
    /// The page's text outside the excluded parts, in order, with the element order it follows.
    private var texts: [(order: Int, text: String)] = []
    private var order = 0
    /// Characters of text below each element: a menu or footer that holds a whole article is a
    /// wrapper left open by broken markup, not furniture.
    private var textLengths: [ObjectIdentifier: Int] = [:]
    /// Elements with an `<h1>` inside: a "sidebar" or "comments" wrapper around the headline is
    /// a layout box left open by broken markup (or a theme's name for the page), not a side part.
    private var headlineHolders: Set<ObjectIdentifier> = []
    private static let largestFurniture = 2_500

    init(root: HTMLElement) {
        measure(root)
        visit(root, Zone())
        bylines.sort { $0.source.priority < $1.source.priority }
    }

    /// The short texts (a line of its own, not a sentence of prose) among the first `characters`
    /// of the page's text after element `order`.
    func lines(after order: Int, characters: Int) -> [String] {
        numberedLines(after: order, characters: characters).map(\.text)
    }

    /// The same lines, each with the element order it follows.
    func numberedLines(after order: Int, characters: Int) -> [(order: Int, text: String)] {
        var result: [(order: Int, text: String)] = []
        var seen = 0
        for entry in texts where entry.order > order {
            if entry.text.count <= 100 { result.append(entry) }
            seen += entry.text.count
            if seen >= characters { break }
        }
        return result
    }

    /// The element order of the first text that is `text` (the headline set as plain text).
    func order(ofText text: String) -> Int? {
        let wanted = text.foldingWhitespace().lowercased()
        return texts.first { $0.text.lowercased() == wanted }?.order
    }

    // MARK: The walk

    @discardableResult
    private mutating func measure(_ element: HTMLElement) -> (length: Int, holdsHeadline: Bool) {
        var length = 0
        var holdsHeadline = false
        for child in element.children {
            switch child {
            case .text(let text): length += text.utf8.count
            case .element(let child):
                let inner = measure(child)
                length += inner.length
                holdsHeadline = holdsHeadline || inner.holdsHeadline || child.tag == "h1"
            }
        }
        textLengths[ObjectIdentifier(element)] = length
        if holdsHeadline { headlineHolders.insert(ObjectIdentifier(element)) }
        return (length, holdsHeadline)
    }

    private struct Zone {
        /// About other items: never the article's metadata.
        var otherItems = false
        /// Page furniture (footers, navigation): structured dates still count, text does not.
        var furniture = false
        var inArticle = false
        var inLogo = false
        var inFooter = false
    }

    private mutating func visit(_ element: HTMLElement, _ zone: Zone) {
        for child in element.children {
            switch child {
            case .text(let text):
                guard !zone.otherItems && !zone.furniture else {
                    if zone.inFooter, copyrightName == nil, text.contains("©") { copyrightName = Self.copyright(text) }
                    continue
                }
                let folded = text.foldingWhitespace()
                if !folded.isEmpty { texts.append((order, folded)) }
            case .element(let child):
                order += 1
                visitElement(child, zone)
            }
        }
    }

    private mutating func visitElement(_ element: HTMLElement, _ outer: Zone) {
        let tag = element.tag
        switch tag {
        case "meta":
            guard let content = element["content"]?.foldingWhitespace(), !content.isEmpty else { return }
            for key in [element["property"], element["name"], element["itemprop"]].compactMap({ $0?.lowercased() }) {
                if key == "datepublished" && outer.otherItems { continue }
                meta[key, default: []].append(content)
            }
            return
        case "script":
            if element["type"]?.lowercased().contains("ld+json") == true,
               let value = try? JSONParser.parse(Self.withoutControlCharacters(element.rawText)) { jsonLD.append(value) }
            return
        case "style", "noscript", "template", "svg":
            return
        case "link":
            if element["rel"]?.lowercased().split(separator: " ").contains("canonical") == true, canonical == nil {
                canonical = element["href"].flatMap(HTMLMetadata.absoluteURL)
            }
            return
        case "title":
            if documentTitle == nil, outer.otherItems == false { documentTitle = element.text }
            return
        case "html":
            language = element["lang"].flatMap(HTMLMetadata.languageCode)
        default:
            break
        }
        // The page's own wrappers say what kind of page it is ("no-sidebar", "single-post"), not
        // what part they are.
        let words = ["html", "body", "main"].contains(tag) ? [] : Self.hintWords(element)
        // One lookup per word for every kind of hint (this runs for every element of a page).
        let kinds = words.reduce(Hint()) { $0.union(Self.hints[$1] ?? []) }
        var zone = outer
        let isArticle = kinds.contains(.article)
        let bytes = textLengths[ObjectIdentifier(element)] ?? 0
        let isSmall = bytes <= Self.largestFurniture
        // An aside in the article that is its meta line ("aside class=meta": date, author).
        let isMetaLine = (outer.inArticle || isArticle) && isSmall
            && !kinds.isDisjoint(with: [.date, .byline])
        if (tag == "aside" && !isMetaLine || kinds.contains(.otherItem)
            || (kinds.contains(.weakOtherItem) && !isArticle && isSmall)
            || element["role"] == "complementary") && !headlineHolders.contains(ObjectIdentifier(element)) {
            zone.otherItems = true
        }
        if isSmall && (["nav", "footer", "button", "select", "menu"].contains(tag) && !outer.inArticle
            || kinds.contains(.furniture) && !isArticle || element["role"] == "navigation") {
            zone.furniture = true
        }
        if tag == "footer" || words.contains("footer") { zone.inFooter = true }
        if tag == "article" || tag == "main" || element["itemprop"] == "articleBody"
            || element["itemtype"].map({ $0.contains("Article") || $0.contains("BlogPosting") }) == true
            || kinds.contains(.article) {
            zone.inArticle = true
        }
        if kinds.contains(.logo) { zone.inLogo = true }
        let itemprop = element["itemprop"]?.lowercased() ?? ""

        switch tag {
        case "h1", "h2", "h3":
            guard tag == "h1" || kinds.contains(.title) else { break }
            let text = HTMLEntities.decode(Self.visibleText(element))
            if !zone.otherItems && !zone.inLogo && !Self.isHomeLink(element) && !text.isEmpty {
                let parts = Self.headingParts(element)
                headings.append(Heading(text: text, inArticle: zone.inArticle, isMain: tag == "h1", order: order,
                                        parts: parts.count >= 2 ? parts : []))
            }
        case "time":
            if let value = element["datetime"] ?? (element.text.isEmpty ? nil : element.text) {
                let marked = element["pubdate"] != nil || itemprop == "datepublished" || kinds.contains(.published)
                stamps.append(Stamp(value: value, source: marked ? "time pubdate" : "time datetime", isPublication: marked,
                                    excluded: zone.otherItems || (!marked && zone.furniture), order: order))
            }
        default:
            break
        }
        if itemprop == "datepublished" && tag != "time" && tag != "meta" {
            if let value = element["content"] ?? element["datetime"] ?? element["title"] ?? Optional(element.text) {
                stamps.append(Stamp(value: value, source: "itemprop datePublished", isPublication: true,
                                    excluded: zone.otherItems, order: order))
            }
        } else if tag == "abbr", let value = element["title"], kinds.contains(.published) {
            stamps.append(Stamp(value: value, source: "abbr published", isPublication: true, excluded: zone.otherItems, order: order))
        }
        if itemprop.split(separator: " ").contains("author") {
            let name = element.descendants().first { $0["itemprop"] == "name" }
            let text = name?["content"] ?? name?.text ?? element["content"] ?? element.text
            bylines.append(Snippet(text: text, source: "itemprop author", excluded: zone.otherItems, order: order))
        } else if tag == "a", element["rel"]?.lowercased().split(separator: " ").contains("author") == true {
            bylines.append(Snippet(text: element.text, source: "rel author", excluded: zone.otherItems || zone.furniture, order: order))
        } else if kinds.contains(.byline), !zone.otherItems, bytes <= 640 {
            let text = element.text
            if text.count <= 160 {
                bylines.append(Snippet(text: text, source: "byline", excluded: zone.furniture, order: order))
            }
        }
        if kinds.contains(.date), !zone.otherItems, bytes <= 800 {
            let text = element.text
            if !text.isEmpty && text.count <= 200 {
                dateTexts.append(Snippet(text: text, source: "date element", excluded: zone.furniture, order: order))
            }
        }
        visit(element, zone)
    }

    /// JSON-LD as pages write it, with raw tabs and line breaks inside its strings (invalid
    /// JSON that browsers and search engines read anyway): every control character becomes a
    /// space, which changes nothing outside strings.
    static func withoutControlCharacters(_ text: String) -> [UInt8] {
        text.utf8.map { $0 < 0x20 ? UInt8(ascii: " ") : $0 }
    }

    // MARK: Headings

    private static let inlineTags: Set<String> = ["a", "abbr", "b", "i", "em", "strong", "u", "sup", "sub", "mark", "q", "cite", "code", "font"]
    private static let invisibleWords: Set<String> = ["elementinvisible", "sronly", "visuallyhidden", "screenreadertext", "hidden", "invisible"]

    private static func isInvisible(_ element: HTMLElement) -> Bool {
        element["hidden"] != nil || element["aria-hidden"] == "true" || hintWords(element).contains(where: invisibleWords.contains)
    }

    /// Text as a reader sees it: without screen-reader-only parts ("| SITE" inside an `<h1>`).
    static func visibleText(_ element: HTMLElement) -> String {
        var text = ""
        func visit(_ element: HTMLElement) {
            for child in element.children {
                switch child {
                case .text(let string): text += string
                case .element(let inner): if !isInvisible(inner) { text += " "; visit(inner) }
                }
            }
        }
        visit(element)
        return text.foldingWhitespace()
    }

    /// The pieces of a heading set apart by markup (a kicker span above the headline, a `<br>`);
    /// words of one line around a link, an `<abbr>` or bold type stay one piece. Empty unless
    /// there are two or more.
    static func headingParts(_ element: HTMLElement) -> [String] {
        var parts: [String] = []
        var current = ""
        func flush() {
            let text = current.foldingWhitespace()
            if !text.isEmpty { parts.append(HTMLEntities.decode(text)) }
            current = ""
        }
        for child in element.children {
            switch child {
            case .text(let text): current += text
            case .element(let inner):
                if isInvisible(inner) || inner.tag == "style" || inner.tag == "script" { continue }
                if inner.tag == "br" { flush() }
                else if inlineTags.contains(inner.tag) && inner["class"] == nil || !visibleText(inner).contains(" ") {
                    current += " " + visibleText(inner) + " "   // a link, bold type, one word in small caps
                }
                else { flush(); current = visibleText(inner); flush() }
            }
        }
        flush()
        return parts.count >= 2 ? parts : []
    }

    // MARK: Hints

    /// The words of an element's class and id, lower-cased, split at anything not a letter or digit.
    static func hintWords(_ element: HTMLElement) -> Set<String> {
        guard element["class"] != nil || element["id"] != nil else { return [] }
        var words: Set<String> = []
        // On UTF-8 bytes: this runs for every element with a class, so no Unicode property lookups.
        for attribute in [element["class"], element["id"]] {
            guard let attribute else { continue }
            for whole in attribute.utf8.split(separator: UInt8(ascii: " ")) {
                var joined: [UInt8] = []
                var current: [UInt8] = []
                for byte in whole {
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...: current.append(byte)
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                        // camelCase: "blogData" is "blog" and "data" (and "blogdata").
                        if let last = current.last, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(last) {
                            words.insert(String(decoding: current, as: UTF8.self))
                            joined += current
                            current.removeAll(keepingCapacity: true)
                        }
                        current.append(byte | 0x20)
                    default:
                        if !current.isEmpty { words.insert(String(decoding: current, as: UTF8.self)) }
                        joined += current
                        current.removeAll(keepingCapacity: true)
                    }
                }
                if !current.isEmpty { words.insert(String(decoding: current, as: UTF8.self)) }
                // "post-date" and "article__date" also as one word: "postdate", "articledate".
                joined += current
                if !joined.isEmpty { words.insert(String(decoding: joined, as: UTF8.self)) }
            }
        }
        return words
    }

    /// The kinds of hint a class or id word gives.
    struct Hint: OptionSet {
        let rawValue: UInt16
        static let otherItem = Hint(rawValue: 1), weakOtherItem = Hint(rawValue: 2), furniture = Hint(rawValue: 4)
        static let article = Hint(rawValue: 8), title = Hint(rawValue: 16), logo = Hint(rawValue: 32)
        static let published = Hint(rawValue: 64), date = Hint(rawValue: 128), byline = Hint(rawValue: 256)
    }

    private static let hints: [String: Hint] = {
        var table: [String: Hint] = [:]
        for (words, kind) in [(otherItemWords, Hint.otherItem), (weakOtherItemWords, .weakOtherItem), (furnitureWords, .furniture),
                              (articleWords, .article), (titleWords, .title), (logoWords, .logo), (publishedWords, .published),
                              (dateWords, .date), (bylineWords, .byline)] {
            for word in words { table[word, default: []].insert(kind) }
        }
        return table
    }()

    private static let otherItemWords: Set<String> = [
        "comment", "comments", "commentlist", "reply", "replies", "respond", "related", "relatedposts", "sidebar",
        "recommended", "recommendations", "recommendation", "disqus", "outbrain", "taboola", "kommentare", "kommentar",
        "morestories", "moreposts", "nextpost", "prevpost", "postnavigation", "tagcloud", "blogroll", "testimonial",
        "testimonials", "similar", "aehnliche", "ähnliche", "trending", "mostread", "upcoming",
    ]

    /// Words of such parts that also wrap whole articles on some sites ("widget Blog"): they count
    /// unless the element's other words say it is the article.
    private static let weakOtherItemWords: Set<String> = [
        "widget", "widgets", "teaser", "teasers", "popular", "latest", "recent", "recentposts", "event", "events",
        "calendar", "termine", "veranstaltungen", "newsletter", "readmore", "pagination", "archive", "archives",
        "ticker", "carousel", "slider", "review",
        "reviews", "download", "downloads", "attachment", "attachments", "further", "weitere", "more", "most",
    ]

    private static let furnitureWords: Set<String> = [
        "nav", "navbar", "navigation", "menu", "footer", "breadcrumb", "breadcrumbs", "cookie", "cookies", "share",
        "sharing", "social", "toolbar", "skip", "login", "search",
    ]

    private static let articleWords: Set<String> = [
        "article", "post", "entry", "story", "hentry", "blogpost", "postbody", "articlebody", "entrycontent",
        "storybody", "blog", "main", "content", "single",
    ]

    private static let titleWords: Set<String> = [
        "posttitle", "entrytitle", "articletitle", "headline", "storytitle", "title", "pagetitle", "newstitle",
    ]

    private static let logoWords: Set<String> = ["logo", "brand", "sitetitle", "sitename", "masthead", "blogtitle", "branding"]

    private static let publishedWords: Set<String> = [
        "published", "datepublished", "publishdate", "pubdate", "postdate", "entrydate", "publicationdate", "publish",
        "dtpublished", "createdate", "created",
    ]

    private static let dateWords: Set<String> = [
        "date", "datum", "fecha", "data", "time", "dateline", "published", "posted", "postdate", "entrydate", "pubdate",
        "publishdate", "meta", "postmeta", "entrymeta", "articlemeta", "byline", "info", "postinfo", "timestamp",
        "dateheader", "datetime", "article__date", "updated", "subline", "submitted", "kicker", "tagline",
    ]

    private static let bylineWords: Set<String> = [
        "author", "byline", "authorname", "author-name", "autor", "auteur", "autore", "writer", "postauthor",
        "entryauthor", "articleauthor", "byauthor", "authors", "contributor", "vcard", "fn", "creator", "verfasser",
    ]

    /// An h1 that is only a link to the site's home page: the logo, not a headline.
    private static func isHomeLink(_ element: HTMLElement) -> Bool {
        guard let link = element.descendants().first(where: { $0.tag == "a" }), link.text == element.text,
              let href = link["href"] else { return false }
        let path = href.split(separator: "/", omittingEmptySubsequences: true)
        return href == "/" || (href.contains("://") && path.count <= 2)
    }

    /// "© 2025 Harbor Daily. All rights reserved." → "Harbor Daily".
    static func copyright(_ line: String) -> String? {
        guard let mark = line.firstIndex(of: "©") else { return nil }
        var rest = String(line[line.index(after: mark)...]).foldingWhitespace()
        rest = String(rest.drop { $0.isNumber || $0 == " " || $0 == "-" || $0 == "–" || $0 == "," })
        if let end = rest.firstIndex(where: { ".|,".contains($0) }) { rest = String(rest[..<end]) }
        for word in [" All rights", " all rights", " Alle Rechte", " Tous droits"] {
            if let range = rest.range(of: word) { rest = String(rest[..<range.lowerBound]) }
        }
        rest = rest.trimmed
        if let last = rest.split(separator: " ").last, last.count == 4, last.allSatisfy(\.isNumber) {
            rest = rest.split(separator: " ").dropLast().joined(separator: " ")
        }
        let words = rest.split(separator: " ")
        guard (1...6).contains(words.count), rest.first?.isLetter == true else { return nil }
        return rest
    }
}

private extension String {
    /// Stronger sources first: markup that says "author", then links, then class hints.
    var priority: Int {
        switch self {
        case "itemprop author": 0
        case "rel author": 1
        default: 2
        }
    }
}
