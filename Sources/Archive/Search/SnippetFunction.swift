internal import CSQLite

/// `archive_snippet(articles_fts, column)`: the passage of `column` (the body) that holds the
/// most of the query's phrases, 24 tokens long, each matched token between `char(2)` and
/// `char(3)`, with `…` where the column goes on; its start when the column holds no match.
///
/// FTS5's own `snippet()` scores a candidate passage at every match against every other match
/// and tokenizes the column for each, which takes seconds to minutes on an article of a few
/// megabytes that matches often. This one reads each match's position once (FTS5's instance
/// list), picks the passage from those positions alone, and tokenizes the column only up to the
/// end of that passage, with the index's own tokenizer, so it marks exactly what the index
/// matched (stems, diacritics). It is registered on the archive's connections only: the
/// database needs nothing of it, and other SQL tools use `snippet()`.
enum SnippetFunction {
    static let name = "archive_snippet"
    /// The passage's length in tokens.
    static let tokens: Int32 = 24
    /// Passages are looked for among the matches in the column's first this many tokens when
    /// there are any (a long article's best passage is near its start), so that no search
    /// tokenizes megabytes to show a passage.
    static let searchedTokens: Int32 = 50_000

    static func register(on connection: OpaquePointer) throws {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, "SELECT fts5(?1)", -1, &statement, nil) == SQLITE_OK else {
            throw DatabaseError(extendedCode: sqlite3_extended_errcode(connection),
                                message: String(cString: sqlite3_errmsg(connection)), sql: "SELECT fts5(?1)")
        }
        defer { sqlite3_finalize(statement) }
        var api: UnsafeMutablePointer<fts5_api>?
        let typeName: StaticString = "fts5_api_ptr"
        withUnsafeMutablePointer(to: &api) { pointer in
            _ = sqlite3_bind_pointer(statement, 1, pointer,
                                     UnsafeRawPointer(typeName.utf8Start).assumingMemoryBound(to: CChar.self), nil)
            _ = sqlite3_step(statement)
        }
        guard let api, api.pointee.iVersion >= 2,
              api.pointee.xCreateFunction(api, name, nil, snippet, nil) == SQLITE_OK else {
            throw DatabaseError(extendedCode: SQLITE_ERROR, message: "this SQLite has no FTS5 extension API", sql: nil)
        }
    }
}

/// What the tokenizer callback collects: the byte ranges of the passage's tokens.
private final class PassageTokens {
    let start: Int32
    let end: Int32
    var index: Int32 = 0
    var ranges: [(start: Int32, end: Int32)] = []
    var more = false

    init(start: Int32, end: Int32) {
        self.start = start
        self.end = end
    }
}

private func snippet(api: UnsafePointer<Fts5ExtensionApi>?, fts: OpaquePointer?, context: OpaquePointer?,
                     count: Int32, values: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let api, let fts, let context else { return }
    let calls = api.pointee
    let column: Int32 = count >= 1 ? values.map { sqlite3_value_int($0[0]) } ?? 1 : 1
    func fail(_ code: Int32) { sqlite3_result_error_code(context, code) }

    // The matches in the column, in order: (token offset, phrase, phrase length in tokens).
    var instanceCount: Int32 = 0
    var code = calls.xInstCount(fts, &instanceCount)
    guard code == SQLITE_OK else { return fail(code) }
    var hits: [(offset: Int32, phrase: Int32, length: Int32)] = []
    for instance in 0..<instanceCount {
        var phrase: Int32 = 0, hitColumn: Int32 = 0, offset: Int32 = 0
        code = calls.xInst(fts, instance, &phrase, &hitColumn, &offset)
        guard code == SQLITE_OK else { return fail(code) }
        if hitColumn < column { continue }
        if hitColumn > column { break }
        hits.append((offset, phrase, max(1, calls.xPhraseSize(fts, phrase))))
    }

    // The passage: the window holding the most distinct phrases, then the most matches; the
    // earliest of equals. Only windows in the first `searchedTokens` when any match is there.
    let window = SnippetFunction.tokens
    var start: Int32 = 0
    if !hits.isEmpty {
        let candidates = hits[0].offset < SnippetFunction.searchedTokens
            ? hits.prefix { $0.offset < SnippetFunction.searchedTokens } : hits.prefix(1)
        var best = (distinct: 0, matches: 0, first: hits[0].offset, last: hits[0].offset + hits[0].length - 1)
        var phrases: [Int32: Int] = [:]
        var end = 0
        for (index, hit) in candidates.enumerated() {
            // `phrases` counts the phrases of hits[index..<end], which holds at least this hit.
            while end < hits.count && (end <= index || hits[end].offset + hits[end].length <= hit.offset + window) {
                phrases[hits[end].phrase, default: 0] += 1
                end += 1
            }
            if phrases.count > best.distinct || (phrases.count == best.distinct && end - index > best.matches) {
                best = (phrases.count, end - index, hit.offset, hits[end - 1].offset + hits[end - 1].length - 1)
            }
            if let left = phrases[hit.phrase] {
                phrases[hit.phrase] = left > 1 ? left - 1 : nil
            }
        }
        // Centre the matches in the window.
        let slack = max(0, window - (best.last - best.first + 1))
        start = max(0, best.first - slack / 2)
        // A full window where the column ends.
        var size: Int32 = 0
        if calls.xColumnSize(fts, column, &size) == SQLITE_OK { start = max(0, min(start, size - window)) }
    }

    // The passage's tokens, by the index's tokenizer, up to its end.
    var text: UnsafePointer<CChar>?
    var length: Int32 = 0
    code = calls.xColumnText(fts, column, &text, &length)
    guard code == SQLITE_OK else { return fail(code) }
    guard let text, length > 0 else { return sqlite3_result_text(context, "", 0, sqliteTransient) }
    let passage = PassageTokens(start: start, end: start + window)
    code = withExtendedLifetime(passage) {
        calls.xTokenize(fts, text, length, Unmanaged.passUnretained(passage).toOpaque()) { context, flags, _, _, tokenStart, tokenEnd in
            let passage = Unmanaged<PassageTokens>.fromOpaque(context!).takeUnretainedValue()
            if flags & FTS5_TOKEN_COLOCATED != 0 { return SQLITE_OK }
            defer { passage.index += 1 }
            if passage.index >= passage.end {
                passage.more = true
                return SQLITE_DONE
            }
            if passage.index >= passage.start { passage.ranges.append((tokenStart, tokenEnd)) }
            return SQLITE_OK
        }
    }
    guard code == SQLITE_OK || code == SQLITE_DONE else { return fail(code) }

    // The passage's text with its matched tokens marked.
    var marked = Set<Int32>()
    for hit in hits where hit.offset + hit.length > start && hit.offset < start + window {
        for token in hit.offset..<(hit.offset + hit.length) { marked.insert(token) }
    }
    let bytes = UnsafeRawBufferPointer(start: text, count: Int(length))
    var result: [UInt8] = []
    if start > 0 && !passage.ranges.isEmpty { result += "…".utf8 }
    // From the column's start when the passage is at it; to its end when nothing follows.
    var cursor = start == 0 ? 0 : passage.ranges.first.map { Int($0.start) } ?? 0
    for (index, range) in passage.ranges.enumerated() {
        result += bytes[cursor..<Int(range.start)]
        let isMatch = marked.contains(start + Int32(index))
        if isMatch { result.append(2) }
        result += bytes[Int(range.start)..<Int(range.end)]
        if isMatch { result.append(3) }
        cursor = Int(range.end)
    }
    if passage.more { result += "…".utf8 } else { result += bytes[cursor...] }
    result.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { characters in
            sqlite3_result_text(context, characters.baseAddress, Int32(characters.count), sqliteTransient)
        }
    }
}
