import Archive
import ArgumentParser
import Foundation

extension ArchiveCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add articles from files, folders, standard input, web pages and feeds.",
            discussion: """
                Reads saved pages (.html, .htm), scraped or pasted text (.txt), both cleaned of page \
                furniture (see `archive extract`), .md with YAML front matter, .json (an object or an \
                array of them) and .jsonl/.ndjson (one object per line), feeds (RSS, Atom, JSON Feed: \
                .xml, .rss, .atom, .json, known by their content) and spreadsheets (.csv, .tsv with a \
                header row); any of these also .gz-compressed. Folders are searched recursively for \
                those extensions; - reads standard input and guesses its format. An http or https \
                address is fetched: a feed gives its entries, a page is extracted and stored under the \
                canonical url it names. JSON keys and spreadsheet columns: guid (id, stories_id), title \
                (headline), body (text, content), date (published, published_at, publish_date), outlet \
                (source, site_name, media_name), url (link), author (byline), tags (keywords), language.

                A feed entry or spreadsheet row with a link but no text is reported unless \
                --fetch-pages fetches its page. With --fetch-pages, every entry's and row's page is \
                fetched and its article extracted, keeping the feed's guid, and its date and tags \
                where the page has none. The archive names itself in its requests, asks at most 4 \
                things at once, waits a second between requests to one host, gives up after 30 s, \
                reads at most 20 MiB and follows at most 5 redirects.

                Only the same article is not stored again: the same guid or url with the same text, or \
                the same text under the same headline from the same outlet on the same day. The same \
                text from another outlet, url or day, and near copies, are stored and grouped into \
                the stored article's story; a page whose text changed is stored as a new version \
                (see `archive dups` and `archive show`). \
                An article that cannot be read is reported on standard error with its file and line; \
                the others are still stored, and the exit status is 1.
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("Files, folders, http(s) addresses, or - for standard input.", valueName: "path-or-url"))
        var paths: [String]

        @Flag(help: "Fetch the page of every feed entry and spreadsheet row, and store its article.")
        var fetchPages = false

        @OptionGroup var web: WebOptions

        @Option(help: "Title for every article added.")
        var title: String?

        @Option(help: ArgumentHelp("Publication date for every article added.", valueName: "date"))
        var date: String?

        @Option(help: ArgumentHelp("Outlet for every article added.", valueName: "name"))
        var outlet: String?

        @Option(help: "URL for every article added.")
        var url: String?

        @Option(help: ArgumentHelp("Author for every article added.", valueName: "name"))
        var author: String?

        @Option(name: .customLong("tag"), help: ArgumentHelp("A tag to add to every article; repeatable.", valueName: "tag"))
        var tags: [String] = []

        @Option(help: .hidden)
        var batchSize = 2000

        @Flag(help: "Skip near-copy detection (faster; identical texts are still grouped).")
        var noNearCopies = false

        @Flag(name: .shortAndLong, help: "List every article, however many.")
        var verbose = false

        @Flag(name: .shortAndLong, help: "Print nothing but failures; no progress bar.")
        var quiet = false

        /// Runs that see at most this many articles list each one even without --verbose.
        static let listedWithoutVerbose = 20

        func run() throws {
            var overrides = ArticleOverrides(title: title, outlet: outlet, url: url, author: author, tags: tags)
            if let date {
                do { overrides.date = try PublicationDate.normalize(date) } catch {
                    throw UsageError("--date: \(error.description)")
                }
            }
            let archive = try database.openForWriting()
            var listed: [IngestEvent] = []
            var listing = !quiet
            // Counted from the events, which are handed out only once stored: if the run stops
            // early, this is what it stored.
            var summary = IngestSummary()
            let progress = ProgressBar(enabled: !quiet && Terminal.standardErrorIsTerminal)
            let onEvent: (IngestEvent) -> Void = { event in
                    summary.count(event.outcome)
                    if case .failed(let reason) = event.outcome {
                        progress.clear()
                        Terminal.error("\(event.location): \(reason)")
                    } else if verbose {
                        progress.clear()
                        print(Self.line(for: event))
                    } else if listing {
                        listed.append(event)
                        if listed.count > Self.listedWithoutVerbose {
                            listing = false
                            listed.removeAll()
                        }
                    }
                }
            let urls = paths.filter(Self.isAddress)
            do {
                if urls.isEmpty && !fetchPages {
                    try archive.add(paths: paths, overrides: overrides, batchSize: max(1, batchSize),
                                    detectNearCopies: !noNearCopies, onEvent: onEvent, onProgress: progress.update)
                } else {
                    let files = paths.filter { !Self.isAddress($0) }
                    let policy = try self.web.policy()
                    try Blocking.run {
                        let web = WebClient(policy: policy)
                        do {
                            try await archive.add(paths: files, urls: urls, overrides: overrides, fetchPages: fetchPages, web: web,
                                                  batchSize: max(1, batchSize), detectNearCopies: !noNearCopies,
                                                  onEvent: onEvent, onFetch: progress.update)
                            await web.shutdown()
                        } catch {
                            await web.shutdown()
                            throw error
                        }
                    }
                }
            } catch {
                progress.clear()
                // Said even with --quiet: the caller must learn what is stored before the error.
                print(Self.summaryLine(summary, stopped: true))
                throw error
            }
            progress.clear()
            if !verbose && listing { listed.forEach { print(Self.line(for: $0)) } }
            if !quiet { print(Self.summaryLine(summary, stopped: false)) }
            if summary.failed > 0 { throw ExitCode(ExitStatus.someFailed) }
        }

        /// An argument that names an address (`https://…`, also `ftp://…`, which is refused
        /// as such) rather than a file.
        static func isAddress(_ argument: String) -> Bool {
            guard let colon = argument.range(of: "://") else { return false }
            let scheme = argument[..<colon.lowerBound]
            return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+.-".contains($0) } && scheme.first!.isLetter
        }

        static func summaryLine(_ summary: IngestSummary, stopped: Bool) -> String {
            var grouped: [String] = []
            if summary.copies > 0 {
                grouped.append("\(summary.copies) as \(summary.copies == 1 ? "a copy of a stored article" : "copies of stored articles")")
            }
            if summary.versions > 0 {
                grouped.append("\(summary.versions) as \(summary.versions == 1 ? "a new version of a stored page" : "new versions of stored pages")")
            }
            let detail = grouped.isEmpty ? "" : " (\(grouped.joined(separator: ", ")))"
            return (stopped ? "Stopped early. " : "")
                + "Added \(summary.added) \(summary.added == 1 ? "article" : "articles")\(detail); "
                + "\(summary.alreadyStored) already stored; \(summary.failed) failed."
        }

        static func line(for event: IngestEvent) -> String {
            switch event.outcome {
            case .added(let id, let title): "added #\(id): \(title.isEmpty ? "(untitled)" : title)"
            case .addedToStory(let id, let title, let related, let relation) where relation.kind == .version:
                "added #\(id) as a new version of #\(related): \(title.isEmpty ? "(untitled)" : title)"
            case .addedToStory(let id, let title, let related, let relation):
                "added #\(id) as a copy of #\(related) (\(relation.detail)): \(title.isEmpty ? "(untitled)" : title)"
            case .alreadyStored(let id, let title, let match):
                "already stored as #\(id) (same \(match)): \(title.isEmpty ? event.location.description : title)"
            case .failed(let reason): "\(event.location): \(reason)"
            }
        }
    }
}
