/// Copies of one story: the representative (the most complete copy) and the others.
public struct Story: Sendable, Equatable {
    public var id: Int64
    public var representative: ArticleSummary
    public var others: [ArticleSummary]

    public var json: JSONValue {
        .object([
            ("story", .integer(id)), ("representative", representative.json),
            ("copies", .array(others.map(\.json))),
        ])
    }
}

/// Another article of the story an article belongs to, and how it relates to that article.
public struct StoryMember: Sendable, Equatable {
    public var article: ArticleSummary
    /// `version`: the same page (guid or url) with other text; `copy`: another copy of the story.
    public var kind: StoryRelation.Kind
}

extension Archive {
    /// The other articles of this article's story, representative first, each a version of the
    /// same page or a copy; empty when the article stands alone.
    public func storyMembers(of reference: String) throws -> [StoryMember] {
        try guarded {
            guard let id = try resolve(reference) else { throw ArchiveError.notFound(reference) }
            let samePage = Set(try database.prepare("""
                SELECT c.id FROM articles a JOIN articles c ON c.story_id = a.story_id AND c.id <> a.id
                WHERE a.id = ? AND ((a.guid IS NOT NULL AND c.guid = a.guid) OR (a.url_key IS NOT NULL AND c.url_key = a.url_key))
                """).rows([.integer(id)]) { $0.int64(0) })
            let others = try StoryIndex(database: database).copies(of: id).filter { $0 != id }
            return try summaries(others).map { StoryMember(article: $0, kind: samePage.contains($0.id) ? .version : .copy) }
        }
    }

    /// The other copies of the story this article belongs to, representative first; empty when
    /// the article stands alone.
    public func copies(of reference: String) throws -> [ArticleSummary] {
        try guarded {
            guard let id = try resolve(reference) else { throw ArchiveError.notFound(reference) }
            let ids = try StoryIndex(database: database).copies(of: id).filter { $0 != id }
            return try summaries(ids)
        }
    }

    /// Stories with more than one copy, newest first.
    public func stories(limit: Int = 20, offset: Int = 0) throws -> [Story] {
        try guarded {
            let groups = try database.prepare("""
                SELECT s.id, s.representative_id, group_concat(c.id) FROM stories s JOIN articles r ON r.id = s.representative_id
                JOIN articles c ON c.story_id = s.id AND c.id <> s.representative_id
                GROUP BY s.id ORDER BY r.published_unix DESC, s.id DESC LIMIT ? OFFSET ?
                """).rows([.integer(Int64(limit)), .integer(Int64(offset))]) { row in
                (row.int64(0), row.int64(1), row.string(2).split(separator: ",").compactMap { Int64($0) })
            }
            return try groups.compactMap { story, representative, others in
                guard let head = try summaries([representative]).first else { return nil }
                return Story(id: story, representative: head, others: try summaries(others.sorted()))
            }
        }
    }

    /// How many stories have more than one copy.
    public func storyCount() throws -> Int {
        try guarded {
            Int(try database.scalar("SELECT count(*) FROM stories") ?? 0)
        }
    }
}
