import Foundation
import Testing
@testable import Archive

/// Issue 13: what a careful reader calls a page's article text, each rule on a page written for the test.
@Suite struct HTMLContentTests {
    func body(_ name: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("pages/\(name)")))
        return HTMLContent.body(of: HTMLDocument.parse(Array(data)))
    }

    @Test func textBehindAPaywallIsTheArticleButTheSubscribePromptIsNot() throws {
        let body = try body("body-paywall.html")
        #expect(body.hasPrefix("The harbor board voted"))
        #expect(body.contains("The vote was close."))
        #expect(body.hasSuffix("after the spring survey of the channel."))
        #expect(!body.contains("Subscribe"))
    }

    @Test func anArticleSetInChunksIsReadWholeWithoutTheSectionsAfterIt() throws {
        let body = try body("body-chunks.html")
        #expect(body.hasPrefix("For forty years"), "the chunk before the longest one")
        #expect(body.contains("The last of them"))
        #expect(body.hasSuffix("from the old keepers' cottages."), "the chunk after the longest one")
        #expect(!body.contains("Our newsroom"), "a section of another kind is not the article")
        #expect(!body.contains("a season on the northern point"), "the chunk with the headline is the header")
    }

    @Test func anArticleInsideABoxLeftOpenByBrokenMarkup() throws {
        // An unclosed <button> in a menu holds the whole page: it is not furniture.
        let body = try body("body-in-open-button.html")
        #expect(body.hasPrefix("The oldest crane in the harbour"))
        #expect(body.hasSuffix("open to visitors from next summer."))
    }

    @Test func theHeadlineIsNotTheBodysFirstLine() throws {
        let body = try body("body-headline.html")
        #expect(body.hasPrefix("The island ferry will run"))
        #expect(!body.contains("Ferry timetable"))
    }

    @Test func articlesInsideAnArticleAreTeasersNotItsText() throws {
        let body = try body("body-teaser-articles.html")
        #expect(body.hasPrefix("The mill pond froze"))
        #expect(body.hasSuffix("where the current keeps it thin."))
        for teaser in ["count the frogs", "The mill itself", "A walk around the pond"] {
            #expect(!body.contains(teaser), "body keeps the teaser '\(teaser)'")
        }
    }

    @Test func anArticleHoldingMostOfTheTextAroundItIsTheEntry() throws {
        let body = try body("body-article-in-article.html")
        #expect(body.hasPrefix("From the first of December"))
        #expect(body.contains("the homework club and the knitting circle."))
    }

    @Test func camelCaseClassNamesAreReadWordByWord() throws {
        let body = try body("body-camelcase-hints.html")
        #expect(body.hasPrefix("The cooperative's orchards"))
        #expect(body.hasSuffix("in the cooperative's own orchards."))
        #expect(!body.contains("Pickers at work"), "imageCaption is a caption")
        #expect(!body.contains("Last year's harvest"), "relatedArticles are related articles")
    }

    @Test func aParagraphSaidAgainWordForWordIsGivenOnceButFiguresRepeat() throws {
        let blocks = try body("body-repeated-lines.html").components(separatedBy: "\n\n")
        #expect(blocks.filter { $0 == "Pass this story on to a friend" }.count == 1)
        #expect(blocks.filter { $0 == "12" }.count == 2, "table cells repeat by right")
        #expect(blocks.contains { $0.hasPrefix("The rowing club's spring regatta") })
    }

    @Test func theOnlyItemOfAListStaysWhenItIsAllLinkButAListOfLinksGoes() throws {
        let body = try body("body-lone-link-item.html")
        #expect(body.contains("Get it at the village shop for 45 pounds"))
        #expect(body.hasSuffix("from one end to the other."))
        #expect(!body.contains("Ten walks along the canal"))
    }

    @Test func textSetLooseBetweenLineBreaksIsTheArticle() throws {
        let blocks = try body("body-loose-text.html").components(separatedBy: "\n\n")
        #expect(blocks.first?.hasPrefix("The river road will close") == true)
        #expect(blocks.last?.hasSuffix("that they are still open.") == true)
        #expect(blocks.count == 4, "one paragraph between each pair of breaks and blocks")
        #expect(!blocks.contains { $0.contains("Valley Notes") })
    }
}
