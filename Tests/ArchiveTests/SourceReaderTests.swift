import Foundation
import Testing
@testable import Archive

@Suite struct SourceReaderTests {
    let folder = TemporaryFolder()

    @Test func plainTextTakesTheHeadlineAndParagraphs() throws {
        let path = folder.write("a.txt", "\n\n  Border talks resume  \nFirst paragraph.\n\nSecond paragraph.\n")
        let input = try #require(try readItems(path).first?.input)
        #expect(input.title == "Border talks resume")
        #expect(input.body == "First paragraph.\n\nSecond paragraph.")
    }

    @Test func gzipCompressedPagesAreRead() throws {
        let page = folder.write("page.html", "<html lang=\"en\"><head><title>Quiet talks resume - Daily</title></head><body><article><p>"
                                + String(repeating: "Officials met again on Tuesday, and both sides said the talks were useful. ", count: 8)
                                + "</p></article></body></html>")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-k", page]
        try gzip.run()
        gzip.waitUntilExit()
        let input = try #require(try readItems(page + ".gz").first?.input)
        #expect(input.title == "Quiet talks resume")
        #expect(input.language == "en")
        #expect(input.body?.hasPrefix("Officials met again on Tuesday") == true)
    }

    @Test func markdownReadsFrontMatter() throws {
        let path = folder.write("a.md", """
            ---
            title: "Shelter funding: a vote"
            date: 2024-05-11
            outlet: Valley Courier
            tags: [migration, "city council"]
            byline: Ana Ruiz
            ---
            The council voted.
            """)
        let input = try #require(try readItems(path).first?.input)
        #expect(input.title == "Shelter funding: a vote")
        #expect(input.date == "2024-05-11")
        #expect(input.outlet == "Valley Courier")
        #expect(input.author == "Ana Ruiz")
        #expect(input.tags == ["migration", "city council"])
        #expect(input.body == "The council voted.")
    }

    @Test func markdownWithoutFrontMatterUsesItsHeading() throws {
        let path = folder.write("b.md", "# Heading here\n\nBody text.")
        let input = try #require(try readItems(path).first?.input)
        #expect(input.title == "Heading here")
        #expect(input.body == "\nBody text.")
    }

    @Test func markdownWithUnclosedFrontMatterFails() throws {
        let path = folder.write("c.md", "---\ntitle: x\nBody")
        #expect(try readItems(path).first?.failure?.reason.contains("never closed") == true)
    }

    @Test func jsonReadsAnObjectOrAnArrayWithAliases() throws {
        let object = folder.write("one.json", #"{"id": 42, "headline": "H", "text": "B", "published_at": "2024-01-02", "source": "S", "link": "u", "byline": "A", "keywords": "x, y"}"#)
        let input = try #require(try readItems(object).first?.input)
        #expect(input == ArticleInput(guid: "42", title: "H", body: "B", date: "2024-01-02", outlet: "S", url: "u", author: "A", tags: ["x", " y"]))

        let array = folder.write("many.json", #"[{"title": "a", "body": "x"}, 7, {"title": "c", "body": "z"}]"#)
        let items = try readItems(array)
        #expect(items.count == 3)
        #expect(items[0].input?.title == "a")
        #expect(items[1].failure?.location.description == "\(array): item 2")
        #expect(items[2].input?.title == "c")
    }

    @Test func theFirstListedKeyWins() throws {
        let path = folder.write("k.json", #"{"content": "second", "body": "first", "TITLE": "upper"}"#)
        let input = try #require(try readItems(path).first?.input)
        #expect(input.body == "first")
        #expect(input.title == "upper")
    }

    @Test func jsonLinesReportsBadLinesAndReadsTheRest() throws {
        let path = folder.write("a.jsonl", """
            {"title": "one", "body": "x"}
            {"title": "two", "body": 
            
            {"title": ["not", "text"], "body": "y"}
            {"title": "four", "body": "z"}
            """)
        let items = try readItems(path)
        #expect(items.count == 4)
        #expect(items[0].input?.title == "one")
        #expect(items[1].failure?.location.line == 2)
        #expect(items[1].failure?.reason.hasPrefix("invalid JSON at column") == true)
        #expect(items[2].failure?.location.line == 4)
        #expect(items[2].failure?.reason == #""title" must be text, not a list"#)
        #expect(items[3].input?.title == "four")
    }

    @Test func invalidUTF8IsReportedWithItsLine() throws {
        let lines = folder.write("bad.jsonl", bytes: Array(#"{"body": "ok"}"#.utf8) + [0x0A] + Array(#"{"body": "caf"#.utf8) + [0xE9] + Array(#""}"#.utf8))
        let items = try readItems(lines)
        #expect(items[0].input?.body == "ok")
        #expect(items[1].failure?.reason == "not valid UTF-8")
        #expect(items[1].failure?.location.line == 2)

        let text = folder.write("bad.txt", bytes: Array("Title\nfine\n".utf8) + [0xFF, 0x41])
        #expect(try readItems(text).first?.failure?.reason == "not valid UTF-8 text (line 3)")
    }

    @Test(arguments: [
        (#"[{"body": "x"}]"#, InputFormat.json),
        ("{\"body\": \"x\"}\n{\"body\": \"y\"}", .jsonLines),
        ("{\n  \"body\": \"x\"\n}", .json),
        ("---\ntitle: x\n---\nbody", .markdown),
        ("Title\nbody", .text),
        ("\u{FEFF}[]", .json),
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", .html),
        ("  <html><head><title>x</title>", .html),
        ("<3 this story\nbody", .text),
    ])
    func sniffsStandardInput(text: String, format: InputFormat) {
        #expect(InputFormat.sniff(Array(text.utf8)) == format)
    }

    @Test func aMissingFileIsAFailureNotAnError() throws {
        let items = try readItems(folder.file("absent.txt"))
        #expect(items.first?.failure?.reason.hasPrefix("cannot open") == true)
    }
}
