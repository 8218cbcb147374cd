import Foundation
import Testing
@testable import Archive

/// Issue 12: seeded random inputs for the query parser, the JSON reader, the date reader and
/// both extractors. Each input must give a result or the reader's own error, never a crash,
/// and none may take a second. The suite runs a few thousand of each; `bench/reliability/run`
/// runs a million queries and a hundred thousand records, pages, texts and dates through the
/// same code by setting ARCHIVE_FUZZ_QUERIES (and _RECORDS, _DATES, _PAGES, _TEXTS) and
/// ARCHIVE_FUZZ_REPORT (a file for the figures).
@Suite struct FuzzTests {
    static func count(_ kind: String, _ fallback: Int) -> Int {
        Int(ProcessInfo.processInfo.environment["ARCHIVE_FUZZ_\(kind)"] ?? "") ?? fallback
    }
    static let slowest: Duration = .seconds(1)

    /// SplitMix64: the same inputs on every machine for a seed.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    /// Times `body` and records the slowest input.
    struct Timing {
        var slowest: Duration = .zero
        var slowestInput = ""
        var count = 0
        mutating func run(_ input: String, _ body: () throws -> Void) rethrows {
            let start = ContinuousClock.now
            try body()
            let took = ContinuousClock.now - start
            count += 1
            if took > slowest { (slowest, slowestInput) = (took, input) }
        }
    }

    static func report(_ name: String, _ timing: Timing, _ detail: String = "") {
        guard let path = ProcessInfo.processInfo.environment["ARCHIVE_FUZZ_REPORT"] else { return }
        let milliseconds = timing.slowest.components.seconds * 1000 + timing.slowest.components.attoseconds / 1_000_000_000_000_000
        let line = "\(name)\t\(timing.count)\t\(milliseconds)\t\(detail)\n"
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            try? handle.close()
        } else {
            FileManager.default.createFile(atPath: path, contents: Data(line.utf8))
        }
    }

    // MARK: Queries

    static let queryPieces = [
        "oil", "repatriation", "Taiwan", "migrants", "a", "the", "US", "U.S.-Mexico", "covid-19", "Ning's", "naïve",
        "AND", "OR", "NOT", "and", "or", "not", "NEAR(", "NEAR", ",", "5", "(", ")", "((", "))", "\"", "\"big dogs\"",
        "-", "--", "*", "a*", "*a", "-word", "-\"phrase\"", "-(", ":", "title:", "body:", "title:title:", "outlet:",
        "outlet:\"Taipei Times\"", "tag:", "tag:china", "author:Smith", "lang:zh", "language:", "date:", "date:2024",
        "date:2024-05", "date:2024-05-01..2024-06-30", "date:..2023", "date:2024-13", "date:2024-02-30", "date:1..2",
        "foo:bar", "https://x.example/a?b=c", "10:30", "移民", "非法移民", "遣返", "労働者", "이민자들은", "中", "^", "+",
        "'", "`", "\\", "\u{0}", "\n", "\t", " ", "  ", "{", "}", "[", "]", "#", "%", "@", "!", "?", "…", "\u{200B}", "🙂",
        "NEAR(a b, 2)", "NEAR(移民 问题)", "\"\"", "()", "-()", "NOT NOT", "OR OR", "AND)", "(NOT", "title:(a OR b)",
    ]

    static func randomQuery(_ random: inout Random) -> String {
        if random.chance(1) {
            // Past the length bound, built of one piece.
            return String(repeating: random.pick(queryPieces) + random.pick(["", " "]), count: 400 + random.below(2_000))
        }
        var text = ""
        for _ in 0..<(1 + random.below(random.chance(10) ? 60 : 12)) {
            if random.chance(55) {
                text += random.pick(["oil", "repatriation", "Taiwan", "migrants", "talks", "deal", "移民", "a*", "\"big dogs\"",
                                     "tag:china", "date:2024", "-word", "OR", "AND", "NOT"])
            } else if random.chance(5) {
                text.unicodeScalars.append(Unicode.Scalar(UInt32(random.below(0x2FFF)) + 1) ?? "x")
            } else {
                text += random.pick(queryPieces)
            }
            if random.chance(70) { text += " " }
        }
        return text
    }

    @Test func queriesParseAndSearchOrSayWhy() throws {
        let test = try TestArchive(withCorpus: true)
        var random = Random(state: 12)
        var timing = Timing()
        var refused = 0
        for _ in 0..<Self.count("QUERIES", 20_000) {
            let text = Self.randomQuery(&random)
            try timing.run(text) {
                let query: SearchQuery
                do { query = try SearchQuery(text) } catch {
                    guard case .invalidQuery(let message)? = error as? ArchiveError, !message.isEmpty else {
                        Issue.record("\(text.debugDescription): \(error)")
                        return
                    }
                    refused += 1
                    return
                }
                // A query that parses must search, list and count: FTS5 may not refuse what the translator wrote.
                do {
                    _ = try test.archive.search(query, limit: 5)
                    _ = try test.archive.search(query, sort: random.pick([.newest, .oldest]), limit: 3)
                    _ = try test.archive.count(query)
                } catch {
                    Issue.record("\(text.debugDescription) parsed as \(query.expression.debugDescription) but: \(error)")
                }
            }
        }
        #expect(timing.slowest < Self.slowest, "slowest: \(timing.slowestInput.prefix(200).debugDescription) took \(timing.slowest)")
        #expect(refused > 0 && refused < timing.count)
        Self.report("queries", timing, "\(timing.count - refused) searched, \(refused) refused")
    }

    // MARK: JSON records

    static let validRecords = [
        #"{"title": "Talks resume", "body": "Officials met on Tuesday.", "date": "2024-05-11", "outlet": "Reuters", "tags": ["asia", "policy"]}"#,
        #"{"guid": 1234, "headline": "Numbers", "text": "Body with \"quotes\" and \\ and \u00e9.", "published": "May 11, 2024", "keywords": "a, b"}"#,
        #"{"id": "x-1", "content": "中国移民问题", "language": "zh", "url": "https://example.com/a?b=1", "author": "Li Wei"}"#,
        #"[{"title": "One", "body": "First."}, {"title": "Two", "body": "Second.", "date": null}]"#,
    ]

    static func mutate(_ bytes: [UInt8], _ random: inout Random) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<(1 + random.below(6)) {
            switch random.below(6) {
            case 0 where !bytes.isEmpty: bytes[random.below(bytes.count)] = UInt8(random.below(256))
            case 1: bytes.insert(random.pick(Array("{}[]\",:\\0123456789.-eE tnfu".utf8) + [0x00, 0xC3, 0xFF, 0x0A]), at: random.below(bytes.count + 1))
            case 2 where !bytes.isEmpty: bytes.remove(at: random.below(bytes.count))
            case 3 where !bytes.isEmpty: bytes = Array(bytes.prefix(random.below(bytes.count)))
            case 4 where !bytes.isEmpty:
                let start = random.below(bytes.count)
                let piece = bytes[start..<min(bytes.count, start + 1 + random.below(20))]
                bytes.insert(contentsOf: piece, at: random.below(bytes.count + 1))
            default: bytes += Array(String(repeating: "[", count: random.below(3) == 0 ? 5_000 : 3).utf8)
            }
        }
        return bytes
    }

    @Test func jsonRecordsReadOrSayWhy() throws {
        var random = Random(state: 34)
        var timing = Timing()
        for _ in 0..<Self.count("RECORDS", 5_000) {
            let bytes = Self.mutate(Array(random.pick(Self.validRecords).utf8), &random)
            timing.run(String(decoding: bytes, as: UTF8.self)) {
                do {
                    let value = try JSONParser.parse(bytes)
                    let elements: [JSONValue] = if case .array(let items) = value { items } else { [value] }
                    for element in elements {
                        do {
                            let input = try ArticleInput(element)
                            _ = try ArticleDraft(input, overrides: ArticleOverrides(), source: "fuzz")
                        } catch {
                            #expect((error as? InputError)?.reason.isEmpty == false, "\(error)")
                        }
                    }
                } catch {
                    #expect((error as? JSONSyntaxError)?.message.isEmpty == false, "\(error)")
                }
            }
        }
        #expect(timing.slowest < Self.slowest, "slowest: \(timing.slowestInput.prefix(200).debugDescription) took \(timing.slowest)")
        Self.report("records", timing)
    }

    // MARK: Dates

    static let datePieces = ["2024", "-", "05", "11", "T", "14:03", ":00", "Z", "+02:00", "-0500", " ", ",", "May", "Sept.",
                             "Sat,", "11th", "GMT", "EST", "PM", "am", "/", ".", "1987", "0", "31", "99", "12", "Feb", "29",
                             "29.02.2024", "１２", "٢٠٢٤", "yesterday", "\u{0}", "999999999999", "-1", "T25:61"]

    @Test func datesReadOrSayWhy() throws {
        var random = Random(state: 56)
        var timing = Timing()
        for _ in 0..<Self.count("DATES", 20_000) {
            var text = ""
            for _ in 0..<(1 + random.below(9)) { text += random.pick(Self.datePieces) }
            timing.run(text) {
                do {
                    let normalized = try PublicationDate.normalize(text)
                    // What it stores reads back as itself.
                    #expect(try PublicationDate.normalize(normalized) == normalized, "\(text.debugDescription) → \(normalized)")
                } catch {
                    #expect((error as? PublicationDate.DateError)?.description.isEmpty == false, "\(error)")
                }
            }
        }
        #expect(timing.slowest < Self.slowest, "slowest: \(timing.slowestInput.debugDescription) took \(timing.slowest)")
        Self.report("dates", timing)
    }

    // MARK: Pages

    static let pageFixtures: [[UInt8]] = ["pages/newsarticle-jsonld.html", "pages/opengraph.html"].compactMap {
        FileManager.default.contents(atPath: Fixtures.path($0)).map { Array($0) }
    }
    static let textFixtures: [String] = ["pages/agency-sign-off.txt", "pages/scraped-with-chrome.txt", "pages/syndicated-with-dateline.txt"]
        .compactMap { try? String(contentsOfFile: Fixtures.path($0), encoding: .utf8) }

    static let markup = ["<p>", "</p>", "<div class=\"content\">", "</div>", "<article>", "</article>", "<script>", "</script>",
                         "<style>", "<!--", "-->", "<![CDATA[", "&amp;", "&#x2014;", "&nbsp;", "<br>", "<meta property=\"og:title\" content=\"",
                         "\">", "<time datetime=\"2024-05-11\">", "<h1>", "</h1>", "<a href=\"/x\">", "</a>", "<nav>", "<li>",
                         "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"", "\"}", "Officials said ",
                         "the talks resumed on Tuesday. ", "Share this ", "<", ">", "\"", "\u{0}"]

    static func randomPage(_ random: inout Random) -> [UInt8] {
        if random.chance(50), !pageFixtures.isEmpty {
            return mutate(random.pick(pageFixtures), &random)
        }
        var page = "<html><body>"
        for _ in 0..<(1 + random.below(random.chance(5) ? 3_000 : 80)) { page += random.pick(markup) }
        return Array(page.utf8)
    }

    @Test func pagesExtractOrSayWhy() throws {
        var random = Random(state: 78)
        var timing = Timing()
        for _ in 0..<Self.count("PAGES", 500) {
            let page = Self.randomPage(&random)
            timing.run(String(decoding: page.prefix(300), as: UTF8.self)) {
                let input = ArticleExtractor.html(page)
                if let body = input.body, !body.trimmed.isEmpty {
                    _ = try? ArticleDraft(input, overrides: ArticleOverrides(), source: "fuzz")
                }
            }
        }
        #expect(timing.slowest < Self.slowest, "slowest page (start: \(timing.slowestInput.prefix(120).debugDescription)) took \(timing.slowest)")
        Self.report("pages", timing)
    }

    @Test func textsExtractOrSayWhy() throws {
        var random = Random(state: 90)
        var timing = Timing()
        for _ in 0..<Self.count("TEXTS", 2_000) {
            let bytes = random.chance(60) && !Self.textFixtures.isEmpty
                ? Self.mutate(Array(random.pick(Self.textFixtures).utf8), &random)
                : Array((0..<(1 + random.below(60))).map { _ in random.pick(Self.queryPieces + ["\n", "\n\n", "Share", "Advertisement", "By Jane Doe", "May 11, 2024"]) }.joined(separator: random.pick([" ", "\n"])).utf8)
            let text = String(decoding: bytes, as: UTF8.self)
            timing.run(String(text.prefix(200))) {
                let input = ArticleExtractor.text(text)
                _ = try? ArticleDraft(input, overrides: ArticleOverrides(), source: "fuzz")
            }
        }
        #expect(timing.slowest < Self.slowest, "slowest text (start: \(timing.slowestInput.prefix(120).debugDescription)) took \(timing.slowest)")
        Self.report("texts", timing)
    }
}
