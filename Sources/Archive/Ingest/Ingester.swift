import Foundation

/// What became of one article offered to `Archive.add`.
public enum IngestOutcome: Sendable, Equatable {
    case added(id: Int64, title: String)
    /// Stored, and grouped into the story of the stored article `relatedID`: a copy of it, or a
    /// new version of the same page.
    case addedToStory(id: Int64, title: String, relatedID: Int64, relation: StoryRelation)
    /// Not stored again: it is the article `existingID` (same guid, same url, or same text,
    /// headline, outlet and day; `match` says which).
    case alreadyStored(existingID: Int64, title: String, match: String)
    case failed(reason: String)
}

/// How an article stored into a story relates to the stored article it was grouped with.
public struct StoryRelation: Sendable, Equatable {
    public enum Kind: String, Sendable { case copy, version }
    public var kind: Kind
    /// For a copy, how it was recognised and how it differs: "same text, other outlet",
    /// "near copy, other headline".
    public var detail: String

    public init(kind: Kind, detail: String) {
        self.kind = kind
        self.detail = detail
    }
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
    /// Of those added, how many joined a story as copies of a stored article.
    public var copies = 0
    /// Of those added, how many are new versions of a stored page (same guid or url, new text).
    public var versions = 0
    public var alreadyStored = 0
    public var failed = 0

    public init(added: Int = 0, copies: Int = 0, versions: Int = 0, alreadyStored: Int = 0, failed: Int = 0) {
        (self.added, self.copies, self.versions, self.alreadyStored, self.failed) = (added, copies, versions, alreadyStored, failed)
    }

    /// Counts one more outcome.
    public mutating func count(_ outcome: IngestOutcome) {
        switch outcome {
        case .added: added += 1
        case .addedToStory(_, _, _, let relation):
            added += 1
            if relation.kind == .copy { copies += 1 } else { versions += 1 }
        case .alreadyStored: alreadyStored += 1
        case .failed: failed += 1
        }
    }
}

/// Reads sources and stores their articles in batches, each batch one transaction. Events are
/// handed out only once their batch is committed, so "added" is never said of an article that
/// a later failure rolled back.
///
/// A batch's articles enter the full-text index in one statement at its end, in id order,
/// instead of one by one through the `articles_fts_insert` trigger: FTS5 writes out its pending
/// rows at every statement that opens a savepoint, so the trigger made one small index segment
/// per article, and merging them was most of the cost of an import (2.0x faster on 5,000
/// generated articles, measured). The trigger is dropped and created again inside the batch's
/// transaction, so no other connection ever sees it missing, and a rolled-back batch restores it.
final class Ingester {
    private let store: ArticleStore
    private let stories: StoryIndex
    /// Whether near copies are looked for (identical text is grouped either way).
    private let detectNearCopies: Bool
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
    /// When the open batch took the write lock; it commits after a second at most, so other
    /// writers (a `tag` in another terminal) wait no longer than that.
    private var batchOpened: UInt64 = 0
    static let longestBatchNanoseconds: UInt64 = 1_000_000_000
    private let addedAt = Timestamp.now()

    init(store: ArticleStore, detectNearCopies: Bool, overrides: ArticleOverrides, batchSize: Int,
         onEvent: @escaping (IngestEvent) -> Void) {
        self.store = store
        self.stories = StoryIndex(database: store.database)
        self.detectNearCopies = detectNearCopies
        self.overrides = overrides
        self.batchSize = batchSize
        self.onEvent = onEvent
    }

    func ingest(_ item: SourceItem) throws {
        switch item.withoutFetching {
        case .failure(let error, let location):
            record(IngestEvent(location: location, outcome: .failed(reason: error.reason)))
        case .article(let input, let location), .linked(let input, let location):
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
            try database.beginImmediate()
            batchOpened = DispatchTime.now().uptimeNanoseconds
            batchStart = nil
            insertTrigger = try database.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'articles_fts_insert'")
                .firstRow { $0.string(0) }
            if insertTrigger != nil { try database.execute("DROP TRIGGER articles_fts_insert") }
        }
        // Computed only when needed: with detection off, most articles never need it.
        var known: TextSignature?
        func signature() -> TextSignature {
            if let known { return known }
            let computed = TextSignature(text: draft.body)
            known = computed
            return computed
        }
        // The same guid or url: the same article, unless its text changed beyond small edits.
        let relatives = try store.relatives(of: draft)
        let samePage = relatives.samePage
        for relative in samePage {
            guard try relative.sameText || stories.signature(of: relative.id).map({ StoryPolicy.unchangedPage(signature(), $0) }) == true
            else { continue }
            let match = relative.sameGuid ? ArticleIdentity.Match.guid : .url
            return record(IngestEvent(location: location, outcome: .alreadyStored(
                existingID: relative.id, title: draft.title, match: match.rawValue)))
        }
        if let same = relatives.same {
            return record(IngestEvent(location: location, outcome: .alreadyStored(
                existingID: same.id, title: draft.title, match: ArticleIdentity.Match.article.rawValue)))
        }
        let id = try store.insert(draft, addedAt: addedAt)
        if batchStart == nil { batchStart = id }
        var outcome = IngestOutcome.added(id: id, title: draft.title)
        // Of several pages the guid or url may name (a guid without an outlet), the one whose
        // text is closest; the newest of equals.
        if let page = try samePage.count < 2 ? samePage.first : samePage.max(by: { a, b in
            let (x, y) = (try stories.signature(of: a.id)?.overlap(signature()) ?? 0, try stories.signature(of: b.id)?.overlap(signature()) ?? 0)
            return x < y || (x == y && a.id < b.id)
        }) {
            try stories.join(id, to: page.id)
            outcome = .addedToStory(id: id, title: draft.title, relatedID: page.id, relation: StoryRelation(kind: .version, detail: ""))
        } else if let copy = try relatives.sameText.first(where: { try stories.fits(draft.date, storyOf: $0.id) }) {
            try stories.join(id, to: copy.id)
            let detail = (["same text"] + ArticleIdentity.differences(draft, copy)).joined(separator: ", ")
            outcome = .addedToStory(id: id, title: draft.title, relatedID: copy.id, relation: StoryRelation(kind: .copy, detail: detail))
        } else if detectNearCopies, let copy = try stories.nearCopy(of: id, signature(), date: draft.date) {
            try stories.join(id, to: copy)
            let differences = try store.relative(copy, of: draft).map { ArticleIdentity.differences(draft, $0) } ?? []
            let detail = (["near copy"] + differences).joined(separator: ", ")
            outcome = .addedToStory(id: id, title: draft.title, relatedID: copy, relation: StoryRelation(kind: .copy, detail: detail))
        }
        if detectNearCopies { try stories.fileBuckets(id, signature()) }
        record(IngestEvent(location: location, outcome: outcome))
        articlesInBatch += 1
        if articlesInBatch >= batchSize || DispatchTime.now().uptimeNanoseconds - batchOpened > Self.longestBatchNanoseconds {
            try commit()
        }
    }

    private func record(_ event: IngestEvent) {
        summary.count(event.outcome)
        pending.append(event)
    }

    /// Commits the open batch and hands out its events.
    func commit() throws {
        let database = store.database
        if database.isInTransaction {
            if let batchStart {
                try database.prepare("""
                    INSERT INTO articles_fts (rowid, title, body, title_cjk, body_cjk)
                    SELECT id, title, body, title_cjk, body_cjk FROM articles WHERE id >= ? ORDER BY id
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
