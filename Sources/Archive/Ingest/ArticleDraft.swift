import Crypto

/// An article checked and normalised, ready to store: trimmed text, a stored-form date,
/// deduplicated tags and the content hash used to recognise a copy already stored.
struct ArticleDraft: Sendable, Equatable {
    var guid: String?
    var url: String?
    /// `URLKey` of the url (the url itself when it has none): what two addresses of one page share.
    var urlKey: String?
    var title: String
    var body: String
    /// Stored form (`PublicationDate`), "" when unknown.
    var date: String
    var outlet: String?
    var author: String?
    var language: String?
    var tags: [String]
    var source: String
    var contentHash: String
    /// `Cleanliness.cleanLength` of the body: the cleanest copy represents a story.
    var cleanLength: Int
    /// Where the extractor found each field it kept (`ArticleInput.sources`): only fields that
    /// have a value and that no override replaced.
    var sources: [String: String] = [:]

    /// The longest text an article may have, in bytes of UTF-8: ten times the longest news
    /// articles, report annexes included; a larger text is a dump, not an article.
    static let largestBody = 10_000_000

    init(_ input: ArticleInput, overrides: ArticleOverrides, source: String) throws(InputError) {
        guard let text = input.body else { throw InputError("no \"body\": an article needs its text") }
        let size = text.utf8.count
        guard size <= Self.largestBody else {
            throw InputError("the text is \(size.formatted) bytes; the largest article the archive takes is \(Self.largestBody.formatted) bytes (10 MB)")
        }
        let body = Self.cleanBody(text)
        guard !body.isEmpty else { throw InputError("the text is empty") }
        self.body = body
        self.title = Self.singleLine(overrides.title ?? input.title) ?? ""
        if let date = overrides.date {
            self.date = date
        } else if let raw = input.date, !raw.allSatisfy(\.isWhitespace) {
            do { self.date = try PublicationDate.normalize(raw) } catch { throw InputError(error.description) }
        } else {
            self.date = ""
        }
        self.guid = Self.singleLine(input.guid)
        self.url = Self.singleLine(overrides.url ?? input.url)
        self.urlKey = url.flatMap(URLKey.of) ?? url
        self.outlet = Self.singleLine(overrides.outlet ?? input.outlet)
        self.author = Self.singleLine(overrides.author ?? input.author)
        self.language = Self.singleLine(input.language)?.lowercased()
        self.tags = Self.tagSet(input.tags + overrides.tags)
        self.source = source
        self.contentHash = Self.contentHash(of: body)
        self.cleanLength = Cleanliness.cleanLength(of: body)
        let kept: [String: Bool] = [
            "title": overrides.title == nil && !title.isEmpty, "date": overrides.date == nil && !date.isEmpty,
            "outlet": overrides.outlet == nil && outlet != nil, "url": overrides.url == nil && url != nil,
            "author": overrides.author == nil && author != nil, "language": language != nil,
            "tags": !input.tags.isEmpty, "body": true,
        ]
        self.sources = input.sources.filter { kept[$0.key] == true && !$0.value.isEmpty }
    }

    /// `sources` as stored: a JSON object, keys in order.
    var sourcesJSON: String {
        sources.json.serialized
    }

    /// Folds runs of white space (new lines too) into one space and trims; nil when nothing is left.
    static func singleLine(_ text: String?) -> String? {
        guard let text else { return nil }
        let folded = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return folded.isEmpty ? nil : folded
    }

    /// Tags trimmed and folded, empty ones dropped, each name once (the first spelling wins).
    static func tagSet(_ tags: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for tag in tags {
            guard let name = singleLine(tag), seen.insert(name.nocaseKey).inserted else { continue }
            result.append(name)
        }
        return result
    }

    /// Unix line ends, no NUL characters, no blank lines at either end.
    static func cleanBody(_ text: String) -> String {
        var contiguous = text
        guard contiguous.withUTF8({ bytes in bytes.contains { $0 == 0x0D || $0 == 0x00 } }) else { return text.trimmed }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var previousWasReturn = false
        for byte in text.utf8 {
            defer { previousWasReturn = byte == 0x0D }
            switch byte {
            case 0x00: continue
            case 0x0D: bytes.append(0x0A)
            case 0x0A where previousWasReturn: continue
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self).trimmed
    }

    /// SHA-256 (hex) of the body with ASCII letters lower-cased and every run of white space
    /// folded to one space: copies that differ only in case or layout hash alike.
    static func contentHash(of body: String) -> String {
        var normalised: [UInt8] = []
        normalised.reserveCapacity(body.utf8.count)
        var pendingSpace = false
        for byte in body.utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                pendingSpace = !normalised.isEmpty
            default:
                if pendingSpace { normalised.append(0x20); pendingSpace = false }
                normalised.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
        }
        return SHA256.hash(data: normalised).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
