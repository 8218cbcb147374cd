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
///
/// A batch's articles enter the full-text index in one statement at its end, oldest first,
/// instead of one by one through the `articles_fts_insert` trigger: FTS5 writes out its pending
/// rows at every statement that opens a savepoint, so the trigger made one small index segment
/// per article, and merging them was most of the cost of an import (2.0x faster on 5,000
/// generated articles, measured). The trigger is dropped and created again inside the batch's
/// transaction, so no other connection ever sees it missing, and a rolled-back batch restores it.
final class Ingester {
    private let store: ArticleStore
    /// Nil when near-copy detection is off for this run.
    private let stories: StoryIndex?
    private let overrides: ArticleOverrides
    private let batchSize: Int
    private let onEvent: (IngestEvent) -> Void
    private var pending: [IngestEvent] = []
    private var articlesInBatch = 0
    /// The first article stored in the open batch: its ids run from there.
    private var batchStart: Int64?
    /// The SQL of the insert trigger, dropped for the open batch; nil when there was none.
    private var insertTrigger: String?
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
        if !database.isInTransaction {
            try database.execute("BEGIN IMMEDIATE")
            batchStart = nil
            insertTrigger = try database.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'articles_fts_insert'")
                .firstRow { $0.string(0) }
            if insertTrigger != nil { try database.execute("DROP TRIGGER articles_fts_insert") }
        }
        if let (id, match) = try store.existing(draft) {
            record(IngestEvent(location: location, outcome: .alreadyStored(existingID: id, title: draft.title, match: match.rawValue)))
            return
        }
        let id = try store.insert(draft, addedAt: addedAt)
        if batchStart == nil { batchStart = id }
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
        let database = store.database
        if database.isInTransaction {
            if let batchStart {
                try database.prepare("""
                    INSERT INTO articles_fts (rowid, title, body)
                    SELECT date_key, title, body FROM articles WHERE id >= ? ORDER BY date_key
                    """).execute([.integer(batchStart)])
            }
            if let insertTrigger { try database.execute(insertTrigger) }
            try database.execute("COMMIT")
            batchStart = nil
            insertTrigger = nil
        }
        articlesInBatch = 0
        let events = pending
        pending.removeAll(keepingCapacity: true)
        events.forEach(onEvent)
    }

    /// After a failure that stops the whole run: nothing of the open batch is kept or reported as added.
    func abandon() {
        if store.database.isInTransaction { try? store.database.execute("ROLLBACK") }
        batchStart = nil
        insertTrigger = nil
        store.forgetNames()
        pending.removeAll()
    }
}
