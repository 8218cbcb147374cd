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
}
