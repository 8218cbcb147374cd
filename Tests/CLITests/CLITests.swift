import Foundation
import Testing

/// End to end: the built `archive` binary on a temporary database.
@Suite(.serialized) struct CLITests {
    let cli = ArchiveRunner()
    let corpus = ArchiveRunner.fixture("corpus.jsonl")

    init() throws {
        let result = try cli.run(["add", corpus])
        precondition(result.status == 0, "loading the corpus failed: \(result.stderr)")
    }

    @Test func addReportsAndIsIdempotent() throws {
        let again = try cli.run(["add", corpus])
        #expect(again.status == 0)
        #expect(again.lines.last == "Added 0 articles; 12 already stored; 0 failed.")
        #expect(again.lines.first == "already stored as #1 (same guid): Beijing agrees to take back deportees after talks")
        #expect(again.stderr.isEmpty)
    }

    /// Issue 11, problem 6: a one-line text is an article when the user says so.
    @Test func aShortTextIsAnArticle() throws {
        let line = "The minister said on Tuesday that the trade deal was off, according to two officials.\n"
        let result = try cli.run(["add", "-", "--title", "Deal off"], stdin: line)
        #expect(result.status == 0)
        #expect(result.lines.first == "added #13: Deal off")
        let shown = try cli.run(["show", "13", "--format", "json"])
        #expect(shown.stdout.contains(#""body":"The minister said on Tuesday that the trade deal was off, according to two officials.""#))
        // Without a title, the line stays the body and no headline is invented.
        let untitled = try cli.run(["add", "-"], stdin: "Flash: ceasefire agreed in the north, officials say.\n")
        #expect(untitled.lines.first == "added #14: (untitled)")
    }

    /// Issue 11, problem 2: fields in the query, and a clear error for one that does not exist.
    @Test func fieldQueriesAndUnknownFields() throws {
        #expect(try cli.run(["search", "--count", "repatriation outlet:\"Capital Wire\""]).stdout
                == cli.run(["search", "--count", "repatriation", "--outlet", "Capital Wire"]).stdout)
        let unknown = try cli.run(["search", "foo:bar"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "archive: invalid query: unknown field 'foo:' at position 1: the fields are title:, body:, outlet:, tag:, author:, lang:, date: (to search for the word, quote it)\n")
        let listing = try cli.run(["search", "tag:china", "date:2024"])
        #expect(listing.status == 0)
        #expect(listing.stderr == "note: the query has no words to rank by, only fields: newest first\n")
        #expect(listing.lines.count == 3)   // the header and fx-03, fx-01
    }

    @Test func searchPrintsAPlainTableWhenPiped() throws {
        let result = try cli.run(["search", "repatriation AND Taiwan"])
        #expect(result.status == 0)
        #expect(result.lines.first?.hasPrefix("ID  DATE") == true)
        #expect(result.stdout.contains("Beijing agrees to take back deportees after talks"))
        #expect(result.stdout.contains("Taiwan strait tensions shadow trade talks"))
        #expect(!result.stdout.contains("\u{1B}["))
        #expect(!result.stdout.contains("Border crossings"))
    }

    @Test(arguments: ["\"unbalanced", "(trade AND", "AND AND", "trade)", "-Mexico", "NEAR(a b, x)"])
    func malformedQueriesExitTwoWithOneLine(query: String) throws {
        let result = try cli.run(["search", query])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("archive: invalid query: ") == true)
        #expect(!result.stderr.lowercased().contains("sqlite"))
        #expect(!result.stderr.contains("fts5"))
    }

    @Test(arguments: ["U.S.-Mexico", "Mao Ning's", "covid-19", "title:Taiwan", "NEAR(deportation flights, 1)", "repatr*"])
    func punctuationJustWorks(query: String) throws {
        let result = try cli.run(["search", query, "--count"])
        #expect(result.status == 0)
        #expect(Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= 1)
    }

    @Test func unquotedWordsFormTheQuery() throws {
        #expect(try cli.run(["search", "migration", "-Mexico", "--count"]).stdout == "3\n")
        #expect(try cli.run(["search", "repatriation", "AND", "Taiwan", "--count"]).stdout == "2\n")
    }

    @Test func countPrintsOnlyTheNumber() throws {
        #expect(try cli.run(["search", "migration", "--count"]).stdout == "4\n")
        #expect(try cli.run(["list", "--count", "--from", "2024-05", "--to", "2024-06"]).stdout == "4\n")
        #expect(try cli.run(["list", "--count", "--outlet", "Harbor Ledger", "--tag", "border"]).stdout == "2\n")
    }

    @Test func optimizeTidiesAndSearchStillWorks() throws {
        let result = try cli.run(["optimize"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Optimized "))
        let search = try cli.run(["search", "Ecuador", "--format", "ndjson"])
        #expect(search.lines.count == 2)
        // Few matches: ranked in full, so no note.
        #expect(search.stderr.isEmpty)
    }

    @Test func jsonOutputCarriesTheContractKeys() throws {
        let result = try cli.run(["search", "Ecuador", "--format", "json", "--sort", "newest"])
        let rows = try #require(try jsonObject(result.stdout) as? [[String: Any]])
        #expect(rows.count == 2)
        for key in ["id", "guid", "url", "title", "date", "outlet", "author", "tags", "copies", "snippet", "score"] {
            #expect(rows[0].keys.contains(key), "missing \(key)")
        }
        #expect(rows[0]["guid"] as? String == "fx-07")
        #expect(rows[0]["tags"] as? [String] == ["ecuador", "migration", "repatriation"])

        let ndjson = try cli.run(["list", "--format", "ndjson", "--limit", "3"])
        #expect(ndjson.lines.count == 3)
        for line in ndjson.lines { #expect(try jsonObject(line) is [String: Any]) }
    }

    @Test func csvQuotesWhatNeedsQuoting() throws {
        let result = try cli.run(["list", "--format", "csv", "--tag", "border", "--sort", "oldest"])
        let lines = result.stdout.components(separatedBy: "\r\n")
        #expect(lines[0] == "id,guid,url,title,date,outlet,author,tags,copies")
        #expect(lines[1] == "2,fx-02,https://harbor.example/2024/05/crossings,Border crossings fall along the U.S.-Mexico line,2024-05-20,Harbor Ledger,,border; migration,0")
    }

    @Test func showTagAndRemove() throws {
        let shown = try cli.run(["show", "fx-07", "--format", "json"])
        let article = try #require(try jsonObject(shown.stdout) as? [String: Any])
        #expect(article["title"] as? String == "Repatriation programme widens to include Ecuador route")
        #expect(article["date"] as? String == "2024-08-11")
        #expect((article["body"] as? String)?.hasPrefix("Officials widened") == true)

        let text = try cli.run(["show", "7"])
        #expect(text.stdout.contains("Outlet   Valley Courier"))

        let tagged = try cli.run(["tag", "7", "+policy", "-ecuador", "+court"])
        #expect(tagged.status == 0)
        #expect(tagged.stdout == "#7 tags: court, migration, policy, repatriation\n")

        #expect(try cli.run(["rm", "7"]).stdout == "removed #7\n")
        let gone = try cli.run(["show", "7"])
        #expect(gone.status == 3)
        #expect(gone.stderr == "archive: no article with id, guid or url '7'\n")
    }

    @Test func badInputIsReportedWithFileAndLineAndExitsOne() throws {
        let file = cli.write("mixed.jsonl", """
            {"title": "Kept", "body": "This one, about walruses, is fine."}
            {"title": "Broken
            {"title": "Empty", "body": "  "}
            """)
        let result = try cli.run(["add", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file):2: invalid JSON at column"))
        #expect(result.stderr.contains("\(file):3: the text is empty"))
        #expect(result.lines.last == "Added 1 article; 0 already stored; 2 failed.")
        #expect(try cli.run(["search", "walruses", "--count"]).stdout == "1\n")
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try cli.run(["search"]).status == 2)
        #expect(try cli.run(["search", "migration", "--limt", "3"]).stderr.contains("unknown option '--limt'"))
        #expect(try cli.run(["list", "--from", "May"]).status == 2)
        #expect(try cli.run(["list", "--from", "2024-06", "--to", "2024-05"]).stderr == "archive: the start date 2024-06 is after the end date 2024-05\n")
        #expect(try cli.run(["list", "--limit", "-1"]).status == 2)
        #expect(try cli.run(["add", "--date", "someday", corpus]).status == 2)
        #expect(try cli.run(["frobnicate"]).status == 2)
    }

    @Test func standardInputIsSniffed() throws {
        let added = try cli.run(["add", "-", "--outlet", "Desk", "--tag", "pasted"],
                                stdin: "Pasted headline here\n\nA paragraph pasted from a page about lighthouses.\n")
        #expect(added.status == 0)
        #expect(added.lines.first == "added #13: Pasted headline here")
        let found = try cli.run(["search", "lighthouses", "--format", "ndjson"])
        let row = try #require(try jsonObject(found.stdout) as? [String: Any])
        #expect(row["outlet"] as? String == "Desk")
        #expect(row["tags"] as? [String] == ["pasted"])

        let again = try cli.run(["add", "-"], stdin: "Pasted headline here\n\nA paragraph pasted from a page about lighthouses.\n")
        #expect(again.lines.first == "already stored as #13 (same text, headline, outlet and day): Pasted headline here")

        let lines = try cli.run(["add", "-"], stdin: "{\"title\": \"L1\", \"body\": \"first streamed\"}\n{\"title\": \"L2\", \"body\": \"second streamed\"}\n")
        #expect(lines.lines.last == "Added 2 articles; 0 already stored; 0 failed.")
    }

    @Test func exportThenAddRoundTrips() throws {
        let exported = try cli.run(["export", "--format", "jsonl"])
        #expect(exported.lines.count == 12)
        let copy = ArchiveRunner()
        defer { copy.cleanUp() }
        let added = try copy.run(["add", "-"], stdin: exported.stdout)
        #expect(added.lines.last == "Added 12 articles; 0 already stored; 0 failed.")
        #expect(try copy.run(["export"]).stdout == exported.stdout)
    }

    @Test func statsJSONHasTheContractKeys() throws {
        let stats = try #require(try jsonObject(try cli.run(["stats", "--format", "json"]).stdout) as? [String: Any])
        #expect(stats["articles"] as? Int == 12)
        #expect(stats["outlets"] as? Int == 4)
        #expect(stats["first_date"] as? String == "2023-12-01")
        #expect(stats["last_date"] as? String == "2024-09-20")
        #expect((stats["database_bytes"] as? Int ?? 0) > 0)
        #expect(try cli.run(["stats"]).stdout.contains("Articles   12 (1 undated)"))
    }

    @Test func aNewerDatabaseIsRefusedWithStatusFour() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", cli.database, "PRAGMA user_version = 99"]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sqlite3 is needed for this test")
        let result = try cli.run(["list"])
        #expect(result.status == 4)
        #expect(result.stderr.contains("schema version 99 was written by a newer archive"))
    }

    @Test func concurrentWritersWaitForEachOther() throws {
        var files: [String] = []
        for writer in 0..<3 {
            let lines = (0..<400).map { #"{"title": "Writer \#(writer) item \#($0)", "body": "Body \#(writer)-\#($0) about concurrency."}"# }
            files.append(cli.write("w\(writer).jsonl", lines.joined(separator: "\n")))
        }
        let running = files.map { cli.start(["add", "-q", "--batch-size", "50", $0]) }
        let searcher = cli.start(["search", "concurrency", "--count"])
        for process in running { #expect(try process.finish().status == 0) }
        #expect(try searcher.finish().status == 0)
        #expect(try cli.run(["search", "concurrency", "--count"]).stdout == "1200\n")
    }

    @Test func helpDocumentsExitStatuses() throws {
        let help = try cli.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Exit status: 0 success; 1 some articles, files, urls or feeds could not be"))
        for command in ["add", "search", "list", "show", "tag", "rm", "stats", "export"] {
            #expect(help.stdout.contains("  \(command)"), "help lists \(command)")
        }
    }
}
