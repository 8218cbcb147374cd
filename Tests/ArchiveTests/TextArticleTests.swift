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

    @Test func theCopyrightLineNamesTheOutletAndEntitiesAreDecoded() {
        let article = read(["&#8222;Rückkehr&#8220; neu geregelt"] + Self.prose + ["© 2025 Harbor Daily. All rights reserved."])
        #expect(article.outlet == "Harbor Daily")
        #expect(article.sources["outlet"] == "copyright line")
        #expect(article.title == "„Rückkehr“ neu geregelt")
    }
}
