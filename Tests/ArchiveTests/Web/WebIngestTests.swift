import Foundation
import Testing
@testable import Archive

/// Issue 14: pages and feeds by url, feed entries' and spreadsheet rows' pages, failures one
/// line each, and a good citizen on the web; all against a server of the tests' own on 127.0.0.1.
@Suite(.serialized) struct WebIngestTests {
    /// A timeout long enough for a loaded machine (the suite runs on two cores beside a build);
    /// the timeout test sets its own.
    static var policy: FetchPolicy {
        var policy = FetchPolicy()
        policy.timeout = 20
        policy.maxBytes = 1 << 20
        policy.hostDelay = 0.05
        return policy
    }

    @Test func aPageByURLIsStoredUnderItsCanonicalURL() async throws {
        try await withServer { test, server, web in
            var events: [IngestEvent] = []
            let summary = try await test.archive.add(paths: [], urls: ["\(server.base)/pages/1.html", "\(server.base)/redirect"],
                                                     fetchPages: false, web: web, onEvent: { events.append($0) })
            #expect(summary.added == 2)
            let first = try test.archive.article("\(server.base)/articles/1")
            #expect(first.title == "Ferries resume after the storm")
            #expect(first.outlet == "Harbor Daily")
            #expect(first.date == "2024-05-11T09:30:00+02:00")
            let redirected = try test.archive.article("\(server.base)/pages/3.html")
            #expect(redirected.title == "Night trains return to the coast", "no canonical url: the url after redirects")
            #expect(redirected.sources["url"] == "address after redirects")
            let agents = await server.requests.compactMap(\.userAgent)
            #expect(!agents.isEmpty && agents.allSatisfy { $0.hasPrefix("archive/\(ArchiveVersion.current)") })
        }
    }

    @Test func eachFailingURLIsOneLineAndTheRestGoesOn() async throws {
        // /slow answers after 10 s.
        try await withServer(timeout: 3) { test, server, web in
            var failures: [String] = []
            let urls = ["missing", "slow", "huge", "loop", "to-ftp", "image.png"].map { "\(server.base)/\($0)" }
                + ["\(server.base)/pages/2.html", "ftp://127.0.0.1/x", "https://user:secret@127.0.0.1:1/"]
            let summary = try await test.archive.add(paths: [], urls: urls, fetchPages: false, web: web, onEvent: { event in
                if case .failed(let reason) = event.outcome { failures.append("\(event.location): \(reason)") }
            })
            #expect(summary.added == 1)
            #expect(summary.failed == 8)
            let expected = [
                "\(server.base)/missing: HTTP 404 Not Found", "\(server.base)/slow: timed out after 3 s",
                "\(server.base)/huge: larger than 1 MiB", "\(server.base)/loop: redirects in a circle",
                "\(server.base)/to-ftp: redirected to an address that is not http or https",
                "\(server.base)/image.png: neither a page nor a feed (image/png)",
                "ftp://127.0.0.1/x: only http and https addresses are fetched, not ftp",
            ]
            for line in expected { #expect(failures.contains(line), "\(line) in \(failures)") }
            #expect(failures.contains { $0.hasPrefix("https://127.0.0.1:1/: ") }, "credentials never in a message: \(failures)")
            #expect(!failures.joined().contains("secret"))
        }
    }

    @Test func aFeedByURLWithItsPagesFetched() async throws {
        try await withServer { test, server, web in
            let summary = try await test.archive.add(paths: [], urls: ["\(server.base)/feed.xml"], fetchPages: true, web: web)
            #expect(summary.added == 3)
            let one = try test.archive.article("harbor-1")
            #expect(one.body.contains("The ferries between the islands run again"), "the page's text")
            #expect(!one.body.contains("Teaser"), "not the feed's teaser")
            #expect(one.url == "\(server.base)/articles/1")
            #expect(one.date == "2024-05-11T09:30:00+02:00", "the page's own date")
            #expect(one.tags.contains("feed-tag"))
            let three = try test.archive.article("harbor-3")
            #expect(three.date == "2024-05-13T08:00:00+02:00", "the page states none: the feed's")
            #expect(three.sources["date"] == "feed pubDate")
        }
    }

    @Test func aFeedByURLWithoutPagesStoresItsOwnText() async throws {
        try await withServer { test, server, web in
            let summary = try await test.archive.add(paths: [], urls: ["\(server.base)/feed.xml"], fetchPages: false, web: web)
            #expect(summary.added == 3)
            #expect(try test.archive.article("harbor-2").body == "Teaser 2.")
            #expect(try test.archive.article("harbor-2").outlet == "Harbor Daily World")
        }
    }

    @Test func aSpreadsheetOfLinksWithItsPagesFetched() async throws {
        try await withServer { test, server, web in
            let csv = test.folder.file("links.csv")
            try """
                url,media_name,publish_date
                \(server.base)/pages/1.html,Wire,2024-05-01
                \(server.base)/pages/3.html,Wire,2024-05-03
                \(server.base)/missing,Wire,2024-05-04
                """.write(toFile: csv, atomically: true, encoding: .utf8)
            var failures: [String] = []
            let summary = try await test.archive.add(paths: [csv], urls: [], fetchPages: true, web: web, onEvent: { event in
                if case .failed(let reason) = event.outcome { failures.append("\(event.location): \(reason)") }
            })
            #expect(summary.added == 2)
            #expect(failures == ["\(csv):4: its page: \(server.base)/missing: HTTP 404 Not Found"])
            let three = try test.archive.article("\(server.base)/pages/3.html")
            #expect(three.date == "2024-05-03", "the row's date where the page states none")
            #expect(three.outlet == "Harbor Daily", "the page names its outlet")
        }
    }

    @Test func requestsToOneHostArePaused() async throws {
        // The client's schedule: each request to one host waits for the pause after the one
        // before (a sleep never ends early, so the lower bound is exact whatever the load).
        let schedule = HostSchedule()
        let start = ContinuousClock.now
        for _ in 0..<3 { await schedule.wait(for: "127.0.0.1", pause: 0.05) }
        #expect(ContinuousClock.now - start >= .milliseconds(100), "three requests: two pauses")
        try await withServer { test, server, web in
            _ = try await test.archive.add(paths: [], urls: [1, 2, 3].map { "\(server.base)/pages/\($0).html" }, fetchPages: false, web: web)
            #expect(await server.requests.count == 3)
        }
    }
}
