import Foundation
import Testing
@testable import Archive

@Suite struct URLKeyTests {
    @Test(arguments: [
        ("https://www.example.com/a/b/", "example.com/a/b"),
        ("http://example.com/a/b?utm_source=rss&utm_medium=x", "example.com/a/b"),
        ("https://example.com/a/b/amp/", "example.com/a/b"),
        ("https://amp.example.com/a/b", "example.com/a/b"),
        ("https://example.com/a/b.amp", "example.com/a/b"),
        ("https://EXAMPLE.com/a/b#comments", "example.com/a/b"),
        ("https://example.com/a?id=7&fbclid=abc&page=2", "example.com/a?id=7&page=2"),
        ("https://example.com/a?page=2&id=7", "example.com/a?id=7&page=2"),
        ("https://example.com:443/a/index.html", "example.com/a"),
    ])
    func keys(url: String, key: String) {
        #expect(URLKey.of(url) == key)
    }

    @Test func otherSchemesHaveNoKey() {
        #expect(URLKey.of("mailto:desk@example.com") == nil)
        #expect(URLKey.of("not a url") == nil)
    }
}

@Suite struct StoryTests {
    let test: TestArchive
    var outcomes: [String: IngestOutcome] = [:]

    init() throws {
        test = try TestArchive()
        var outcomes: [String: IngestOutcome] = [:]
        try test.archive.add(paths: [Fixtures.path("copies/stories.jsonl")], onEvent: { event in
            outcomes[String(event.location.line ?? 0)] = event.outcome
        })
        self.outcomes = outcomes
    }

    func id(_ guid: String) throws -> Int64 { try test.archive.article(guid).id }

    func storyMates(_ guid: String) throws -> Set<String> {
        Set(try test.archive.copies(of: guid).compactMap(\.guid))
    }

    @Test func aRetitledSyndicatedCopyJoinsTheStory() throws {
        #expect(outcomes["2"] == .addedToStory(id: 2, title: "UPDATE 1-Five countries to pool records on stolen passports",
                                               relatedID: 1, relation: StoryRelation(kind: .copy, detail: "near copy, other outlet, other url, other headline")))
        #expect(try storyMates("daily-1") == ["wire-1", "short-1"])
    }

    @Test func aCopyCutByAParagraphJoinsTheStory() throws {
        #expect(try storyMates("short-1") == ["wire-1", "daily-1"])
    }

    @Test func templatedReportsWithNewFiguresStayApart() throws {
        #expect(try storyMates("bank-1").isEmpty)
        #expect(try storyMates("bank-2").isEmpty)
    }

    @Test func theSameReportTwoWeeksApartStaysApart() throws {
        #expect(try storyMates("weekly-1").isEmpty)
    }

    @Test func differentArticlesOnOneTopicStayApart() throws {
        #expect(try storyMates("topic-1").isEmpty)
        #expect(try storyMates("topic-2").isEmpty)
    }

    @Test func aPageWithChromeAndItsCleanCopyAreOneStory() throws {
        var outcome: IngestOutcome?
        try test.archive.add(paths: [Fixtures.path("copies/page-with-chrome.txt")], onEvent: { outcome = $0.outcome })
        guard case .addedToStory(let id, _, _, let relation)? = outcome, relation.kind == .copy else {
            Issue.record("expected a near copy, got \(String(describing: outcome))")
            return
        }
        #expect(try test.archive.copies(of: String(id)).count == 3)
    }

    @Test func theMostCompleteCopyRepresentsTheStory() throws {
        // daily-1 carries the dateline, so its body is the longest of the three.
        let story = try #require(try test.archive.stories().first)
        #expect(story.representative.guid == "daily-1")
        #expect(Set(story.others.compactMap(\.guid)) == ["wire-1", "short-1"])
        #expect(story.representative.copies == 2)
    }

    @Test func searchAndListShowOneRowPerStory() throws {
        let rows = try test.archive.search(SearchQuery("travel documents")).articles
        #expect(rows.map(\.guid) == ["daily-1"])
        #expect(rows.first?.copies == 2)
        #expect(try test.archive.search(SearchQuery("travel documents"), allCopies: true).articles.count == 3)
        #expect(try test.archive.count(SearchQuery("travel documents")) == 1)
        #expect(try test.archive.count(SearchQuery("travel documents"), allCopies: true) == 3)
        #expect(try test.archive.count() == 7)
        #expect(try test.archive.count(allCopies: true) == 9)
        // A filter only a copy satisfies shows that copy.
        let regional = try test.archive.list(filter: ArticleFilter(outlets: ["Regional Post"]))
        #expect(regional.map(\.guid) == ["short-1"])
    }

    @Test func theSamePageByItsURLKeyIsRefusedAndAChangedOneIsANewVersion() throws {
        let stored = try test.archive.article("daily-1")
        let same = test.folder.write("amp.json", JSONValue.object([
            ("url", .string("http://www.courier.example/world/stolen-passports/amp/?utm_source=feed")), ("title", .string("AMP")),
            ("body", .string(stored.body)),
        ]).serialized)
        var outcome: IngestOutcome?
        try test.archive.add(paths: [same], onEvent: { outcome = $0.outcome })
        #expect(outcome == .alreadyStored(existingID: stored.id, title: "AMP", match: "url"))

        let changed = test.folder.write("update.json", #"{"url": "http://www.courier.example/world/stolen-passports/amp/", "title": "AMP", "body": "A different body for the AMP page."}"#)
        try test.archive.add(paths: [changed], onEvent: { outcome = $0.outcome })
        guard case .addedToStory(let id, _, let related, let relation)? = outcome else {
            Issue.record("expected a new version, got \(String(describing: outcome))")
            return
        }
        #expect(related == stored.id)
        #expect(relation.kind == .version)
        let members = try test.archive.storyMembers(of: String(id))
        #expect(members.first { $0.article.id == stored.id }?.kind == .version)
        #expect(members.filter { $0.kind == .copy }.count == 2)
    }

    @Test func removingCopiesKeepsStoriesRight() throws {
        try test.archive.remove(["daily-1"])
        let story = try #require(try test.archive.stories().first)
        #expect(story.representative.guid == "wire-1")
        #expect(story.others.map(\.guid) == ["short-1"])
        // Plain SQL, as in sqlite3: the triggers dissolve a story left with one copy.
        try test.archive.database.execute("DELETE FROM articles WHERE guid = 'short-1'")
        #expect(try test.archive.stories().isEmpty)
        #expect(try test.archive.database.scalar("SELECT count(*) FROM articles WHERE story_id IS NOT NULL") == 0)
        #expect(try test.archive.database.scalar("SELECT count(*) FROM article_buckets WHERE article_id NOT IN (SELECT id FROM articles)") == 0)
    }

    @Test func addingMoreCopiesLaterJoinsTheSameStory() throws {
        let file = test.folder.write("late.json", """
            {"title": "Travel records deal", "date": "2024-04-18", "body": "Interior ministers from five countries agreed on Tuesday to share records of lost and stolen travel documents, a step officials said would make it harder to cross borders on forged papers.\\n\\nThe records will be exchanged through an existing police network, and each country will name a contact office by the end of the year. Officials said 40,000 documents were reported lost or stolen last year."}
            """)
        try test.archive.add(paths: [file])
        #expect(try test.archive.stories().count == 1)
        #expect(try test.archive.stories().first?.others.count == 3)
    }
}

@Suite struct StoryMigrationTests {
    @Test func databasesFromBeforeStoriesAreBackfilled() throws {
        let folder = TemporaryFolder()
        let path = folder.file("old.db")
        let old = try Database(path: path)
        try Migrator(migrations: Array(embeddedMigrations.prefix(1)), followUps: [:]).migrate(old)
        let body = "Officials said on Monday that the new border crossing would open in June, after two years of building work and several delays caused by floods."
        try old.execute("""
            INSERT INTO articles (url, title, body, published, content_hash, added_at) VALUES
            ('https://www.a.example/x/', 'One', '\(body)', '2024-05-01', 'h1', ''),
            ('https://b.example/y', 'Two', '\(body) Traffic is expected to be heavy.', '2024-05-02', 'h2', '');
            """)
        let archive = try Archive(path: path)
        #expect(try archive.storyCount() == 1)
        #expect(try archive.database.scalar("SELECT count(*) FROM articles WHERE url_key = 'a.example/x'") == 1)
        #expect(try archive.count() == 1)
    }
}

/// Real templated wire reports and generated syndication, from ../shared. Skipped without it.
@Suite struct SharedCorpusStoryTests {
    static let shared = URL(fileURLWithPath: Fixtures.folder).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared").path
    static let source = (shared as NSString).appendingPathComponent("data/reuters-21578.jsonl.gz")
    static let generator = (shared as NSString).appendingPathComponent("tools/gen-corpus")

    /// Every distinct (headline, text, day) of the Reuters file is stored: only the same article is refused.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: source), "../shared is absent"))
    func everyDistinctHeadlineTextAndDayIsKept() throws {
        let test = try TestArchive()
        var distinct = Set<String>()
        for line in try gunzipLines(Self.source) {
            guard case .object(let members) = try JSONParser.parse(Array(line.utf8)),
                  let body = members.first(where: { $0.key == "body" })?.value.text, !body.allSatisfy(\.isWhitespace) else { continue }
            let title = members.first { $0.key == "title" }?.value.text ?? ""
            let date = members.first { $0.key == "date" }?.value.text ?? ""
            distinct.insert(Self.identity(title, body, date))
        }
        let summary = try test.archive.add(paths: [Self.source])
        var stored = Set<String>()
        try test.archive.export { stored.insert(Self.identity($0.title, $0.body, $0.date ?? "")) }
        #expect(distinct.subtracting(stored).isEmpty)
        #expect(summary.added == distinct.count)
        let repeats = try test.archive.search(SearchQuery("title:\"FED ADDS RESERVES VIA CUSTOMER REPURCHASES\""), limit: 100, allCopies: true)
        #expect(repeats.articles.count == 14)
        #expect(try test.archive.add(paths: [Self.source]).added == 0)

        // Issue 11: field queries count what the matching flags count.
        let cases: [(String, String?, ArticleFilter)] = [
            ("outlet:Reuters oil", "oil", ArticleFilter(outlets: ["Reuters"])),
            ("tag:crude", nil, ArticleFilter(tags: ["crude"])),
            ("oil date:1987-03", "oil", try ArticleFilter(from: DatePeriod("1987-03"), to: DatePeriod("1987-03"))),
            ("oil tag:crude date:1987-03-01..1987-03-15", "oil",
             try ArticleFilter(from: DatePeriod("1987-03-01"), to: DatePeriod("1987-03-15"), tags: ["crude"])),
            ("said tag:usa -tag:crude", nil, ArticleFilter()),
        ]
        for (query, words, filter) in cases {
            let flags = try words.map { try test.archive.count(SearchQuery($0), filter: filter) } ?? test.archive.count(filter: filter)
            if query.contains("-tag:crude") {
                let usa = try test.archive.count(SearchQuery("said"), filter: ArticleFilter(tags: ["usa"]), allCopies: true)
                let both = try test.archive.count(SearchQuery("said"), filter: ArticleFilter(tags: ["usa", "crude"]), allCopies: true)
                #expect(try test.archive.count(SearchQuery(query), allCopies: true) == usa - both)
            } else {
                #expect(flags > 0)
                #expect(try test.archive.count(SearchQuery(query)) == flags, "\(query)")
            }
        }
    }

    static func identity(_ title: String, _ body: String, _ date: String) -> String {
        [ArticleDraft.singleLine(title) ?? "", ArticleDraft.contentHash(of: ArticleDraft.cleanBody(body)), String(date.prefix(10))]
            .joined(separator: "\u{1}")
    }

    /// 300 generated stories, each with one copy under another outlet and url: retitled, wrapped
    /// in site chrome, or cut by a paragraph. They make 300 stories of 600 articles.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: generator), "../shared is absent"))
    func eachGeneratedStoryAndItsCopyAreOneStory() throws {
        let test = try TestArchive()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.generator, "--count", "300", "--seed", "11"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let originals = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        try #require(originals.count == 300)
        var copies: [String] = []
        for (index, line) in originals.enumerated() {
            guard case .object(var members) = try JSONParser.parse(Array(line.utf8)) else { continue }
            func set(_ key: String, _ value: String) {
                members.removeAll { $0.key == key }
                members.append((key, .string(value)))
            }
            let body = members.first { $0.key == "body" }?.value.text ?? ""
            set("guid", "copy-\(index)")
            set("outlet", "Syndicate \(index % 5)")
            set("url", "https://syndicate.example/news/\(index)")
            switch index % 3 {
            case 0: set("title", "Reprint: " + (members.first { $0.key == "title" }?.value.text ?? ""))
            case 1:
                set("body", "Home\nNews\nBusiness\nShare on Facebook\nShare on X\n\n" + body
                    + "\n\nMost read\nSubscribe to our newsletter\nPrivacy policy\nContact us")
            default:
                let paragraphs = body.components(separatedBy: "\n\n")
                set("body", paragraphs.count > 1 ? paragraphs.dropLast().joined(separator: "\n\n") : body)
            }
            copies.append(JSONValue.object(members).serialized)
        }
        try test.archive.add(paths: [test.folder.write("syndicated.jsonl", (originals + copies).joined(separator: "\n"))])
        #expect(try test.archive.count(allCopies: true) == 600)
        #expect(try test.archive.storyCount() == 300)
        #expect(try test.archive.count() == 300)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: source), "../shared is absent"))
    func templatedReportsAreNeverMerged() throws {
        let test = try TestArchive()
        // The articles whose title repeats: templated reports and their real copies.
        let lines = try gunzipLines(Self.source)
        var byTitle: [String: [String]] = [:]
        for line in lines {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let title = object["title"] as? String, !title.isEmpty else { continue }
            byTitle[title, default: []].append(line)
        }
        let repeated = byTitle.values.filter { $0.count >= 2 }.flatMap { $0 }
        try #require(repeated.count > 300)
        let file = test.folder.write("templated.jsonl", repeated.joined(separator: "\n"))
        try test.archive.add(paths: [file])
        var checked = 0
        for story in try test.archive.stories(limit: 10_000) {
            let members = [story.representative] + story.others
            let articles = try members.map { try test.archive.article(String($0.id)) }
            for article in articles.dropFirst() {
                checked += 1
                let a = Self.figures(articles[0].body), b = Self.figures(article.body)
                let (small, large) = a.count <= b.count ? (a, b) : (b, a)
                #expect(small.allSatisfy { number in small.filter { $0 == number }.count <= large.filter { $0 == number }.count },
                        "merged reports with different figures: #\(articles[0].id) and #\(article.id)")
                #expect(Self.daysApart(articles[0].date, article.date) <= 3, "merged reports days apart: #\(articles[0].id) and #\(article.id)")
            }
        }
        // Real copies exist among them (the same report sent twice), so some merging must happen.
        #expect(checked > 0)
    }

    /// The numbers in a text, read independently of the archive's own tokenizer.
    static func figures(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isNumber || $0 == "." || $0 == ",") })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,")) }
            .filter { !$0.isEmpty && $0.allSatisfy { $0.isNumber || $0 == "." || $0 == "," } }
    }

    static func daysApart(_ a: String?, _ b: String?) -> Int {
        guard let a, let b else { return 0 }
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withFullDate]
        guard let x = format.date(from: String(a.prefix(10))), let y = format.date(from: String(b.prefix(10))) else { return 0 }
        return Int(abs(x.timeIntervalSince(y)) / 86_400)
    }

    func gunzipLines(_ path: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
