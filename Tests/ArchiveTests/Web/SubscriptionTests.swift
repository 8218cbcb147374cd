import Foundation
import Testing
@testable import Archive

/// Issue 14: subscriptions and `sync`, against the tests' own server on 127.0.0.1.
@Suite(.serialized) struct SubscriptionTests {
    @Test func theSecondSyncAsksConditionallyAndStoresNothingNew() async throws {
        try await withServer { test, server, web in
            let feed = "\(server.base)/feed.xml"
            #expect(try test.archive.subscribe([feed], outlet: "Harbor World", tags: ["world"]).map(\.isNew) == [true])
            let first = try await test.archive.sync(web: web)
            #expect(first == [FeedSyncReport(url: feed, title: "Harbor Daily World", status: "ok", new: 3, skipped: false)])
            let article = try test.archive.article("harbor-1")
            #expect(article.outlet == "Harbor World", "the subscription's outlet")
            #expect(article.tags.contains("world") && article.tags.contains("feed-tag"))
            let second = try await test.archive.sync(web: web)
            #expect(second.first?.status == "not modified")
            #expect(second.first?.new == 0)
            let asked = await server.requests.filter { $0.path == "/feed.xml" }
            #expect(asked.count == 2)
            #expect(asked[0].ifNoneMatch == nil)
            #expect(asked[1].ifNoneMatch == "\"v1\"", "the ETag of the first answer")
            #expect(asked[1].ifModifiedSince == "Sat, 11 May 2024 08:00:00 GMT")
            let listed = try #require(try test.archive.subscriptions().first)
            #expect(listed.lastStatus == "not modified")
            #expect(listed.lastNew == 0)
            #expect(listed.articles == 3)
            guard case .object(let members) = listed.json else { Issue.record("not an object"); return }
            #expect(members.map(\.key) == ["url", "title", "outlet", "tags", "fetch_pages", "added", "last_checked", "last_status",
                                           "last_new", "articles"])
        }
    }

    @Test func aSubscriptionThatFetchesPages() async throws {
        try await withServer { test, server, web in
            try test.archive.subscribe(["\(server.base)/feed.xml"], fetchPages: true)
            let reports = try await test.archive.sync(web: web)
            #expect(reports.first?.new == 3, "the feed is done once its pages are")
            #expect(try test.archive.article("harbor-2").body.contains("two charter flights"))
        }
    }

    @Test func twoSyncsAtOnceDoNotFetchAFeedTwice() async throws {
        try await withServer { test, server, web in
            try test.archive.subscribe(["\(server.base)/slow-feed.xml"])
            let path = test.archive.path
            // Two processes' worth: each sync with its own connection, at the same moment.
            let syncs = (0..<2).map { _ in Task { try await Archive(path: path).sync(web: web) } }
            var reports: [FeedSyncReport] = []
            for sync in syncs { reports += try await sync.value }
            #expect(reports.filter(\.skipped).count == 1)
            #expect(reports.filter { !$0.skipped }.map(\.new) == [3])
            #expect(await server.requests.filter { $0.path == "/slow-feed.xml" }.count == 1)
            // Once done, the next sync may fetch it again.
            #expect(try await test.archive.sync(web: web).first?.skipped == false)
        }
    }

    @Test func aFailingFeedIsRecordedAndTheOthersGoOn() async throws {
        try await withServer { test, server, web in
            try test.archive.subscribe(["\(server.base)/missing", "\(server.base)/pages/1.html", "\(server.base)/feed.xml"])
            var failures: [String] = []
            let reports = try await test.archive.sync(web: web, onEvent: { event in
                if case .failed(let reason) = event.outcome { failures.append("\(event.location): \(reason)") }
            })
            let status = Dictionary(uniqueKeysWithValues: reports.map { ($0.url, $0.status) })
            #expect(status["\(server.base)/missing"] == "HTTP 404 Not Found")
            #expect(status["\(server.base)/pages/1.html"] == "not a feed (text/html; charset=utf-8)")
            #expect(status["\(server.base)/feed.xml"] == "ok")
            #expect(failures.contains("\(server.base)/missing: HTTP 404 Not Found"))
        }
    }

    @Test func unsubscribingKeepsTheArticles() async throws {
        try await withServer { test, server, web in
            let feed = "\(server.base)/feed.xml"
            try test.archive.subscribe([feed])
            try await test.archive.sync(web: web)
            try test.archive.unsubscribe(feed)
            #expect(try test.archive.subscriptions().isEmpty)
            #expect(try test.archive.count() == 3)
            #expect(throws: ArchiveError.notSubscribed(feed)) { try test.archive.unsubscribe(feed) }
            #expect(throws: ArchiveError.self) { try test.archive.subscribe(["file:///etc/passwd"]) }
        }
    }
}
