import Archive
import ArgumentParser
import Foundation

extension ArchiveCommand {
    struct Feeds: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Subscribe to feeds that `archive sync` fetches.",
            subcommands: [AddFeed.self, ListFeeds.self, RemoveFeed.self]
        )
    }

    struct AddFeed: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Subscribe to RSS, Atom or JSON feeds.",
            discussion: "Subscribing again changes the outlet, tags and page fetching of a subscription. Nothing is fetched until `archive sync`."
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("Feed addresses (http or https).", valueName: "url"))
        var urls: [String]

        @Option(help: ArgumentHelp("Outlet for every entry, instead of the feed's title.", valueName: "name"))
        var outlet: String?

        @Option(name: .customLong("tag"), help: ArgumentHelp("A tag for every entry; repeatable.", valueName: "tag"))
        var tags: [String] = []

        @Flag(help: "Fetch each entry's page and store its article, not the feed's text.")
        var fetchPages = false

        func run() throws {
            let archive = try database.openForWriting()
            for (url, isNew) in try archive.subscribe(urls, outlet: outlet, tags: tags, fetchPages: fetchPages) {
                print("\(isNew ? "subscribed to" : "updated") \(url)")
            }
        }
    }

    struct ListFeeds: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the subscribed feeds.")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Output format.")
        var format: FeedFormat = .table

        enum FeedFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

        func run() throws {
            let feeds = try database.openForReading().subscriptions()
            if format == .json {
                print(JSONValue.array(feeds.map(\.json)).serialized)
                return
            }
            guard !feeds.isEmpty else {
                print("No subscriptions. Subscribe with: archive feeds add URL")
                return
            }
            let width = String(feeds.map(\.articles).max() ?? 0).count
            for feed in feeds {
                let name = feed.outlet ?? feed.title ?? "(not fetched yet)"
                let status = feed.lastChecked.map { "\(feed.lastStatus ?? "") at \($0), \(feed.lastNew ?? 0) new" } ?? "never synced"
                let extras = (feed.tags.isEmpty ? "" : "  tags: " + feed.tags.joined(separator: ", ")) + (feed.fetchPages ? "  pages fetched" : "")
                print("\(String(feed.articles).leftPadded(to: width)) articles  \(name)  \(feed.url)")
                print(String(repeating: " ", count: width + 11) + status + extras)
            }
        }
    }

    struct RemoveFeed: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm", abstract: "End a subscription; the articles it brought stay.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("Feed addresses as subscribed.", valueName: "url"))
        var urls: [String]

        func run() throws {
            let archive = try database.openForWriting()
            for url in urls {
                try archive.unsubscribe(url)
                print("unsubscribed from \(url)")
            }
        }
    }

    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch the subscribed feeds and store their new entries.",
            discussion: """
                Asks each feed with a conditional request (ETag, Last-Modified), so an unchanged feed \
                costs one short answer; stores new entries (with their pages for subscriptions made \
                with --fetch-pages); records each feed's status; prints one line per feed. A feed \
                another sync is fetching at the same moment is left to it. Exit status 1 when a feed \
                or an entry failed.
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("Only these subscribed feeds (default: all).", valueName: "url"))
        var urls: [String] = []

        @Flag(name: .shortAndLong, help: "List every article stored.")
        var verbose = false

        @Flag(name: .shortAndLong, help: "Print only failures.")
        var quiet = false

        @OptionGroup var webOptions: WebOptions

        func run() throws {
            let archive = try database.openForWriting()
            let progress = ProgressBar(enabled: !quiet && Terminal.standardErrorIsTerminal)
            var failed = false
            let verbose = verbose, quiet = quiet
            let policy = try webOptions.policy()
            try Blocking.run {
                let web = WebClient(policy: policy)
                do {
                    try await archive.sync(urls, web: web, onEvent: { event in
                        if case .failed(let reason) = event.outcome {
                            failed = true
                            progress.clear()
                            Terminal.error("\(event.location): \(reason)")
                        } else if verbose {
                            progress.clear()
                            print(Add.line(for: event))
                        }
                    }, onFetch: progress.update, onFeed: { report in
                        progress.clear()
                        guard !quiet || !(report.status == "ok" || report.status == "not modified") else { return }
                        let name = report.title ?? "(untitled feed)"
                        print("+\(report.new) new  \(name)  \(report.url)"
                              + (report.status == "ok" ? "" : "  (\(report.status))"))
                    })
                    await web.shutdown()
                } catch {
                    await web.shutdown()
                    throw error
                }
            }
            progress.clear()
            if failed { throw ExitCode(ExitStatus.someFailed) }
        }
    }
}
