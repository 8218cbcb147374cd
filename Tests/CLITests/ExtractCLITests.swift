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

    /// The last line a shared scorer prints about the built `archive`.
    func score(_ tool: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", ArchiveRunner.shared("tools/\(tool)")!, "--archive", ArchiveRunner.executable.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.split(separator: "\n").last.map(String.init) ?? ""
    }

    /// The figure after `name` in a scorer's line: `F1 0.981`, `correct 0.905`.
    func figure(_ name: String, in line: String) -> Double? {
        line.split(whereSeparator: { $0 == " " || $0 == "|" }).drop { $0 != name }.dropFirst().first.flatMap { Double($0) }
    }

    /// The extraction benchmark's dev pages, scored the benchmark's way (issue 13's target 0.97;
    /// 0.981 when written). Skipped without ../shared.
    @Test(.enabled(if: ArchiveRunner.shared("tools/score-extraction") != nil, "../shared is absent"))
    func devPagesScoreAtLeastF1OfPoint975() throws {
        let line = try score("score-extraction")
        #expect((figure("F1", in: line) ?? 0) >= 0.975, "score-extraction said: \(line)")
        #expect(line.contains("failed 0"))
    }

    /// The 407 labelled pages of metadata-dev (issue 13's targets: days correct 0.88, wrong 0.05,
    /// headlines 0.80, authors 0.55, no raw entities; 0.905, 0.038, 0.851, 0.671 when written).
    @Test(.enabled(if: ArchiveRunner.shared("tools/score-metadata") != nil, "../shared is absent"))
    func devPagesMetadataMeetsItsTargets() throws {
        let line = try score("score-metadata")
        #expect((figure("correct", in: line) ?? 0) >= 0.89, "score-metadata said: \(line)")
        #expect((figure("wrong", in: line) ?? 1) <= 0.045, "score-metadata said: \(line)")
        #expect((figure("titles", in: line) ?? 0) >= 0.83, "score-metadata said: \(line)")
        #expect((figure("authors", in: line) ?? 0) >= 0.64, "score-metadata said: \(line)")
        #expect(figure("entities", in: line) == 0, "score-metadata said: \(line)")
    }
}
