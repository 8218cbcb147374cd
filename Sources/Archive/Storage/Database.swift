internal import CSQLite
import Foundation

/// One connection to an SQLite file, set up the way the archive needs it: foreign keys on, and
/// a busy timeout so a second process waits for the lock. The journal mode (WAL) is the
/// opener's business: it may only be set once the file is known to be an archive.
final class Database {
    let handle: OpaquePointer
    let path: String
    let readOnly: Bool
    private var statements: [String: Statement] = [:]
    /// Called when a write transaction begins and another connection has committed since this
    /// one last looked: caches of row ids may name rows that are gone.
    var onExternalChange: [() -> Void] = []
    private var dataVersion: Int64?

    /// How long a writer waits for another process's lock before giving up.
    static let busyTimeoutMilliseconds: Int32 = 60_000

    /// Opens `path`: for writing (creating the file if missing), or read-only. `immutable` reads
    /// a file in a place where SQLite cannot create the shared-memory file WAL readers need.
    init(path: String, readOnly: Bool = false, immutable: Bool = false) throws {
        var connection: OpaquePointer?
        var flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        var name = path
        if immutable {
            flags |= SQLITE_OPEN_URI
            name = "file:" + Self.uriEscaped(path) + "?mode=ro&immutable=1"
        }
        let code = sqlite3_open_v2(name, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(connection)
            throw DatabaseError(extendedCode: code, message: message, sql: nil)
        }
        self.handle = connection
        self.path = path
        self.readOnly = readOnly || sqlite3_db_readonly(connection, "main") == 1
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_timeout(connection, Self.busyTimeoutMilliseconds)
        try execute("""
            PRAGMA foreign_keys = ON;
            PRAGMA cache_size = -65536;
            """)
    }

    /// A path as the file part of an SQLite URI.
    private static func uriEscaped(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    /// Switches the file to write-ahead logging (readers never wait for the writer), waiting
    /// for other processes as a busy timeout would: SQLite does not call the busy handler for
    /// a journal mode change, so two processes opening a new file at once would fail at once.
    func useWriteAheadLog() throws {
        if try prepare("PRAGMA journal_mode").firstRow([], { $0.string(0) })?.lowercased() == "wal" { return }
        let deadline = Date().addingTimeInterval(Double(Self.busyTimeoutMilliseconds) / 1000)
        while true {
            do {
                try execute("PRAGMA journal_mode = WAL")
                return
            } catch let error as DatabaseError where error.isBusy && Date() < deadline {
                usleep(20_000)
            }
        }
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that take no parameters.
    func execute(_ sql: String) throws {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code: code, sql: sql) }
    }

    /// A statement prepared once and kept for the life of the connection, for hot paths.
    func cached(_ sql: String) throws -> Statement {
        if let statement = statements[sql] { return statement }
        let statement = try Statement(database: self, sql: sql, persistent: true)
        statements[sql] = statement
        return statement
    }

    /// A statement for one use: for SQL that is built per call.
    func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql, persistent: false)
    }

    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Rows the last INSERT, UPDATE or DELETE changed.
    var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Runs `body` in an immediate transaction (write lock taken up front, so concurrent
    /// writers queue on the busy timeout instead of failing on upgrade); rolls back on any throw.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try beginImmediate()
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Takes the write lock (waiting up to the busy timeout) and, if another connection has
    /// committed since this one last looked, tells `onExternalChange`.
    func beginImmediate() throws {
        try execute("BEGIN IMMEDIATE")
        let version = try scalar("PRAGMA data_version")
        if let dataVersion, version != dataVersion { onExternalChange.forEach { $0() } }
        dataVersion = version
    }

    func error(code: Int32, sql: String?) -> DatabaseError {
        DatabaseError(
            extendedCode: sqlite3_extended_errcode(handle),
            message: String(cString: sqlite3_errmsg(handle)),
            sql: sql
        )
    }

    /// The first column of the first row, as an integer.
    func scalar(_ sql: String, _ values: [SQLValue] = []) throws -> Int64? {
        try prepare(sql).firstRow(values) { $0.isNull(0) ? nil : $0.int64(0) } ?? nil
    }
}
