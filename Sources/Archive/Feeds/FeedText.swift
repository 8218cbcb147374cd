import Foundation

/// Feed text as the archive stores it: titles and names as plain text, bodies as paragraphs.
enum FeedText {
    /// Plain text: entities decoded (feeds often escape them twice), any markup dropped, white
    /// space folded; nil when nothing is left.
    static func plain(_ text: String?) -> String? {
        guard var text = text else { return nil }
        // Bytes, not Foundation's string search: this runs for every title and name of a feed.
        if text.utf8.contains(UInt8(ascii: "<")), text.utf8.contains(UInt8(ascii: ">")) {
            text = HTMLDocument.parse(Array(text.utf8)).text
        }
        let folded = HTMLEntities.decode(text).foldingWhitespace()
        return folded.isEmpty ? nil : folded
    }

    /// A body given as HTML (or as plain text): its paragraphs, one per block, without tags.
    static func html(_ markup: String?) -> String? {
        guard let markup = markup?.trimmed, !markup.isEmpty else { return nil }
        let text: String
        if markup.utf8.contains(UInt8(ascii: "<")), markup.utf8.contains(UInt8(ascii: ">")) {
            text = HTMLContent.render([HTMLDocument.parse(Array(markup.utf8))])
        } else {
            // Plain text: its blank lines part its paragraphs.
            text = HTMLEntities.decode(markup).components(separatedBy: "\n\n").map { $0.foldingWhitespace() }
                .filter { !$0.isEmpty }.joined(separator: "\n\n")
        }
        return text.isEmpty ? nil : text
    }

    /// An Atom text construct by its `type`: `text`, `html` (escaped markup) or `xhtml` (markup
    /// in the feed itself, inside a `div`).
    static func atom(_ element: XMLElement?, paragraphs: Bool = false) -> String? {
        guard let element else { return nil }
        let type = (element.attributes["type"] ?? "text").lowercased()
        let markup: String? = switch type {
        case "xhtml", "application/xhtml+xml": element.innerMarkup
        case "html", "text/html": element.text
        default: nil
        }
        if let markup { return paragraphs ? html(markup) : plain(markup) }
        let text = element.text
        if paragraphs {
            let parts = text.components(separatedBy: "\n\n").map { $0.foldingWhitespace() }.filter { !$0.isEmpty }
            return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
        }
        let folded = text.foldingWhitespace()
        return folded.isEmpty ? nil : folded
    }

    /// RSS's `author` is an email address, often with the name in parentheses:
    /// `jane@example.com (Jane Doe)` → `Jane Doe`.
    static func rssAuthor(_ text: String) -> String {
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            let name = String(text[text.index(after: open)..<close]).trimmed
            if !name.isEmpty { return name }
        }
        return text
    }
}

/// Feed dates: what `PublicationDate` reads, plus the two-digit years of RFC 822
/// (`Sat, 11 May 24 14:03:00 GMT`) and its military one-letter zones.
enum FeedDates {
    /// The stored form when it can be read, else the text as given (which the archive then
    /// reports as unreadable, entry by entry).
    static func normalizeIfPossible(_ text: String) -> String {
        if let date = try? PublicationDate.normalize(text) { return date }
        var words = text.split(separator: " ").map(String.init)
        // "11 May 24": a two-digit year after a month name.
        if let month = words.firstIndex(where: { PublicationDateNames.isMonth($0) }), month + 1 < words.count,
           words[month + 1].count == 2, let year = Int(words[month + 1]) {
            words[month + 1] = String(year < 50 ? 2000 + year : 1900 + year)
        }
        // Military zones: Z is UTC; the others were defined backwards in RFC 822 and mean nothing certain.
        if let last = words.last, last.count == 1, last.first!.isLetter {
            words[words.count - 1] = last.uppercased() == "Z" ? "GMT" : ""
        }
        let repaired = words.filter { !$0.isEmpty }.joined(separator: " ")
        return (try? PublicationDate.normalize(repaired)) ?? text
    }
}

enum PublicationDateNames {
    private static let months: Set<String> = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
    ]

    static func isMonth(_ word: String) -> Bool { months.contains(word.lowercased().trimmingCharacters(in: .punctuationCharacters)) }
}
