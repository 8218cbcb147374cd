/// An article as read from a source, before validation: every field as the source gave it.
public struct ArticleInput: Sendable, Equatable {
    public var guid: String?
    public var title: String?
    public var body: String?
    public var date: String?
    public var outlet: String?
    public var url: String?
    public var author: String?
    public var language: String?
    public var tags: [String] = []
    /// Where each field came from, by field name (`date`, `title`, `author`, `outlet`, …):
    /// `"json-ld datePublished"`, `"h1"`, `"byline"`, `"og:site_name"`. Empty for fields the
    /// source gave as such (a JSON key, a command-line flag).
    public var sources: [String: String] = [:]

    public init(guid: String? = nil, title: String? = nil, body: String? = nil, date: String? = nil,
                outlet: String? = nil, url: String? = nil, author: String? = nil, language: String? = nil,
                tags: [String] = [], sources: [String: String] = [:]) {
        self.guid = guid
        self.title = title
        self.body = body
        self.date = date
        self.outlet = outlet
        self.url = url
        self.author = author
        self.language = language
        self.tags = tags
        self.sources = sources
    }
}

/// Metadata given on the command line for every article of one `add`: it replaces what the
/// source says, except tags, which are added to the source's.
public struct ArticleOverrides: Sendable, Equatable {
    public var title: String?
    /// Already normalised with `PublicationDate.normalize`.
    public var date: String?
    public var outlet: String?
    public var url: String?
    public var author: String?
    public var tags: [String] = []

    public init(title: String? = nil, date: String? = nil, outlet: String? = nil, url: String? = nil,
                author: String? = nil, tags: [String] = []) {
        self.title = title
        self.date = date
        self.outlet = outlet
        self.url = url
        self.author = author
        self.tags = tags
    }
}

// MARK: - Reading the JSON and front-matter keys

extension ArticleInput {
    /// The fields of an article, and every key the archive reads for each of them.
    enum Field: CaseIterable {
        case guid, title, body, date, outlet, url, author, language, tags

        var keys: [String] {
            switch self {
            // With the aliases of common exports (Media Cloud's publish_date and media_name).
            case .guid: ["guid", "id", "stories_id", "story_id"]
            case .title: ["title", "headline"]
            case .body: ["body", "text", "content", "full_text", "article_text"]
            case .date: ["date", "published", "published_at", "publish_date", "publication_date", "pub_date", "pubdate",
                         "date_published"]
            case .outlet: ["outlet", "source", "site_name", "media_name", "publisher"]
            case .url: ["url", "link", "story_url"]
            case .author: ["author", "byline", "authors"]
            case .language: ["language", "lang"]
            case .tags: ["tags", "keywords"]
            }
        }

        static let byKey: [String: Field] = {
            var table: [String: Field] = [:]
            for field in allCases { for key in field.keys { table[key] = field } }
            return table
        }()
    }

    /// Reads the known keys of a JSON object or YAML mapping (key case does not matter);
    /// unknown keys are ignored. Where a field has several keys, the first listed wins.
    init(_ value: JSONValue) throws(InputError) {
        guard case .object(let members) = value else { throw InputError("expected an object with the article's fields") }
        self.init()
        var seen: [Field: Int] = [:]
        for (key, value) in members {
            let name = key.lowercased()
            guard let field = Field.byKey[name] else { continue }
            let rank = field.keys.firstIndex(of: name) ?? 0
            if let previous = seen[field], previous <= rank { continue }
            seen[field] = rank
            if field == .tags {
                tags = try Self.tagList(value, key: key)
                continue
            }
            let text = try Self.text(value, key: key, field: field)
            switch field {
            case .guid: guid = text
            case .title: title = text
            case .body: body = text
            case .date: date = text
            case .outlet: outlet = text
            case .url: url = text
            case .author: author = text
            case .language: language = text
            case .tags: break
            }
        }
    }

    /// Text as text, nothing coerced: `"body": 42` is an error, not an article reading "42". A
    /// guid may be an integer (data sets number their records): its digits are the identifier.
    private static func text(_ value: JSONValue, key: String, field: Field) throws(InputError) -> String? {
        switch value {
        case .null: return nil
        case .string(let string): return string
        case .number(let digits) where field == .guid && digits.allSatisfy({ $0.isASCII && $0.isNumber || $0 == "-" }): return digits
        default: throw InputError("\"\(key)\" must be text, not \(value.kindName)")
        }
    }

    private static func tagList(_ value: JSONValue, key: String) throws(InputError) -> [String] {
        switch value {
        case .null: return []
        case .string(let string): return string.split(separator: ",").map(String.init)
        case .array(let items):
            var tags: [String] = []
            for item in items {
                switch item {
                case .null: continue
                case .string(let tag): tags.append(tag)
                default: throw InputError("\"\(key)\" must hold text, not \(item.kindName)")
                }
            }
            return tags
        default: throw InputError("\"\(key)\" must be a list of tags or comma-separated text, not \(value.kindName)")
        }
    }
}

extension JSONValue {
    /// What kind of value this is, for messages: "a number", "a list".
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "true or false"
        case .number: "a number"
        case .string: "text"
        case .array: "a list"
        case .object: "an object"
        }
    }
}

/// Why one article of a source could not be read or stored.
public struct InputError: Error, Equatable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
