import Foundation
import Testing

/// Issue 14 end to end, as the README shows it: subscribe, sync twice, add a page by url and a
/// spreadsheet of links with --fetch-pages; the local server is Python's http.server on
/// 127.0.0.1, serving files the test writes (it answers If-Modified-Since with 304).
@Suite(.serialized) struct FeedsCLITests {
    let cli = ArchiveRunner()

    /// Starts `python3 -m http.server` on a free port over `folder`; returns its base url and process.
    func serve(_ folder: String) throws -> (String, Process) {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"]
        let pipe = Pipe()
        probe.standardOutput = pipe
        try probe.run()
        probe.waitUntilExit()
        let port = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-m", "http.server", port, "--bind", "127.0.0.1", "--directory", folder]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        let base = "http://127.0.0.1:\(port)"
        // Ready when it answers.
        for _ in 0..<50 {
            if (try? Data(contentsOf: URL(string: base + "/")!)) != nil { break }
            usleep(100_000)
        }
        return (base, server)
    }

    func page(_ title: String, _ text: String) -> String {
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>\(title)</title></head><body><article><h1>\(title)</h1>"
            + "<p>\(text) It was reported on Tuesday by the harbour office, which keeps the records of every ship.</p>"
            + "<p>Officials said more would follow, and the next report is due at the end of the month.</p></article></body></html>"
    }

    @Test func subscribeSyncTwiceAddByURLAndASpreadsheetOfLinks() throws {
        let site = cli.folder + "/site"
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        let (base, server) = try serve(site)
        defer { server.terminate() }
        try page("Ferries resume", "The ferries run again.").write(toFile: site + "/ferries.html", atomically: true, encoding: .utf8)
        try page("Trains return", "The night train runs again.").write(toFile: site + "/trains.html", atomically: true, encoding: .utf8)
        try """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Harbor World</title>
            <item><title>Ferries resume</title><link>\(base)/ferries.html</link><guid>h-1</guid>
            <pubDate>Sat, 11 May 2024 08:00:00 GMT</pubDate><description>Ferries teaser.</description></item>
            <item><title>Trains return</title><link>\(base)/trains.html</link><guid>h-2</guid>
            <pubDate>Sun, 12 May 2024 08:00:00 GMT</pubDate><description>Trains teaser.</description></item>
            </channel></rss>
            """.write(toFile: site + "/feed.xml", atomically: true, encoding: .utf8)

        let feed = "\(base)/feed.xml"
        let subscribed = try cli.run(["feeds", "add", feed, "--tag", "world", "--fetch-pages"])
        #expect(subscribed.lines == ["subscribed to \(feed)"], "\(subscribed.stderr)")
        let first = try cli.run(["sync", "--host-delay", "0"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.lines == ["+2 new  Harbor World  \(feed)"])
        let second = try cli.run(["sync", "--host-delay", "0"])
        #expect(second.lines == ["+0 new  Harbor World  \(feed)  (not modified)"])
        let shown = try cli.run(["show", "h-1", "--format", "json"])
        #expect(shown.stdout.contains("The ferries run again."), "the page's text: \(shown.stdout)")
        #expect(shown.stdout.contains(#""world""#))
        let listed = try cli.run(["feeds", "list", "--format", "json"])
        #expect(listed.stdout.contains(#""last_status":"not modified","last_new":0,"articles":2"#), "\(listed.stdout)")

        // A page by url, a failing url, and a spreadsheet of links.
        let added = try cli.run(["add", "\(base)/trains.html", "\(base)/gone.html", "--host-delay", "0"])
        #expect(added.status == 1)
        #expect(added.stderr == "\(base)/gone.html: HTTP 404 Not Found\n")
        #expect(added.lines.last == "Added 0 articles; 1 already stored; 1 failed.")
        try "url,media_name\n\(base)/ferries.html,Wire\n\(base)/trains.html,Wire\n"
            .write(toFile: cli.folder + "/links.csv", atomically: true, encoding: .utf8)
        let withoutPages = try cli.run(["add", "links.csv"])
        #expect(withoutPages.status == 1)
        #expect(withoutPages.stderr.contains("links.csv:2: a link without text of its own (\(base)/ferries.html), and pages are not fetched"))
        let withPages = try cli.run(["add", "links.csv", "--fetch-pages", "--host-delay", "0"])
        #expect(withPages.status == 0, "\(withPages.stderr)")
        #expect(withPages.lines.last == "Added 0 articles; 2 already stored; 0 failed.", "the same pages, already stored")

        let removed = try cli.run(["feeds", "rm", feed])
        #expect(removed.lines == ["unsubscribed from \(feed)"])
        let again = try cli.run(["feeds", "rm", feed])
        #expect(again.status == 3)
        #expect(again.stderr == "archive: no subscription to '\(feed)' (see the feeds list)\n")
        let bad = try cli.run(["feeds", "add", "ftp://example.org/feed"])
        #expect(bad.status == 2)
    }
}
