import Archive
import ArgumentParser

/// `--db`, shared by every subcommand.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The archive file.", valueName: "path"))
    var db: String?

    /// For commands that write: creates the archive when there is none.
    func openForWriting() throws -> Archive {
        try Archive(path: db ?? Archive.defaultPath())
    }

    /// For commands that only read: never creates or changes the file.
    func openForReading() throws -> Archive {
        try Archive(path: db ?? Archive.defaultPath(), readOnly: true)
    }
}

/// `--from --to --outlet --tag`: which articles a listing, search, count or export considers.
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Published on or before (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
    var to: String?

    @Option(name: .customLong("outlet"), help: ArgumentHelp("From this outlet; repeat for any of several.", valueName: "name"))
    var outlets: [String] = []

    @Option(name: .customLong("tag"), help: ArgumentHelp("Carrying this tag; repeat to require all.", valueName: "tag"))
    var tags: [String] = []

    func filter() throws -> ArticleFilter {
        ArticleFilter(from: try from.map { try DatePeriod($0) }, to: try to.map { try DatePeriod($0) },
                      outlets: outlets, tags: tags)
    }
}

/// `--limit --offset --count --format` for search and list.
struct ResultOptions: ParsableArguments {
    // Unconditional: `--limit -1` is a bad value, not a missing one.
    @Option(parsing: .unconditional, help: "How many results to show.")
    var limit = 20

    @Option(parsing: .unconditional, help: "How many results to skip first.")
    var offset = 0

    @Flag(help: "Print only the number of matches (stories, or articles with --all-copies).")
    var count = false

    @Flag(help: "Show every copy of a story, not one row per story.")
    var allCopies = false

    @Option(help: "Output format.")
    var format: ResultFormat = .table

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
        guard offset >= 0 else { throw ValidationError("--offset must be 0 or more") }
    }
}

enum ResultFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, ndjson, csv
}

extension ResultOrder: ExpressibleByArgument {}

/// The orders a listing offers: relevance needs a query.
enum ListOrder: String, ExpressibleByArgument, CaseIterable {
    case newest, oldest

    var resultOrder: ResultOrder { self == .newest ? .newest : .oldest }
}

/// `--host-delay --timeout` for the commands that fetch.
struct WebOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Seconds between two requests to one host.", valueName: "seconds"))
    var hostDelay: Double = 1

    @Option(help: ArgumentHelp("Seconds before a request is given up.", valueName: "seconds"))
    var timeout: Double = 30

    func policy() throws -> FetchPolicy {
        guard hostDelay >= 0, hostDelay <= 3600 else { throw UsageError("--host-delay must be between 0 and 3600 seconds") }
        guard timeout >= 1, timeout <= 600 else { throw UsageError("--timeout must be between 1 and 600 seconds") }
        var policy = FetchPolicy()
        policy.hostDelay = hostDelay
        policy.timeout = timeout
        return policy
    }
}
