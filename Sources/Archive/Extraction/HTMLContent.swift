/// Finds an article's own text in a page: the block whose paragraphs carry the most prose,
/// scored by text length, commas, link density, tag kind and class/id hints, together with
/// the sibling blocks that continue it. Paragraphs stay paragraphs (a blank line between).
enum HTMLContent {
    /// How much a pass may prune: strict first, looser when that leaves too little text.
    struct Pruning {
        var byClassHints: Bool
        var hidden: Bool
        static let passes = [Pruning(byClassHints: true, hidden: true), Pruning(byClassHints: false, hidden: true),
                             Pruning(byClassHints: false, hidden: false)]
    }

    /// Text shorter than this after a pass means the pass pruned the article itself.
    static let enoughText = 400

    /// The article's text.
    static func body(of root: HTMLElement) -> String {
        var longest = ""
        for pruning in Pruning.passes {
            root.unprune()
            let text = body(of: root, pruning: pruning)
            if text.count >= enoughText { return text }
            if text.count > longest.count { longest = text }
        }
        return longest
    }

    static func body(of root: HTMLElement, pruning: Pruning) -> String {
        let body = root.descendants().first { $0.tag == "body" } ?? root
        prune(body, pruning)
        let texts = TextLengths()
        let paragraphs = paragraphLike(in: body, texts)
        let paragraphIDs = Set(paragraphs.map(ObjectIdentifier.init))
        var scores: [ObjectIdentifier: Double] = [:]
        var candidates: [HTMLElement] = []
        let pieces = paragraphs.map { (holder: $0.parent, text: texts.text($0)) } + looseText(in: body, texts)
        for (holder, text) in pieces {
            guard text.count >= 25 else { continue }
            let points = points(text)
            var ancestor = holder
            for level in 0..<3 {
                guard let element = ancestor, element.tag != "html", element.tag != "#document" else { break }
                let id = ObjectIdentifier(element)
                if scores[id] == nil {
                    scores[id] = baseScore(element)
                    candidates.append(element)
                }
                scores[id]! += points / Double(level == 0 ? 1 : level * 2)
                ancestor = element.parent
            }
        }
        guard !candidates.isEmpty else { return render([body]) }
        var best = candidates[0]
        var bestScore = -Double.infinity
        for candidate in candidates {
            let score = scores[ObjectIdentifier(candidate)]! * (1 - texts.linkDensity(candidate))
            scores[ObjectIdentifier(candidate)] = score
            if score > bestScore { (best, bestScore) = (candidate, score) }
        }
        // Siblings that continue the article: well scored, or prose paragraphs.
        var chosen: [HTMLElement] = []
        let threshold = max(10, bestScore * 0.2)
        for case .element(let sibling) in best.parent?.keptChildren ?? [.element(best)] {
            if sibling === best { chosen.append(sibling); continue }
            if let score = scores[ObjectIdentifier(sibling)], score >= threshold { chosen.append(sibling); continue }
            guard sibling.tag == "p" else { continue }
            let text = texts.text(sibling)
            let density = texts.linkDensity(sibling)
            if (text.count > 80 && density < 0.25) || (text.count > 0 && density == 0 && text.hasSuffix(".")) {
                chosen.append(sibling)
            }
        }
        let chunks = otherChunks(of: best, paragraphIDs, texts)
        chosen = chunks.before + chosen + chunks.after
        return render(chosen)
    }

    /// An article set in several chunks: the block, with whatever wraps it alone, has siblings of
    /// the same kind (tag and a class in common) that hold a paragraph of prose or more. The one
    /// with the headline is the article's header, its summary not part of the body.
    private static func otherChunks(of best: HTMLElement, _ paragraphs: Set<ObjectIdentifier>,
                                    _ texts: TextLengths) -> (before: [HTMLElement], after: [HTMLElement]) {
        var unit = best
        while let parent = unit.parent, !["body", "#document"].contains(parent.tag),
              texts.text(parent).count <= texts.text(unit).count + 100 {
            unit = parent
        }
        guard unit !== best, let parent = unit.parent else { return ([], []) }
        let kind = classNames(unit)
        var chunks: (before: [HTMLElement], after: [HTMLElement]) = ([], [])
        var seenUnit = false
        for case .element(let sibling) in parent.keptChildren {
            if sibling === unit { seenUnit = true; continue }
            guard sibling.tag == unit.tag, kind == classNames(sibling) || !kind.isDisjoint(with: classNames(sibling)),
                  prose(sibling, paragraphs, texts) >= 3,
                  !sibling.descendants().contains(where: { $0.tag == "h1" }) else { continue }
            if seenUnit { chunks.after.append(sibling) } else { chunks.before.append(sibling) }
        }
        return chunks
    }

    // MARK: Pruning

    /// Elements that never hold the article's text.
    private static let dropTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "form", "button",
        "input", "select", "textarea", "nav", "aside", "footer", "figure", "figcaption", "picture", "video", "audio",
        "map", "dialog", "menu", "header", "link", "meta",
    ]

    /// Tags some sites wrap a whole page in (ASP.NET's `<form>`): dropped only when they hold little prose.
    private static let wrapperTags: Set<String> = ["form", "header"]

    /// A box that holds the headline and prose: broken markup left a `<button>`, a sidebar or a
    /// header open around the whole article (or a theme named the page's wrapper so).
    private static func wrapsThePage(_ element: HTMLElement) -> Bool {
        !["script", "style", "noscript", "template", "svg"].contains(element.tag)
            && element.descendants().contains { $0.tag == "h1" } && holdsProse(element)
    }

    private static func holdsProse(_ element: HTMLElement) -> Bool {
        element.descendants().lazy.filter { $0.tag == "p" }.reduce(0) { $0 + $1.text.count } >= 500
    }

    private static let negativeTokens: Set<String> = [
        "ad", "ads", "adv", "advert", "advertisement", "advertising", "banner", "breadcrumb", "breadcrumbs", "comment",
        "comments", "community", "cookie", "cookies", "disqus", "footer", "masthead", "menu", "modal", "nav", "navbar",
        "navigation", "newsletter", "outbrain", "pagination", "popup", "promo", "related", "recirc", "recommended",
        "recommendations", "remark", "replies", "rss", "share", "sharing", "shares", "shoutbox", "sidebar", "skyscraper",
        "social", "sponsor", "sponsored", "subscribe", "subscription", "taboola", "toolbar", "widget", "signup",
        "trending", "popular", "login", "overlay", "caption", "credit", "credits", "byline", "author",
        "tags", "tag", "topics", "keywords", "hidden", "print", "jump", "skip", "follow", "newsletters", "readmore",
        "read-more", "more-stories", "dateline", "timestamp", "meta", "utility", "tools", "toc",
    ]

    /// Words of the part a paywall locks: the article's own text when it holds prose, only a
    /// prompt to subscribe when it does not.
    private static let gatedTokens: Set<String> = ["paywall", "paywalled", "premium", "locked", "gated", "metered", "subscriber"]

    private static let positiveTokens: Set<String> = [
        "article", "articlebody", "article-body", "body", "content", "entry", "main", "post", "story", "text",
        "blog", "prose", "richtext", "storybody", "postbody", "entry-content",
    ]

    /// The words of an element's class and id, lower-cased: "story-body__inner" → story, body, inner;
    /// camelCase also word by word: "relatedArticles" → relatedarticles, related, articles.
    private static func tokens(_ element: HTMLElement) -> [String] {
        let hints = [element["class"], element["id"]].compactMap { $0 }
        guard !hints.isEmpty else { return [] }
        var words: [String] = []
        var current: [UInt8] = []
        var humps: [Int] = []
        func flush() {
            guard !current.isEmpty else { return }
            words.append(String(decoding: current, as: UTF8.self))
            if !humps.isEmpty {
                for (start, end) in zip([0] + humps, humps + [current.count]) {
                    words.append(String(decoding: current[start..<end], as: UTF8.self))
                }
            }
            current.removeAll(keepingCapacity: true)
            humps.removeAll(keepingCapacity: true)
        }
        var afterLower = false
        for byte in hints.joined(separator: " ").utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...: current.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if afterLower { humps.append(current.count) }
                current.append(byte | 0x20)
            default: flush()
            }
            afterLower = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        }
        flush()
        return words
    }

    /// An element's classes as written: chunks of one article share one, a site's other sections do not.
    private static func classNames(_ element: HTMLElement) -> Set<Substring> {
        Set((element["class"] ?? "").split(separator: " "))
    }

    /// -25 for a class or id that hints at chrome, +25 for one that hints at content.
    private static func classWeight(_ element: HTMLElement) -> Double {
        let words = tokens(element)
        var weight = 0.0
        if words.contains(where: negativeTokens.contains) { weight -= 25 }
        if words.contains(where: positiveTokens.contains) { weight += 25 }
        return weight
    }

    private static func isHidden(_ element: HTMLElement) -> Bool {
        if element["hidden"] != nil || element["aria-hidden"] == "true" { return true }
        let style = (element["style"] ?? "").lowercased().replacingOccurrences(of: " ", with: "")
        return style.contains("display:none") || style.contains("visibility:hidden")
    }

    /// `articleLength` is the text length of the nearest `<article>` above `element`, before pruning:
    /// an article inside it holding less than half of that is another item (a teaser, a related
    /// story), not a part of it.
    private static func prune(_ element: HTMLElement, _ pruning: Pruning, articleLength: Int? = nil) {
        for case .element(let child) in element.children where !child.isPruned {
            if pruning.byClassHints, child.tag == "article", let articleLength, child.text.count * 2 < articleLength {
                child.isPruned = true
                continue
            }
            let words = tokens(child)
            let unlikely = pruning.byClassHints && !["body", "article", "main"].contains(child.tag)
                && !words.contains(where: positiveTokens.contains)
                && (words.contains(where: negativeTokens.contains)
                    || (words.contains(where: gatedTokens.contains) && !holdsProse(child)))
            let dropped = dropTags.contains(child.tag) && !(wrapperTags.contains(child.tag) && holdsProse(child))
            if (dropped || unlikely || child["role"].map(chromeRoles.contains) == true) && !wrapsThePage(child)
                || (pruning.hidden && isHidden(child)) {
                child.isPruned = true
            } else {
                prune(child, pruning, articleLength: child.tag == "article" ? child.text.count : articleLength)
            }
        }
    }

    private static let chromeRoles: Set<String> = ["navigation", "banner", "complementary", "contentinfo", "dialog", "menu", "alert"]

    // MARK: Scoring

    private static let blockTags: Set<String> = [
        "p", "div", "section", "article", "main", "blockquote", "pre", "ul", "ol", "li", "table", "tr", "td", "th",
        "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "br", "hr", "address", "center", "tbody", "thead",
    ]

    /// Paragraphs, and divs that hold text directly with no blocks inside (used as paragraphs).
    private static func paragraphLike(in root: HTMLElement, _ texts: TextLengths) -> [HTMLElement] {
        root.descendants().filter { element in
            switch element.tag {
            case "p", "pre", "td", "blockquote": return true
            case "div", "section":
                return !element.children.contains {
                    if case .element(let child) = $0 { return !child.isPruned && blockTags.contains(child.tag) }
                    return false
                } && texts.text(element).count >= 25
            default: return false
            }
        }
    }

    /// What one paragraph gives the blocks around it: a point, one per comma, up to three for length.
    private static func points(_ text: String) -> Double {
        1 + Double(text.utf8.filter { $0 == UInt8(ascii: ",") }.count) + min(Double(text.count) / 100, 3)
    }

    /// The points of all the paragraphs inside `element`, however deep, less its share of link text.
    private static func prose(_ element: HTMLElement, _ paragraphs: Set<ObjectIdentifier>, _ texts: TextLengths) -> Double {
        var total = 0.0
        for inner in [element] + element.descendants() where paragraphs.contains(ObjectIdentifier(inner)) {
            let text = texts.text(inner)
            if text.count >= 25 { total += points(text) }
        }
        return total * (1 - texts.linkDensity(element))
    }

    /// Text set directly in a container that also holds blocks, split at the blocks and line breaks:
    /// each run a paragraph of that container, as a `<p>` inside it would be.
    private static func looseText(in root: HTMLElement, _ texts: TextLengths) -> [(holder: HTMLElement?, text: String)] {
        var runs: [(holder: HTMLElement?, text: String)] = []
        for element in root.descendants() where containerTags.contains(element.tag) {
            var run = ""
            var hasBlocks = false
            func flush() {
                let text = run.foldingWhitespace()
                if !text.isEmpty { runs.append((element, text)) }
                run = ""
            }
            for child in element.children {
                switch child {
                case .text(let text): run += text
                case .element(let child):
                    if child.isPruned { continue }
                    if blockTags.contains(child.tag) {
                        hasBlocks = true
                        flush()
                    } else {
                        run += " " + texts.text(child) + " "
                    }
                }
            }
            // A container without blocks is scored as a paragraph already, or holds no prose.
            if hasBlocks { flush() }
        }
        return runs
    }

    /// Where sites set text loose; a `<td>` always counts as a paragraph whole.
    private static let containerTags: Set<String> = ["div", "section", "article", "main"]

    private static func baseScore(_ element: HTMLElement) -> Double {
        let tagScore: Double = switch element.tag {
        case "div", "article", "main", "section": 5
        case "pre", "td", "blockquote": 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": -5
        default: 0
        }
        return tagScore + classWeight(element)
    }

    /// Each element's text and the length of its text inside links, worked out once per
    /// element: scoring asks for them again and again, up and down the tree.
    final class TextLengths {
        private var texts: [ObjectIdentifier: String] = [:]
        private var linked: [ObjectIdentifier: Int] = [:]

        func text(_ element: HTMLElement) -> String {
            if let text = texts[ObjectIdentifier(element)] { return text }
            let text = element.text
            texts[ObjectIdentifier(element)] = text
            return text
        }

        func linkedLength(_ element: HTMLElement) -> Int {
            if let length = linked[ObjectIdentifier(element)] { return length }
            var length = 0
            if element.tag == "a" {
                length = text(element).count
            } else {
                for case .element(let child) in element.children where !child.isPruned { length += linkedLength(child) }
            }
            linked[ObjectIdentifier(element)] = length
            return length
        }

        /// The share of an element's text that sits inside links.
        func linkDensity(_ element: HTMLElement) -> Double {
            let total = text(element).count
            guard total > 0 else { return 0 }
            return min(1, Double(linkedLength(element)) / Double(total))
        }
    }

    // MARK: Rendering

    /// The only item of a list is the article's own text even when it is all link: a pointer from
    /// the paragraph before it ("Get it at the shop"). Several linked items are a list of links.
    private static func isOnlyItem(_ element: HTMLElement) -> Bool {
        guard element.tag == "li", let list = element.parent else { return false }
        return list.keptChildren.count { if case .element(let item) = $0 { item.tag == "li" } else { false } } == 1
    }

    /// The text of `elements`, one paragraph per block, without link lists and stray chrome lines.
    /// A paragraph of words said again word for word (share bars above and below, a pull quote)
    /// is given once; figures in table cells repeat by right.
    static func render(_ elements: [HTMLElement]) -> String {
        var blocks: [String] = []
        var seen: Set<String> = []
        var current = ""
        var currentLinked = 0
        var block: HTMLElement?
        func flush() {
            let text = current.foldingWhitespace()
            let linkList = Double(currentLinked) / Double(max(1, text.count)) > 0.5 && text.count < 300
                && !(block.map(isOnlyItem) ?? false)
            if !text.isEmpty && !linkList
                && !ChromeLines.isChrome(text) && (seen.insert(text).inserted || !text.contains(where: \.isLetter)) {
                blocks.append(text)
            }
            current = ""
            currentLinked = 0
        }
        func visit(_ element: HTMLElement, inLink: Bool) {
            let isBlock = blockTags.contains(element.tag)
            let outer = block
            if isBlock { flush(); block = element }
            for child in element.children {
                switch child {
                case .text(let text):
                    current += text
                    if inLink { currentLinked += text.foldingWhitespace().count }
                case .element(let child):
                    // The h1 is the headline, a field of its own, not the body's first line.
                    if !child.isPruned && child.tag != "h1" { visit(child, inLink: inLink || child.tag == "a") }
                }
            }
            if isBlock { flush(); block = outer }
        }
        for element in elements { visit(element, inLink: false) }
        flush()
        return blocks.joined(separator: "\n\n")
    }
}
