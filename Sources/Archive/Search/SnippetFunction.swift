internal import CSQLite

/// `archive_snippet(articles_fts)`: the passage of the body that holds the most of the query's
/// phrases, 24 words long (a CJK character counts half a word), each matched word between
/// `char(2)` and `char(3)`, with `…` where the body goes on; its start when the body holds no
/// match. Matches of CJK words, which the index finds in `body_cjk` (see `CJKWords`), are
/// marked at their characters in the body.
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
    /// The passage's length in words.
    static let words = 24
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

/// A piece of the body the passage is measured and marked in: an index term, or one character
/// of a term's CJK run (which the CJK column indexes as its own term).
private struct Unit {
    let start: Int32
    let end: Int32
    let isCJK: Bool
    /// Half words: a CJK character is one, anything else two.
    var cost: Int { isCJK ? 1 : 2 }
}

/// What the tokenizer callback collects from the body: its units from the term `storeFrom` on,
/// until the term `stopAt`.
private final class BodyUnits {
    let text: UnsafePointer<CChar>
    let storeFrom: Int32
    let stopAt: Int32
    var term: Int32 = 0
    var units: [Unit] = []
    /// For each body term from `storeFrom`: its first unit.
    var termUnits: [Int] = []
    /// For each term of the CJK column (counted from the body's start): its unit.
    var cjkUnits: [Int] = []
    var more = false

    init(text: UnsafePointer<CChar>, storeFrom: Int32, stopAt: Int32) {
        self.text = text
        self.storeFrom = storeFrom
        self.stopAt = stopAt
    }

    func add(start: Int32, end: Int32) {
        defer { term += 1 }
        guard term >= storeFrom else { return }
        termUnits.append(units.count)
        let bytes = UnsafeRawBufferPointer(start: text + Int(start), count: Int(end - start))
        guard bytes.contains(where: { $0 >= 0xE1 }) else {
            units.append(Unit(start: start, end: end, isCJK: false))
            return
        }
        let word = String(decoding: bytes, as: UTF8.self)
        guard CJKWords.contains(word) else {
            units.append(Unit(start: start, end: end, isCJK: false))
            return
        }
        // As `CJKWords.terms(of:)` cuts it: a unit and a CJK-column term for each CJK
        // character and for each other part.
        var offset = start
        for part in CJKWords.parts(of: word) {
            if part.isCJK {
                for scalar in part.text.unicodeScalars {
                    let size = Int32(UTF8.width(scalar))
                    cjkUnits.append(units.count)
                    units.append(Unit(start: offset, end: offset + size, isCJK: true))
                    offset += size
                }
            } else {
                let size = Int32(part.text.utf8.count)
                cjkUnits.append(units.count)
                units.append(Unit(start: offset, end: offset + size, isCJK: false))
                offset += size
            }
        }
    }
}

private func snippet(api: UnsafePointer<Fts5ExtensionApi>?, fts: OpaquePointer?, context: OpaquePointer?,
                     count: Int32, values: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let api, let fts, let context else { return }
    let calls = api.pointee
    let (bodyColumn, cjkColumn): (Int32, Int32) = (1, 3)
    func fail(_ code: Int32) { sqlite3_result_error_code(context, code) }

    // The matches in the body and in its CJK column, in order: (term offset, phrase, length in terms).
    typealias Hit = (offset: Int32, phrase: Int32, length: Int32)
    var instanceCount: Int32 = 0
    var code = calls.xInstCount(fts, &instanceCount)
    guard code == SQLITE_OK else { return fail(code) }
    var bodyHits: [Hit] = []
    var cjkHits: [Hit] = []
    for instance in 0..<instanceCount {
        var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
        code = calls.xInst(fts, instance, &phrase, &column, &offset)
        guard code == SQLITE_OK else { return fail(code) }
        if column == bodyColumn { bodyHits.append((offset, phrase, max(1, calls.xPhraseSize(fts, phrase)))) }
        if column == cjkColumn { cjkHits.append((offset, phrase, max(1, calls.xPhraseSize(fts, phrase)))) }
    }

    var text: UnsafePointer<CChar>?
    var length: Int32 = 0
    code = calls.xColumnText(fts, bodyColumn, &text, &length)
    guard code == SQLITE_OK else { return fail(code) }
    guard let text, length > 0 else { return sqlite3_result_text(context, "", 0, sqliteTransient) }

    // The body's units: of its first `searchedTokens` terms, or, when its only matches lie
    // further on and none is of a CJK word, around the first of them.
    let searched = SnippetFunction.searchedTokens
    let deep = cjkHits.isEmpty && bodyHits.first.map { $0.offset >= searched } == true
    let window = Int32(SnippetFunction.words)
    let body = deep ? BodyUnits(text: text, storeFrom: bodyHits[0].offset - window, stopAt: bodyHits[0].offset + 2 * window)
        : BodyUnits(text: text, storeFrom: 0, stopAt: searched)
    code = withExtendedLifetime(body) {
        calls.xTokenize(fts, text, length, Unmanaged.passUnretained(body).toOpaque()) { context, flags, _, _, start, end in
            let body = Unmanaged<BodyUnits>.fromOpaque(context!).takeUnretainedValue()
            if flags & FTS5_TOKEN_COLOCATED != 0 { return SQLITE_OK }
            if body.term >= body.stopAt {
                body.more = true
                return SQLITE_DONE
            }
            body.add(start: start, end: end)
            return SQLITE_OK
        }
    }
    guard code == SQLITE_OK || code == SQLITE_DONE else { return fail(code) }
    let units = body.units

    // Each match as the units it covers, [from, to), with its phrase.
    var hits: [(from: Int, to: Int, phrase: Int32)] = []
    for hit in bodyHits {
        let first = Int(hit.offset - body.storeFrom), end = first + Int(hit.length)
        guard first >= 0, first < body.termUnits.count else { continue }
        hits.append((body.termUnits[first], end < body.termUnits.count ? body.termUnits[end] : units.count, hit.phrase))
    }
    for hit in cjkHits {
        let last = Int(hit.offset + hit.length - 1)
        guard last < body.cjkUnits.count else { continue }
        var to = body.cjkUnits[last] + 1
        // A CJK character followed by another of its run is indexed as the pair of them.
        if units[to - 1].isCJK, to < units.count, units[to].isCJK, units[to].start == units[to - 1].end { to += 1 }
        hits.append((body.cjkUnits[Int(hit.offset)], to, hit.phrase))
    }
    hits.sort { $0.from < $1.from }

    // Positions in half words: position[u] is where unit u starts.
    var position = [0]
    position.reserveCapacity(units.count + 1)
    for unit in units { position.append(position.last! + unit.cost) }
    let capacity = 2 * SnippetFunction.words

    // The window holding the most distinct phrases, then the most matches; the earliest of equals.
    var start = 0
    if !hits.isEmpty {
        var best = (distinct: 0, matches: 0, from: hits[0].from, to: hits[0].to)
        var phrases: [Int32: Int] = [:]
        var end = 0
        for (index, hit) in hits.enumerated() {
            // `phrases` counts the phrases of hits[index..<end], which holds at least this hit.
            while end < hits.count && (end <= index || position[hits[end].to] <= position[hit.from] + capacity) {
                phrases[hits[end].phrase, default: 0] += 1
                end += 1
            }
            if phrases.count > best.distinct || (phrases.count == best.distinct && end - index > best.matches) {
                best = (phrases.count, end - index, hit.from, hits[end - 1].to)
            }
            if let left = phrases[hit.phrase] { phrases[hit.phrase] = left > 1 ? left - 1 : nil }
        }
        // Centre the matches in the window, and fill it where the body ends.
        let slack = max(0, capacity - (position[best.to] - position[best.from]))
        var startPosition = max(0, position[best.from] - slack / 2)
        if !body.more { startPosition = max(0, min(startPosition, position[units.count] - capacity)) }
        start = best.from
        while start > 0 && position[start - 1] >= startPosition { start -= 1 }
    }
    var end = start
    while end < units.count && position[end + 1] - position[start] <= capacity { end += 1 }

    // The passage's text, its matched units marked (neighbours without a gap marked as one).
    var marked = [Bool](repeating: false, count: end - start)
    for hit in hits where hit.to > start && hit.from < end {
        for unit in max(hit.from, start)..<min(hit.to, end) { marked[unit - start] = true }
    }
    let bytes = UnsafeRawBufferPointer(start: text, count: Int(length))
    let fromStart = body.storeFrom == 0 && start == 0
    var result: [UInt8] = []
    if !fromStart && start < end { result += "…".utf8 }
    var cursor = fromStart ? 0 : start < end ? Int(units[start].start) : 0
    var open = false
    for unit in start..<end {
        let (from, to) = (Int(units[unit].start), Int(units[unit].end))
        let isMatch = marked[unit - start]
        if open && (!isMatch || from > cursor) { result.append(3); open = false }
        result += bytes[cursor..<from]
        if isMatch && !open { result.append(2); open = true }
        result += bytes[from..<to]
        cursor = to
    }
    if open { result.append(3) }
    if end < units.count || body.more { result += "…".utf8 } else { result += bytes[cursor...] }
    result.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { characters in
            sqlite3_result_text(context, characters.baseAddress, Int32(characters.count), sqliteTransient)
        }
    }
}
