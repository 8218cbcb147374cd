import Foundation
import Testing

@Suite struct ExtractCLITests {
    let cli = ArchiveRunner()

    @Test func extractPrintsOneObjectPerFileWithTheContractKeys() throws {
        let pages = ["newsarticle-jsonld.html", "scraped-with-chrome.txt"].map { ArchiveRunner.fixture("pages/\($0)") }
        let result = try cli.run(["extract"] + pages + ["--format", "json"])
        #expect(result.status == 0)
        #expect(result.lines.count == 2)
        for line in result.lines {
            let object = try #require(try jsonObject(line) as? [String: Any])
            #expect(Set(object.keys) == ["path", "title", "date", "outlet", "author", "url", "tags", "language", "sources", "body"])
        }
        let scraped = try #require(try jsonObject(result.lines[1]) as? [String: Any])
        #expect(scraped["url"] is NSNull)
        #expect(scraped["outlet"] is NSNull)
        #expect(!FileManager.default.fileExists(atPath: cli.database), "extract must not create a database")
    }

    @Test func addExtractsPagesAndCommandLineMetadataWins() throws {
        let page = ArchiveRunner.fixture("pages/newsarticle-jsonld.html")
        let added = try cli.run(["add", page, "--outlet", "Clipped by me", "--tag", "courts-file"])
        #expect(added.lines.first == "added #1: Courts pause deportation flights pending review")
        let shown = try #require(try jsonObject(try cli.run(["show", "1", "--format", "json"]).stdout) as? [String: Any])
        #expect(shown["outlet"] as? String == "Clipped by me")
        #expect(shown["author"] as? String == "Tomas Berg")
        #expect(shown["tags"] as? [String] == ["courts", "courts-file", "deportation"])
        // Where each field came from is stored and shown; the outlet given on the command line has none.
        let sources = try #require(shown["sources"] as? [String: String])
        #expect(sources["date"] == "json-ld datePublished")
        #expect(sources["author"] == "json-ld author")
        #expect(sources["outlet"] == nil)
        #expect(try cli.run(["show", "1"]).stdout.contains("(from json-ld datePublished)"))
        #expect(try cli.run(["extract", page, "--format", "json"]).stdout.contains(#""date":"json-ld datePublished""#))
        #expect(try cli.run(["search", "Germany", "--count"]).stdout == "0\n", "the related-stories sidebar was stored")
    }

    @Test func standardInputHTMLIsSniffed() throws {
        let html = try String(contentsOfFile: ArchiveRunner.fixture("pages/opengraph.html"), encoding: .utf8)
        let result = try cli.run(["extract", "-", "--format", "json"], stdin: html)
        let object = try #require(try jsonObject(result.stdout) as? [String: Any])
        #expect(object["outlet"] as? String == "Le Courrier du Port")
        #expect(object["path"] as? String == "-")
    }

    @Test func aFileWithNoArticleExitsOne() throws {
        let empty = cli.write("empty.html", "<html><body><nav><a href=/>Home</a></nav></body></html>")
        let result = try cli.run(["extract", empty])
        #expect(result.status == 1)
        #expect(result.stderr == "\(empty): no article found in the page: it holds no paragraphs of text\n")
    }

    /// The extraction benchmark's dev pages, scored the benchmark's way. Skipped without ../shared.
    @Test(.enabled(if: ArchiveRunner.shared("tools/score-extraction") != nil, "../shared is absent"))
    func devPagesScoreAtLeastF1OfPoint94() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", ArchiveRunner.shared("tools/score-extraction")!, "--archive", ArchiveRunner.executable.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let f1 = text.split(separator: " ").drop { $0 != "F1" }.dropFirst().first.flatMap { Double($0) }
        #expect((f1 ?? 0) >= 0.94, "score-extraction said: \(text)")
        #expect(text.contains("failed 0"))
    }
}
