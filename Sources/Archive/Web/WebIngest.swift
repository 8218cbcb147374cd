import Foundation

/// How far fetching has got: requests answered, failed, and still waiting.
public struct FetchProgress: Sendable, Equatable {
    public var fetched = 0
    public var failed = 0
    public var waiting = 0
}

/// One thing to fetch: a url given to `add` (a page or a feed), or the page of a feed entry or
/// spreadsheet row.
enum FetchJob: Sendable {
    case url(String)
    case page(ArticleInput, SourceLocation)
    /// A subscribed feed, asked conditionally; its entries carry its outlet and tags.
    case subscription(FeedSubscription)
}

/// What one fetch gave: items to store, and more pages to fetch (a feed's entries).
struct FetchResult: Sendable {
    var items: [SourceItem] = []
    var more: [FetchJob] = []
    var failed = false
    /// For a subscription: how the feed answered.
    var answer: FeedAnswer?
}

/// A subscribed feed's answer to one sync.
struct FeedAnswer: Sendable {
    var url: String
    var status: String
    var title: String?
    var validators: Validators?
}



extension Archive {
    /// Stores what `paths` (files, folders, `-`) and `urls` (pages and feeds on the web) hold.
    ///
    /// A url is fetched and read by what it holds: a feed's entries are articles; a page is
    /// extracted as a saved page would be, its url the canonical one it names, else the url
    /// after redirects. With `fetchPages`, each feed entry's and spreadsheet row's page is
    /// fetched and extracted, keeping the entry's guid, and its date, tags, title and author
    /// where the page lacks them; an entry whose page cannot be fetched is stored with the
    /// feed's own text when it has some, and the failure is reported. A url that fails is one
    /// failed item (`https://…: HTTP 404`); the rest goes on.
    @discardableResult
    public func add(paths: [String], urls: [String], overrides: ArticleOverrides = ArticleOverrides(), fetchPages: Bool,
                    web: WebClient, batchSize: Int = 2000, detectNearCopies: Bool = true,
                    onEvent: @escaping (IngestEvent) -> Void = { _ in },
                    onFetch: (FetchProgress) -> Void = { _ in }) async throws -> IngestSummary {
        let ingester = Ingester(store: store, detectNearCopies: detectNearCopies, overrides: overrides,
                                batchSize: batchSize, onEvent: onEvent)
        var jobs: [FetchJob] = urls.map { .url($0) }
        do {
            try guarded {
                let inputs = InputFiles(paths: paths)
                for (error, location) in inputs.failures { try ingester.ingest(.failure(error, location)) }
                try inputs.read { item in
                    if fetchPages, case .linked(let input, let location) = item {
                        jobs.append(.page(input, location))
                    } else {
                        try ingester.ingest(item)
                    }
                } progress: { _ in } onIdle: {
                    try ingester.commit()
                }
                try ingester.commit()
            }
            try await fetch(jobs, web: web, fetchPages: fetchPages, ingester: ingester, onFetch: onFetch)
        } catch {
            ingester.abandon()
            throw error
        }
        return ingester.summary
    }

    /// Runs `jobs` (and the page jobs they lead to), at most the policy's number at once, and
    /// stores what each gives as it comes, committing after each so that no write lock is
    /// held while the network is awaited. `onResult` hears of each job's result once stored.
    func fetch(_ jobs: [FetchJob], web: WebClient, fetchPages: Bool, ingester: Ingester,
               onFetch: (FetchProgress) -> Void, onResult: (FetchResult) throws -> Void = { _ in }) async throws {
        var progress = FetchProgress(waiting: jobs.count)
        onFetch(progress)
        try await withThrowingTaskGroup(of: FetchResult.self) { group in
            var queue = jobs[...]
            var running = 0
            func startNext() {
                while running < web.policy.concurrency, let job = queue.popFirst() {
                    running += 1
                    group.addTask { await Self.run(job, web: web, fetchPages: fetchPages) }
                }
            }
            startNext()
            while let result = try await group.next() {
                running -= 1
                if result.failed { progress.failed += 1 } else { progress.fetched += 1 }
                queue.append(contentsOf: result.more)
                progress.waiting = queue.count + running
                try guarded {
                    for item in result.items { try ingester.ingest(item) }
                    try ingester.commit()
                    try onResult(result)
                }
                onFetch(progress)
                startNext()
            }
        }
    }

    /// Fetches one job and reads what came back.
    private static func run(_ job: FetchJob, web: WebClient, fetchPages: Bool) async -> FetchResult {
        switch job {
        case .url(let url):
            let location = SourceLocation(path: WebClient.withoutCredentials(url))
            switch await web.fetch(url) {
            case .failed(let error):
                return FetchResult(items: [.failure(InputError(error.reason), location)], failed: true)
            case .notModified:
                return FetchResult()
            case .fetched(let resource):
                return read(resource, location: location, fetchPages: fetchPages)
            }
        case .subscription(let feed):
            let location = SourceLocation(path: feed.url)
            switch await web.fetch(feed.url, validators: feed.validators) {
            case .failed(let error):
                return FetchResult(items: [.failure(InputError(error.reason), location)], failed: true,
                                   answer: FeedAnswer(url: feed.url, status: error.reason))
            case .notModified:
                return FetchResult(answer: FeedAnswer(url: feed.url, status: "not modified", validators: feed.validators))
            case .fetched(let resource):
                let type = resource.contentType?.lowercased() ?? ""
                guard FeedReader.looksLikeFeed(resource.body) || type.contains("rss") || type.contains("atom") else {
                    let reason = "not a feed" + (type.isEmpty ? "" : " (\(type))")
                    return FetchResult(items: [.failure(InputError(reason), location)], failed: true,
                                       answer: FeedAnswer(url: feed.url, status: reason))
                }
                var result = read(resource, location: location, fetchPages: feed.fetchPages, feedLocation: location)
                result.items = result.items.map { feed.applied(to: $0) }
                result.more = result.more.map { job in
                    guard case .page(let entry, let entryLocation) = job else { return job }
                    return .page(feed.applied(to: entry), entryLocation)
                }
                let title = (try? FeedReader(resource.body, feedURL: resource.finalURL))?.title
                result.answer = FeedAnswer(url: feed.url, status: result.failed ? "not a feed" : "ok", title: title,
                                           validators: resource.validators)
                return result
            }
        case .page(let entry, let location):
            guard let url = entry.url else { return FetchResult(items: [SourceItem.linked(entry, location).withoutFetching]) }
            switch await web.fetch(url) {
            case .failed(let error):
                var items: [SourceItem] = [.failure(InputError("its page: \(error.description)"), location)]
                if entry.body != nil { items.insert(.article(entry, location), at: 0) }
                return FetchResult(items: items, failed: true)
            case .notModified:
                return FetchResult(items: [SourceItem.linked(entry, location).withoutFetching])
            case .fetched(let resource):
                guard case .article(let page, _)? = read(resource, location: location, fetchPages: false).items.first,
                      page.body?.trimmed.isEmpty == false else {
                    var items: [SourceItem] = [.failure(InputError("its page (\(url)) holds no article text"), location)]
                    if entry.body != nil { items.insert(.article(entry, location), at: 0) }
                    return FetchResult(items: items, failed: true)
                }
                return FetchResult(items: [.article(merge(entry: entry, page: page), location)])
            }
        }
    }

    /// A fetched resource as items: a feed's entries (or jobs for their pages), or one page.
    private static func read(_ resource: FetchedResource, location: SourceLocation, fetchPages: Bool,
                             feedLocation: SourceLocation? = nil) -> FetchResult {
        let type = resource.contentType?.lowercased() ?? ""
        if FeedReader.looksLikeFeed(resource.body) || type.contains("rss") || type.contains("atom") || type.contains("feed+json") {
            var result = FetchResult()
            let feedLocation = feedLocation ?? SourceLocation(path: WebClient.withoutCredentials(resource.finalURL))
            do {
                let feed = try FeedReader(resource.body, feedURL: resource.finalURL)
                for (offset, entry) in feed.entries.enumerated() {
                    let entryLocation = SourceLocation(path: feedLocation.path, item: offset + 1)
                    switch entry {
                    case .success(let input) where fetchPages && input.url != nil: result.more.append(.page(input, entryLocation))
                    case .success(let input): result.items.append(.linked(input, entryLocation))
                    case .failure(let error): result.items.append(.failure(error, entryLocation))
                    }
                }
            } catch {
                result.items.append(.failure(error, feedLocation))
                result.failed = true
            }
            return result
        }
        if type.hasPrefix("text/plain") {
            guard let text = String(validating: resource.body, as: UTF8.self) else {
                return FetchResult(items: [.failure(InputError("not valid UTF-8 text"), location)], failed: true)
            }
            var input = ArticleExtractor.text(text)
            input.url = input.url ?? resource.finalURL
            return FetchResult(items: [.article(input, location)])
        }
        guard type.isEmpty || type.contains("html") || type.contains("xml") else {
            return FetchResult(items: [.failure(InputError("neither a page nor a feed (\(type))"), location)], failed: true)
        }
        var input = ArticleExtractor.html(resource.body)
        if input.url == nil {
            input.url = resource.finalURL
            input.sources["url"] = "address after redirects"
        }
        guard input.body?.trimmed.isEmpty == false else {
            return FetchResult(items: [.failure(InputError("no article found in the page: it holds no paragraphs of text"), location)],
                               failed: true)
        }
        return FetchResult(items: [.article(input, location)])
    }

    /// A fetched page for a feed entry: the page's text, the entry's guid, and the entry's other
    /// fields where the page has none.
    static func merge(entry: ArticleInput, page: ArticleInput) -> ArticleInput {
        var merged = page
        var sources = page.sources
        merged.guid = entry.guid ?? page.guid
        for (field, keyPath) in [("title", \ArticleInput.title), ("date", \.date), ("author", \.author), ("outlet", \.outlet),
                                 ("language", \.language)] where merged[keyPath: keyPath] == nil {
            if let value = entry[keyPath: keyPath] {
                merged[keyPath: keyPath] = value
                if let source = entry.sources[field] { sources[field] = "feed " + source } else { sources[field] = "feed" }
            }
        }
        if merged.url == nil { merged.url = entry.url }
        var tags = entry.tags
        for tag in page.tags where !tags.contains(tag) { tags.append(tag) }
        merged.tags = tags
        merged.sources = sources
        return merged
    }
}
