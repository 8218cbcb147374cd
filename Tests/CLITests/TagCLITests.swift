import Foundation
import Testing

/// `archive tag`: many targets, --query, and words that are never mistaken for tags (issue 10).
@Suite struct TagCLITests {
    let cli = ArchiveRunner()

    init() throws {
        try cli.run(["add", ArchiveRunner.fixture("corpus.jsonl")])
    }

    @Test func everyTargetIsTaggedAndABareWordIsNeverATag() throws {
        let tagged = try cli.run(["tag", "4", "#5", "fx-06", "+asia"])
        #expect(tagged.status == 0)
        #expect(tagged.lines.count == 3)
        #expect(tagged.lines.allSatisfy { $0.contains("asia") })
        #expect(try cli.run(["list", "--tag", "asia", "--count"]).stdout == "3\n")
    }

    @Test func aChangeIsAllOrNothing() throws {
        let missing = try cli.run(["tag", "4", "asia", "+europe"])
        #expect(missing.status == 3)
        #expect(missing.stderr == "archive: no article with id, guid or url 'asia' (to add the tag, write +asia)\n")
        #expect(try cli.run(["list", "--tag", "europe", "--count"]).stdout == "0\n")
    }

    @Test(arguments: [
        (["tag", "1", "--frobnicate"], "unknown option '--frobnicate'"),
        (["tag", "1"], "give at least one +tag"),
        (["tag", "+x"], "give the articles to change"),
        (["tag", "+x", "--outlet", "Valley Courier"], "give --query too"),
        (["tag", "1", "+x", "--query", "migration"], "not both"),
    ])
    func mistakesExitTwoSayingWhatWasMeant(arguments: [String], message: String) throws {
        let result = try cli.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message))
    }

    @Test func aQueryTagsEveryMatchingArticle() throws {
        let expected = try cli.run(["search", "repatriation", "--count", "--all-copies"]).stdout
        let tagged = try cli.run(["tag", "+returns", "-draft", "--query", "repatriation"])
        #expect(tagged.status == 0)
        #expect(tagged.stdout == "+returns -draft: \(expected.trimmingCharacters(in: .newlines)) articles\n")
        #expect(try cli.run(["list", "--tag", "returns", "--count", "--all-copies"]).stdout == expected)
        let dated = try cli.run(["tag", "+may", "--query", "repatriation", "--from", "2024-05", "--to", "2024-05"])
        #expect(dated.status == 0)
        #expect(try cli.run(["search", "repatriation", "--from", "2024-05", "--to", "2024-05", "--count", "--all-copies"]).stdout
                == (try cli.run(["list", "--tag", "may", "--count", "--all-copies"]).stdout))
    }
}
