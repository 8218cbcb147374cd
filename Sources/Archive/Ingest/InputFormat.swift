import Foundation

/// The kinds of file `archive add` reads, known by extension or, for standard input and
/// unfamiliar names, by their first bytes.
enum InputFormat: Sendable, Equatable {
    /// Title on the first non-empty line, body after it.
    case text
    /// YAML front matter between `---` lines, then the body.
    case markdown
    /// One article object, or an array of them.
    case json
    /// One article object per line.
    case jsonLines
    /// A saved web page: the article is extracted from it.
    case html
    /// An RSS, Atom or JSON Feed: each entry is an article.
    case feed
    /// A spreadsheet with a header row, comma- or tab-separated: each row is an article.
    case csv, tsv

    static let extensions: [String: InputFormat] = [
        "txt": .text, "text": .text,
        "md": .markdown, "markdown": .markdown,
        "json": .json,
        "jsonl": .jsonLines, "ndjson": .jsonLines,
        "html": .html, "htm": .html, "xhtml": .html,
        "rss": .feed, "atom": .feed, "xml": .feed, "rdf": .feed,
        "csv": .csv, "tsv": .tsv,
    ]

    init?(pathExtension: String) {
        guard let format = Self.extensions[pathExtension.lowercased()] else { return nil }
        self = format
    }

    /// The format of a file by its name: `page.html.gz` is HTML (compressed).
    init?(path: String) {
        var name = (path as NSString).lastPathComponent.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        self.init(pathExtension: (name as NSString).pathExtension)
    }

    /// Guesses from the start of the content: a feed's root element (or a JSON Feed) is a feed;
    /// `[` is JSON; `{` is JSON Lines when the first line is a whole object, else JSON; `---`
    /// opens front matter; anything else is text.
    static func sniff(_ prefix: some Collection<UInt8>) -> InputFormat {
        var bytes = Array(prefix)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let first = bytes.firstIndex(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return .text }
        if FeedReader.looksLikeFeed(bytes[first...]) { return .feed }
        switch bytes[first] {
        case UInt8(ascii: "["): return .json
        case UInt8(ascii: "{"):
            let lineEnd = bytes[first...].firstIndex(of: 0x0A) ?? bytes.endIndex
            if case .object? = try? JSONParser.parse(bytes[first..<lineEnd]) { return .jsonLines }
            return .json
        case UInt8(ascii: "<"):
            let head = String(decoding: bytes[first...].prefix(2048), as: UTF8.self).lowercased()
            let markers = ["<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<div", "<p>", "<article"]
            return markers.contains(where: head.contains) ? .html : .text
        default:
            return bytes[first...].starts(with: Array("---".utf8)) ? .markdown : .text
        }
    }
}
