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
        #expect(page.sources["date"] == "date element, over json-ld datePublished")
        #expect(page.author == "Redacción Nord", "a person's name, entities decoded, not the publishing organisation")
        #expect(page.outlet == "Hafenblatt")
    }

    @Test func aDayPrintedByTheHeadlineOverADeclarationOfAnotherDay() throws {
        // The CMS's first creation of the item is declared; readers saw (and cite) the printed day.
        let page = try extract("cms-created-printed-later.html")
        #expect(page.date == "2023-03-14")
        #expect(page.sources["date"] == "date element, over json-ld datePublished")
        // A line just under the headline is nearer than a list of other items' dates further down.
        let near = try extract("dated-line-near-headline.html")
        #expect(near.date == "2020-02-08")
        #expect(near.sources["date"] == "text by the headline, over meta article:published_time")
        #expect(near.author == "Kim Sato")
    }

    @Test func theArticleInsideABoxNamedSidebarAndItsMetaAside() throws {
        // Broken markup leaves a "sidebar" open around the article; its <aside class="meta"> holds
        // the date; the JSON-LD has raw tabs and line breaks in its strings.
        let page = try extract("meta-aside-and-broken-json-ld.html")
        #expect(page.title == "Harbor tunnel opens to cyclists")
        #expect(page.date == "2022-02-02T11:14:00+01:00", "the article's date, not the comment's")
        #expect(page.sources["date"] == "time datetime")
        #expect(page.author == "Ana Lima")
        #expect(page.sources["author"] == "json-ld author")
    }

    @Test func aDeclaredArticleBodyWithMarkupKeepsItsParagraphsNotItsTags() throws {
        let page = try extract("json-ld-body-with-markup.html")
        #expect(page.sources["body"] == "json-ld articleBody")
        #expect(page.body == """
            The night train between the capital and the coast runs again from Friday, after four years without a sleeper service on the line.

            Tickets went on sale on Monday and the first two weeks are already sold out, the operator said.
            """)
    }

    @Test func theHeadlineWithoutItsKickerOrAScreenReadersSiteName() throws {
        let kicker = try extract("kicker-in-headline.html")
        #expect(kicker.title == "Fähren fahren wieder nach Plan", "the kicker span above the headline is not part of it")
        #expect(kicker.sources["title"] == "h1")
        let hidden = try extract("headline-with-hidden-site-name.html")
        #expect(hidden.title == "Une nouvelle direction pour le CNRS", "a word in small caps stays; hidden text goes")
    }

    @Test func theAuthorAGraphNamesByReferenceAndAWrittenByLine() throws {
        let graph = try extract("graph-author-by-id.html")
        #expect(graph.author == "Mara Jensen", "the Person the article's author @id points to")
        #expect(graph.sources["author"] == "json-ld author")
        let line = try extract("written-by-line.html")
        #expect(line.author == "Dana Hale")
        #expect(line.sources["author"] == "byline text")
    }

    @Test func aDateTheTextLabelsAsThePublicationButNotALastChange() throws {
        let labelled = try extract("labelled-date.html")
        #expect(labelled.date == "2017-01-12", "'Veröffentlicht' and its value, in a data box below the article")
        #expect(labelled.sources["date"] == "labelled date")
        // camelCase class names are words too: "blogData" holds "data", a date box.
        #expect(PageScan.hintWords(HTMLElement(tag: "aside", attributes: ["class": "blogData"])).isSuperset(of: ["blog", "data", "blogdata"]))
        let updated = try extract("only-last-updated.html")
        #expect(updated.date == nil, "a page that states only when it was last changed states no publication date")
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
        ("Posted on September 21, 2020 by Adi Tzlil", "Adi Tzlil"), ("Peter Maahn/SP-X", "Peter Maahn"),
        ("Veröffentlicht vonChris Jung", "Chris Jung"), ("Von:Moritz Muster", "Moritz Muster"), ("DITIB", "DITIB"),
        ("Ein Artikel von Pamela Sladky", "Pamela Sladky"),
    ] as [(String, String?)])
    func bylines(raw: String, expected: String?) {
        #expect(Bylines.clean(raw, outlet: "Harbor Daily") == expected)
    }

    @Test(arguments: [
        ("29. Juni 2017, 23:39 · von Tobi", "2017-06-29"), ("May 11, 2024Updated:May 23, 2024", "2024-05-11"),
        ("Updated: May 23, 2024 · Published: May 11, 2024", "2024-05-11"), ("4 de mayo de 2024", "2024-05-04"),
        ("le 4 mai 2024", "2024-05-04"), ("22/11/2020 - 04:30", "2020-11-22"), ("Von: Björn Jahner | 31.10.23", "2023-10-31"),
        ("2024年5月11日", "2024-05-11"), ("Updated 2 hours ago", nil), ("Release: 14.11", nil), ("Tel. 12.34.5678", nil),
        // Spans are an event's dates; a time before a date is not a span.
        ("9-23 Feb 2017 | Mo-Fr 9–16", nil), ("Ausstellung vom 9. bis 23. Februar 2017", nil), ("3 May 2024 – 5 May 2024", nil),
        ("Sieger (2020/7/11-12)", nil), ("20:34 17.04.2020", "2020-04-17"), ("14:30 – 5 May 2024", "2024-05-05"),
        ("Veröffentlicht am 16.08.2019 - 14:30 Uhr", "2019-08-16"), ("v1.2.11.05.2024", nil),
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
