import Testing
@testable import Archive

/// Publication order (`published_unix`, migration 0004) and the two relevance shortcuts of issue 5.
@Suite struct DateOrderTests {
    /// The corpus by publication date, newest first, the undated fx-10 last.
    static let newestFirst = ["fx-12", "fx-11", "fx-08", "fx-07", "fx-06", "fx-05", "fx-04", "fx-03", "fx-02", "fx-01", "fx-09", "fx-10"]

    @Test func newestAndOldestFollowPublicationDateWithUndatedLast() throws {
        let test = try TestArchive(withCorpus: true)
        #expect(try test.guids("the", sort: .newest) == Self.newestFirst)
        #expect(try test.guids("the", sort: .oldest) == Self.newestFirst.dropLast().reversed() + ["fx-10"])
        #expect(try test.archive.list(limit: 100).map { $0.guid ?? "" } == Self.newestFirst)
    }

    /// Issue 13: a date keeps the offset the page stated; order follows the instant, date bounds
    /// the stated day, and re-adding the page finds it on its stated day.
    @Test func statedOffsetsKeepTheDayAndOrderByTheInstant() throws {
        let test = try TestArchive()
        let lines = [
            #"{"guid": "rome", "title": "Night decree", "body": "The decree on returns was published after midnight.", "date": "2023-11-02T00:01:00+01:00"}"#,
            #"{"guid": "utc", "title": "Evening decree", "body": "The decree on returns was debated late in the evening.", "date": "2023-11-01T23:30:00Z"}"#,
        ]
        let file = test.folder.write("dates.jsonl", lines.joined(separator: "\n"))
        #expect(try test.archive.add(paths: [file]).added == 2)
        #expect(try test.archive.article("rome").date == "2023-11-02T00:01:00+01:00")
        // Rome's 00:01 is 23:01 UTC, before the other's 23:30: newest first, "utc" leads.
        #expect(try test.guids("decree", sort: .newest) == ["utc", "rome"])
        let november2 = ArticleFilter(from: try DatePeriod("2023-11-02"), to: try DatePeriod("2023-11-02"))
        #expect(try test.guids("decree", filter: november2) == ["rome"])
        let november1 = ArticleFilter(from: try DatePeriod("2023-11-01"), to: try DatePeriod("2023-11-01"))
        #expect(try test.guids("decree", filter: november1) == ["utc"])
        #expect(try test.guids("decree date:2023-11-02") == ["rome"])
        #expect(try test.guids("decree date:2023-11-01..2023-11-02", sort: .oldest) == ["rome", "utc"])
        #expect(try test.archive.add(paths: [file]).added == 0)
    }

    @Test func theIndexIsNumberedByArticleIDAndDatesAreUnixSeconds() throws {
        let test = try TestArchive(withCorpus: true)
        let database = test.archive.database
        #expect(try database.scalar("SELECT count(*) FROM articles_fts") == 12)
        #expect(try database.scalar("SELECT count(*) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid") == 12)
        // 2024-05-11 is 19,854 days after 1970-01-01; an undated article has no time.
        #expect(try database.scalar("SELECT published_unix FROM articles WHERE guid = 'fx-01'") == 19_854 * 86_400)
        #expect(try database.scalar("SELECT published_unix IS NULL FROM articles WHERE guid = 'fx-10'") == 1)
        #expect(try database.scalar("SELECT max(published_unix) < 9007199254740992 FROM articles") == 1)
    }

    @Test func addIndexesEachBatchAtItsEndAndKeepsTheInsertTrigger() throws {
        let test = try TestArchive()
        try test.archive.add(paths: [Fixtures.path("corpus.jsonl")], batchSize: 5)
        let database = test.archive.database
        #expect(try database.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'articles_fts_insert'") == 1)
        try database.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        #expect(try test.guids("the", sort: .newest) == Self.newestFirst)
        // So does a batch that stores nothing.
        let broken = test.folder.write("broken.json", "{\"title\": \"Half\", \"body\": \"cut")
        #expect(try test.archive.add(paths: [broken]).failed == 1)
        #expect(try database.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'articles_fts_insert'") == 1)
    }

    @Test func plainSQLDateChangesMoveTheArticleInTheIndex() throws {
        let test = try TestArchive(withCorpus: true)
        try test.archive.database.execute("UPDATE articles SET published = '2030-01-01' WHERE guid = 'fx-01'")
        try test.archive.database.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        #expect(try test.guids("the", sort: .newest).first == "fx-01")
        #expect(try test.guids("deportees", filter: ArticleFilter(from: try DatePeriod("2030"))) == ["fx-01"])
        #expect(try test.guids("deportees", filter: ArticleFilter(to: try DatePeriod("2029"))).isEmpty)
    }

    @Test func aQueryWhoseWordsAreInHalfTheArticlesComesNewestFirst() throws {
        let test = try TestArchive(withCorpus: true)
        test.archive.rankWindow = 2
        let found = try test.archive.search(SearchQuery("the"), limit: 3)
        #expect(found.shortcut == .newestFirst)
        #expect(found.articles.map { $0.guid ?? "" } == Array(Self.newestFirst.prefix(3)))
        #expect(found.articles.allSatisfy { $0.score == nil })
        // A weighed word beside it (OR) keeps relevance.
        #expect(try test.archive.search(SearchQuery("the OR deportees"), limit: 2).shortcut == .rankedRecentlyAdded(window: 2))
        // Asked to rank every match, relevance still cannot rank these: newest first, said.
        let ranked = try test.archive.search(SearchQuery("the"), limit: 3, rankAll: true)
        #expect(ranked.shortcut == .newestFirst)
        #expect(ranked.articles.allSatisfy { $0.score == nil })
    }

    /// Issue 11, problem 7: on a small archive, with fewer matches than the ranking window.
    @Test func aSmallArchiveSaysWhenRelevanceCannotRank() throws {
        let test = try TestArchive()
        let file = test.folder.write("five.jsonl", (1...5).map { day in
            #"{"guid": "r\#(day)", "date": "2024-05-0\#(day)", "body": "Article \#(day) on repatriation flights and \#(day == 1 ? "ferries" : "visas")."}"#
        }.joined(separator: "\n"))
        try test.archive.add(paths: [file], detectNearCopies: false)
        let found = try test.archive.search(SearchQuery("repatriation"))
        #expect(found.shortcut == .newestFirst)
        #expect(found.articles.map(\.guid) == ["r5", "r4", "r3", "r2", "r1"])
        #expect(found.articles.allSatisfy { $0.score == nil })
        // A word in fewer than half of them ranks, with scores.
        let ranked = try test.archive.search(SearchQuery("repatriation ferries"))
        #expect(ranked.shortcut == nil)
        #expect(ranked.articles.map(\.guid) == ["r1"])
        #expect(ranked.articles.allSatisfy { ($0.score ?? 0) > 0 })
    }

    @Test func manyMatchesRankOnlyTheLastAddedAndWidenWhenFiltersLeaveTooFew() throws {
        let test = try TestArchive(withCorpus: true)
        let all = try test.archive.search(SearchQuery("migration"), limit: 100, rankAll: true).articles
        #expect(all.count > 3)
        test.archive.rankWindow = 2
        let lastTwo = Set(all.map(\.id).sorted().suffix(2))
        let windowed = try test.archive.search(SearchQuery("migration"), limit: 2)
        #expect(windowed.shortcut == .rankedRecentlyAdded(window: 2))
        #expect(Set(windowed.articles.map(\.id)) == lastTwo)
        #expect(windowed.articles.map(\.score) == windowed.articles.map(\.score).sorted { ($0 ?? 0) > ($1 ?? 0) })

        // A page the window cannot fill widens it until every match is ranked.
        let wholePage = try test.archive.search(SearchQuery("migration"), limit: 100)
        #expect(wholePage.shortcut == nil)
        #expect(wholePage.articles.map(\.id) == all.map(\.id))

        // The oldest match, kept by a filter, is still found.
        let oldest = try #require(all.min { ($0.date ?? "") < ($1.date ?? "") })
        let filter = ArticleFilter(to: try DatePeriod(String((oldest.date ?? "").prefix(10))))
        let filtered = try test.archive.search(SearchQuery("migration"), filter: filter, limit: 1)
        #expect(filtered.articles.map(\.id) == [oldest.id])
    }

    @Test func optimizeKeepsEverythingFindable() throws {
        let test = try TestArchive(withCorpus: true)
        let before = try test.guids("repatriation")
        try test.archive.optimize()
        try test.archive.database.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        #expect(try test.guids("repatriation") == before)
        #expect(try test.archive.database.scalar("SELECT count(*) FROM sqlite_stat1") ?? 0 > 0)
    }
}
