import Foundation

/// Reading JSON-LD: the article object and its typed values.
enum JSONLD {
    private static let articleTypes: Set<String> = [
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "liveblogposting", "report", "scholarlyarticle",
        "techarticle", "socialmediaposting", "discussionforumposting",
    ]

    /// The first object typed as an article, searching arrays, `@graph` and `mainEntity`.
    static func findArticle(_ value: JSONValue) -> [String: JSONValue]? {
        switch value {
        case .array(let items): return items.lazy.compactMap(findArticle).first
        case .object(let members):
            let object = Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            if strings(object["@type"] ?? .null).contains(where: { articleTypes.contains($0.lowercased()) }) { return object }
            for key in ["@graph", "mainEntity", "mainEntityOfPage"] {
                if let inner = object[key], let found = findArticle(inner) { return found }
            }
            return nil
        default: return nil
        }
    }

    /// A string value, entities decoded; nil when empty.
    static func string(_ value: JSONValue?) -> String? {
        guard case .string(let text)? = value else { return nil }
        let decoded = HTMLEntities.decode(text)
        return decoded.foldingWhitespace().isEmpty ? nil : decoded
    }

    static func strings(_ value: JSONValue) -> [String] {
        switch value {
        case .string(let text): [text]
        case .array(let items): items.flatMap(strings)
        default: []
        }
    }

    /// A person's or organisation's name: text, `{"name": …}`, or the names of a list, joined.
    static func name(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?:
            let folded = HTMLEntities.decode(text).foldingWhitespace()
            return folded.isEmpty ? nil : folded
        case .object(let members)?: return name(members.first { $0.key == "name" }?.value)
        case .array(let items)?:
            let names = items.compactMap { name($0) }
            return names.isEmpty ? nil : names.joined(separator: ", ")
        default: return nil
        }
    }

    /// Every object with an `@id`, anywhere in the page's JSON-LD: a `@graph` names its author
    /// once and points to it (`"author": {"@id": "…#/schema/person/…"}`).
    static func objectsByID(_ values: [JSONValue]) -> [String: JSONValue] {
        var table: [String: JSONValue] = [:]
        func visit(_ value: JSONValue) {
            switch value {
            case .array(let items): items.forEach(visit)
            case .object(let members):
                if let id = members.first(where: { $0.key == "@id" }).flatMap({ string($0.value) }),
                   members.contains(where: { $0.key == "name" }), table[id] == nil { table[id] = value }
                members.forEach { visit($0.value) }
            default: break
            }
        }
        values.forEach(visit)
        return table
    }

    /// The names of an `author` value, people before organisations: an organisation named as
    /// author beside a person is the outlet. References by `@id` are looked up in `objects`.
    static func personNames(_ value: JSONValue?, objects: [String: JSONValue] = [:]) -> String? {
        var items: [JSONValue] = if case .array(let list)? = value { list } else { value.map { [$0] } ?? [] }
        items = items.map { item in
            guard case .object(let members) = item, !members.contains(where: { $0.key == "name" }),
                  let id = members.first(where: { $0.key == "@id" }).flatMap({ string($0.value) }), let found = objects[id]
            else { return item }
            return found
        }
        func isOrganization(_ item: JSONValue) -> Bool {
            guard case .object(let members) = item, let type = members.first(where: { $0.key == "@type" })?.value else { return false }
            return strings(type).contains { $0.lowercased().contains("organization") }
        }
        let people = items.filter { !isOrganization($0) }
        let names = (people.isEmpty ? items : people).compactMap { name($0) }
        return names.isEmpty ? nil : names.joined(separator: ", ")
    }
}

/// Headlines as pages give them, without the site's name beside them.
enum Headlines {
    private static let separators = [" | ", " » ", " › ", " :: ", " · ", " // ", " « ", " – ", " — ", " - ", " ~ ", " : "]
    /// Separators that never occur inside a headline, only between it and the site's name or section.
    private static let strongSeparators: Set<String> = [" | ", " » ", " › ", " :: ", " · ", " // ", " « "]

    /// `"Headline | Outlet"`, `"Outlet - Headline"` → `"Headline"`: a part that names the
    /// outlet (or the site's host) is dropped, then a short last part when the rest is long.
    static func clean(_ raw: String, outlet: String?, host url: String?) -> String {
        var title = raw.foldingWhitespace()
        let names = siteNames(outlet: outlet, url: url)
        // The whole outlet name as a suffix or prefix, whatever separators it contains itself.
        if let outlet = outlet?.foldingWhitespace(), !outlet.isEmpty, outlet.count < title.count {
            for separator in separators + [" ", ": "] {
                if title.hasSuffix(separator + outlet) { title = String(title.dropLast(separator.count + outlet.count)); break }
                if title.hasPrefix(outlet + separator) { title = String(title.dropFirst(separator.count + outlet.count)); break }
            }
        }
        for separator in separators {
            var parts = title.components(separatedBy: separator)
            guard parts.count > 1 else { continue }
            let before = parts.count
            parts.removeAll { part in names.contains { matches(part, $0) } }
            if parts.count < before && !parts.isEmpty {
                title = parts.joined(separator: separator)
            } else if strongSeparators.contains(separator) {
                // "Headline | Site", "Site » Blog Archive » Headline": the headline is the longest part.
                title = parts.max { $0.count < $1.count } ?? title
            } else if let last = parts.last, parts.count == 2, last.split(separator: " ").count <= (separator == " : " ? 3 : 4),
                      parts[0].split(separator: " ").count >= (separator == " : " ? 3 : 2) {
                title = parts[0]
            }
        }
        return title.trimmingCharacters(in: CharacterSet(charactersIn: " |-–—·:»›")).trimmed
    }

    private static func siteNames(outlet: String?, url: String?) -> [String] {
        var names: [String] = []
        if let outlet { names.append(outlet.lowercased()) }
        if let url, let host = url.split(separator: "/").dropFirst().first {
            let parts = host.lowercased().split(separator: ".").filter { $0 != "www" }
            if parts.count >= 2 { names.append(String(parts[parts.count - 2])); names.append(parts.suffix(2).joined(separator: ".")) }
        }
        return names.filter { $0.count >= 3 }
    }

    private static func matches(_ part: String, _ name: String) -> Bool {
        let simple = part.lowercased().filter { $0.isLetter || $0.isNumber }
        let site = name.filter { $0.isLetter || $0.isNumber }
        guard !simple.isEmpty, !site.isEmpty else { return false }
        return simple == site || (simple.count <= site.count + 12 && simple.contains(site)) || (site.contains(simple) && simple.count >= 4)
    }

    /// Whether a heading reads as a headline, not the site's name or a label.
    static func isHeadline(_ text: String, outlet: String?) -> Bool {
        guard (4...300).contains(text.count), text.contains(where: \.isLetter) else { return false }
        if let outlet, matches(text, outlet.lowercased()) && text.count <= outlet.count + 3 { return false }
        return !labels.contains(text.lowercased().trimmingPunctuation)
    }

    private static let labels: Set<String> = [
        "menu", "navigation", "search", "suche", "home", "news", "blog", "login", "comments", "kommentare",
        "archive", "archiv", "startseite", "related", "newsletter",
    ]

    /// The share of `a`'s words that are in `b`.
    static func overlap(_ a: String, _ b: String) -> Double {
        let words = { (s: String) in Set(s.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })) }
        let (left, right) = (words(a), words(b))
        guard !left.isEmpty else { return 0 }
        return Double(left.intersection(right).count) / Double(left.count)
    }
}

/// Author names as pages give them, without the job titles, dates and reading times beside them.
enum Bylines {
    private static let notNames: Set<String> = [
        "staff", "staff writer", "senior reporter", "reporter", "editor", "correspondent", "minute read",
        "min read", "contributor", "admin", "administrator", "news desk", "newsroom", "associated press", "reuters",
        "afp", "guest", "gast", "anonymous", "unknown", "user", "team", "editorial", "editorial team", "author",
        "autor", "autorin", "auteur", "posted", "written", "by", "von", "par", "about the author", "über den autor",
        "über die autorin", "publiziert am", "veröffentlicht am", "posted on", "published", "share", "teilen",
    ]

    private static let prefixes = [
        "written by ", "words by ", "posted by ", "published by ", "story by ", "text by ", "view all posts by ",
        "all posts by ", "more posts by ", "articles by ", "by ", "von ", "par ", "por ", "di ", "door ", "autor: ",
        "autorin: ", "author: ", "auteur: ", "auteure: ", "autore: ", "text: ", "von: ", "by: ", "verfasst von ",
        "geschrieben von ", "ein beitrag von ", "redakteur: ", "zeige alle beiträge von ", "alle beiträge von ",
        "weitere beiträge von ", "eingestellt von ", "erstellt von ", "gepostet von ", "geposted von ",
        "veröffentlicht von ", "interview: ", "publié par ", "écrit par ", "escrito por ", "publicado por ",
        "scritto da ", "a cura di ", "geschreven door ", "ein artikel von ", "written by: ", "posted by: ", "von:", "by:",
        "autor:", "author:",
    ]

    /// A line that is only the word before a name: "By", "Written by:", "Ein Artikel von".
    static func isPrefixAlone(_ line: String) -> Bool {
        let lowered = line.lowercased().foldingWhitespace().trimmingPunctuation
        return !lowered.isEmpty && (prefixes.contains(lowered + " ") || prefixes.contains(lowered + ": ") || prefixes.contains(lowered + ":"))
    }

    /// A name, or nil when `raw` is not one (a job title, the outlet, a sentence, a url).
    static func clean(_ raw: String, outlet: String? = nil) -> String? {
        var text = raw.foldingWhitespace().trimmed
        var changed = true
        while changed {
            changed = false
            for prefix in prefixes where text.lowercased().hasPrefix(prefix) {
                text = String(text.dropFirst(prefix.count)).trimmed
                changed = true
            }
            // Glued to the name, as element texts join: "Veröffentlicht vonChris Jung".
            for prefix in prefixes where prefix.hasSuffix(" ") {
                let word = prefix.dropLast()
                guard text.lowercased().hasPrefix(word), text.count > word.count + 1 else { continue }
                let next = text.index(text.startIndex, offsetBy: word.count)
                // A lower-case letter, then a capital: "vonChris", not "DITIB".
                if text[next].isUppercase, text[text.index(before: next)].isLowercase {
                    text = String(text[next...]); changed = true
                }
            }
        }
        // "Posted on September 21, 2020 by Adi Tzlil": the name after a date.
        for word in [" by ", " von ", " par "] {
            if let range = text.range(of: word, options: [.backwards, .caseInsensitive]),
               text[..<range.lowerBound].contains(where: \.isNumber) {
                text = String(text[range.upperBound...]).trimmed
                break
            }
        }
        // "Peter Maahn/SP-X": the agency after a slash.
        if let slash = text.firstIndex(of: "/"), text[..<slash].split(separator: " ").count >= 2 {
            text = String(text[..<slash]).trimmed
        }
        // What follows the name: "Jane Doe | May 3, 2024", "Jane Doe, 12.03.2024", "Jane Doe on May 3".
        for cut in [" | ", " · ", " – ", " — ", " - ", "\u{2022}", " am ", " on ", " le ", " el ", " il ", " published", " updated"] {
            if let range = text.range(of: cut), text.distance(from: text.startIndex, to: range.lowerBound) >= 3 {
                text = String(text[..<range.lowerBound])
            }
        }
        if let comma = text.firstIndex(of: ","), text[text.index(after: comma)...].contains(where: \.isNumber) {
            text = String(text[..<comma])
        }
        text = text.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:|·-–—")).trimmed
        guard !text.isEmpty, text.count <= 80, !text.contains("http"), !text.contains("@"), !text.contains("www."),
              !text.contains(where: \.isNumber), !notNames.contains(text.lowercased()),
              !text.lowercased().hasSuffix(" read"), text.first?.isLetter == true else { return nil }
        if let outlet, text.lowercased() == outlet.lowercased() { return nil }
        let words = text.split(separator: " ")
        guard words.count <= 8, text.contains(where: \.isUppercase) || !text.contains(where: \.isLowercase) || words.count <= 3
        else { return nil }
        return text
    }
}
