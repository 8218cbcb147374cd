import Foundation
import Yams

/// Where an article came from: a file (or `-` for standard input) and, within it, a line
/// (JSON Lines) or an item number (a JSON array).
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var item: Int?

    public init(path: String, line: Int? = nil, item: Int? = nil) {
        self.path = path
        self.line = line
        self.item = item
    }

    /// `path`, `path:12` or `path: item 3`.
    public var description: String {
        if let line { return "\(path):\(line)" }
        if let item { return "\(path): item \(item)" }
        return path
    }
}

/// One thing read from a source: an article's fields, or the reason an article could not be read.
enum SourceItem: Sendable {
    case article(ArticleInput, SourceLocation)
    case failure(InputError, SourceLocation)
    /// A feed entry or spreadsheet row that names its page: stored as it is, or with the
    /// page's own text when pages are fetched. Without a body it needs its page.
    case linked(ArticleInput, SourceLocation)
}

extension SourceItem {
    /// The item as it is stored when pages are not fetched: a link without text of its own is
    /// a failure; one with text is an article.
    var withoutFetching: SourceItem {
        guard case .linked(let input, let location) = self else { return self }
        guard input.body == nil else { return .article(input, location) }
        let what = input.title.map { "'\($0)': " } ?? ""
        return .failure(InputError("\(what)a link without text of its own (\(input.url ?? "")), and pages are not fetched"), location)
    }
}

/// Reads articles out of one file or standard input in any `InputFormat`, streaming JSON Lines.
struct SourceReader {
    /// Reads `path` ("-" for standard input), calling `emit` for each article or failure and
    /// `progress` with the bytes read so far.
    static func read(path: String, format knownFormat: InputFormat?, emit: (SourceItem) throws -> Void,
                     progress: (Int) -> Void, onIdle: (() throws -> Void)? = nil) throws {
        let isStandardInput = path == "-"
        let descriptor = isStandardInput ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            try emit(.failure(InputError("cannot open: \(String(cString: strerror(errno)).lowercased())"), SourceLocation(path: path)))
            return
        }
        defer { if !isStandardInput { close(descriptor) } }

        let reader = path.lowercased().hasSuffix(".gz") ? LineReader(gzip: descriptor) : LineReader(descriptor: descriptor)
        // A pipe or terminal may pause: the caller commits what it holds instead of keeping
        // the write lock while the input waits.
        if let onIdle, !LineReader.isRegularFile(descriptor) { reader.onIdle = onIdle }
        // A file that cannot be read (damaged compression, a read error) is a failure of that
        // file alone; the articles read from it before the damage are kept.
        do {
            let format = try knownFormat ?? reader.sniffFormat()
            switch format {
            case .jsonLines:
                try reader.forEachLine { line in
                    var line = line
                    if reader.lineNumber == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) {
                        line = UnsafeBufferPointer(rebasing: line[3...])
                    }
                    try readJSONLine(line, at: SourceLocation(path: path, line: reader.lineNumber), emit: emit)
                    if reader.lineNumber % 256 == 0 { progress(reader.bytesConsumed) }
                }
            case .json, .text, .markdown, .html, .feed, .csv, .tsv:
                let bytes = try reader.readAll()
                try readWhole(bytes, format: format, path: path, emit: emit)
            }
        } catch let error as InputError {
            let location = reader.lineNumber > 0 ? SourceLocation(path: path, line: reader.lineNumber + 1) : SourceLocation(path: path)
            try emit(.failure(InputError("cannot read: \(error.reason)"), location))
        }
        progress(reader.bytesConsumed)
    }

    private static func readJSONLine(_ line: UnsafeBufferPointer<UInt8>, at location: SourceLocation,
                                     emit: (SourceItem) throws -> Void) throws {
        guard line.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) else { return }
        guard String(validating: line, as: UTF8.self) != nil else {
            try emit(.failure(InputError("not valid UTF-8"), location))
            return
        }
        do {
            let value = try JSONParser.parse(line)
            try emit(.article(try ArticleInput(value), location))
        } catch let error as JSONSyntaxError {
            try emit(.failure(InputError("invalid JSON at column \(error.column): \(error.message)"), location))
        } catch let error as InputError {
            try emit(.failure(error, location))
        }
    }

    private static func readWhole(_ raw: [UInt8], format: InputFormat, path: String,
                                  emit: (SourceItem) throws -> Void) throws {
        let location = SourceLocation(path: path)
        if format == .html {
            let input = ArticleExtractor.html(raw)
            if input.body?.trimmed.isEmpty ?? true {
                try emit(.failure(InputError("no article found in the page: it holds no paragraphs of text"), location))
            } else {
                try emit(.article(input, location))
            }
            return
        }
        // A feed saved as .json is a JSON Feed; anything saved as .xml may be one.
        if format == .feed || (format == .json && FeedReader.looksLikeFeed(raw)) {
            try readFeed(raw, path: path, emit: emit)
            return
        }
        var bytes = raw[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            try emit(.failure(InputError("not valid UTF-8 text (line \(firstInvalidLine(bytes)))"), location))
            return
        }
        do {
            switch format {
            case .json:
                let value: JSONValue
                do { value = try JSONParser.parse(bytes) } catch {
                    throw InputError("invalid JSON at line \(error.line), column \(error.column): \(error.message)")
                }
                if case .array(let elements) = value {
                    for (offset, element) in elements.enumerated() {
                        let itemLocation = SourceLocation(path: path, item: offset + 1)
                        do { try emit(.article(try ArticleInput(element), itemLocation)) } catch let error as InputError {
                            try emit(.failure(error, itemLocation))
                        }
                    }
                } else {
                    try emit(.article(try ArticleInput(value), location))
                }
            case .markdown:
                try emit(.article(try MarkdownArticle.read(text), location))
            case .csv, .tsv:
                for (result, line) in Spreadsheet.articles(text, separator: format == .csv ? "," : "\t") {
                    let rowLocation = SourceLocation(path: path, line: line)
                    switch result {
                    case .success(let input): try emit(input.url != nil ? .linked(input, rowLocation) : .article(input, rowLocation))
                    case .failure(let error): try emit(.failure(error, rowLocation))
                    }
                }
            case .text, .jsonLines, .html, .feed:
                try emit(.article(ArticleExtractor.text(text), location))
            }
        } catch let error as InputError {
            try emit(.failure(error, location))
        }
    }

    /// Each entry of a feed, numbered from 1 (`feed.xml: item 3`).
    static func readFeed(_ raw: [UInt8], path: String, feedURL: String? = nil, emit: (SourceItem) throws -> Void) throws {
        let feed: FeedReader
        do { feed = try FeedReader(raw, feedURL: feedURL) } catch {
            try emit(.failure(error, SourceLocation(path: path)))
            return
        }
        for (offset, entry) in feed.entries.enumerated() {
            let location = SourceLocation(path: path, item: offset + 1)
            switch entry {
            case .success(let input): try emit(input.url != nil ? .linked(input, location) : .article(input, location))
            case .failure(let error): try emit(.failure(error, location))
            }
        }
    }

    /// The 1-based line holding the first byte sequence that is not UTF-8.
    private static func firstInvalidLine(_ bytes: ArraySlice<UInt8>) -> Int {
        var line = 1
        var lineStart = bytes.startIndex
        for index in bytes.indices where bytes[index] == 0x0A {
            if String(validating: bytes[lineStart..<index], as: UTF8.self) == nil { return line }
            line += 1
            lineStart = index + 1
        }
        return line
    }
}

/// `.md`: YAML front matter between `---` lines holds the fields; the rest is the body. With
/// no title in the front matter, a leading `# Heading` is the title.
enum MarkdownArticle {
    static func read(_ text: String) throws(InputError) -> ArticleInput {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        var input = ArticleInput()
        if lines.first.map { String($0).trimmed } == "---" {
            lines = lines.dropFirst()
            guard let end = lines.firstIndex(where: { ["---", "..."].contains(String($0).trimmed) }) else {
                throw InputError("front matter opened with '---' is never closed")
            }
            let yaml = lines[..<end].joined(separator: "\n")
            lines = lines[(end + 1)...]
            let node: Any?
            do { node = try Yams.load(yaml: yaml, .basic) } catch {
                let detail = String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
                throw InputError("front matter is not valid YAML: \(detail)")
            }
            if let node { input = try ArticleInput(JSONValue(yaml: node)) }
        }
        if input.title == nil {
            while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines = lines.dropFirst() }
            if let heading = lines.first, heading.hasPrefix("# ") {
                input.title = String(heading.dropFirst(2))
                lines = lines.dropFirst()
            }
        }
        input.body = lines.joined(separator: "\n")
        return input
    }
}

extension JSONValue {
    /// The same value from what Yams decodes with the basic resolver (strings, lists, mappings).
    init(yaml: Any) {
        switch yaml {
        case let string as String: self = .string(string)
        case let list as [Any]: self = .array(list.map(JSONValue.init(yaml:)))
        case let mapping as [AnyHashable: Any]:
            self = .object(mapping.map { (key: String(describing: $0.key), value: JSONValue(yaml: $0.value)) })
        default: self = .string(String(describing: yaml))
        }
    }
}
