/// A condition on an article's metadata written inside a query (`outlet:Reuters`, `tag:china`,
/// `date:2024-05`), meaning what the matching filter means.
enum QueryField: Equatable, Sendable {
    /// Published by the outlet of this name (case does not matter).
    case outlet(String)
    /// Carrying this tag (case does not matter).
    case tag(String)
    /// An author's name, or a whole word of it (`author:Smith` finds "Jane Smith, John Roe").
    case author(String)
    /// In this language: `lang:zh` finds `zh`, `zh-cn` and `zh-tw`.
    case lang(String)
    /// Published inside these times (`articles.published_unix`, inclusive).
    case date(ClosedRange<Int64>)

    enum Name: String, CaseIterable, Sendable {
        case outlet, tag, author, lang, date

        var example: String {
            switch self {
            case .outlet: "outlet:Reuters or outlet:\"Associated Press\""
            case .tag: "tag:china"
            case .author: "author:\"Jane Doe\""
            case .lang: "lang:zh"
            case .date: "date:2024-05 or date:2024-05-01..2024-06-15"
            }
        }
    }

    init(_ name: Name, value: String, position: Int) throws(ArchiveError) {
        switch name {
        case .outlet: self = .outlet(value)
        case .tag: self = .tag(value)
        case .author: self = .author(value)
        case .lang: self = .lang(value.lowercased())
        case .date:
            do { self = .date(try Self.dateRange(value)) } catch {
                throw .invalidQuery("date:\(value) at position \(position): give YYYY, YYYY-MM, YYYY-MM-DD or a range "
                                    + "such as 2024-05-01..2024-06-15, ..2023 or 2024-05..")
            }
        }
    }

    /// The publication times of `2024`, `2024-05`, `2024-05-01`, `A..B`, `..B` or `A..`.
    static func dateRange(_ text: String) throws(ArchiveError) -> ClosedRange<Int64> {
        let parts = text.components(separatedBy: "..")
        switch parts.count {
        case 1:
            let period = try DatePeriod(text)
            return period.startTime...period.endTime
        case 2 where !(parts[0].isEmpty && parts[1].isEmpty):
            let low = try parts[0].isEmpty ? Int64.min : DatePeriod(parts[0]).startTime
            let high = try parts[1].isEmpty ? Int64.max : DatePeriod(parts[1]).endTime
            guard low <= high else { throw .invalidQuery("the range ends before it starts") }
            return low...high
        default:
            throw .invalidQuery("not a date")
        }
    }

    /// SQL true (1) or false (0), never NULL, on the `articles` row aliased `a`; appends the
    /// values it binds.
    func sql(_ values: inout [SQLValue]) -> String {
        switch self {
        case .outlet(let name):
            values.append(.text(name))
            return "ifnull(a.outlet_id IN (SELECT id FROM outlets WHERE name = ?), 0)"
        case .tag(let name):
            values.append(.text(name))
            return "a.id IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.name = ?)"
        case .author(let name):
            // Whole words: the author's names with separators turned into spaces, padded.
            values.append(.text("% " + Self.authorWords(name).likeEscaped + " %"))
            return "(' ' || replace(replace(replace(replace(ifnull(a.author, ''), ',', ' '), ';', ' '), '.', ' '), '&', ' ') || ' ') LIKE ? ESCAPE '\\'"
        case .lang(let code):
            values += [.text(code), .text(code.likeEscaped + "-%")]
            return "(ifnull(a.language, '') = ? OR ifnull(a.language, '') LIKE ? ESCAPE '\\')"
        case .date(let range):
            return "ifnull(\(StatedDays.condition(range.lowerBound, range.upperBound, &values)), 0)"
        }
    }

    /// A name as `sql` compares it (LIKE: ASCII case does not matter), separators as spaces.
    private static func authorWords(_ name: String) -> String {
        let spaced = String(name.map { ",;.&".contains($0) ? " " : $0 })
        return spaced.split(separator: " ").joined(separator: " ")
    }
}

extension String {
    /// With `\`, `%` and `_` escaped for `LIKE … ESCAPE '\'`.
    var likeEscaped: String {
        var result = ""
        for character in self {
            if character == "\\" || character == "%" || character == "_" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}

extension DatePeriod {
    /// The first second inside the period, as `articles.published_unix` counts.
    var startTime: Int64 { start.daysSinceEpoch * 86_400 }
    /// The last second inside the period.
    var endTime: Int64 { end.daysSinceEpoch * 86_400 - 1 }
}
