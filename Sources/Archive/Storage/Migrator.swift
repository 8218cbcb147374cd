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

    func migrate(_ database: Database) throws {
        let current = try currentVersion(database)
        if current > latestVersion {
            throw ArchiveError.schemaTooNew(path: database.path, found: current, known: latestVersion)
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
        Int(try database.scalar("PRAGMA user_version") ?? 0)
    }
}
