import Foundation

/// A subscribed feed, as `archive feeds list` shows it.
public struct FeedSubscription: Sendable, Equatable {
    public var url: String
    /// The feed's own title, from its last fetch.
    public var title: String?
    /// Each entry's outlet instead of the feed's title.
    public var outlet: String?
    /// Added to every entry's tags.
    public var tags: [String]
    public var fetchPages: Bool
    public var added: String
    public var lastChecked: String?
    public var lastStatus: String?
    public var lastNew: Int?
    /// Stored articles the feed brought.
    public var articles: Int
    var validators: Validators?

    /// `url, title, outlet, tags, fetch_pages, added, last_checked, last_status, last_new, articles`.
    public var json: JSONValue {
        .object([
            ("url", .string(url)), ("title", .text(title)), ("outlet", .text(outlet)), ("tags", .array(tags.map(JSONValue.string))),
            ("fetch_pages", .bool(fetchPages)), ("added", .string(added)), ("last_checked", .text(lastChecked)),
            ("last_status", .text(lastStatus)), ("last_new", lastNew.map { .number(String($0)) } ?? .null),
            ("articles", .number(String(articles))),
        ])
    }

    /// An entry of this feed with the subscription's outlet and tags.
    func applied(to input: ArticleInput) -> ArticleInput {
        var input = input
        if let outlet {
            input.outlet = outlet
            input.sources["outlet"] = "subscription"
        }
        for tag in tags where !input.tags.contains(tag) { input.tags.append(tag) }
        return input
    }

    func applied(to item: SourceItem) -> SourceItem {
        switch item {
        case .article(let input, let location): .article(applied(to: input), location)
        case .linked(let input, let location): .linked(applied(to: input), location)
        case .failure: item
        }
    }
}

/// What one sync did with one feed.
public struct FeedSyncReport: Sendable, Equatable {
    public var url: String
    public var title: String?
    /// `ok`, `not modified`, the failure (`HTTP 404`), or why it was left alone.
    public var status: String
    public var new: Int
    /// Another sync was at work on it: not fetched this time.
    public var skipped: Bool
}

extension Archive {
    /// How long a sync holds the feeds it works on (a sync that dies frees them after this).
    static let syncClaimSeconds: Int64 = 900

    /// Subscribes to each url (http or https); an existing subscription gets the new outlet,
    /// tags and page fetching. Returns each url with whether it was new.
    @discardableResult
    public func subscribe(_ urls: [String], outlet: String? = nil, tags: [String] = [], fetchPages: Bool = false) throws -> [(url: String, isNew: Bool)] {
        for url in urls {
            let lowered = url.lowercased()
            guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"), URL(string: url)?.host != nil else {
                throw ArchiveError.invalidArgument("'\(url)' is not an http or https address")
            }
        }
        let tagsJSON = JSONValue.array(ArticleDraft.tagSet(tags).map(JSONValue.string)).serialized
        return try guarded {
            try database.transaction {
                try urls.map { url in
                    let exists = try database.scalar("SELECT 1 FROM feeds WHERE url = ?", [.text(url)]) != nil
                    try database.prepare("""
                        INSERT INTO feeds (url, outlet, tags, fetch_pages, added) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (url) DO UPDATE SET outlet = excluded.outlet, tags = excluded.tags, fetch_pages = excluded.fetch_pages
                        """).execute([.text(url), outlet.map(SQLValue.text) ?? .null, .text(tagsJSON), .integer(fetchPages ? 1 : 0),
                                      .text(Timestamp.now())])
                    return (url, !exists)
                }
            }
        }
    }

    /// Every subscription, in the order they were added.
    public func subscriptions() throws -> [FeedSubscription] {
        try guarded {
            try database.prepare("""
                SELECT url, title, outlet, tags, fetch_pages, added, last_checked, last_status, last_new, etag, last_modified,
                       (SELECT count(*) FROM feed_articles WHERE feed_url = feeds.url)
                FROM feeds ORDER BY added, url
                """).rows { row in
                let tags: [String] = if case .array(let items)? = try? JSONParser.parse(Array(row.string(3).utf8)) {
                    items.compactMap { if case .string(let tag) = $0 { tag } else { nil } }
                } else { [] }
                let validators = row.isNull(9) && row.isNull(10) ? nil : Validators(etag: row.optionalString(9), lastModified: row.optionalString(10))
                return FeedSubscription(url: row.string(0), title: row.optionalString(1), outlet: row.optionalString(2), tags: tags,
                                        fetchPages: row.int(4) != 0, added: row.string(5), lastChecked: row.optionalString(6),
                                        lastStatus: row.optionalString(7), lastNew: row.isNull(8) ? nil : row.int(8),
                                        articles: row.int(11), validators: validators)
            }
        }
    }

    /// Ends the subscription to `url`; the articles it brought stay.
    public func unsubscribe(_ url: String) throws {
        try guarded {
            try database.transaction {
                try database.prepare("DELETE FROM feeds WHERE url = ?").execute([.text(url)])
                if database.changes == 0 { throw ArchiveError.notSubscribed(url) }
            }
        }
    }

    /// Fetches every subscribed feed (or those of `urls`) with conditional requests, stores new
    /// entries (with their pages when the subscription says so), and records each feed's
    /// status. Feeds another sync is at work on are left to it. `onFeed` hears of each feed once
    /// it is done, pages included.
    @discardableResult
    public func sync(_ urls: [String] = [], web: WebClient, batchSize: Int = 2000, detectNearCopies: Bool = true,
                     onEvent: @escaping (IngestEvent) -> Void = { _ in }, onFetch: (FetchProgress) -> Void = { _ in },
                     onFeed: (FeedSyncReport) -> Void = { _ in }) async throws -> [FeedSyncReport] {
        let all = try subscriptions()
        for url in urls where !all.contains(where: { $0.url == url }) { throw ArchiveError.notSubscribed(url) }
        let chosen = urls.isEmpty ? all : all.filter { urls.contains($0.url) }
        // Claim the feeds: each one only by the sync that holds it.
        let now = Int64(Date().timeIntervalSince1970)
        let claimed: [FeedSubscription] = try guarded {
            try database.transaction {
                try chosen.filter { feed in
                    try database.prepare("""
                        UPDATE feeds SET claimed_until = ? WHERE url = ? AND (claimed_until IS NULL OR claimed_until < ?)
                        """).execute([.integer(now + Self.syncClaimSeconds), .text(feed.url), .integer(now)])
                    return database.changes == 1
                }
            }
        }
        var reports: [FeedSyncReport] = []
        for feed in chosen where !claimed.contains(feed) {
            let report = FeedSyncReport(url: feed.url, title: feed.title, status: "skipped: another sync is fetching it", new: 0, skipped: true)
            reports.append(report)
            onFeed(report)
        }
        // Per feed: its answer, its jobs still running, what its entries became.
        var answers: [String: FeedAnswer] = [:]
        var pendingPages: [String: Int] = [:]
        var added: [String: Int] = [:]
        var carried: [String: [Int64]] = [:]
        let feedURLs = Set(claimed.map(\.url))
        let ingester = Ingester(store: store, detectNearCopies: detectNearCopies, overrides: ArticleOverrides(), batchSize: batchSize) { event in
            if feedURLs.contains(event.location.path) {
                switch event.outcome {
                case .added(let id, _), .addedToStory(let id, _, _, _):
                    added[event.location.path, default: 0] += 1
                    carried[event.location.path, default: []].append(id)
                case .alreadyStored(let id, _, _): carried[event.location.path, default: []].append(id)
                case .failed: break
                }
            }
            onEvent(event)
        }
        func finish(_ url: String) throws {
            guard let answer = answers[url] else { return }
            let new = added[url] ?? 0
            try database.transaction {
                try database.prepare("""
                    UPDATE feeds SET title = coalesce(?, title), last_checked = ?, last_status = ?, last_new = ?,
                           etag = CASE WHEN ? THEN ? ELSE etag END, last_modified = CASE WHEN ? THEN ? ELSE last_modified END,
                           claimed_until = NULL
                    WHERE url = ?
                    """).execute([answer.title.map(SQLValue.text) ?? .null, .text(Timestamp.now()), .text(answer.status), .integer(Int64(new)),
                                  .integer(answer.validators != nil ? 1 : 0), answer.validators?.etag.map(SQLValue.text) ?? .null,
                                  .integer(answer.validators != nil ? 1 : 0), answer.validators?.lastModified.map(SQLValue.text) ?? .null,
                                  .text(url)])
                let link = try database.prepare("INSERT OR IGNORE INTO feed_articles (feed_url, article_id) VALUES (?, ?)")
                for id in carried[url] ?? [] { try link.execute([.text(url), .integer(id)]) }
            }
            let report = FeedSyncReport(url: url, title: answer.title ?? claimed.first { $0.url == url }?.title,
                                        status: answer.status, new: new, skipped: false)
            reports.append(report)
            onFeed(report)
        }
        do {
            try await fetch(claimed.map { .subscription($0) }, web: web, fetchPages: false, ingester: ingester, onFetch: onFetch) { result in
                if let answer = result.answer {
                    answers[answer.url] = answer
                    pendingPages[answer.url] = result.more.count
                    if result.more.isEmpty { try finish(answer.url) }
                } else if let owner = result.items.first.map(\.location.path), let left = pendingPages[owner] {
                    pendingPages[owner] = left - 1
                    if left - 1 == 0 { try finish(owner) }
                }
            }
        } catch {
            ingester.abandon()
            // Whatever happened, the feeds are free for the next sync.
            _ = try? database.prepare("UPDATE feeds SET claimed_until = NULL WHERE claimed_until = ?").execute([.integer(now + Self.syncClaimSeconds)])
            throw error
        }
        return reports
    }
}

extension SourceItem {
    var location: SourceLocation {
        switch self {
        case .article(_, let location), .failure(_, let location), .linked(_, let location): location
        }
    }
}
