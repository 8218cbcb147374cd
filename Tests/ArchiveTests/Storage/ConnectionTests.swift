import Foundation
import Testing
@testable import Archive

/// Issue 12: what one connection may assume when other processes change the file.
@Suite struct ConnectionTests {
    /// Problem 4: the outlet and tag ids one `Archive` caches are checked at the start of every
    /// write transaction, so another process reusing an id cannot send articles to the wrong outlet.
    @Test func cachedNamesAreForgottenWhenAnotherConnectionWrites() throws {
        let folder = TemporaryFolder()
        let path = folder.file("news.db")
        let first = try Archive(path: path)
        let reuters = folder.write("reuters.jsonl", """
            {"title": "Oil prices rise", "body": "Crude oil rose two percent on Monday.", "outlet": "Reuters", "tags": ["oil"]}
            """)
        try first.add(paths: [reuters])
        // Another process deletes it (pruning the outlet and the tag) and stores an article of
        // another outlet and tag, which take the freed ids.
        let second = try Archive(path: path)
        try second.remove(["1"])
        let ap = folder.write("ap.jsonl", """
            {"title": "Harvest begins", "body": "Farmers began the wheat harvest early this year.", "outlet": "AP", "tags": ["farming"]}
            """)
        try second.add(paths: [ap])
        // The first connection stores another Reuters article with the same tag.
        let more = folder.write("more.jsonl", """
            {"title": "Oil prices fall", "body": "Crude oil fell three percent on Tuesday.", "outlet": "Reuters", "tags": ["oil"]}
            """)
        try first.add(paths: [more])
        let stored = try first.article("3")
        #expect(stored.outlet == "Reuters")
        #expect(stored.tags == ["oil"])
        #expect(try first.article("2").outlet == "AP")
        #expect(try first.article("2").tags == ["farming"])
    }

    @Test func readingNeverCreatesAFile() throws {
        let folder = TemporaryFolder()
        let path = folder.file("missing/news.db")
        #expect(throws: ArchiveError.noArchive(path: path)) { try Archive(path: path, readOnly: true) }
        #expect(!FileManager.default.fileExists(atPath: folder.file("missing")))
    }

    @Test func anOlderSchemaIsUpgradedForReadingWhenTheFileIsWritable() throws {
        let folder = TemporaryFolder()
        let path = folder.file("news.db")
        try Archive(path: path, readOnly: false).add(paths: [Fixtures.path("corpus.jsonl")])
        // A restored dump carries no user_version: the version comes from schema_migrations.
        let database = try Database(path: path)
        try database.execute("PRAGMA user_version = 0")
        let reader = try Archive(path: path, readOnly: true)
        #expect(try reader.count() == 12)
        #expect(try Migrator().currentVersion(database) == Migrator().latestVersion)
    }
}
