/// `.csv` and `.tsv` files of articles: a header row naming the same fields as JSON (and their
/// aliases: `publish_date`, `media_name`, `text`, …), one article per row. Fields follow RFC
/// 4180: quoted with `"` when they hold the separator, quotes or line breaks, a quote inside
/// written twice. Columns the archive does not know are ignored.
enum Spreadsheet {
    /// One row's fields and the line it starts on.
    struct Row {
        var line: Int
        var fields: [String]
    }

    /// The rows of `text`, blank lines skipped; an unclosed quote ends at the end of the file.
    static func rows(_ text: String, separator: Character) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var rowLine = 1
        var fieldStarted = false
        var iterator = text.makeIterator()
        var pending: Character?
        func endRow() {
            if fieldStarted || !fields.isEmpty || !field.isEmpty {
                fields.append(field)
                rows.append(Row(line: rowLine, fields: fields))
            }
            fields = []
            field = ""
            fieldStarted = false
        }
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character == "\r\n" ? "\n" : character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty:
                quoted = true
                fieldStarted = true
            case separator:
                fields.append(field)
                field = ""
                fieldStarted = true
            case "\n", "\r\n", "\r":
                endRow()
                line += 1
                rowLine = line
            default:
                field.append(character)
            }
        }
        endRow()
        return rows
    }

    /// The articles of a spreadsheet, each with its line, or why the row (or the whole file)
    /// cannot be read.
    static func articles(_ text: String, separator: Character) -> [(Result<ArticleInput, InputError>, line: Int)] {
        var rows = rows(text, separator: separator)[...]
        guard let header = rows.popFirst() else { return [(.failure(InputError("the file is empty: no header row")), 1)] }
        let columns = header.fields.map { name in
            ArticleInput.Field.byKey[name.trimmed.lowercased().replacingOccurrences(of: " ", with: "_")]
        }
        let known = Set(columns.compactMap { $0 })
        guard known.contains(.body) || known.contains(.url) else {
            let names = header.fields.map { "'\($0.trimmed)'" }.joined(separator: ", ")
            return [(.failure(InputError("the header row (\(names)) names no body (or text) column and no url column")), header.line)]
        }
        var results: [(Result<ArticleInput, InputError>, line: Int)] = []
        for row in rows {
            guard row.fields.count <= columns.count || row.fields[columns.count...].allSatisfy({ $0.trimmed.isEmpty }) else {
                results.append((.failure(InputError("the row has \(row.fields.count) fields, the header \(columns.count)")), row.line))
                continue
            }
            var input = ArticleInput()
            for (column, value) in zip(columns, row.fields) {
                guard let column else { continue }
                let text = value.trimmed
                guard !text.isEmpty else { continue }
                switch column {
                case .guid: input.guid = input.guid ?? text
                case .title: input.title = input.title ?? text
                case .body: input.body = input.body ?? value
                case .date: input.date = input.date ?? text
                case .outlet: input.outlet = input.outlet ?? text
                case .url: input.url = input.url ?? text
                case .author: input.author = input.author ?? text
                case .language: input.language = input.language ?? text
                case .tags: input.tags += text.split(whereSeparator: { ",;|".contains($0) }).map { String($0).trimmed }
                }
            }
            results.append((.success(input), row.line))
        }
        return results
    }
}
