import Foundation

/// One numbered schema step from `migrations/`, embedded into the binary at build time.
struct Migration: Sendable {
    let version: Int
    let name: String
    let sql: String
}

/// Brings a database up to the newest schema this build knows: each pending migration runs in
/// its own transaction together with the record of it (`PRAGMA user_version` and a row in
/// `schema_migrations`), so a failure leaves the previous version intact.
struct Migrator {
    let migrations: [Migration]
    /// Work a migration needs done in Swift after its SQL, in the same transaction (filling a new
    /// column from data only Swift can compute).
    let followUps: [Int: @Sendable (Database) throws -> Void]

    init(migrations: [Migration] = embeddedMigrations, followUps: [Int: @Sendable (Database) throws -> Void] = Migrator.followUps) {
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.followUps = followUps
    }

    static let followUps: [Int: @Sendable (Database) throws -> Void] = [
        // 0002_stories: url keys, buckets and stories for the articles already stored.
        2: { database in try StoryIndex(database: database).backfill() },
    ]

    var latestVersion: Int { migrations.last?.version ?? 0 }

    func migrate(_ database: Database) throws {
        let current = try currentVersion(database)
        if current > latestVersion {
            throw ArchiveError.schemaTooNew(path: database.path, found: current, known: latestVersion)
        }
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
                try followUps[migration.version]?(database)
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
