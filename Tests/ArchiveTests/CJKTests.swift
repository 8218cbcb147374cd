import Foundation
import Testing
@testable import Archive

/// Chinese, Japanese and Korean text found by its words (issue 11, problem 5).
@Suite struct CJKTests {
    static let articles = """
        {"guid": "zh", "title": "中国移民问题", "body": "关于非法移民的报道。中国政府表示将加强与台湾的合作，Taiwan officials agreed on Monday.", "language": "zh"}
        {"guid": "zh-policy", "title": "政策简报", "body": "新的移民政策将于五月实施。", "language": "zh-cn"}
        {"guid": "ja", "title": "日本の移民政策", "body": "政府は外国人労働者の受け入れを拡大する方針を示した。ひらがなだけの文もある。", "language": "ja"}
        {"guid": "ko", "title": "한국 이민 정책", "body": "정부는 이민자들은 새로운 비자 제도를 통해 입국할 수 있다고 밝혔다.", "language": "ko"}
        {"guid": "en", "title": "Taiwan talks", "body": "Officials from Taiwan met on migration; nothing here is written in Chinese."}
        """

    private func loaded() throws -> TestArchive {
        let test = try TestArchive()
        try test.archive.add(paths: [test.folder.write("cjk.jsonl", Self.articles)], detectNearCopies: false)
        return test
    }

    @Test func indexTermsArePairsThenTheLastCharacter() {
        #expect(CJKWords.indexText("中国移民问题") == "中国 国移 移民 民问 问题 题")
        #expect(CJKWords.indexText("他说：中国。") == "他说 说 中国 国")
        #expect(CJKWords.indexText("COVID疫苗 and more") == "COVID 疫苗 苗")
        #expect(CJKWords.indexText("이민자들은") == "이민 민자 자들 들은 은")
        #expect(CJKWords.indexText("Résumé — “quoted” text") == nil)
    }

    @Test func queryTermsMatchAnyRunThatHoldsTheWord() {
        #expect(CJKWords.queryTerms(of: "移民") == (["移民"], false) as ([String], Bool))
        #expect(CJKWords.queryTerms(of: "非法移民") == (["非法", "法移", "移民"], false) as ([String], Bool))
        #expect(CJKWords.queryTerms(of: "中") == (["中"], true) as ([String], Bool))
        #expect(CJKWords.queryTerms(of: "疫苗COVID") == (["疫苗", "苗", "COVID"], false) as ([String], Bool))
    }

    @Test(arguments: [
        ("移民", ["zh", "zh-policy", "ja"]),
        (#""移民""#, ["zh", "zh-policy", "ja"]),
        ("非法移民", ["zh"]),
        (#""非法移民""#, ["zh"]),
        ("移民 AND Taiwan", ["zh"]),
        ("移民 OR Taiwan", ["zh", "zh-policy", "ja", "en"]),
        ("移民 -非法", ["zh-policy", "ja"]),
        ("title:移民", ["zh", "ja"]),
        ("body:移民", ["zh", "zh-policy"]),
        ("中", ["zh"]),
        ("台湾", ["zh"]),
        ("労働者", ["ja"]),
        ("ひらがな", ["ja"]),
        ("이민", ["ko"]),
        ("이민자들은", ["ko"]),
        ("비자 lang:ko", ["ko"]),
        ("移民 lang:zh", ["zh", "zh-policy"]),
        (#""非法移民 报道""#, []),   // 的 stands between them
        ("移民问题", ["zh"]),
    ])
    func wordsAreFoundInsideRuns(query: String, expected: [String]) throws {
        let test = try loaded()
        #expect(Set(try test.guids(query)) == Set(expected))
        #expect(try test.archive.count(SearchQuery(query)) == expected.count)
    }

    @Test func snippetsMarkTheCharactersOfTheWord() throws {
        let test = try loaded()
        let row = try #require(try test.archive.search(SearchQuery("非法移民")).articles.first)
        #expect(row.snippet?.parts.first == .plain("关于"))
        #expect(row.snippet?.parts.dropFirst().first == .match("非法移民"))
        let mixed = try #require(try test.archive.search(SearchQuery("台湾 Monday")).articles.first)
        #expect(Set(mixed.snippet?.parts.compactMap { if case .match(let text) = $0 { text } else { nil } } ?? []) == ["台湾", "Monday"])
        #expect(mixed.score != nil)
    }

    @Test func nearRefusesCJKWords() {
        #expect(throws: ArchiveError.self) { try SearchQuery("NEAR(移民 政策)") }
    }

    /// Nothing but SQLite itself: the index is read and checked without the archive's functions.
    @Test func otherSQLClientsFindTwoCharacterWords() throws {
        let test = try loaded()
        let plain = try Database(path: test.archive.path)
        try plain.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        #expect(try plain.prepare("SELECT a.guid FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH '移民' ORDER BY a.guid")
            .rows { $0.string(0) } == ["ja", "zh", "zh-policy"])
        #expect(try plain.scalar("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'body_cjk : \"非法 法移 移民\"'") == 1)
        // A plain-SQL edit of the CJK text reindexes it.
        try plain.execute("UPDATE articles SET body_cjk = '难民' WHERE guid = 'zh-policy'")
        #expect(try plain.scalar("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'body_cjk : 难民'") == 1)
        try plain.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    }

    @Test func databasesFromBeforeGetTheirCJKTerms() throws {
        let folder = TemporaryFolder()
        let path = folder.file("old.db")
        let old = try Database(path: path)
        try Migrator(migrations: Array(embeddedMigrations.prefix(4)), followUps: [:]).migrate(old)
        try old.execute("""
            INSERT INTO articles (title, body, content_hash, added_at) VALUES
                ('旧文章', '关于非法移民的旧报道。', 'h1', ''),
                ('Old', 'Plain text about migration.', 'h2', '');
            """)
        let archive = try Archive(path: path)
        #expect(try archive.count(SearchQuery("移民")) == 1)
        #expect(try archive.count(SearchQuery("文章")) == 1)
        #expect(try archive.database.scalar("SELECT count(*) FROM articles WHERE title_cjk IS NULL AND body_cjk IS NULL") == 1)
    }
}
