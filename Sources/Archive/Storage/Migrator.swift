import Foundation

/// One numbered schema step from `migrations/`, embedded into the binary at build time.
struct Migration: Sendable {
    let version: Int
    let name: String
    let sql: String
}

/// Brings a database up to the newest schema this build knows: each pending migration runs in
/// its own transaction together with the record of it (`PRAGMA user_version` and a row in
/// `schema_migrations`), so a failure leaves the previous version intact. Foreign keys are off
/// while steps run: a step that rebuilds a table must not cascade its drop into other tables.
struct Migrator {
    /// Swift work a migration needs after its SQL, in the same transaction (filling a column
    /// from data only Swift can compute); it is told the version the database started from.
    typealias FollowUp = @Sendable (Database, _ startedAt: Int) throws -> Void

    let migrations: [Migration]
    let followUps: [Int: FollowUp]

    init(migrations: [Migration] = embeddedMigrations, followUps: [Int: FollowUp] = Migrator.followUps) {
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.followUps = followUps
    }

    static let followUps: [Int: FollowUp] = [
        // 0004_article_identity: url keys, cleanliness and representatives again; near-copy keys
        // by the current rules, and stories for articles that had none (stored before 0002: the
        // Swift of 0002's time is gone with 0004's columns, so its work is done here).
        4: { database, _ in try StoryIndex(database: database).upgrade() },
        // 0005_cjk_words: the CJK terms of the articles stored before.
        5: { database, _ in try CJKColumns.fill(database) },
    ]

    var latestVersion: Int { migrations.last?.version ?? 0 }

    /// What a file holds, read before anything is written to it.
    enum Contents: Equatable {
        /// No tables: a new file, or an empty one.
        case empty
        /// An archive at this schema version.
        case archive(version: Int)
        /// An SQLite database of something else: these are some of its tables.
        case other(tables: [String])
    }

    /// An archive is known by its `schema_migrations` table. Its version is `PRAGMA
    /// user_version`, or, when that is 0 (a restored `.dump` does not carry it), the highest
    /// version recorded in the table.
    func contents(of database: Database) throws -> Contents {
        let tables = try database.prepare("""
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
            """).rows { $0.string(0) }
        if tables.isEmpty { return .empty }
        guard tables.contains("schema_migrations") else { return .other(tables: tables) }
        return .archive(version: try currentVersion(database))
    }

    /// Refuses a file that is not an archive, or one newer than this build; returns its version
    /// (0 for an empty file).
    func check(_ database: Database) throws -> Int {
        switch try contents(of: database) {
        case .empty: return 0
        case .other(let tables):
            let named = tables.prefix(3).joined(separator: ", ") + (tables.count > 3 ? ", …" : "")
            throw ArchiveError.unusableDatabase(
                path: database.path, reason: "it is not an archive but another SQLite database (tables \(named)); it was left as it is")
        case .archive(let version):
            if version > latestVersion {
                throw ArchiveError.schemaTooNew(path: database.path, found: version, known: latestVersion)
            }
            return version
        }
    }

    func migrate(_ database: Database) throws {
        let current = try currentVersion(database)
        if current > latestVersion {
            throw ArchiveError.schemaTooNew(path: database.path, found: current, known: latestVersion)
        }
        if current == latestVersion, try database.scalar("PRAGMA user_version") != Int64(current) {
            // A restored dump: record its version where SQLite keeps it.
            try database.transaction { try database.execute("PRAGMA user_version = \(current)") }
        }
        guard current < latestVersion else { return }
        try database.execute("PRAGMA foreign_keys = OFF")
        defer { try? database.execute("PRAGMA foreign_keys = ON") }
        for migration in migrations where migration.version > current {
            try database.transaction {
                // Re-read under the write lock: another process may have migrated meanwhile.
                guard try currentVersion(database) < migration.version else { return }
                try database.execute("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version    INTEGER PRIMARY KEY,
                        name       TEXT NOT NULL,
                        applied_at TEXT NOT NULL
                    )
                    """)
                try database.execute(migration.sql)
                try followUps[migration.version]?(database, current)
                try database.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
                    .execute([.integer(Int64(migration.version)), .text(migration.name), .text(Timestamp.now())])
                try database.execute("PRAGMA user_version = \(migration.version)")
            }
        }
    }

    func currentVersion(_ database: Database) throws -> Int {
        let recorded = Int(try database.scalar("PRAGMA user_version") ?? 0)
        if recorded > 0 { return recorded }
        guard try database.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'") == 1 else { return 0 }
        return Int(try database.scalar("SELECT max(version) FROM schema_migrations") ?? 0)
    }
}
