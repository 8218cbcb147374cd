import Foundation

/// The JSON shapes of the archive's objects: one place, so every front end speaks the same keys.
extension JSONValue {
    /// Compact JSON text.
    public var serialized: String {
        var output = ""
        write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let digits): output += digits
        case .string(let string): Self.writeString(string, to: &output)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                element.write(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(member.key, to: &output)
                output += ":"
                member.value.write(to: &output)
            }
            output += "}"
        }
    }

    private static func writeString(_ string: String, to output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                output += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    static func text(_ string: String?) -> JSONValue { string.map(JSONValue.string) ?? .null }
    static func integer(_ number: some BinaryInteger) -> JSONValue { .number(String(number)) }
}

extension ArticleSummary {
    /// `id, guid, url, title, date, outlet, author, tags, copies` (other copies of the story), and
    /// for searches `snippet` (plain text) and `score` (BM25, higher is better; null when the
    /// results come newest first because no word of the query carries weight).
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .integer(id)), ("guid", .text(guid)), ("url", .text(url)), ("title", .string(title)),
            ("date", .text(date)), ("outlet", .text(outlet)), ("author", .text(author)),
            ("tags", .array(tags.map(JSONValue.string))),
        ]
        members.append(("copies", .integer(copies)))
        if let snippet {
            members.append(("snippet", .string(snippet.text)))
            members.append(("score", score.map { .number(String(format: "%.4f", $0)) } ?? .null))
        }
        return .object(members)
    }
}

extension Article {
    /// Everything stored, as `archive show --format json` gives it.
    public var json: JSONValue {
        .object([
            ("id", .integer(id)), ("guid", .text(guid)), ("url", .text(url)), ("title", .string(title)),
            ("date", .text(date)), ("outlet", .text(outlet)), ("author", .text(author)),
            ("tags", .array(tags.map(JSONValue.string))), ("language", .text(language)),
            ("source", .string(source)), ("added_at", .string(addedAt)), ("sources", sources.json),
            ("body", .string(body)),
        ])
    }

    /// The form `archive export` writes and `archive add` reads back: no archive id (an `id` key
    /// would be read as the guid), nothing that belongs to this archive only.
    public var exportJSON: JSONValue {
        .object([
            ("guid", .text(guid)), ("title", .string(title)), ("date", .text(date)), ("outlet", .text(outlet)),
            ("url", .text(url)), ("author", .text(author)), ("tags", .array(tags.map(JSONValue.string))),
            ("language", .text(language)), ("body", .string(body)),
        ])
    }
}

extension Dictionary where Key == String, Value == String {
    /// A JSON object, keys in order.
    var json: JSONValue { .object(sorted { $0.key < $1.key }.map { (key: $0.key, value: JSONValue.string($0.value)) }) }
}

extension ArchiveStats {
    public var json: JSONValue {
        func list(_ items: [NameCount]) -> JSONValue {
            .array(items.map { .object([("name", .string($0.name)), ("articles", .integer($0.articles))]) })
        }
        return .object([
            ("articles", .integer(articles)), ("outlets", .integer(outlets)), ("tags", .integer(tags)),
            ("first_date", .text(firstDate)), ("last_date", .text(lastDate)),
            ("undated_articles", .integer(undatedArticles)), ("database_bytes", .integer(databaseBytes)),
            ("top_outlets", list(topOutlets)), ("top_tags", list(topTags)),
        ])
    }
}
