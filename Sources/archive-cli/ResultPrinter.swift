import Archive

/// Prints search and list results as a table, JSON, NDJSON or CSV.
struct ResultPrinter {
    let format: ResultFormat
    let showsSnippet: Bool

    func print(_ rows: [ArticleSummary]) throws {
        let output = OutputBuffer()
        switch format {
        case .json, .ndjson:
            try output.writeJSON(rows.map(\.json), asArray: format == .json)
        case .csv:
            var header = ["id", "guid", "url", "title", "date", "outlet", "author", "tags", "copies"]
            if showsSnippet { header += ["snippet", "score"] }
            try output.write(header.joined(separator: ",") + "\r\n")
            for row in rows {
                var fields = [String(row.id), row.guid ?? "", row.url ?? "", row.title, row.date ?? "", row.outlet ?? "",
                              row.author ?? "", row.tags.joined(separator: "; "), String(row.copies)]
                if showsSnippet { fields += [row.snippet?.text ?? "", row.score.map { String(format: "%.4f", $0) } ?? ""] }
                try output.write(fields.map(Self.csvField).joined(separator: ",") + "\r\n")
            }
        case .table:
            try writeTable(rows, to: output)
        }
        try output.flush()
    }

    private func writeTable(_ rows: [ArticleSummary], to output: OutputBuffer) throws {
        guard !rows.isEmpty else {
            if Terminal.standardOutputIsTerminal { try output.write(Terminal.dim("No articles found.") + "\n") }
            return
        }
        let idWidth = max(2, rows.map { String($0.id).count }.max() ?? 2)
        let outletWidth = min(20, max(6, rows.map { ($0.outlet ?? "").count }.max() ?? 6))
        let width = Terminal.width
        let titleWidth = width.map { max(20, $0 - idWidth - outletWidth - 16) }
        try output.write(Terminal.dim("ID".leftPadded(to: idWidth) + "  " + "DATE".rightPadded(to: 10) + "  "
                                  + "OUTLET".rightPadded(to: outletWidth) + "  TITLE") + "\n")
        for row in rows {
            let title = (row.title.isEmpty ? "(untitled)" : row.title)
            let copies = row.copies > 0 ? Terminal.dim(" (+\(row.copies) \(row.copies == 1 ? "copy" : "copies"))") : ""
            try output.write(String(row.id).leftPadded(to: idWidth) + "  "
                         + String((row.date ?? "").prefix(10)).rightPadded(to: 10) + "  "
                         + (row.outlet ?? "").truncated(to: outletWidth).rightPadded(to: outletWidth) + "  "
                         + Terminal.bold(titleWidth.map { title.truncated(to: $0 - (row.copies > 0 ? 12 : 0)) } ?? title) + copies + "\n")
            if showsSnippet, let snippet = row.snippet {
                try output.write(String(repeating: " ", count: idWidth + 2) + render(snippet, width: width.map { $0 - idWidth - 2 }) + "\n")
            }
        }
    }

    /// The snippet on one line, matches emphasised on a terminal; cut to `width` characters if given.
    private func render(_ snippet: Snippet, width: Int?) -> String {
        var remaining = width ?? Int.max
        var line = ""
        for part in snippet.parts {
            guard remaining > 0 else { break }
            let text: String
            let isMatch: Bool
            switch part {
            case .plain(let plain): (text, isMatch) = (plain, false)
            case .match(let match): (text, isMatch) = (match, true)
            }
            var flat = Self.oneLine(text)
            if flat.count > remaining { flat = flat.truncated(to: remaining) }
            remaining -= flat.count
            line += isMatch ? Terminal.highlight(flat) : flat
        }
        return line
    }

    /// Line breaks and runs of white space as single spaces, keeping a space at either end.
    static func oneLine(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = true
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return pendingSpace ? result + " " : result
    }

    /// RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled.
    static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
