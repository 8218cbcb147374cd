import Foundation

/// What became of one article offered to `Archive.add`.
public enum IngestOutcome: Sendable, Equatable {
    case added(id: Int64, title: String)
    /// Stored, and grouped with the story `representativeID` represents: a near copy.
    case addedAsCopy(id: Int64, title: String, representativeID: Int64)
    /// Not stored again: the article `existingID` has the same guid, url or content.
    case alreadyStored(existingID: Int64, title: String, match: String)
    case failed(reason: String)
}

/// One article's outcome and where it came from.
public struct IngestEvent: Sendable, Equatable {
    public var location: SourceLocation
    public var outcome: IngestOutcome
}

/// How far an `add` has got: bytes of the inputs read so far, out of the total known up front.
public struct IngestProgress: Sendable {
    public var bytesRead: Int
    public var bytesTotal: Int
    public var articles: Int
}

/// The counts of one `add`.
public struct IngestSummary: Sendable, Equatable {
    public var added = 0
    /// Of those added, how many joined a stored story as near copies.
    public var copies = 0
    public var alreadyStored = 0
    public var failed = 0
}

/// Reads sources and stores their articles in batches, each batch one transaction. Events are
/// handed out only once their batch is committed, so "added" is never said of an article that
/// a later failure rolled back.
final class Ingester {
    private let store: ArticleStore
    /// Nil when near-copy detection is off for this run.
    private let stories: StoryIndex?
    private let overrides: ArticleOverrides
    private let batchSize: Int
    private let onEvent: (IngestEvent) -> Void
    private var pending: [IngestEvent] = []
    private var articlesInBatch = 0
    private(set) var summary = IngestSummary()
    private let addedAt = Timestamp.now()

    init(store: ArticleStore, stories: StoryIndex?, overrides: ArticleOverrides, batchSize: Int,
         onEvent: @escaping (IngestEvent) -> Void) {
        self.store = store
        self.stories = stories
        self.overrides = overrides
        self.batchSize = batchSize
        self.onEvent = onEvent
    }

    func ingest(_ item: SourceItem) throws {
        switch item {
        case .failure(let error, let location):
            record(IngestEvent(location: location, outcome: .failed(reason: error.reason)))
        case .article(let input, let location):
            let draft: ArticleDraft
            do {
                draft = try ArticleDraft(input, overrides: overrides, source: location.description)
            } catch {
                record(IngestEvent(location: location, outcome: .failed(reason: error.reason)))
                return
            }
            try store(draft, from: location)
        }
    }

    private func store(_ draft: ArticleDraft, from location: SourceLocation) throws {
        let database = store.database
        if !database.isInTransaction { try database.execute("BEGIN IMMEDIATE") }
        if let (id, match) = try store.existing(draft) {
            record(IngestEvent(location: location, outcome: .alreadyStored(existingID: id, title: draft.title, match: match.rawValue)))
            return
        }
        let id = try store.insert(draft, addedAt: addedAt)
        if let representative = try stories?.file(article: id, body: draft.body, date: draft.date) {
            record(IngestEvent(location: location, outcome: .addedAsCopy(id: id, title: draft.title, representativeID: representative)))
        } else {
            record(IngestEvent(location: location, outcome: .added(id: id, title: draft.title)))
        }
        articlesInBatch += 1
        if articlesInBatch >= batchSize { try commit() }
    }

    private func record(_ event: IngestEvent) {
        switch event.outcome {
        case .added: summary.added += 1
        case .addedAsCopy:
            summary.added += 1
            summary.copies += 1
        case .alreadyStored: summary.alreadyStored += 1
        case .failed: summary.failed += 1
        }
        pending.append(event)
    }

    /// Commits the open batch and hands out its events.
    func commit() throws {
        if store.database.isInTransaction { try store.database.execute("COMMIT") }
        articlesInBatch = 0
        let events = pending
        pending.removeAll(keepingCapacity: true)
        events.forEach(onEvent)
    }

    /// After a failure that stops the whole run: nothing of the open batch is kept or reported as added.
    func abandon() {
        if store.database.isInTransaction { try? store.database.execute("ROLLBACK") }
        store.forgetNames()
        pending.removeAll()
    }
}
