import Archive
import ArgumentParser

extension ArchiveCommand {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Full-text search.",
            discussion: """
                Words are ANDed: `repatriation Taiwan`. Operators in capitals: `deportation OR repatriation`, \
                `migration NOT Mexico`, or exclude any term with a leading minus: `migration -Mexico`, \
                `-"big dogs"`, `-(a OR b)`, `-outlet:Reuters`. "Quoted phrases", prefix* words, \
                NEAR(border crossing, 5), (parentheses), and title: or body: before a term to search one \
                column. Fields, combinable like words: outlet:Reuters, outlet:"Associated Press", \
                tag:china, author:"Jane Doe", lang:zh, date:2024, date:2024-05, \
                date:2024-05-01..2024-06-15, date:..2023, date:2024-05.. (a query of fields only lists \
                newest first). Words with punctuation (U.S.-Mexico, Ning's, covid-19) are searched as \
                phrases. Lower-case and/or/not are ordinary words.
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(parsing: .allUnrecognized,
                  help: ArgumentHelp("The query; quote it, or give its words as they are (-word excludes).", valueName: "query"))
        var words: [String] = []

        @OptionGroup var filters: FilterOptions

        @Option(help: ArgumentHelp("Result order.", valueName: "order"))
        var sort: ResultOrder = .relevance

        @OptionGroup var results: ResultOptions

        @Flag(help: ArgumentHelp(
            "Rank every match by relevance, however many (slower for common words).",
            discussion: "Without it, a query matching more than 10,000 articles ranks the 10,000 added last; a note on standard error says so. A query whose every word is in half the articles or more comes newest first either way: relevance cannot rank it."))
        var rankAll = false

        func validate() throws {
            if words.isEmpty { throw ValidationError("give a query, for example: archive search \"repatriation AND Taiwan\"") }
            if let option = words.first(where: { $0.hasPrefix("--") }) {
                throw ValidationError("unknown option '\(option)' (to search for it, quote the whole query)")
            }
        }

        func run() throws {
            let query = try SearchQuery(words.joined(separator: " "))
            let filter = try filters.filter()
            let archive = try database.openForReading()
            if results.count {
                print(try archive.count(query, filter: filter, allCopies: results.allCopies))
                return
            }
            let found = try archive.search(query, filter: filter, sort: sort,
                                           limit: results.limit, offset: results.offset, allCopies: results.allCopies,
                                           rankAll: rankAll)
            try ResultPrinter(format: results.format, showsSnippet: true).print(found.articles)
            if let shortcut = found.shortcut {
                let hint = if case .rankedRecentlyAdded = shortcut { " (--rank-all ranks every match)" } else { "" }
                Terminal.error("note: " + shortcut.explanation + hint)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List articles, newest first, without a query.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filters: FilterOptions

        @Option(help: ArgumentHelp("Result order.", valueName: "order"))
        var sort: ListOrder = .newest

        @OptionGroup var results: ResultOptions

        func run() throws {
            let filter = try filters.filter()
            let archive = try database.openForReading()
            if results.count {
                print(try archive.count(filter: filter, allCopies: results.allCopies))
                return
            }
            let rows = try archive.list(filter: filter, sort: sort.resultOrder,
                                        limit: results.limit, offset: results.offset, allCopies: results.allCopies)
            try ResultPrinter(format: results.format, showsSnippet: false).print(rows)
        }
    }
}
