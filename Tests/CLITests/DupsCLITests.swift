import Foundation
import Testing

@Suite struct DupsCLITests {
    let cli = ArchiveRunner()

    init() throws {
        try cli.run(["add", ArchiveRunner.fixture("copies/stories.jsonl")])
    }

    @Test func addSaysWhichArticlesAreCopies() throws {
        let other = ArchiveRunner()
        defer { other.cleanUp() }
        let added = try other.run(["add", ArchiveRunner.fixture("copies/stories.jsonl")])
        #expect(added.lines.contains(
            "added #2 as a copy of #1 (near copy, other outlet, other url, other headline): UPDATE 1-Five countries to pool records on stolen passports"))
        #expect(added.lines.last == "Added 9 articles (2 as copies of stored articles); 0 already stored; 0 failed.")
    }

    @Test func searchShowsOneRowPerStoryWithItsCopies() throws {
        let table = try cli.run(["search", "travel documents"])
        #expect(table.lines.count == 3)   // header, row, snippet
        #expect(table.stdout.contains("UPDATE 1-Five countries to pool records on stolen passports (+2 copies)"))
        #expect(try cli.run(["search", "travel documents", "--count"]).stdout == "1\n")
        #expect(try cli.run(["search", "travel documents", "--count", "--all-copies"]).stdout == "3\n")
        let all = try cli.run(["search", "travel documents", "--all-copies", "--format", "ndjson"])
        #expect(all.lines.count == 3)
    }

    @Test func showListsTheCopies() throws {
        let shown = try cli.run(["show", "wire-1"])
        #expect(shown.stdout.contains("Copies   #2  2024-04-16  Daily Courier  UPDATE 1-Five countries"))
        let json = try #require(try jsonObject(try cli.run(["show", "wire-1", "--format", "json"]).stdout) as? [String: Any])
        #expect((json["copies"] as? [[String: Any]])?.compactMap { $0["guid"] as? String } == ["daily-1", "short-1"])
    }

    @Test func showListsVersionsApartFromCopies() throws {
        let update = cli.write("update.json", #"{"url": "https://www.courier.example/world/stolen-passports", "title": "Records pact widens", "date": "2024-04-18", "body": "Seven more countries said on Thursday they would join the records pact, bringing the total to 12."}"#)
        let added = try cli.run(["add", update])
        #expect(added.lines.first?.hasPrefix("added #10 as a new version of #2: Records pact widens") == true)
        let shown = try cli.run(["show", "10"])
        #expect(shown.stdout.contains("Versions #2  2024-04-16  Daily Courier  UPDATE 1-Five countries"))
        #expect(shown.stdout.contains("Copies   #"))
        let json = try #require(try jsonObject(try cli.run(["show", "10", "--format", "json"]).stdout) as? [String: Any])
        #expect((json["versions"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [2])
        #expect((json["copies"] as? [[String: Any]])?.count == 2)
    }

    @Test func dupsListsTheGroups() throws {
        let json = try cli.run(["dups", "--format", "json"])
        let stories = try #require(try jsonObject(json.stdout) as? [[String: Any]])
        #expect(stories.count == 1)
        #expect((stories[0]["representative"] as? [String: Any])?["guid"] as? String == "daily-1")
        #expect((stories[0]["copies"] as? [[String: Any]])?.count == 2)
        let table = try cli.run(["dups"])
        #expect(table.lines.first == "Story 1 (3 copies)")
        #expect(table.lines[1].hasPrefix("  * #2  2024-04-16"))
    }
}
