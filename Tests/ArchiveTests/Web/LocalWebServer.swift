import Foundation
import Hummingbird
import NIOCore
@testable import Archive

/// A web server on 127.0.0.1 (a free port) serving pages and feeds written for the tests:
/// articles with and without canonical links, feeds in several formats with ETags, redirects,
/// a redirect loop, a 404, a slow answer and a huge one. It records every request.
final class LocalWebServer: Sendable {
    struct Request: Sendable {
        var path: String
        var userAgent: String?
        var ifNoneMatch: String?
        var ifModifiedSince: String?
        var at: ContinuousClock.Instant
    }

    actor Log {
        var requests: [Request] = []
        func append(_ request: Request) { requests.append(request) }
    }

    private let task: Task<Void, Error>
    let port: Int

    var base: String { "http://127.0.0.1:\(port)" }

    static func start() async throws -> LocalWebServer {
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let log = Log()
        let router = Router()
        router.middlewares.add(RecordingMiddleware(log: log))
        Self.routes(router)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) })
        let task = Task { try await app.run() }
        var port = 0
        for await bound in stream { port = bound; break }
        return LocalWebServer(task: task, port: port, log: log)
    }

    private init(task: Task<Void, Error>, port: Int, log: Log) {
        self.task = task
        self.port = port
        self.logStorage = log
    }

    private let logStorage: Log
    var requests: [Request] { get async { await logStorage.requests } }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    // MARK: Content

    static func page(title: String, paragraphs: [String], canonical: String? = nil, date: String? = nil) -> String {
        """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>\(title) | Harbor Daily</title>
        \(canonical.map { "<link rel=\"canonical\" href=\"\($0)\">" } ?? "")
        \(date.map { "<meta property=\"article:published_time\" content=\"\($0)\">" } ?? "")
        <meta property="og:site_name" content="Harbor Daily"></head>
        <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><h1>\(title)</h1>\(paragraphs.map { "<p>\($0)</p>" }.joined())</article>
        <footer>© 2025 Harbor Daily</footer></body></html>
        """
    }

    static let pageTexts: [Int: (String, [String])] = [
        1: ("Ferries resume after the storm", [
            "The ferries between the islands run again from this morning, after three days in which the storm kept every boat in the harbour.",
            "Operators said the timetable would be back to normal by the weekend, and asked travellers to check before they leave home.",
        ]),
        2: ("Council approves repatriation flights", [
            "The council on Friday approved two charter flights to bring home workers stranded abroad since the spring, at a cost shared with the state.",
            "The first flight leaves next week; families can register at the town hall until Wednesday.",
        ]),
        3: ("Night trains return to the coast", [
            "The night train between the capital and the coast runs again from Friday, four years after the last sleeper service on the line.",
            "Tickets went on sale on Monday and the first two weeks are already sold out, the operator said.",
        ]),
    ]

    static func feed(base: String, version: String) -> String {
        let items = [1, 2, 3].map { number in
            """
            <item><title>\(pageTexts[number]!.0)</title><link>\(base)/pages/\(number).html</link>
            <guid isPermaLink="false">harbor-\(number)</guid><pubDate>Sat, 1\(number) May 2024 08:00:00 +0200</pubDate>
            <category>feed-tag</category><description>Teaser \(number).</description></item>
            """
        }
        return """
            <?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Harbor Daily World</title>
            <link>\(base)/</link><description>\(version)</description>\(items.joined())</channel></rss>
            """
    }

    private static func routes(_ router: Router<BasicRequestContext>) {
        router.get("pages/:number") { request, context -> Response in
            guard let number = context.parameters.get("number").flatMap({ Int($0.replacingOccurrences(of: ".html", with: "")) }),
                  let (title, paragraphs) = pageTexts[number] else { return Response(status: .notFound) }
            let host = request.head.authority ?? "127.0.0.1"
            // Page 3 names no canonical url and no date: the feed's date and the url after redirects count.
            let html = page(title: title, paragraphs: paragraphs,
                            canonical: number == 3 ? nil : "http://\(host)/articles/\(number)",
                            date: number == 3 ? nil : "2024-05-1\(number)T09:30:00+02:00")
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        router.get("feed.xml") { request, _ -> Response in
            let host = request.head.authority ?? "127.0.0.1"
            if request.headers[.ifNoneMatch] == "\"v1\"" { return Response(status: .notModified) }
            return Response(status: .ok, headers: [.contentType: "application/rss+xml", .eTag: "\"v1\"",
                                                   .lastModified: "Sat, 11 May 2024 08:00:00 GMT"],
                            body: .init(byteBuffer: ByteBuffer(string: feed(base: "http://\(host)", version: "v1"))))
        }
        // The same feed, answered after 300 ms: a sync holds it that long.
        router.get("slow-feed.xml") { request, _ -> Response in
            try await Task.sleep(for: .milliseconds(300))
            let host = request.head.authority ?? "127.0.0.1"
            return Response(status: .ok, headers: [.contentType: "application/rss+xml"],
                            body: .init(byteBuffer: ByteBuffer(string: feed(base: "http://\(host)", version: "slow"))))
        }
        router.get("redirect") { _, _ -> Response in
            Response(status: .found, headers: [.location: "/pages/3.html"])
        }
        router.get("loop") { _, _ -> Response in
            Response(status: .found, headers: [.location: "/loop"])
        }
        router.get("to-ftp") { _, _ -> Response in
            Response(status: .found, headers: [.location: "ftp://127.0.0.1/file"])
        }
        router.get("slow") { _, _ -> Response in
            try await Task.sleep(for: .seconds(10))
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: page(title: "Slow", paragraphs: ["Too late."]))))
        }
        router.get("huge") { _, _ -> Response in
            let filler = String(repeating: "<p>Lorem ipsum dolor sit amet, again and again and again.</p>", count: 40_000)
            return Response(status: .ok, headers: [.contentType: "text/html"],
                            body: .init(byteBuffer: ByteBuffer(string: "<html><body>\(filler)</body></html>")))
        }
        router.get("image.png") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "image/png"], body: .init(byteBuffer: ByteBuffer(bytes: [0x89, 0x50, 0x4E, 0x47])))
        }
    }
}

/// Writes down each request before it is answered.
struct RecordingMiddleware<Context: RequestContext>: RouterMiddleware {
    let log: LocalWebServer.Log

    func handle(_ request: Hummingbird.Request, context: Context,
                next: (Hummingbird.Request, Context) async throws -> Response) async throws -> Response {
        await log.append(LocalWebServer.Request(path: request.uri.path, userAgent: request.headers[.userAgent],
                                                ifNoneMatch: request.headers[.ifNoneMatch],
                                                ifModifiedSince: request.headers[.ifModifiedSince], at: .now))
        return try await next(request, context)
    }
}

/// Runs `body` with a fresh archive, a started server and a client (the tests' policy, with
/// `timeout` when given); stops the client and the server after, whatever happens.
func withServer(timeout: TimeInterval? = nil, _ body: (TestArchive, LocalWebServer, WebClient) async throws -> Void) async throws {
    let server = try await LocalWebServer.start()
    var policy = WebIngestTests.policy
    if let timeout { policy.timeout = timeout }
    let web = WebClient(policy: policy)
    let test = try TestArchive()
    do { try await body(test, server, web) } catch {
        await web.shutdown()
        await server.stop()
        throw error
    }
    await web.shutdown()
    await server.stop()
}
