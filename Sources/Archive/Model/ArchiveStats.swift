/// What an archive holds, in figures.
public struct ArchiveStats: Sendable, Equatable {
    public var articles: Int
    public var outlets: Int
    public var tags: Int
    /// The earliest and latest known publication dates; nil when no article has one.
    public var firstDate: String?
    public var lastDate: String?
    public var undatedArticles: Int
    /// The database file with its write-ahead log, in bytes.
    public var databaseBytes: Int
    /// The outlets and tags with the most articles, most first.
    public var topOutlets: [NameCount]
    public var topTags: [NameCount]

    /// An outlet or tag and how many articles it has.
    public struct NameCount: Sendable, Equatable {
        public var name: String
        public var articles: Int
    }
}
