import Foundation

/// An article read out of scraped or pasted page text: the headline (not a menu line or a
/// breadcrumb), the article's own date, outlet, author and tags where the text states them,
/// and its paragraphs without the chrome around them (menus, share bars, captions and image
/// file names, "Related" and "See more" lists, newsletter prompts, ads, contact blocks,
/// syndication footers, datelines, "Updated:" stamps and tag lines).
struct TextArticle {
    private(set) var title: String?
    private(set) var date: String?
    private(set) var outlet: String?
    private(set) var author: String?
    private(set) var tags: [String] = []
    private(set) var paragraphs: [String] = []
    /// Where each field was found (`ArticleInput.sources`).
    private(set) var sources: [String: String] = [:]

    var input: ArticleInput {
        var found = sources.filter { key, _ in
            switch key {
            case "title": title != nil
            case "date": date != nil
            case "outlet": outlet != nil
            case "author": author != nil
            default: false
            }
        }
        found["body"] = "text"
        return ArticleInput(title: title.map(HTMLEntities.decode), body: paragraphs.joined(separator: "\n\n"), date: date,
                            outlet: outlet.map(HTMLEntities.decode), author: author.map(HTMLEntities.decode), tags: tags,
                            sources: found)
    }

    /// Sets `field` to `value` unless it is set, recording where it came from.
    private mutating func fill(_ field: WritableKeyPath<TextArticle, String?>, _ value: String?, _ name: String, _ source: String) {
        guard self[keyPath: field] == nil, let value, !value.isEmpty else { return }
        self[keyPath: field] = value
        sources[name] = source
    }

    init(_ text: String) {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { String($0).foldingWhitespace() }
        lines = Self.cutTail(lines)
        var breadcrumbTitle: String?
        if let start = Self.articleStart(lines) {
            // The menu and the list of other items above the article: nothing there is the
            // article's, except the site's name, which the foot's copyright line gives again.
            breadcrumbTitle = start.headline
            lines = Array(lines[start.index...])
        }
        var footerTitle: String?
        var updated: String?
        var kept: [String] = []
        var previous: String?
        for line in lines {
            defer { if !line.isEmpty { previous = line } }
            guard !line.isEmpty else { continue }
            if line == previous { kept.removeLast(kept.last == line ? 1 : 0); continue }   // a caption shown twice
            if let (postTitle, postOutlet) = Self.syndicationFooter(line) {
                footerTitle = postTitle
                fill(\.outlet, postOutlet, "outlet", "syndication footer")
                continue
            }
            if let copyrightOutlet = Self.copyright(line) {
                fill(\.outlet, copyrightOutlet, "outlet", "copyright line")
                continue
            }
            if let tagList = Self.tagLine(line) {
                tags += tagList
                continue
            }
            if kept.count < 4, let (name, stated) = Self.byline(line) {
                fill(\.author, name, "author", "byline")
                fill(\.date, stated, "date", "byline")
                continue
            }
            if let stamp = Self.dateStamp(line) {
                // A relative time ("Updated: 2 hours ago") is no date, and blocks none.
                if stamp.isUpdate { updated = updated ?? stamp.date } else { fill(\.date, stamp.date, "date", "date line") }
                continue
            }
            if let stated = Self.datelineAlone(line) {
                fill(\.date, stated, "date", "dateline")
                continue
            }
            if Self.isCaption(line) || ChromeLines.isChrome(line) || Self.isPrompt(line) || Self.isBreadcrumb(line) { continue }
            kept.append(line)
        }
        // A lone agency abbreviation closing the article ("VNA") signs it off.
        if let last = kept.last, Self.isSignOff(last), kept.count > 1 {
            fill(\.outlet, last, "outlet", "sign-off")
            kept.removeLast()
        }
        // Leading menu lines: short, unpunctuated lines before the headline.
        while kept.count > 1, Self.isMenuLine(kept[0]), Self.isMenuLine(kept[1]) || kept[0].split(separator: " ").count <= 2 {
            kept.removeFirst()
        }
        if let breadcrumbTitle {
            title = breadcrumbTitle
            sources["title"] = "breadcrumb"
            if kept.first == breadcrumbTitle { kept.removeFirst() }
        } else if let first = kept.first, Self.looksLikeHeadline(first) {
            title = first
            sources["title"] = "first line"
            kept.removeFirst()
        }
        if let footerTitle, !footerTitle.isEmpty {
            title = footerTitle
            sources["title"] = "syndication footer"
        }
        paragraphs = kept.map { line in
            if let (place, agency, rest) = Self.dateline(line) {
                fill(\.outlet, agency, "outlet", "dateline")
                fill(\.date, Self.dateInDateline(place), "date", "dateline")
                return rest
            }
            if let (place, rest) = Self.capitalDateline(line) {
                fill(\.date, Self.dateInDateline(place), "date", "dateline")
                return rest
            }
            return line
        }
        if let last = paragraphs.last, last.hasSuffix("./.") { paragraphs[paragraphs.count - 1] = String(last.dropLast(2)) }
        paragraphs.removeAll(where: \.isEmpty)
        if paragraphs.isEmpty {
            // Every line looked like a headline or page furniture: a short text (a quote, a
            // wire flash, a note) is the article itself, as given.
            paragraphs = lines.filter { !$0.isEmpty }
            if title == paragraphs.first { title = footerTitle }
        }
        // Only an update time stated: it is still the page's own date.
        fill(\.date, updated, "date", "update line")
    }

    // MARK: The end of the article

    private static let tailMarkers: Set<String> = [
        "see more", "related posts", "related articles", "related stories", "related news", "related", "read more",
        "more stories", "more from", "recommended", "recommended for you", "you may also like", "you might also like",
        "most read", "most popular", "also read", "read also", "read next", "latest news", "latest stories",
        "more news", "trending", "trending now", "top stories", "comments", "leave a comment", "other news",
        "more in this category", "popular stories", "editor's picks",
    ]

    /// Drops everything from the first "See more"-style heading that follows some prose, and
    /// everything after a press release's contact block (the hosting site's blurb and ads).
    private static func cutTail(_ lines: [String]) -> [String] {
        var prose = 0
        var contactLines = 0
        var blockStart = 0
        for (index, line) in lines.enumerated() {
            if tailMarkers.contains(line.lowercased().trimmingPunctuation) && prose >= 2 { return Array(lines[..<index]) }
            if line.isEmpty { continue }
            if isContactLine(line) {
                if contactLines == 0 {
                    // Its heading ("Media contact") goes with it.
                    let before = lines[..<index].lastIndex { !$0.isEmpty }
                    blockStart = before.map { contactLabels.contains(lines[$0].lowercased().trimmingPunctuation) } == true ? before! : index
                }
                contactLines += 1
            } else {
                if contactLines >= 2 && prose >= 2 { return Array(lines[..<blockStart]) }
                contactLines = 0
            }
            if line.count > 80 { prose += 1 }
        }
        return lines
    }

    private static let contactLabels = [
        "phone", "tel", "telephone", "mobile", "fax", "email", "e-mail", "website", "web", "signal", "telegram",
        "whatsapp", "wechat", "skype", "twitter", "x", "facebook", "instagram", "linkedin", "address", "contact",
        "media contact", "press contact", "telefon", "adresse", "kontakt",
    ]

    /// "Phone: +1 555 0100", "Email: press@example.org", "Signal: @name".
    private static func isContactLine(_ line: String) -> Bool {
        guard line.count <= 120, let colon = line.firstIndex(of: ":") else { return false }
        return contactLabels.contains(line[..<colon].lowercased().trimmed)
    }

    private static let homeWords: Set<String> = ["home", "startseite", "accueil", "inicio", "start", "homepage", "news"]
    private static let listMarkers: Set<String> = [
        "trending", "trending now", "latest news", "latest", "most read", "most popular", "popular", "breaking news",
        "top stories", "just in", "recent posts", "latest stories", "meistgelesen", "aktuell",
    ]

    /// Where the article begins when the text opens with the site's menu and a list of other
    /// items (a "Trending" list of headlines, each with its date): at the headline that a
    /// breadcrumb (`Home » HEADLINE`) names, else after the list. Nil when the text starts with
    /// the article.
    private static func articleStart(_ lines: [String]) -> (index: Int, headline: String?)? {
        // Only the lines before the first prose.
        let limit = lines.firstIndex { $0.count > 160 || ($0.count > 80 && $0.hasSuffix(".")) } ?? lines.count
        for index in 0..<min(limit, 60) {
            let line = lines[index]
            for separator in [" » ", " > ", " › ", " / ", " | "] {
                let parts = line.components(separatedBy: separator).map(\.trimmed)
                guard parts.count >= 2, homeWords.contains(parts[0].lowercased()),
                      let headline = parts.last, headline.split(separator: " ").count >= 3 else { continue }
                let repeated = lines[(index + 1)..<min(lines.count, index + 4)].firstIndex(of: headline)
                return (repeated ?? index + 1, headline)
            }
        }
        for index in 0..<min(limit, 60) where listMarkers.contains(lines[index].lowercased().trimmingPunctuation) {
            var next = index + 1
            while next < lines.count, lines[next].isEmpty { next += 1 }
            // Pairs of a headline and its date, blank lines between.
            var pairs: [Int] = []
            while next < limit, looksLikeHeadline(lines[next]) {
                var dateLine = next + 1
                while dateLine < lines.count, lines[dateLine].isEmpty { dateLine += 1 }
                guard dateLine < lines.count, dateStamp(lines[dateLine])?.date != nil else { break }
                pairs.append(next)
                next = dateLine + 1
                while next < lines.count, lines[next].isEmpty { next += 1 }
            }
            guard pairs.count >= 2 else { continue }
            // The article's own headline and date line look like one more item: unless a
            // headline follows the list, the last pair is the article's.
            let headlineFollows = next < lines.count && looksLikeHeadline(lines[next]) && !ChromeLines.isChrome(lines[next])
                && !isMenuLine(lines[next])
            return (headlineFollows ? next : pairs.last!, nil)
        }
        return nil
    }

    // MARK: Lines that carry metadata

    /// "The post TITLE appeared first on OUTLET."
    private static func syndicationFooter(_ line: String) -> (String, String)? {
        let patterns = [("The post ", " appeared first on "), ("The article ", " appeared first on ")]
        for (start, middle) in patterns where line.hasPrefix(start) {
            guard let range = line.range(of: middle, options: .backwards) else { continue }
            let title = String(line[line.index(line.startIndex, offsetBy: start.count)..<range.lowerBound]).trimmed
            let outlet = String(line[range.upperBound...]).trimmingPunctuation
            if !title.isEmpty && !outlet.isEmpty { return (title, outlet) }
        }
        for prefix in ["This article originally appeared on ", "This story originally appeared on ",
                       "Originally published on ", "This article was originally published on "] where line.hasPrefix(prefix) {
            let outlet = String(line.dropFirst(prefix.count)).trimmingPunctuation
            if !outlet.isEmpty && outlet.split(separator: " ").count <= 6 { return ("", outlet) }
        }
        return nil
    }

    /// "© 2024 Outlet. All rights reserved." or "Copyright 2024 Outlet".
    private static func copyright(_ line: String) -> String? {
        var rest = Substring(line)
        if rest.hasPrefix("©") { rest = rest.dropFirst() }
        else if rest.lowercased().hasPrefix("copyright") { rest = rest.dropFirst(9) }
        else { return nil }
        rest = rest.drop { $0.isWhitespace || $0 == "©" || $0.isNumber || $0 == "-" || $0 == "–" }
        var name = String(rest)
        for ending in [". All rights reserved", ", all rights reserved", " All rights reserved", ". All Rights Reserved"] {
            if let range = name.range(of: ending) { name = String(name[..<range.lowerBound]) }
        }
        name = name.trimmingPunctuation
        guard !name.isEmpty, name.split(separator: " ").count <= 6, line.count < 120 else { return nil }
        return name
    }

    private static func tagLine(_ line: String) -> [String]? {
        for prefix in ["Tags:", "Tags :", "Topics:", "Keywords:", "Tagged:", "Filed under:"] where line.hasPrefix(prefix) {
            let list = line.dropFirst(prefix.count).split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" || $0 == "#" })
                .map { String($0).trimmed }.filter { !$0.isEmpty }
            return list
        }
        return nil
    }

    /// "Updated: Nov 5, 2025, 10:00 AM", "Published 11 May 2024", "May 11, 2024Updated:May 23, 2024",
    /// or a line that is only a date. `date` is nil for a stamp without a date ("Updated 2 hours ago").
    private static func dateStamp(_ line: String) -> (date: String?, isUpdate: Bool)? {
        guard line.count <= 80 else { return nil }
        var rest = line
        let lowered = line.lowercased()
        var label: String?
        for prefix in ["updated on", "updated:", "updated", "last updated:", "last updated", "published on", "published:",
                       "published", "posted on", "posted:", "posted", "date:", "first published:", "aktualisiert:",
                       "aktualisiert am", "veröffentlicht am", "veröffentlicht:", "publié le", "mis à jour le",
                       "publicado el", "pubblicato il"] where lowered.hasPrefix(prefix) {
            rest = String(line.dropFirst(prefix.count))
            label = prefix
            break
        }
        let isUpdate = label.map { ["updated", "last updated", "aktualisiert", "mis à jour"].contains(where: $0.hasPrefix) } ?? false
        let candidate = rest.trimmingPunctuation.replacingOccurrences(of: " at ", with: " ")
            .replacingOccurrences(of: " | ", with: " ").replacingOccurrences(of: " · ", with: " ")
        if let date = ArticleDates.plausible(candidate) { return (date, isUpdate) }
        // "Nov 5, 2025, 10:00 AM ET": zone names the date reader does not know.
        if label != nil, let date = ArticleDates.plausible(candidate.split(separator: " ").dropLast().joined(separator: " ")) {
            return (date, isUpdate)
        }
        // Written in other forms and languages; on an unlabelled line only when it starts with the date.
        let startsWithDate = candidate.first?.isNumber == true
            || WrittenDates.monthNumbers[candidate.prefix { $0.isLetter }.lowercased()] != nil
        if label != nil || (startsWithDate && candidate.count <= 60),
           let found = WrittenDates.publication(in: rest, monthFirst: true), let date = ArticleDates.plausible(found.date.iso8601) {
            return (date, isUpdate)
        }
        return label != nil ? (nil, isUpdate) : nil
    }

    /// "By Jane Doe | May 3, 2024", "Von Max Muster, 12.03.2024", "29. Juni 2017, 23:39 · von Tobi":
    /// the author, and the date when the line states one.
    private static func byline(_ line: String) -> (String, String?)? {
        guard line.count <= 120 else { return nil }
        let prefixes = ["by ", "written by ", "author: ", "reporting by ", "von ", "par ", "por ", "door ", "di "]
        for part in line.split(whereSeparator: { "·|•".contains($0) }).map({ String($0).trimmed }) {
            let lowered = part.lowercased()
            guard let prefix = prefixes.first(where: lowered.hasPrefix) else { continue }
            // "von" and "di" start sentences too: only with a capitalised name after them.
            let name = String(part.dropFirst(prefix.count))
            guard name.first?.isUppercase == true, let author = Bylines.clean(name) else { continue }
            let stated = WrittenDates.publication(in: line, monthFirst: prefix == "by ")
                .flatMap { ArticleDates.plausible($0.date.iso8601) }
            return (author, stated)
        }
        return nil
    }

    /// "WASHINGTON, DC, November 11, 2025" on a line of its own: a place in capitals and a date.
    private static func datelineAlone(_ line: String) -> String? {
        guard line.count <= 80, let first = line.split(separator: ",").first else { return nil }
        let letters = first.filter(\.isLetter)
        guard letters.count >= 3, letters.allSatisfy(\.isUppercase),
              first.allSatisfy({ $0.isLetter || $0 == " " || $0 == "." || $0 == "-" }) else { return nil }
        return dateInDateline(line)
    }

    // MARK: Chrome

    private static let imageExtensions = ["jpg", "jpeg", "png", "gif", "webp", "avif", "svg"]

    private static func isCaption(_ line: String) -> Bool {
        let lowered = line.lowercased()
        if !lowered.contains(" "), let dot = lowered.lastIndex(of: "."), imageExtensions.contains(String(lowered[lowered.index(after: dot)...])) {
            return true
        }
        for marker in ["(photo:", "(photo ", "(image:", "(file photo", "(ảnh:"] where lowered.contains(marker) && lowered.hasSuffix(")") {
            return true
        }
        return ["photo:", "image:", "picture:", "credit:", "photo credit", "getty images", "illustration:"]
            .contains { lowered.hasPrefix($0) } && line.count < 200
    }

    private static func isPrompt(_ line: String) -> Bool {
        let lowered = line.lowercased()
        guard line.count < 160 else { return false }
        let prompts = ["sign up for", "subscribe to our", "subscribe now", "join our newsletter", "get our newsletter",
                       "newsletter", "follow us on", "download our app", "click here to", "contact us", "for more information, contact",
                       "email:", "tel:", "phone:", "fax:", "advertisement", "story continues below", "don't miss",
                       "read the full story", "watch:", "listen:", "send us a tip", "have a tip"]
        return prompts.contains { lowered.hasPrefix($0) || (lowered.contains($0) && line.count < 90) }
    }

    private static func isBreadcrumb(_ line: String) -> Bool {
        for separator in [" > ", " › ", " » ", " / "] where line.components(separatedBy: separator).count >= 3 {
            return line.count < 100
        }
        return false
    }

    private static func isMenuLine(_ line: String) -> Bool {
        line.split(separator: " ").count <= 3 && !line.contains(where: { ".!?:".contains($0) })
    }

    /// A headline: a short line, not a sentence of prose.
    private static func looksLikeHeadline(_ line: String) -> Bool {
        let words = line.split(separator: " ").count
        guard words >= 2, words <= 30, line.count <= 200 else { return false }
        // Prose lines end in a full stop and run long; headlines rarely do either.
        return !(line.hasSuffix(".") && words > 16)
    }

    private static func isSignOff(_ line: String) -> Bool {
        (2...6).contains(line.count) && line.allSatisfy { $0.isUppercase || $0 == "/" }
    }

    /// "HCM City (VNA) - The …" → ("HCM City", "VNA", "The …"); also "WASHINGTON (AP) — …".
    private static func dateline(_ line: String) -> (String, String, String)? {
        guard let open = line.firstIndex(of: "("), let close = line[open...].firstIndex(of: ")"),
              line.distance(from: line.startIndex, to: open) <= 60 else { return nil }
        let place = String(line[..<open]).trimmed
        let agency = String(line[line.index(after: open)..<close]).trimmed
        var rest = line[line.index(after: close)...].drop(while: \.isWhitespace)
        guard let dash = rest.first, "-–—".contains(dash), !place.isEmpty,
              (2...12).contains(agency.count), agency.first?.isUppercase == true,
              place.split(separator: " ").count <= 6, place.first?.isUppercase == true else { return nil }
        rest = rest.dropFirst().drop(while: \.isWhitespace)
        return (place, agency, String(rest))
    }

    /// "WASHINGTON, DC, November 11, 2025 - The …" → ("WASHINGTON, DC, November 11, 2025", "The …"):
    /// a place in capitals, then optionally more place and a date, then a dash.
    private static func capitalDateline(_ line: String) -> (String, String)? {
        for dash in [" - ", " – ", " — "] {
            guard let range = line.range(of: dash), line.distance(from: line.startIndex, to: range.lowerBound) <= 80 else { continue }
            let place = String(line[..<range.lowerBound])
            let first = place.split(separator: ",").first.map(String.init) ?? ""
            let letters = first.filter(\.isLetter)
            guard letters.count >= 3, letters.allSatisfy(\.isUppercase),
                  first.allSatisfy({ $0.isLetter || $0 == " " || $0 == "." || $0 == "-" }) else { return nil }
            return (place, String(line[range.upperBound...]))
        }
        return nil
    }

    private static func dateInDateline(_ place: String) -> String? {
        let parts = place.split(separator: ",").map { String($0).trimmed }
        for start in parts.indices {
            let candidate = parts[start...].joined(separator: ", ")
            if candidate.contains(where: \.isNumber), let date = ArticleDates.plausible(candidate) { return date }
        }
        // "BERLIN, 3. März 2024": written dates in other languages.
        return WrittenDates.publication(in: place, monthFirst: false).flatMap { ArticleDates.plausible($0.date.iso8601) }
    }
}
