import Foundation

/// What a page says about itself: JSON-LD `NewsArticle` (or any `*Article`/`BlogPosting`),
/// Open Graph and `article:` meta tags, other common meta names, `<time datetime>`, the
/// canonical link and `<html lang>`. Each field takes the first source that gives it.
struct HTMLMetadata {
    var title: String?
    var date: String?
    var outlet: String?
    var author: String?
    var url: String?
    var tags: [String] = []
    var language: String?
    /// JSON-LD `articleBody`, when the page carries the text whole.
    var articleBody: String?

    init(root: HTMLElement) {
        var meta: [String: [String]] = [:]
        var jsonLD: [JSONValue] = []
        var times: [String] = []
        var documentTitle: String?
        for element in root.descendants() {
            switch element.tag {
            case "meta":
                guard let content = element["content"]?.foldingWhitespace(), !content.isEmpty else { continue }
                for key in [element["property"], element["name"], element["itemprop"]].compactMap({ $0?.lowercased() }) {
                    meta[key, default: []].append(content)
                }
            case "script" where element["type"]?.lowercased().contains("ld+json") == true:
                if let value = try? JSONParser.parse(Array(element.rawText.utf8)) { jsonLD.append(value) }
            case "link" where element["rel"]?.lowercased().split(separator: " ").contains("canonical") == true:
                url = url ?? element["href"].flatMap(Self.absoluteURL)
            case "time":
                if let stamp = element["datetime"] { times.append(stamp) }
            case "title":
                documentTitle = documentTitle ?? element.text
            case "html":
                language = element["lang"].flatMap(Self.languageCode)
            default:
                break
            }
        }
        let article = jsonLD.lazy.compactMap(Self.findArticle).first
        func first(_ keys: String...) -> String? { keys.lazy.compactMap { meta[$0]?.first }.first }

        title = article.flatMap { Self.string($0["headline"]) } ?? first("og:title", "twitter:title", "parsely-title")
            ?? documentTitle.map(Self.strippingSiteName)
        let dateCandidates = [article.flatMap { Self.string($0["datePublished"]) },
                              first("article:published_time", "og:article:published_time", "datepublished", "pubdate",
                                    "publishdate", "publish-date", "parsely-pub-date", "sailthru.date", "dc.date.issued",
                                    "dc.date", "date", "article.published", "original-publish-date")] + times.map(Optional.some)
        date = dateCandidates.lazy.compactMap { $0.flatMap(ArticleDates.plausible) }.first
        outlet = article.flatMap { Self.name($0["publisher"]) } ?? first("og:site_name", "application-name", "twitter:site")
            .map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
        author = (article.flatMap { Self.name($0["author"]) }).flatMap(Bylines.clean)
            ?? [first("author", "article:author", "parsely-author", "sailthru.author", "byl")].lazy
                .compactMap { $0.flatMap(Bylines.clean) }.first
        url = url ?? first("og:url").flatMap(Self.absoluteURL) ?? article.flatMap { Self.string($0["url"]) }.flatMap(Self.absoluteURL)
        var tagList = meta["article:tag"] ?? []
        if tagList.isEmpty, let keywords = article?["keywords"] {
            tagList = Self.strings(keywords).flatMap { $0.split(separator: ",").map(String.init) }
        }
        if tagList.isEmpty, let keywords = first("news_keywords") { tagList = keywords.split(separator: ",").map(String.init) }
        tags = tagList.map { $0.foldingWhitespace() }.filter { !$0.isEmpty && $0.count <= 60 }
        language = language ?? article.flatMap { Self.string($0["inLanguage"]) }.flatMap(Self.languageCode)
            ?? first("og:locale").flatMap(Self.languageCode)
        articleBody = article.flatMap { Self.string($0["articleBody"]) }
    }

    // MARK: JSON-LD

    private static let articleTypes: Set<String> = [
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "backgroundnewsarticle", "blogposting", "liveblogposting", "report", "scholarlyarticle", "techarticle",
    ]

    /// The first object typed as an article, searching arrays and `@graph`.
    private static func findArticle(_ value: JSONValue) -> [String: JSONValue]? {
        switch value {
        case .array(let items): return items.lazy.compactMap(findArticle).first
        case .object(let members):
            let object = Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            if strings(object["@type"] ?? .null).contains(where: { articleTypes.contains($0.lowercased()) }) { return object }
            if let graph = object["@graph"] { return findArticle(graph) }
            return nil
        default: return nil
        }
    }

    private static func string(_ value: JSONValue?) -> String? {
        guard case .string(let text)? = value else { return nil }
        let folded = text.foldingWhitespace()
        return folded.isEmpty ? nil : text
    }

    private static func strings(_ value: JSONValue) -> [String] {
        switch value {
        case .string(let text): [text]
        case .array(let items): items.flatMap(strings)
        default: []
        }
    }

    /// A person's or organisation's name: text, `{"name": …}`, or the first of a list.
    private static func name(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: return text.foldingWhitespace().isEmpty ? nil : text.foldingWhitespace()
        case .object(let members)?: return name(members.first { $0.key == "name" }?.value)
        case .array(let items)?:
            let names = items.compactMap { name($0) }
            return names.isEmpty ? nil : names.joined(separator: ", ")
        default: return nil
        }
    }

    // MARK: Small readers

    private static func absoluteURL(_ text: String) -> String? {
        let trimmed = text.trimmed
        return trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") ? trimmed : nil
    }

    /// `en-US` → `en`.
    static func languageCode(_ text: String) -> String? {
        let code = text.trimmed.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        return (2...3).contains(code.count) && code.allSatisfy(\.isLetter) ? code : nil
    }

    /// "Headline | Outlet" or "Headline - Outlet" → "Headline".
    private static func strippingSiteName(_ title: String) -> String {
        for separator in [" | ", " – ", " — ", " - ", " :: "] {
            if let range = title.range(of: separator, options: .backwards) {
                let head = String(title[..<range.lowerBound])
                if head.split(separator: " ").count >= 3 { return head }
            }
        }
        return title
    }
}

/// Publication dates as an extractor may accept them: readable, not in the future, not before 1900.
enum ArticleDates {
    static func plausible(_ text: String) -> String? {
        guard let date = try? PublicationDate.normalize(text) else { return nil }
        let year = Int(date.prefix(4)) ?? 0
        let tomorrow = Timestamp.format(Date().addingTimeInterval(86_400))
        guard year >= 1900, date.prefix(10) <= tomorrow.prefix(10) else { return nil }
        return date
    }
}

/// Author names as pages give them, without the job titles and reading times that sit beside them.
enum Bylines {
    private static let notNames: Set<String> = [
        "staff", "staff writer", "senior reporter", "reporter", "editor", "correspondent", "minute read",
        "min read", "contributor", "admin", "news desk", "newsroom", "associated press", "reuters", "afp",
    ]

    static func clean(_ raw: String) -> String? {
        var text = raw.foldingWhitespace()
        for prefix in ["By ", "by ", "BY ", "Written by ", "Words by "] where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
        }
        text = text.trimmed
        guard !text.isEmpty, text.count <= 80, !text.contains("http"), !text.contains("@"),
              !text.contains(where: \.isNumber), !notNames.contains(text.lowercased()),
              !text.lowercased().hasSuffix(" read") else { return nil }
        let words = text.split(separator: " ")
        guard words.count <= 8 else { return nil }
        return text
    }
}
