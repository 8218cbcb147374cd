import Archive
import ArgumentParser
import Foundation

/// The `archive` command: parses, calls the Archive library, prints.
struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "A local, searchable archive of news articles in one SQLite file.",
        discussion: """
            The database is --db PATH, else $ARCHIVE_DB, else $XDG_DATA_HOME/archive/archive.db \
            (~/.local/share/archive/archive.db); it is created by the first command that writes (add, feeds add, sync, tag, rm, optimize); the others only read and never create or change it.

            Exit status: 0 success; 1 some articles, files, urls or feeds could not be added or \
            fetched (the rest were stored); 2 usage error: a bad option, query or date; 3 no article \
            with that id, guid or url, or no subscription to that feed; 4 the database cannot be used (none at the path, not an archive, read-only, \
            damaged, locked too long, disk full, or written by a newer archive); 5 the output \
            could not be written (disk full, closed pipe).
            """,
        version: "0.1.0",
        subcommands: [Add.self, Feeds.self, Sync.self, Extract.self, Search.self, List.self, TimelineCommand.self, Facets.self, Terms.self, Kwic.self, Show.self, Dups.self, Tag.self, Remove.self, Stats.self, Export.self, Optimize.self]
    )
}

/// Exit statuses, as documented in `archive --help` and the README.
enum ExitStatus {
    static let someFailed: Int32 = 1
    static let usage: Int32 = 2
    static let notFound: Int32 = 3
    static let database: Int32 = 4
    static let output: Int32 = 5
}

/// A usage error found after parsing (a bad value the parser could not check), said as it is.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Standard output could not be written (disk full, closed pipe with SIGPIPE ignored).
struct OutputError: Error {
    let reason: String
    init(errno code: Int32) { reason = String(cString: strerror(code)).lowercased() }
}

@main
enum Main {
    static func main() {
        // A file-size limit (ulimit -f) then fails the write with EFBIG instead of killing the process.
        signal(SIGXFSZ, SIG_IGN)
        var status: Int32 = 0
        do {
            var command = try ArchiveCommand.parseAsRoot()
            try command.run()
        } catch let exitCode as ExitCode {
            status = exitCode.rawValue
        } catch {
            if ArchiveCommand.exitCode(for: error) == .success, !(error is ArchiveError) {
                // --help and --version.
                ArchiveCommand.exit(withError: error)
            }
            let (message, code) = describe(error)
            Terminal.error("archive: " + message)
            status = code
        }
        if fflush(nil) != 0 {
            Terminal.error("archive: cannot write the output: \(OutputError(errno: errno).reason)")
            if status == 0 { status = ExitStatus.output }
        }
        exit(status)
    }

    /// Every failure as one line (without the `archive: ` prefix) and its exit status.
    static func describe(_ error: Error) -> (String, Int32) {
        switch error {
        case let error as ArchiveError:
            switch error {
            case .invalidQuery, .invalidArgument: return (error.description, ExitStatus.usage)
            case .notFound, .notSubscribed: return (error.description, ExitStatus.notFound)
            case .noArchive: return (error.description + " (add articles first, or check --db)", ExitStatus.database)
            case .schemaTooNew, .schemaTooOld, .unusableDatabase, .storageFailed: return (error.description, ExitStatus.database)
            }
        case let error as UsageError: return (error.message, ExitStatus.usage)
        case let error as OutputError: return ("cannot write the output: \(error.reason)", ExitStatus.output)
        default:
            // ArgumentParser's usage errors: its message's first line, in the same voice.
            var message = ArchiveCommand.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            if message.hasPrefix("Error: ") { message.removeFirst(7) }
            if let first = message.first, first.isUppercase, message.dropFirst().first?.isLowercase == true {
                message = first.lowercased() + message.dropFirst()
            }
            let code = ArchiveCommand.exitCode(for: error)
            return (message, code == .validationFailure ? ExitStatus.usage : ExitStatus.database)
        }
    }
}
