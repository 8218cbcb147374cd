import Foundation

/// A failure a user can act on: a bad query or filter, a missing article, a database this build
/// cannot read. Each has a one-line `description` fit to print as it is.
public enum ArchiveError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// The query cannot be searched; the message names the token and the problem.
    case invalidQuery(String)
    /// An option's value is not usable (a date filter, a limit); the message says which and why.
    case invalidArgument(String)
    /// No article has this id, guid or url.
    case notFound(String)
    /// No subscription to this feed url.
    case notSubscribed(String)
    /// The database was written by a newer version of the archive.
    case schemaTooNew(path: String, found: Int, known: Int)
    /// The database file cannot be opened or is not an archive.
    case unusableDatabase(path: String, reason: String)
    /// A command that only reads found no archive at the path (none is created for it).
    case noArchive(path: String)
    /// The archive's schema predates this build and the file cannot be written to upgrade it.
    case schemaTooOld(path: String, found: Int, known: Int)
    /// Reading or writing the database failed part way (disk full, locked too long, damaged):
    /// the transaction under way was rolled back, whatever was committed before is kept.
    case storageFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidQuery(let message): "invalid query: \(message)"
        case .invalidArgument(let message): message
        case .notFound(let reference): "no article with id, guid or url '\(reference)'"
        case .notSubscribed(let url): "no subscription to '\(url)' (see the feeds list)"
        case .schemaTooNew(let path, let found, let known):
            "\(path): schema version \(found) was written by a newer archive (this one knows up to \(known)); upgrade archive to use it"
        case .unusableDatabase(let path, let reason): "\(path): cannot use this database: \(reason)"
        case .noArchive(let path): "no archive at \(path)"
        case .schemaTooOld(let path, let found, let known):
            "\(path): schema version \(found) predates this archive's (\(known)) and the file cannot be written to upgrade it"
        case .storageFailed(let path, let reason): "\(path): \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
