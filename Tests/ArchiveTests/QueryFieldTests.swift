import Foundation
import Testing
@testable import Archive

/// Exclusion of any term, and fields inside the query (issue 11, problems 1 and 2).
@Suite struct QueryFieldTests {
    /// The articles an FTS5 expression written by hand matches, by guid.
    private func handWritten(_ expression: String, in test: TestArchive) throws -> Set<String> {
        let database = try Database(path: test.archive.path)
        return Set(try database.prepare("""
            SELECT a.guid FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?
            """).rows([.text(expression)]) { $0.string(0) })
    }

    @Test(arguments: [
        // (the user's query, the same in FTS5 written by hand)
        (#"migration -"new arrivals""#, #"migration NOT "new arrivals""#),
        (#"migration NOT "new arrivals""#, #"migration NOT "new arrivals""#),
        ("migration -(Ecuador OR shelter)", "migration NOT (Ecuador OR shelter)"),
        ("migration NOT (Ecuador OR shelter)", "migration NOT (Ecuador OR shelter)"),
        ("migration -Ecuador -shelter", "migration NOT Ecuador NOT shelter"),
        ("(repatriation -Ecuador) OR trade", "(repatriation NOT Ecuador) OR trade"),
        ("officials -title:border", "officials NOT title:border"),
        (#"said -"U.S.-Mexico""#, #"said NOT "u s mexico""#),
    ])
    func exclusionMeansNot(query: String, expression: String) throws {
        let test = try TestArchive(withCorpus: true)
        let found = try test.archive.search(SearchQuery(query), limit: 100, allCopies: true).articles.compactMap(\.guid)
        let expected = try handWritten(expression, in: test)
        #expect(!expected.isEmpty)
        #expect(Set(found) == expected)
        #expect(try test.archive.count(SearchQuery(query), allCopies: true) == expected.count)
    }

    @Test func excludedPhraseAndGroupAreTranslatedAsNot() throws {
        #expect(try SearchQuery(#"cats -"big dogs""#).expression == #"("cats" NOT "big dogs")"#)
        #expect(try SearchQuery("cats -(dogs OR mice)").expression == #"("cats" NOT ("dogs" OR "mice"))"#)
        #expect(try SearchQuery("cats - dogs").expression == #"("cats" AND "dogs")"#)
    }

    /// Each field query against the same search with the flags.
    @Test(arguments: [
        ("repatriation outlet:\"Capital Wire\"", "repatriation", ArticleFilter(outlets: ["Capital Wire"])),
        ("migration tag:border", "migration", ArticleFilter(tags: ["border"])),
        ("tag:BORDER tag:mexico", nil, ArticleFilter(tags: ["border", "mexico"])),
        ("migration date:2024-06", "migration", try ArticleFilter(from: DatePeriod("2024-06"), to: DatePeriod("2024-06"))),
        ("migration date:2024", "migration", try ArticleFilter(from: DatePeriod("2024"), to: DatePeriod("2024"))),
        ("officials date:2024-05-01..2024-06-15", "officials", try ArticleFilter(from: DatePeriod("2024-05-01"), to: DatePeriod("2024-06-15"))),
        ("migration date:..2023", "migration", try ArticleFilter(to: DatePeriod("2023"))),
        ("repatriation date:2024-07..", "repatriation", try ArticleFilter(from: DatePeriod("2024-07"))),
        ("tag:china date:2024", nil, try ArticleFilter(from: DatePeriod("2024"), to: DatePeriod("2024"), tags: ["china"])),
        ("outlet:\"Harbor Ledger\"", nil, ArticleFilter(outlets: ["Harbor Ledger"])),
    ] as [(String, String?, ArticleFilter)])
    func fieldsMeanTheirFlags(query: String, words: String?, filter: ArticleFilter) throws {
        let test = try TestArchive(withCorpus: true)
        let withFields = try test.archive.search(SearchQuery(query), sort: .newest, limit: 100).articles.map(\.id)
        let withFlags = try words.map {
            try test.archive.search(SearchQuery($0), filter: filter, sort: .newest, limit: 100).articles.map(\.id)
        } ?? test.archive.list(filter: filter, limit: 100).map(\.id)
        #expect(!withFlags.isEmpty)
        #expect(withFields == withFlags)
        let counted = try words.map { try test.archive.count(SearchQuery($0), filter: filter) } ?? test.archive.count(filter: filter)
        #expect(try test.archive.count(SearchQuery(query)) == counted)
    }

    @Test func fieldsCombineWithOperators() throws {
        let test = try TestArchive(withCorpus: true)
        #expect(Set(try test.guids("(tag:china OR tag:taiwan) -outlet:\"Capital Wire\"")) == ["fx-01"])
        #expect(Set(try test.guids("(tag:china OR tag:taiwan) repatriation -outlet:\"Harbor Ledger\"")) == ["fx-05"])
        #expect(Set(try test.guids("trade OR tag:ecuador")) == ["fx-05", "fx-07"])
        #expect(Set(try test.guids("tag:trade NOT outlet:\"Port Bulletin\"")) == ["fx-05"])
        #expect(Set(try test.guids("-tag:migration -tag:repatriation -tag:trade -tag:border")) == [])
        #expect(Set(try test.guids("-tag:migration -tag:repatriation -tag:border")) == ["fx-05", "fx-06"])
        // Undated articles are not inside any date, so excluding a date keeps them.
        #expect(try test.guids("shelter -date:2024") == ["fx-10"])
        #expect(try test.guids("shelter date:2024") == ["fx-04"])
        #expect(Set(try test.guids("author:Ortiz")) == ["fx-01"])
        #expect(Set(try test.guids("author:\"lena ortiz\"")) == ["fx-01"])
        #expect(try test.guids("author:Ort").isEmpty)
    }

    @Test func fieldsOnlyListNewestFirstAndSaySo() throws {
        let test = try TestArchive(withCorpus: true)
        let results = try test.archive.search(SearchQuery("tag:repatriation"))
        #expect(results.articles.map(\.guid) == ["fx-12", "fx-07", "fx-03", "fx-01"])
        #expect(results.shortcut == .noWords)
        #expect(results.articles.allSatisfy { $0.score == nil })
    }

    @Test func languageFieldTakesRegionalCodes() throws {
        let test = try TestArchive()
        let file = test.folder.write("lang.jsonl", """
            {"guid": "a", "body": "Officials met.", "language": "zh-TW"}
            {"guid": "b", "body": "Officials met again.", "language": "zh"}
            {"guid": "c", "body": "Officials met once more.", "language": "zhx"}
            {"guid": "d", "body": "Officials met in Paris.", "language": "fr"}
            """)
        try test.archive.add(paths: [file], detectNearCopies: false)
        #expect(Set(try test.guids("officials lang:zh")) == ["a", "b"])
        #expect(Set(try test.guids("lang:ZH-tw")) == ["a"])
        #expect(Set(try test.guids("officials -lang:zh")) == ["c", "d"])
    }

    @Test(arguments: [
        ("foo:bar", "unknown field 'foo:' at position 1: the fields are title:, body:, outlet:, tag:, author:, lang:, date:"),
        ("oil Author:", "'author:' at position 5 needs a value after it"),
        ("date:2024-13", "date:2024-13 at position 1: give YYYY, YYYY-MM, YYYY-MM-DD or a range"),
        ("date:2024..2023", "date:2024..2023 at position 1"),
        ("date:..", "date:.. at position 1"),
        ("-tag:x -oil", "'-' only excludes"),
        ("title:(tag:x)", "applies to words; put fields outside it"),
    ])
    func rejectsBadFields(query: String, message: String) {
        #expect {
            try SearchQuery(query)
        } throws: { error in
            guard case ArchiveError.invalidQuery(let text) = error else { return false }
            return text.contains(message)
        }
    }

    @Test func webAddressesAndTimesAreWords() throws {
        #expect(try SearchQuery("https://harbor.example/a").expression == #""https harbor example a""#)
        #expect(try SearchQuery("10:30").expression == #""10 30""#)
    }
}
