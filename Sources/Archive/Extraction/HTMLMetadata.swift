import Foundation

/// What a page says about its article, each field with where it was found (`sources`).
///
/// Every field is taken from the strongest source that gives it: the page's own declarations
/// first (JSON-LD `NewsArticle` and the other article types, Open Graph, `article:` and other
/// meta names), then its markup (`itemprop`, `<time>`, the headline `<h1>`, bylines), then its
/// text (the date printed under the headline), then the url (`/2024/05/11/`). Parts of the page
/// that are not the article (comments, sidebars, related and "latest" lists, teasers, event
/// lists, footers) are never read for the date, headline or author: a date stated there is
/// another item's, not the article's.
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
    /// Field name to where it was found.
    var sources: [String: String] = [:]

    init(root: HTMLElement) {
        let page = PageScan(root: root)
        let article = page.jsonLD.lazy.compactMap(JSONLD.findArticle).first
        func meta(_ keys: [String]) -> (key: String, value: String)? {
            for key in keys { if let value = page.meta[key]?.first { return (key, value) } }
            return nil
        }
        func set(_ field: String, _ value: String?, _ source: String) -> String? {
            guard let value else { return nil }
            sources[field] = source
            return value
        }

        language = page.language ?? article.flatMap { JSONLD.string($0["inLanguage"]) }.flatMap(Self.languageCode)
            ?? meta(["og:locale"]).flatMap { Self.languageCode($0.value) }

        // Outlet: a name, not a headline (some pages repeat the title in these tags).
        let isName = { (name: String) in name.split(separator: " ").count <= 8 && name.count <= 60 }
        if let name = meta(["og:site_name"]).map(\.value).map(HTMLEntities.decode), isName(name) {
            outlet = set("outlet", name, "og:site_name")
        } else if let name = article.flatMap({ JSONLD.name($0["publisher"]) }), isName(name) {
            outlet = set("outlet", name, "json-ld publisher")
        } else if let name = meta(["application-name"]).map(\.value).map(HTMLEntities.decode), isName(name),
                  name.split(separator: " ").count <= 4 {
            outlet = set("outlet", name, "meta application-name")
        } else if let name = page.copyrightName {
            outlet = set("outlet", name, "copyright line")
        }

        // Url
        if let canonical = page.canonical {
            url = set("url", canonical, "link canonical")
        } else if let og = meta(["og:url"]).flatMap({ Self.absoluteURL($0.value) }) {
            url = set("url", og, "og:url")
        } else if let declared = article.flatMap({ JSONLD.string($0["url"]) }).flatMap(Self.absoluteURL) {
            url = set("url", declared, "json-ld url")
        }

        title = chooseTitle(page, article, meta)
        date = chooseDate(page, article, meta)
        author = chooseAuthor(page, article, meta)

        var tagList = page.meta["article:tag"] ?? []
        if tagList.isEmpty, let keywords = article?["keywords"] {
            tagList = JSONLD.strings(keywords).flatMap { $0.split(separator: ",").map(String.init) }
        }
        if tagList.isEmpty, let keywords = meta(["news_keywords"]) { tagList = keywords.value.split(separator: ",").map(String.init) }
        tags = tagList.map { HTMLEntities.decode($0).foldingWhitespace() }.filter { !$0.isEmpty && $0.count <= 60 }
        if !tags.isEmpty { sources["tags"] = page.meta["article:tag"] != nil ? "article:tag" : "keywords" }
        articleBody = article.flatMap { JSONLD.string($0["articleBody"]) }.map(HTMLEntities.decode)
    }

    // MARK: Headline

    private mutating func chooseTitle(_ page: PageScan, _ article: [String: JSONValue]?,
                                      _ meta: ([String]) -> (key: String, value: String)?) -> String? {
        var declared: [(text: String, source: String)] = []
        if let headline = article.flatMap({ JSONLD.string($0["headline"]) }) { declared.append((headline, "json-ld headline")) }
        for key in ["og:title", "twitter:title", "parsely-title", "dc.title"] {
            if let value = page.meta[key]?.first { declared.append((value, key)) }
        }
        if let documentTitle = page.documentTitle { declared.append((documentTitle, "title element")) }
        declared = declared.map { (Headlines.clean(HTMLEntities.decode($0.text), outlet: outlet, host: url), $0.source) }
            .filter { !$0.text.isEmpty }
        let all = page.headings.filter { Headlines.isHeadline($0.text, outlet: outlet) }
        let headings = all.contains(where: \.isMain) ? all.filter(\.isMain) : all
        func source(_ heading: PageScan.Heading) -> String { heading.isMain ? "h1" : "entry title" }
        if !declared.isEmpty {
            // The visible headline that the page's declarations confirm, in its visible form
            // (a kicker inside the <h1> left out); else what the page declares.
            // A part of the heading that the declarations confirm is the headline without its
            // kicker ("Nach Corona-Lockerungen" above "Autohäuser rechnen mit …").
            var best: (text: String, source: String, score: Double)?
            func confirmation(_ text: String) -> Double {
                declared.map { item in
                    let (within, covered) = (Headlines.overlap(text, item.text), Headlines.overlap(item.text, text))
                    // Every word of a headline of some length inside a longer declared title
                    // ("SARS-2/COVID-19 Heute schon an morgen denken").
                    if within == 1, text.split(separator: " ").count >= 4, covered >= 0.4 { return max(0.6, min(within, covered)) }
                    return min(within, covered)
                }.max() ?? 0
            }
            for heading in headings {
                let whole = Headlines.isHeadline(heading.text, outlet: outlet) ? confirmation(heading.text) : 0
                var part: (text: String, score: Double)?
                for text in heading.parts where Headlines.isHeadline(text, outlet: outlet) && text.split(separator: " ").count >= 2 {
                    // On a tie the later part: the kicker comes first.
                    let score = confirmation(text)
                    if score >= 0.6, score >= (part?.score ?? 0) { part = (text, score) }
                }
                let candidate = part.map { ($0.text, max($0.score, whole)) } ?? (heading.text, whole)
                if candidate.1 >= 0.6, candidate.1 > (best?.score ?? 0) { best = (candidate.0, source(heading), candidate.1) }
            }
            let chosen = best.map { ($0.text, $0.source) } ?? (declared[0].text, declared[0].source)
            sources["title"] = chosen.1
            return chosen.0
        }
        guard let heading = headings.first(where: \.inArticle) ?? (headings.count <= 2 ? headings.first : nil) else { return nil }
        sources["title"] = source(heading)
        return heading.parts.max { $0.count < $1.count } ?? heading.text
    }

    // MARK: Date

    private static let publishedKeys = [
        "article:published_time", "og:article:published_time", "og:published_time", "article:published",
        "datepublished", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date.created",
        "dcterms.created", "dc.date", "dcterms.date", "citation_publication_date", "citation_date", "pubdate",
        "publishdate", "publish-date", "publish_date", "article.published", "original-publish-date", "date",
        "cxenseparse:recs:publishtime", "article_date_original", "bt:pubdate", "date.available", "created",
    ]
    private static let modifiedKeys = ["article:modified_time", "og:updated_time", "datemodified", "dc.date.modified", "last-modified"]

    private mutating func chooseDate(_ page: PageScan, _ article: [String: JSONValue]?,
                                     _ meta: ([String]) -> (key: String, value: String)?) -> String? {
        // The headline: its heading, else the text that repeats the declared title.
        let headline = page.headings.first { $0.isMain && $0.inArticle && Headlines.isHeadline($0.text, outlet: outlet) }?.order
            ?? page.headings.first { $0.isMain && Headlines.isHeadline($0.text, outlet: outlet) }?.order
            ?? page.headings.first { Headlines.isHeadline($0.text, outlet: outlet) }?.order
            ?? title.flatMap(page.order(ofText:))
        // A date may sit just above the headline (a kicker, a blog's day heading).
        let start = max(0, (headline ?? 0) - 12)
        let monthFirst = (language ?? "en") == "en"
        let visible = Self.visibleDate(page, after: start, readText: headline != nil, monthFirst: monthFirst)
        func accept(_ text: String?, _ source: String) -> String? {
            guard let text = text.map(HTMLEntities.decode),
                  let date = ArticleDates.plausible(text)
                    ?? WrittenDates.publication(in: text, monthFirst: monthFirst).flatMap({ ArticleDates.plausible($0.date.iso8601) })
            else { return nil }
            if let visible, let printed = Self.printedDay(over: date, printed: visible.found) {
                sources["date"] = "\(visible.source), over \(source)"
                return printed
            }
            sources["date"] = source
            return date
        }
        for key in ["datePublished", "dateCreated"] {
            if let date = accept(article.flatMap { JSONLD.string($0[key]) }, "json-ld \(key)") { return date }
        }
        for key in Self.publishedKeys {
            for value in page.meta[key] ?? [] { if let date = accept(value, "meta \(key)") { return date } }
        }
        for stamp in page.stamps where stamp.isPublication && !stamp.excluded {
            if let date = accept(stamp.value, stamp.source) { return date }
        }
        if let url, let date = URLDates.find(in: url) {
            sources["date"] = "url"
            return date.iso8601
        }
        // Markup near the headline: the first <time> after it, in the article.
        for stamp in page.stamps where !stamp.excluded && stamp.order >= start {
            if let date = accept(stamp.value, stamp.source) { return date }
        }
        if let visible, let date = ArticleDates.plausible(visible.found.date.iso8601) {
            sources["date"] = visible.source
            return date
        }
        if let found = Self.labelledDates(page, monthFirst: monthFirst).first, let date = ArticleDates.plausible(found.date.iso8601) {
            sources["date"] = "labelled date"
            return date
        }
        if let date = accept(article.flatMap { JSONLD.string($0["dateModified"]) }, "json-ld dateModified") { return date }
        if let modified = meta(Self.modifiedKeys), let date = accept(modified.value, "meta \(modified.key)") { return date }
        return nil
    }

    /// The date printed for the article: in a date element after the headline, else in a short
    /// line below it.
    private static func visibleDate(_ page: PageScan, after start: Int, readText: Bool,
                                    monthFirst: Bool) -> (found: WrittenDates.Found, source: String)? {
        // The nearer of the two: a date element far below is another item's when a line by the
        // headline states a date.
        var element: (found: WrittenDates.Found, order: Int)?
        for snippet in page.dateTexts.lazy.filter({ !$0.excluded && $0.order >= start }).prefix(6) {
            if let found = WrittenDates.publication(in: snippet.text, monthFirst: monthFirst) { element = (found, snippet.order); break }
        }
        var line: (found: WrittenDates.Found, order: Int)?
        if readText {
            for entry in page.numberedLines(after: start, characters: 400) {
                if let found = WrittenDates.publication(in: entry.text, monthFirst: monthFirst) { line = (found, entry.order); break }
            }
        }
        if let line, line.order < element?.order ?? Int.max { return (line.found, "text by the headline") }
        return element.map { ($0.found, "date element") }
    }

    private static let publicationLabels: Set<String> = [
        "datum", "date", "veröffentlicht", "veröffentlicht am", "erschienen", "erschienen am", "erstellt am", "publiziert am",
        "gepostet am", "ausgabedatum", "published", "published on", "publication date", "date published", "posted on",
        "mise en ligne", "publié le", "date de publication", "publicado", "publicado el", "fecha de publicación",
        "pubblicato", "pubblicato il", "data di pubblicazione", "gepubliceerd", "gepubliceerd op",
    ]
    /// Dates the page's text labels as its publication (`Datum` then `12.01.2017`,
    /// `Veröffentlicht am 16.08.2019`, `Mise en ligne` then `23 mai 2019`), anywhere outside the
    /// parts about other items, in order. A page that states only when it was last changed
    /// ("Last updated: 13 July 2020", far from the headline) states no publication date.
    static func labelledDates(_ page: PageScan, monthFirst: Bool) -> [WrittenDates.Found] {
        let lines = page.numberedLines(after: -1, characters: Int.max).map(\.text)
        var found: [WrittenDates.Found] = []
        for (index, line) in lines.enumerated() {
            let lowered = line.lowercased()
            let value: String
            if publicationLabels.contains(lowered.trimmingPunctuation), index + 1 < lines.count {
                value = lines[index + 1]
            } else if let prefix = publicationLabels.first(where: { lowered.hasPrefix($0 + ":") || lowered.hasPrefix($0 + " ") }) {
                value = String(line.dropFirst(prefix.count))
            } else {
                continue
            }
            // The value begins with the date: "12.01.2017", ": 16.08.2019", not a sentence.
            let start = value.trimmingCharacters(in: CharacterSet(charactersIn: " :-–"))
            guard start.count <= 60, let date = WrittenDates.all(in: start, monthFirst: monthFirst).first(where: { !$0.inSpan && !$0.isUpdate })
            else { continue }
            found.append(date)
        }
        return found
    }

    /// The date as the page prints it by the headline, when that is another day than the one
    /// declared: a declaration in UTC (or in the server's zone) for an article printed with its
    /// local day, or a declaration that is the item's first creation in the CMS for an article
    /// printed with a later day. The printed day is what readers saw and cite. With the printed
    /// time too, the offset that joins the printed local time to the declared instant is kept
    /// when it is a real one (within 14 hours, whole quarter hours); else the day alone.
    /// Nil when they agree.
    static func printedDay(over declared: String, printed: WrittenDates.Found) -> String? {
        guard let day = CivilDate(iso: String(declared.prefix(10))), day != printed.date else { return nil }
        guard let time = printed.time, let instant = utcMinutes(declared) else { return printed.date.iso8601 }
        let localMinutes = printed.date.daysSinceEpoch * 1440 + Int64(time.hour * 60 + time.minute)
        let offset = Int(localMinutes - instant)
        guard abs(offset) <= 14 * 60, offset % 15 == 0 else { return printed.date.iso8601 }
        let seconds = declared.count >= 19 ? String(declared.dropFirst(17).prefix(2)) : "00"
        let sign = offset < 0 ? "-" : "+"
        return "\(printed.date.iso8601)T\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(seconds)\(sign)\(pad(abs(offset) / 60, 2)):\(pad(abs(offset) % 60, 2))"
    }

    /// Minutes since the epoch, in UTC, of a normalised date-time (`…THH:MM:SSZ`, `…+HH:MM`).
    private static func utcMinutes(_ value: String) -> Int64? {
        guard value.count >= 20, let day = CivilDate(iso: String(value.prefix(10))) else { return nil }
        let clock = value.dropFirst(11).prefix(5).split(separator: ":").compactMap { Int($0) }
        guard clock.count == 2 else { return nil }
        var offset = 0
        let zone = value.dropFirst(19)
        if let sign = zone.first, sign == "+" || sign == "-" {
            let parts = zone.dropFirst().split(separator: ":").compactMap { Int($0) }
            guard parts.count == 2 else { return nil }
            offset = (parts[0] * 60 + parts[1]) * (sign == "-" ? -1 : 1)
        }
        return day.daysSinceEpoch * 1440 + Int64(clock[0] * 60 + clock[1] - offset)
    }

    // MARK: Author

    private mutating func chooseAuthor(_ page: PageScan, _ article: [String: JSONValue]?,
                                       _ meta: ([String]) -> (key: String, value: String)?) -> String? {
        func accept(_ raw: String?, _ source: String) -> String? {
            guard let raw, let name = Bylines.clean(HTMLEntities.decode(raw), outlet: outlet) else { return nil }
            sources["author"] = source
            return name
        }
        let objects = JSONLD.objectsByID(page.jsonLD)
        if let name = accept(article.flatMap { JSONLD.personNames($0["author"], objects: objects) }, "json-ld author") { return name }
        for key in ["author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "byl",
                    "citation_author"] {
            if let value = page.meta[key]?.first, let name = accept(value, "meta \(key)") { return name }
        }
        for byline in page.bylines where !byline.excluded {
            if let name = accept(byline.text, byline.source) { return name }
        }
        // "By Jane Doe", "Von Max Muster" on a line of its own by the headline.
        guard let headline = page.headings.first(where: { $0.isMain }) ?? page.headings.first else { return nil }
        let lines = page.lines(after: headline.order, characters: 400)
        for (index, line) in lines.enumerated() {
            // "By" on its own, the name in a link after it.
            if Bylines.isPrefixAlone(line), index + 1 < lines.count,
               let name = accept(lines[index + 1], "byline text") { return name }
            // Each part of a meta line: "29. Juni 2017, 23:39 · von Tobi".
            for part in line.split(whereSeparator: { "·|•".contains($0) }).map({ String($0).trimmed }) {
                let lowered = part.lowercased()
                if ["by ", "von ", "par ", "por ", "door "].contains(where: lowered.hasPrefix),
                   let name = accept(part, "byline text") { return name }
            }
        }
        return nil
    }

    // MARK: Small readers

    static func absoluteURL(_ text: String) -> String? {
        let trimmed = text.trimmed
        return trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") ? trimmed : nil
    }

    /// `en-US` → `en`.
    static func languageCode(_ text: String) -> String? {
        let code = text.trimmed.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        return (2...3).contains(code.count) && code.allSatisfy(\.isLetter) ? code : nil
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

/// Dates in urls: `/2024/05/11/`, `/2024-05-11-`, `/20240511/`.
enum URLDates {
    static func find(in url: String) -> CivilDate? {
        let path = url.split(separator: "?").first.map(String.init) ?? url
        let parts = path.split(whereSeparator: { $0 == "/" }).map(String.init)
        for index in parts.indices {
            let part = parts[index]
            if part.count == 4, let year = Int(part), (1990...2100).contains(year), index + 2 < parts.count,
               parts[index + 1].count == 2, let month = Int(parts[index + 1]),
               let day = Int(parts[index + 2].prefix(2)), parts[index + 2].prefix(2).allSatisfy(\.isNumber),
               parts[index + 2].count == 2 || !(parts[index + 2].dropFirst(2).first?.isNumber ?? false) {
                if let date = CivilDate(validYear: year, month: month, day: day) { return date }
            }
        }
        return nil
    }
}
