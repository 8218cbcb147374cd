import Testing
@testable import Archive

/// Issue 10: the database stays right whatever SQL client touches it (foreign keys off, as
/// sqlite3, Datasette and sqlite-utils leave them), and other tools find its index.
@Suite struct PlainSQLTests {
    /// A second connection to the archive's file, set up as plain SQL clients are.
    static func plainClient(_ test: TestArchive) throws -> Database {
        let database = try Database(path: test.archive.path)
        try database.execute("PRAGMA foreign_keys = OFF")
        return database
    }

    @Test func aPlainDeleteTakesTheArticlesTagsAndBucketsAndItsIdIsNeverReused() throws {
        let test = try TestArchive(withCorpus: true)
        let last = try #require(try test.archive.database.scalar("SELECT max(id) FROM articles"))
        let tagged = try #require(try test.archive.database.scalar("SELECT count(*) FROM article_tags WHERE article_id = ?", [.integer(last)]))
        #expect(tagged > 0)
        let client = try Self.plainClient(test)
        try client.execute("DELETE FROM articles WHERE id = \(last)")
        for table in ["article_tags", "article_buckets"] {
            #expect(try client.scalar("SELECT count(*) FROM \(table) WHERE article_id = ?", [.integer(last)]) == 0)
        }
        try client.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        let file = test.folder.write("garden.json", #"{"title": "Pruning roses", "body": "Cut back the stems in late winter, just above an outward-facing bud."}"#)
        var added: Int64?
        try test.archive.add(paths: [file], onEvent: { if case .added(let id, _) = $0.outcome { added = id } })
        #expect(added == last + 1)
        #expect(try test.archive.article(String(last + 1)).tags.isEmpty)
    }

    @Test func plainDeletesOfTagsOutletsAndStoriesLeaveNoDanglingRows() throws {
        let test = try TestArchive()
        try test.archive.add(paths: [Fixtures.path("copies/stories.jsonl")])
        let client = try Self.plainClient(test)
        try client.execute("DELETE FROM tags; DELETE FROM outlets; DELETE FROM stories;")
        #expect(try client.scalar("SELECT count(*) FROM article_tags") == 0)
        #expect(try client.scalar("SELECT count(*) FROM articles WHERE outlet_id IS NOT NULL OR story_id IS NOT NULL") == 0)
        #expect(try test.archive.list(limit: 100).count == 9)
    }

    @Test func idsBeyondTwoToThe31WorkEverywhere() throws {
        let test = try TestArchive(withCorpus: true)
        let big: Int64 = (1 << 31) + 5
        let client = try Self.plainClient(test)
        try client.execute("""
            INSERT INTO articles (id, title, body, published, content_hash, added_at)
            VALUES (\(big), 'Far id', 'A quokka crossed the border checkpoint unannounced.', '2024-05-20', 'x', '')
            """)
        #expect(try test.archive.search(SearchQuery("quokka")).articles.map(\.id) == [big])
        #expect(try test.archive.search(SearchQuery("quokka"), sort: .newest).articles.map(\.id) == [big])
        #expect(try test.archive.count(SearchQuery("quokka"), filter: ArticleFilter(from: try DatePeriod("2024-05"))) == 1)
        #expect(try test.archive.list(filter: ArticleFilter(from: try DatePeriod("2024-05-20"), to: try DatePeriod("2024-05-20")))
            .first?.id == big)
        #expect(try test.archive.database.scalar("SELECT max(rowid) FROM articles_fts") == big)
    }

    /// The queries sqlite-utils 4 runs for `sqlite-utils search archive.db articles QUERY`:
    /// find the index by its declaration, then join it on rowid.
    @Test func sqliteUtilsFindsTheIndexAndItsRowsAreArticles() throws {
        let test = try TestArchive(withCorpus: true)
        let database = test.archive.database
        let found = try database.prepare("""
            SELECT name FROM sqlite_master WHERE rootpage = 0
            AND (sql LIKE '%VIRTUAL TABLE%USING FTS%content="articles"%' OR sql LIKE '%VIRTUAL TABLE%USING FTS%content=[articles]%')
            """).rows { $0.string(0) }
        #expect(found == ["articles_fts"])
        let viaRowid = try database.prepare("""
            WITH original AS (SELECT rowid, * FROM articles)
            SELECT original.guid FROM original JOIN articles_fts ON original.rowid = articles_fts.rowid
            WHERE articles_fts MATCH 'repatriation' ORDER BY original.guid
            """).rows { $0.string(0) }
        #expect(viaRowid == (try test.guids("repatriation", sort: .newest)).sorted())
    }

    @Test func theMigrationRepairsWhatPlainDeletesLeftBehind() throws {
        let folder = TemporaryFolder()
        let path = folder.file("old.db")
        let old = try Database(path: path)
        try Migrator(migrations: Array(embeddedMigrations.prefix(3)), followUps: [:]).migrate(old)
        try old.execute("""
            INSERT INTO tags (id, name) VALUES (1, 'usa');
            INSERT INTO articles (id, url, title, body, content_hash, added_at) VALUES
                (1, 'https://site.example/story?cid=101', 'One', 'First text.', 'h1', ''),
                (2, 'https://site.example/other', 'Two', 'Second text.', 'h2', '');
            INSERT INTO article_tags VALUES (1, 1), (2, 1);
            PRAGMA foreign_keys = OFF;
            DELETE FROM articles WHERE id = 2;
            """)
        #expect(try old.scalar("SELECT count(*) FROM article_tags") == 2)
        let archive = try Archive(path: path)
        #expect(try archive.database.scalar("SELECT count(*) FROM article_tags") == 1)
        #expect(try archive.count() == 1)
        #expect(try archive.database.scalar("SELECT count(*) FROM articles WHERE url_key = 'site.example/story?cid=101'") == 1)
        #expect(try archive.database.scalar("SELECT clean_length > 0 FROM articles WHERE id = 1") == 1)
        #expect(try archive.database.scalar("PRAGMA foreign_keys") == 1)
        // The id freed before the upgrade is not given again; every article has near-copy keys.
        try archive.add(paths: [folder.write("new.jsonl", #"{"title": "Three", "body": "A gardening piece."}"#)])
        #expect(try archive.database.scalar("SELECT max(id) FROM articles") == 3)
        #expect(try archive.article("3").tags.isEmpty)
        #expect(try archive.database.scalar("SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM article_buckets)") == 0)
        // Tags no article uses are gone, as `rm` would leave them.
        #expect(try archive.database.scalar("SELECT count(*) FROM tags") == 1)
    }
}
