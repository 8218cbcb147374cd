import Testing
@testable import Archive

/// Issue 13's problems of scraped and pasted text, each on a text written for the test.
@Suite struct TextArticleTests {
    func read(_ lines: [String]) -> ArticleInput { TextArticle(lines.joined(separator: "\n")).input }

    static let prose = [
        "The ministry said on Tuesday that the new rules for returns would apply to everyone whose application was refused, and that appeals would be heard faster than before.",
        "Lawyers for several families said they had not been consulted, and asked for the full text before the rules take effect.",
    ]

    @Test func aRelativeUpdateStampNeitherDatesNorBlocksTheDateLine() {
        let article = read(["Returns rules tightened", "Updated: 2 hours ago", "Published: May 11, 2024"] + Self.prose)
        #expect(article.date == "2024-05-11")
        #expect(article.sources["date"] == "date line")
        #expect(!article.body!.contains("hours ago"))
    }

    @Test func theDateLineGluedToItsUpdateGivesThePublicationDay() {
        let article = read(["Returns rules tightened", "May 11, 2024Updated:May 23, 2024"] + Self.prose)
        #expect(article.date == "2024-05-11")
    }

    @Test func anUpdateAloneIsStillThePagesDate() {
        let article = read(["Returns rules tightened", "Updated: May 23, 2024"] + Self.prose)
        #expect(article.date == "2024-05-23")
        #expect(article.sources["date"] == "update line")
    }

    @Test(arguments: [
        ("WASHINGTON, DC, November 11, 2025", "2025-11-11"), ("BERLIN, 3. März 2024", "2024-03-03"),
    ])
    func aDatelineOnALineOfItsOwnGivesTheDate(line: String, expected: String) {
        let article = read(["Returns rules tightened", line] + Self.prose)
        #expect(article.date == expected)
        #expect(article.sources["date"] == "dateline")
        #expect(!article.body!.contains(line))
    }

    @Test(arguments: [
        ("29. Juni 2017, 23:39 · von Tobi", "Tobi", "2017-06-29"), ("By Jane Doe | May 3, 2024", "Jane Doe", "2024-05-03"),
        ("Von Max Muster, 12.03.2024", "Max Muster", "2024-03-12"), ("Par Marie Dupont, le 4 mai 2024", "Marie Dupont", "2024-05-04"),
        ("By Redacci&oacute;n Norte", "Redacción Norte", nil),
    ] as [(String, String, String?)])
    func bylinesGiveTheAuthorAndTheDate(line: String, author: String, date: String?) {
        let article = read(["Returns rules tightened", line] + Self.prose)
        #expect(article.author == author)
        #expect(article.sources["author"] == "byline")
        #expect(article.date == date)
        #expect(article.title == "Returns rules tightened")
        #expect(article.sources["title"] == "first line")
    }

    static let trendingPage = [
        "Harbor Daily", "Home", "World", "Business", "Trending",
        "Ferry strike ends after three days", "May 9, 2024",
        "New bridge tolls announced for summer", "May 8, 2024",
        "Harbor festival draws record crowds", "May 7, 2024",
        "Home » Council approves repatriation flights for stranded workers",
        "Council approves repatriation flights for stranded workers",
        "May 11, 2024Updated:May 23, 2024", "Share", "Facebook", "Twitter",
    ] + prose + ["© 2025 Harbor Daily. All rights reserved."]

    @Test func aTrendingListAboveTheArticleGivesNeitherItsHeadlineNorItsDate() {
        let article = read(Self.trendingPage)
        #expect(article.title == "Council approves repatriation flights for stranded workers")
        #expect(article.sources["title"] == "breadcrumb")
        #expect(article.date == "2024-05-11", "the article's own date line, not the first listed item's")
        #expect(article.outlet == "Harbor Daily")
        #expect(article.sources["outlet"] == "copyright line")
        #expect(article.body == Self.prose.joined(separator: "\n\n"), "no list, menu or share bar in the body")
    }

    @Test func withoutABreadcrumbTheArticleStartsAfterTheList() {
        let page = Self.trendingPage.filter { !$0.hasPrefix("Home » ") }
        let article = read(page)
        #expect(article.title == "Council approves repatriation flights for stranded workers")
        #expect(article.sources["title"] == "first line")
        #expect(article.date == "2024-05-11")
        #expect(article.body == Self.prose.joined(separator: "\n\n"))
    }

    @Test func nothingAfterAPressReleasesContactBlock() {
        let article = read(["Returns rules tightened"] + Self.prose + [
            "Media contact", "Phone: +1 555 0100", "Signal: @harborpress", "Telegram: @harborpress",
            "Email: press@harbor.example", "Website: harbor.example",
            "Our community of independent writers shares news from every region; join thousands of readers who publish with us every week.",
            "The Ridgeback 3000 air purifier cleans a whole flat in ten minutes and is now twenty percent off for members of our site.",
        ])
        #expect(article.body == Self.prose.joined(separator: "\n\n"))
    }

    @Test func theCopyrightLineNamesTheOutletAndEntitiesAreDecoded() {
        let article = read(["&#8222;Rückkehr&#8220; neu geregelt"] + Self.prose + ["© 2025 Harbor Daily. All rights reserved."])
        #expect(article.outlet == "Harbor Daily")
        #expect(article.sources["outlet"] == "copyright line")
        #expect(article.title == "„Rückkehr“ neu geregelt")
    }
}
