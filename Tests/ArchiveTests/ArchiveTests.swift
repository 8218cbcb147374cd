import Foundation
import Testing
@testable import Archive

@Suite struct SearchTests {
    let test: TestArchive

    init() throws { test = try TestArchive(withCorpus: true) }

    @Test(arguments: [
        ("repatriation AND Taiwan", ["fx-01", "fx-05"]),
        ("repatriation Taiwan", ["fx-01", "fx-05"]),
        ("deportation OR deportees", ["fx-01", "fx-12"]),
        // Porter stems "migration" and "migrants" apart, so only the word itself matches.
        ("migration", ["fx-02", "fx-03", "fx-05", "fx-09"]),
        ("migration -Mexico", ["fx-03", "fx-05", "fx-09"]),
        ("migration NOT Mexico", ["fx-03", "fx-05", "fx-09"]),
        ("migrants", ["fx-03", "fx-08", "fx-09"]),
        ("U.S.-Mexico", ["fx-02"]),
        ("Mao Ning's", ["fx-03"]),
        ("covid-19", ["fx-04"]),
        ("\"joint patrols\"", ["fx-08"]),
        ("repatr*", ["fx-01", "fx-05", "fx-07"]),
        ("NEAR(deportation flights, 1)", ["fx-12"]),
        ("NEAR(repatriation Ecuador, 3)", []),
        ("title:Taiwan", ["fx-05"]),
        ("body:Taiwan", ["fx-01", "fx-05"]),
        ("resume", ["fx-11"]),
        ("Ecuador (flights OR programme)", ["fx-07"]),
        ("shelters", ["fx-04", "fx-10"]),
        ("xylophone", []),
    ])
    func findsWhatTheCorpusHolds(query: String, expected: [String]) throws {
        #expect(try test.guids(query).sorted() == expected)
    }

    @Test func titleMatchesRankAboveBodyMatches() throws {
        // fx-07 has "repatriation" in its title; the others only in their bodies.
        #expect(try test.guids("repatriation").first == "fx-07")
        #expect(try test.guids("Taiwan").first == "fx-05")
    }

    @Test func filtersByDateOutletAndTag() throws {
        let may = ArticleFilter(from: try DatePeriod("2024-05"), to: try DatePeriod("2024-05"))
        #expect(try test.archive.list(filter: may, limit: 100).map { $0.guid } == ["fx-02", "fx-01"])
        #expect(try test.archive.count(filter: may) == 2)

        let outlets = ArticleFilter(outlets: ["harbor ledger", "Port Bulletin"])
        #expect(try test.archive.count(filter: outlets) == 6)

        let tags = ArticleFilter(outlets: ["Valley Courier"], tags: ["MIGRATION", "repatriation"])
        #expect(try test.archive.list(filter: tags).map { $0.guid } == ["fx-07"])

        let june3 = ArticleFilter(from: try DatePeriod("2024-06-03"), to: try DatePeriod("2024-06-03"))
        #expect(try test.guids("migrants", filter: june3) == ["fx-03"])

        let toOnly = ArticleFilter(to: try DatePeriod("2023"))
        #expect(try test.archive.list(filter: toOnly).map { $0.guid } == ["fx-09"])
    }

    @Test func sortsByDateWithUndatedLast() throws {
        let newest = try test.archive.list(limit: 100).map { $0.guid ?? "" }
        #expect(newest.first == "fx-12")
        #expect(newest.last == "fx-10")
        let oldest = try test.archive.list(sort: .oldest, limit: 100).map { $0.guid ?? "" }
        #expect(oldest.first == "fx-09")
        #expect(oldest.last == "fx-10")
        #expect(try test.guids("migration", sort: .newest) == ["fx-05", "fx-03", "fx-02", "fx-09"])
    }

    @Test func pagesWithLimitAndOffset() throws {
        let all = try test.archive.list(limit: 100).map(\.id)
        #expect(try test.archive.list(limit: 5, offset: 5).map(\.id) == Array(all[5..<10]))
        #expect(try test.archive.count(SearchQuery("migration")) == 4)
    }

    @Test func snippetsMarkTheMatchedWords() throws {
        let hit = try #require(try test.archive.search(SearchQuery("joint patrols")).articles.first)
        let matches = hit.snippet?.parts.compactMap { part -> String? in
            if case .match(let text) = part { return text }
            return nil
        }
        #expect(matches?.contains("joint") == true)
        #expect(hit.score ?? 0 > 0)
    }

    @Test func rejectsAnInvertedDateRange() {
        #expect(throws: ArchiveError.invalidArgument("the start date 2024-06 is after the end date 2024-05")) {
            try test.archive.list(filter: ArticleFilter(from: try DatePeriod("2024-06"), to: try DatePeriod("2024-05")))
        }
    }
}

@Suite struct StorageTests {
    @Test func addingTwiceAddsNothing() throws {
        let test = try TestArchive(withCorpus: true)
        let summary = try test.archive.add(paths: [Fixtures.path("corpus.jsonl")])
        #expect(summary == IngestSummary(added: 0, alreadyStored: 12, failed: 0))
        #expect(try test.archive.stats().articles == 12)
    }

    @Test func badArticlesAreReportedAndTheRestStored() throws {
        let test = try TestArchive()
        let file = test.folder.write("mixed.jsonl", """
            {"title": "Good one", "body": "Fine text.", "date": "May 11, 2024"}
            {"title": "No body"}
            {"title": "Bad date", "body": "Text.", "date": "sometime soon"}
            not json
            {"title": "Good two", "body": "More text."}
            """)
        var failures: [String] = []
        let summary = try test.archive.add(paths: [file, test.folder.file("missing.json")], onEvent: { event in
            if case .failed(let reason) = event.outcome { failures.append("\(event.location): \(reason)") }
        })
        #expect(summary == IngestSummary(added: 2, alreadyStored: 0, failed: 4))
        #expect(failures == [
            "\(test.folder.file("missing.json")): no such file or folder",
            "\(file):2: no \"body\": an article needs its text",
            "\(file):3: unreadable date 'sometime soon': 'sometime' is not part of a date",
            "\(file):4: invalid JSON at column 1: expected a value, found 'not'",
        ])
        #expect(try test.archive.list().map(\.title) == ["Good one", "Good two"])
    }

    @Test func overridesReplaceMetadataAndAddTags() throws {
        let test = try TestArchive()
        let file = test.folder.write("a.json", #"{"title": "T", "body": "B", "outlet": "Old", "tags": ["x"]}"#)
        try test.archive.add(paths: [file], overrides: ArticleOverrides(date: "2024-05-11", outlet: "New", tags: ["y", "X"]))
        let article = try test.archive.article("1")
        #expect(article.outlet == "New")
        #expect(article.date == "2024-05-11")
        #expect(article.tags == ["x", "y"])
    }

    @Test func foldersAreReadRecursivelyByExtension() throws {
        let test = try TestArchive()
        test.folder.write("in/a.txt", "Alpha story here\nFirst body.")
        test.folder.write("in/sub/b.md", "---\ntitle: Beta\n---\nSecond body.")
        test.folder.write("in/sub/c.json", #"{"title": "Gamma", "body": "Third body."}"#)
        test.folder.write("in/ignored.pdf", "not read")
        test.folder.write("in/.hidden.txt", "Hidden\nnot read")
        let summary = try test.archive.add(paths: [test.folder.file("in")])
        #expect(summary.added == 3)
        #expect(Set(try test.archive.list().map(\.title)) == ["Alpha story here", "Beta", "Gamma"])
    }

    @Test func showFindsByIdGuidOrUrl() throws {
        let test = try TestArchive(withCorpus: true)
        #expect(try test.archive.article("3").guid == "fx-03")
        #expect(try test.archive.article("#3").guid == "fx-03")
        #expect(try test.archive.article("fx-05").id == 5)
        #expect(try test.archive.article("https://harbor.example/2024/05/crossings").guid == "fx-02")
        #expect(throws: ArchiveError.notFound("nope")) { try test.archive.article("nope") }
        let article = try test.archive.article("fx-03")
        #expect(article.date == "2024-06-03T09:30:00+08:00")
        #expect(article.outlet == "Capital Wire")
        #expect(article.tags == ["china", "repatriation"])
    }

    @Test func tagsAndRemovalsKeepTheIndexRight() throws {
        let test = try TestArchive(withCorpus: true)
        let article = try test.archive.retag("fx-06", adding: ["shipping", "Shipping"], removing: ["TRADE"])
        #expect(article.tags == ["shipping"])
        #expect(try test.archive.count(filter: ArticleFilter(tags: ["shipping"])) == 1)

        #expect(throws: ArchiveError.notFound("999")) { try test.archive.remove(["1", "999"]) }
        #expect(try test.archive.stats().articles == 12)
        #expect(try test.archive.remove(["1", "fx-05"]) == [1, 5])
        #expect(try test.guids("Taiwan").isEmpty)
        #expect(try test.archive.stats().articles == 10)
    }

    @Test func plainSQLEditsStaySearchable() throws {
        let test = try TestArchive(withCorpus: true)
        try test.archive.database.execute("UPDATE articles SET body = 'Now about zeppelins.' WHERE guid = 'fx-06'")
        #expect(try test.guids("zeppelins") == ["fx-06"])
        #expect(try test.guids("container").isEmpty)
        try test.archive.database.execute("DELETE FROM articles WHERE guid = 'fx-06'")
        #expect(try test.guids("zeppelins").isEmpty)
        try test.archive.database.execute("INSERT INTO articles (title, body, content_hash, added_at) VALUES ('Hand made', 'Typed into sqlite3.', 'h', '')")
        #expect(try test.guids("sqlite3") == [""])
        try test.archive.database.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    }

    @Test func exportRoundTrips() throws {
        let source = try TestArchive(withCorpus: true)
        try source.archive.retag("fx-10", adding: ["council"], removing: [])
        var lines: [String] = []
        try source.archive.export { lines.append($0.exportJSON.serialized) }
        let file = source.folder.write("export.jsonl", lines.joined(separator: "\n"))

        let copy = try TestArchive()
        #expect(try copy.archive.add(paths: [file]).added == 12)
        func everything(_ archive: Archive) throws -> [Article] {
            var articles: [Article] = []
            try archive.export { article in
                var article = article
                article.source = ""
                article.addedAt = ""
                articles.append(article)
            }
            return articles
        }
        #expect(try everything(copy.archive) == everything(source.archive))
    }

    @Test func statsCountWhatIsStored() throws {
        let test = try TestArchive(withCorpus: true)
        let stats = try test.archive.stats()
        #expect(stats.articles == 12)
        #expect(stats.outlets == 4)
        #expect(stats.firstDate == "2023-12-01")
        #expect(stats.lastDate == "2024-09-20")
        #expect(stats.undatedArticles == 1)
        #expect(stats.topTags.first == ArchiveStats.NameCount(name: "migration", articles: 6))
        #expect(stats.databaseBytes > 0)
    }

    @Test func aNewerSchemaIsRefused() throws {
        let folder = TemporaryFolder()
        let path = folder.file("future.db")
        _ = try Archive(path: path)
        try Database(path: path).execute("PRAGMA user_version = 999")
        #expect(throws: ArchiveError.schemaTooNew(path: path, found: 999, known: Migrator().latestVersion)) {
            try Archive(path: path)
        }
    }

    @Test func aFileThatIsNotADatabaseIsRefused() throws {
        let folder = TemporaryFolder()
        let path = folder.write("notes.db", String(repeating: "plain text, not SQLite\n", count: 100))
        #expect(throws: ArchiveError.unusableDatabase(path: path, reason: "not an SQLite database")) {
            try Archive(path: path)
        }
    }

    @Test func migrationsAreRecorded() throws {
        let test = try TestArchive()
        #expect(try test.archive.database.scalar("SELECT count(*) FROM schema_migrations") == Int64(Migrator().latestVersion))
        #expect(try test.archive.database.scalar("PRAGMA user_version") == Int64(Migrator().latestVersion))
    }

    @Test func defaultPathFollowsTheEnvironment() {
        #expect(Archive.defaultPath(environment: ["ARCHIVE_DB": "/x/a.db", "HOME": "/h"]) == "/x/a.db")
        #expect(Archive.defaultPath(environment: ["XDG_DATA_HOME": "/d", "HOME": "/h"]) == "/d/archive/archive.db")
        #expect(Archive.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/share/archive/archive.db")
    }
}
