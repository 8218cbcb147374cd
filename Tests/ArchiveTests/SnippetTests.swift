import Foundation
import Testing
@testable import Archive

/// Snippets come from the body, mark what the index matched, and cost little on huge articles
/// (issue 11, problems 3 and 4).
@Suite struct SnippetTests {
    private func snippet(_ query: String, guid: String, in test: TestArchive) throws -> Snippet? {
        try test.archive.search(SearchQuery(query), limit: 100, rankAll: true).articles.first { $0.guid == guid }?.snippet
    }

    private func matches(_ snippet: Snippet?) -> [String] {
        snippet?.parts.compactMap { if case .match(let text) = $0 { text } else { nil } } ?? []
    }

    @Test func aTitleMatchShowsTheBodyNotTheTitleAgain() throws {
        let test = try TestArchive(withCorpus: true)
        let passage = try #require(try snippet("deportees", guid: "fx-01", in: test))
        #expect(passage.text.hasPrefix("Officials in Beijing said on Saturday"))
        #expect(!passage.text.contains("Beijing agrees to take back deportees"))
        #expect(matches(passage).isEmpty)
    }

    @Test func matchedWordsAreMarkedAsTheIndexMatchedThem() throws {
        let test = try TestArchive(withCorpus: true)
        // Porter stemming: `flight` matched `flights`; diacritics: `resume` matched `Résumé`.
        #expect(matches(try snippet("flight", guid: "fx-01", in: test)) == ["flights"])
        #expect(matches(try snippet("\"repatriation flights\"", guid: "fx-01", in: test)) == ["repatriation", "flights"])
        #expect(matches(try snippet("flights OR Beijing", guid: "fx-01", in: test)) == ["Beijing", "flights"])
    }

    @Test func aPassageIsTwentyFourTokensAtTheMatches() throws {
        let test = try TestArchive()
        let words = (1...400).map { "word\($0)" }
        let file = test.folder.write("long.jsonl", #"{"guid": "long", "body": "\#(words.joined(separator: " ")) and finally a needle here."}"#)
        try test.archive.add(paths: [file])
        let passage = try #require(try snippet("needle", guid: "long", in: test))
        #expect(matches(passage) == ["needle"])
        #expect(passage.text.hasPrefix("…"))
        #expect(passage.text.hasSuffix("here."))
        #expect(QueryLexer.terms(of: passage.text).count == 24)
    }

    @Test func hugeArticlesGiveAPassageAndTooLargeOnesAreRefusedAlone() throws {
        let test = try TestArchive()
        // 4 MB of text matching the query a hundred thousand times, then a rare phrase.
        var body = String(repeating: "border officials said the report on trade was late. ", count: 80_000)
        body += "Then the rare ferry schedule appeared."
        let big = test.folder.write("big.jsonl", #"{"guid": "big", "body": "\#(body)"}"#
            + "\n" + #"{"guid": "huge", "body": "\#(String(repeating: "x", count: ArticleDraft.largestBody + 1))"}"#
            + "\n" + #"{"guid": "after", "body": "A normal article about border officials."}"#)
        var failures: [String] = []
        let summary = try test.archive.add(paths: [big], onEvent: { event in
            if case .failed(let reason) = event.outcome { failures.append("\(event.location): \(reason)") }
        })
        #expect(summary.added == 2)
        #expect(failures == ["\(big):2: the text is 10,000,001 bytes; the largest article the archive takes is 10,000,000 bytes (10 MB)"])
        #expect(matches(try snippet("border officials", guid: "big", in: test)).prefix(2) == ["border", "officials"])
        #expect(matches(try snippet("\"ferry schedule\"", guid: "big", in: test)) == ["ferry", "schedule"])
        #expect(try snippet("border", guid: "after", in: test)?.text == "A normal article about border officials.")
    }
}
