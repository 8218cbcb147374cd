import Foundation
import Testing
@testable import Archive

/// Issue 13: the date, headline and author a page states for its article, with their sources,
/// and nothing taken from the parts of a page that are about other things.
@Suite struct HTMLMetadataTests {
    func extract(_ name: String) throws -> ArticleInput {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("metadata/\(name)")))
        return ArticleExtractor.html(Array(data))
    }

    @Test func commentsTrendingListsRelatedPostsAndEventsGiveNoDate() throws {
        let page = try extract("comments-and-sidebar.html")
        #expect(page.title == "Ferry crossings resume after storm")
        #expect(page.sources["title"] == "h1", "the logo's h1 is not the headline")
        #expect(page.date == nil, "every date on the page belongs to a comment, a trending item, a related post or an event")
        #expect(page.outlet == "Harbor Daily")
        #expect(page.author == nil, "a commenter is not the author")
    }

    @Test func teasersAndEventListsOfAnUndatedPageAreNotItsDate() throws {
        let page = try extract("undated-with-teasers.html")
        #expect(page.date == nil)
        #expect(page.title == "About our newsroom")
    }

    @Test func aStatedOffsetKeepsTheDay() throws {
        let page = try extract("stated-offset.html")
        #expect(page.date == "2023-11-02T00:01:00+01:00")
        #expect(page.sources["date"] == "meta article:published_time")
        #expect(page.title == "Nuove regole per i rimpatri", "the site's name is not part of the headline")
        #expect(page.author == "Giulia Rossi")
        #expect(page.sources["author"] == "byline")
    }

    @Test func aTimeDeclaredInUTCTakesTheLocalDayAndTimeThePagePrints() throws {
        let page = try extract("utc-declared-local-printed.html")
        // 23:01 UTC printed as 00:01 the next day: the page's offset is +01:00.
        #expect(page.date == "2023-11-02T00:01:00+01:00")
        #expect(page.sources["date"] == "json-ld datePublished, local day from date element")
        #expect(page.author == "Redacción Nord", "a person's name, entities decoded, not the publishing organisation")
        #expect(page.outlet == "Hafenblatt")
    }

    @Test func aBylineWithDateTimeAndAuthorInText() throws {
        let page = try extract("byline-in-text.html")
        #expect(page.date == "2017-06-29")
        #expect(page.sources["date"] == "date element")
        #expect(page.author == "Tobi")
        #expect(page.title == "Wireshark: Besuchte Adressen anzeigen „Schritt für Schritt“", "entities decoded, twice-escaped too")
    }

    @Test(arguments: [
        ("Get in the Spooky Spirit | My Daily Magazine - Art, Design, DIY", "My Daily Magazine - Art, Design, DIY",
         "Get in the Spooky Spirit"),
        ("La voix des nuls | ARTE Radio", "ARTE Radio", "La voix des nuls"),
        ("Time 4 talks » Blog Archiv » Weitere Digitalisierung der Schweizer Kinos", nil,
         "Weitere Digitalisierung der Schweizer Kinos"),
        ("Uberspace und Let’s Encrypt – Am Rande der Realität", nil, "Uberspace und Let’s Encrypt"),
        ("Réforme : le gouvernement recule sur les retraites", nil, "Réforme : le gouvernement recule sur les retraites"),
    ] as [(String, String?, String)])
    func headlinesLoseTheSiteName(raw: String, outlet: String?, expected: String) {
        #expect(Headlines.clean(raw, outlet: outlet, host: nil) == expected)
    }

    @Test(arguments: [
        ("By Jane Doe | May 3, 2024", "Jane Doe"), ("Von Max Muster, 12.03.2024", "Max Muster"),
        ("View all posts by Daniel Lemire", "Daniel Lemire"), ("Auteur: Anna Kubišta", "Anna Kubišta"),
        ("About the Author", nil), ("By", nil), ("Harbor Daily", nil), ("5 Minute Read", nil),
    ] as [(String, String?)])
    func bylines(raw: String, expected: String?) {
        #expect(Bylines.clean(raw, outlet: "Harbor Daily") == expected)
    }

    @Test(arguments: [
        ("29. Juni 2017, 23:39 · von Tobi", "2017-06-29"), ("May 11, 2024Updated:May 23, 2024", "2024-05-11"),
        ("Updated: May 23, 2024 · Published: May 11, 2024", "2024-05-11"), ("4 de mayo de 2024", "2024-05-04"),
        ("le 4 mai 2024", "2024-05-04"), ("22/11/2020 - 04:30", "2020-11-22"), ("Von: Björn Jahner | 31.10.23", "2023-10-31"),
        ("2024年5月11日", "2024-05-11"), ("Updated 2 hours ago", nil), ("Release: 14.11", nil), ("Tel. 12.34.5678", nil),
    ] as [(String, String?)])
    func writtenDates(text: String, expected: String?) {
        #expect(WrittenDates.publication(in: text, monthFirst: false)?.date.iso8601 == expected)
    }

    @Test func monthFirstOnlyWhereThePageIsEnglish() {
        #expect(WrittenDates.publication(in: "05/11/2024", monthFirst: true)?.date.iso8601 == "2024-05-11")
        #expect(WrittenDates.publication(in: "05/11/2024", monthFirst: false)?.date.iso8601 == "2024-11-05")
        #expect(WrittenDates.publication(in: "25/11/2024", monthFirst: true)?.date.iso8601 == "2024-11-25")
    }

    @Test(arguments: [
        ("Redacci&oacute;n", "Redacción"), ("&#8222;Sturm der Liebe&#8220;", "„Sturm der Liebe“"), ("A &amp; B", "A & B"),
        ("&#x201C;x&#x201D;", "“x”"), ("AT&T", "AT&T"), ("&unknown;", "&unknown;"),
    ])
    func entities(raw: String, expected: String) {
        #expect(HTMLEntities.decode(raw) == expected)
    }

    @Test(arguments: [
        ("https://news.example/2024/05/11/ferry-resumes", "2024-05-11"), ("https://news.example/2024/05/ferry", nil),
        ("https://news.example/2024/05/112-boats", nil), ("https://news.example/item/20240511", nil),
    ] as [(String, String?)])
    func urlDates(url: String, expected: String?) {
        #expect(URLDates.find(in: url)?.iso8601 == expected)
    }
}
