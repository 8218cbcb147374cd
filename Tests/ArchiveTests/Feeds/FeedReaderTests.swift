import Foundation
import Testing
@testable import Archive

/// Issue 14: every feed format read into articles, each entry's fields as a mature feed
/// parser reads them, broken feeds read as far as they go.
@Suite struct FeedReaderTests {
    /// What `SourceReader` makes of a fixture: its articles and failures, with their locations.
    func read(_ name: String, format: InputFormat? = nil) throws -> (articles: [(ArticleInput, String)], failures: [(String, String)]) {
        var articles: [(ArticleInput, String)] = []
        var failures: [(String, String)] = []
        try SourceReader.read(path: Fixtures.path("feeds/\(name)"), format: format ?? InputFormat(path: name), emit: { item in
            switch item.withoutFetching {
            case .article(let input, let location), .linked(let input, let location): articles.append((input, location.description))
            case .failure(let error, let location): failures.append((error.reason, location.description))
            }
        }, progress: { _ in })
        return (articles, failures)
    }

    @Test func rss2() throws {
        let (articles, failures) = try read("rss2.xml")
        #expect(articles.count == 2)
        let first = articles[0].0
        #expect(first.guid == "harbor-1001")
        #expect(first.title == "Ferries resume after the storm", "CDATA and markup in a title are plain text")
        #expect(first.url == "https://harbor.example/2024/05/11/ferries-resume")
        #expect(first.date == "2024-05-11T14:03:00-05:00", "an RFC 822 date with an old zone name")
        #expect(first.author == "Ana Lima")
        #expect(first.tags == ["Transport", "Weather"])
        #expect(first.body == "The ferries between the islands run again from this morning.\n\nOperators said the timetable is back to normal.")
        #expect(first.outlet == "Harbor Daily & Friends")
        #expect(first.language == "en-gb")
        #expect(first.sources == ["url": "link", "date": "pubDate", "author": "dc:creator", "body": "content:encoded",
                                  "outlet": "feed title", "title": "title"])
        let second = articles[1].0
        #expect(second.title == "Council debates the \"repatriation\" flights", "entities escaped twice")
        #expect(second.url == "/2024/05/10/council-debate", "no feed url to resolve against when read from a file")
        #expect(second.date == "2024-05-10T09:00:00Z", "a two-digit RFC 822 year")
        #expect(second.author == "Tom Berg", "the name beside the email address")
        #expect(second.body == "The council met on Friday.\n\nA vote is due next week.")
        #expect(articles.map(\.1) == [Fixtures.path("feeds/rss2.xml") + ": item 1", Fixtures.path("feeds/rss2.xml") + ": item 2"])
        #expect(failures.count == 1)
        #expect(failures.first?.0 == "'Title only, no text': a link without text of its own (https://harbor.example/2024/05/09/teaser), and pages are not fetched")
        #expect(failures.first?.1.hasSuffix("item 3") == true)
    }

    @Test func linksResolveAgainstTheFeedsURL() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("feeds/rss2.xml")))
        let feed = try FeedReader(Array(data), feedURL: "https://harbor.example/feed.xml")
        #expect(try feed.entries[1].get().url == "https://harbor.example/2024/05/10/council-debate")
    }

    @Test func rss091InLatin1() throws {
        let (articles, _) = try read("rss091.xml")
        #expect(articles.count == 1)
        #expect(articles[0].0.title == "Brücke wieder offen")
        #expect(articles[0].0.outlet == "Old Town Gazette")
        #expect(articles[0].0.language == "de")
        #expect(articles[0].0.date == nil)
    }

    @Test func rss1() throws {
        let (articles, failures) = try read("rss1.rdf")
        #expect(failures.isEmpty)
        let entry = try #require(articles.first?.0)
        #expect(entry.guid == "https://science.example/n/42")
        #expect(entry.date == "2023-11-02T00:01:00+01:00")
        #expect(entry.author == "Marie Dupont")
        #expect(entry.tags == ["Climat"])
        #expect(entry.language == "fr")
        #expect(entry.outlet == "Science Notes")
    }

    @Test func atom1() throws {
        let (articles, failures) = try read("atom1.atom")
        #expect(failures.isEmpty)
        #expect(articles.count == 2)
        let first = articles[0].0
        #expect(first.url == "https://blog.example/posts/night-trains", "xml:base of the feed, then of the entry")
        #expect(first.date == "2024-05-11T08:30:00+02:00", "published, not updated")
        #expect(first.author == "Kim Sato", "the feed's author for an entry without one")
        #expect(first.sources["author"] == "feed author")
        #expect(first.tags == ["Rail travel"])
        #expect(first.body == "The night train runs again.\n\nTickets are sold out.", "xhtml content, not the summary")
        #expect(first.outlet == "Field Notes")
        #expect(first.language == "en")
        let second = articles[1].0
        #expect(second.title == "Updated only & plain")
        #expect(second.date == "2024-05-10T12:00:00Z")
        #expect(second.sources["date"] == "updated")
        #expect(second.author == "Lee Park")
        #expect(second.body == "Escaped & markup.")
    }

    @Test func atom03() throws {
        let (articles, _) = try read("atom03.xml")
        let entry = try #require(articles.first?.0)
        #expect(entry.date == "2005-07-31T12:29:29Z", "issued")
        #expect(entry.body == "Hello from 2005.")
        #expect(entry.url == "http://legacy.example/2005/07/first")
    }

    @Test func jsonFeed() throws {
        let (articles, failures) = try read("feed.json")
        #expect(articles.count == 2)
        let first = articles[0].0
        #expect(first.guid == "r-7")
        #expect(first.url == "https://river.example/2024/05/waterstand", "resolved against feed_url")
        #expect(first.body == "De waterstand daalt sinds dinsdag.\n\nSchepen varen weer.")
        #expect(first.author == "Joost de Vries")
        #expect(first.tags == ["water", "scheepvaart"])
        #expect(first.language == "nl")
        #expect(articles[1].0.author == "Redactie")
        #expect(articles[1].0.body == "De brug is dicht.\n\nOmleiding via de dijk.")
        #expect(failures.count == 1, "the item that is not an object")
    }

    @Test func aBrokenFeedIsReadAsFarAsItGoes() throws {
        let (articles, failures) = try read("broken.xml")
        #expect(articles.count >= 2)
        #expect(articles[0].0.title == "Entities from HTML été", "undeclared HTML entities")
        #expect(articles[0].0.date == "sometime last week", "kept as given: the archive reports it for this entry alone")
        #expect(articles[1].0.title == "Still read after the damage")
        #expect(articles[1].0.date == "2024-05-09T10:00:00+02:00")
        #expect(failures.isEmpty)
    }

    @Test func recognisedByContent() {
        #expect(InputFormat.sniff(Array("<?xml version=\"1.0\"?>\n<!-- c --><rss version=\"2.0\">".utf8)) == .feed)
        #expect(InputFormat.sniff(Array("<feed xmlns=\"http://www.w3.org/2005/Atom\">".utf8)) == .feed)
        #expect(InputFormat.sniff(Array("<rdf:RDF xmlns:rdf=\"x\">".utf8)) == .feed)
        #expect(InputFormat.sniff(Array("{\"version\": \"https://jsonfeed.org/version/1\", \"items\": []}".utf8)) == .feed)
        #expect(InputFormat.sniff(Array("<!doctype html><html>".utf8)) == .html)
        #expect(InputFormat.sniff(Array("{\"title\": \"x\"}".utf8)) == .jsonLines)
    }

    @Test func anXMLFileThatIsNoFeed() throws {
        let folder = TemporaryFolder()
        let path = folder.file("notes.xml")
        try "<notes><note>hi</note></notes>".write(toFile: path, atomically: true, encoding: .utf8)
        var failures: [String] = []
        try SourceReader.read(path: path, format: .feed, emit: { if case .failure(let error, _) = $0 { failures.append(error.reason) } },
                              progress: { _ in })
        #expect(failures == ["not a feed: the document's root is <notes>, not <rss>, <feed> or <rdf:RDF>"])
    }

    @Test func spreadsheets() throws {
        let (articles, failures) = try read("links.csv")
        #expect(articles.count == 1)
        let row = articles[0].0
        #expect(row.guid == "101")
        #expect(row.title == "Flights home, at last")
        #expect(row.date == "2024-05-11 08:00:00")
        #expect(row.outlet == "Wire Service")
        #expect(row.body == "First line of the text, with a comma.\nSecond line, in the same field, with \"quotes\".")
        #expect(articles[0].1.hasSuffix("links.csv:2"))
        #expect(failures.map(\.1).map { $0.split(separator: ":").last.map(String.init) } == ["4", "5"],
                "the line each bad row starts on")
        #expect(failures[0].0 == "'Link only': a link without text of its own (https://wire.example/b), and pages are not fetched")
        #expect(failures[1].0 == "the row has 9 fields, the header 8")
        let (tsv, _) = try read("rows.tsv")
        #expect(tsv.first?.0.outlet == "Tab News")
        #expect(tsv.first?.0.body == "A body in a TSV file.")
    }
}
