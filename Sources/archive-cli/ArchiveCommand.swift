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
            (~/.local/share/archive/archive.db); it is created on first use.

            Exit status: 0 success; 1 some articles could not be added (the rest were stored); \
            2 usage error: a bad option, query or date; 3 no article with that id, guid or url; \
            4 the database cannot be used (damaged, locked too long, or written by a newer archive).
            """,
        version: "0.1.0",
        subcommands: [Add.self, Extract.self, Search.self, List.self, Show.self, Dups.self, Tag.self, Remove.self, Stats.self, Export.self, Optimize.self]
    )
}

/// Exit statuses, as documented in `archive --help` and the README.
enum ExitStatus {
    static let someFailed: Int32 = 1
    static let usage: Int32 = 2
    static let notFound: Int32 = 3
    static let database: Int32 = 4
}

@main
enum Main {
    static func main() {
        do {
            var command = try ArchiveCommand.parseAsRoot()
            try command.run()
        } catch let exitCode as ExitCode {
            exit(exitCode.rawValue)
        } catch let error as ArchiveError {
            Terminal.error("archive: \(error.description)")
            switch error {
            case .invalidQuery, .invalidArgument: exit(ExitStatus.usage)
            case .notFound: exit(ExitStatus.notFound)
            case .schemaTooNew, .unusableDatabase: exit(ExitStatus.database)
            }
        } catch let error as DatabaseError {
            let reason = error.isBusy ? "the database stayed locked by another process for too long" : error.message
            Terminal.error("archive: database error: \(reason)")
            exit(ExitStatus.database)
        } catch {
            switch ArchiveCommand.exitCode(for: error) {
            case .success:
                // --help and --version.
                ArchiveCommand.exit(withError: error)
            case .validationFailure:
                // ArgumentParser's usage errors exit 2 here, like every other usage error.
                Terminal.error(ArchiveCommand.fullMessage(for: error))
                exit(ExitStatus.usage)
            default:
                Terminal.error("archive: \(error.localizedDescription)")
                exit(ExitStatus.database)
            }
        }
    }
}
