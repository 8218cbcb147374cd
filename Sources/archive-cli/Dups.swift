import Archive
import ArgumentParser

extension ArchiveCommand {
    struct Dups: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List stories the archive holds more than one copy of.",
            discussion: """
                Near copies (the same text, also when one copy holds the other, with the same figures, \
                published within 3 days) are stored and grouped into stories; search and list show one \
                row per story. The representative is the most complete copy (the longest body).
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: "How many stories to show.")
        var limit = 20

        @Option(help: "How many stories to skip first.")
        var offset = 0

        @Option(help: "Output format.")
        var format: DupsFormat = .table

        enum DupsFormat: String, ExpressibleByArgument, CaseIterable {
            case table, json, ndjson
        }

        func run() throws {
            let stories = try database.openForReading().stories(limit: limit, offset: offset)
            let output = OutputBuffer()
            switch format {
            case .json, .ndjson:
                try output.writeJSON(stories.map(\.json), asArray: format == .json)
            case .table:
                for story in stories {
                    try output.write(Terminal.bold("Story \(story.id)") + Terminal.dim(" (\(story.others.count + 1) copies)") + "\n")
                    for (index, copy) in ([story.representative] + story.others).enumerated() {
                        let marker = index == 0 ? "*" : " "
                        try output.write("  \(marker) #\(copy.id)  \(String((copy.date ?? "").prefix(10)).rightPadded(to: 10))  "
                                     + "\((copy.outlet ?? "").truncated(to: 20).rightPadded(to: 20))  \(copy.title)\n")
                    }
                }
                if stories.isEmpty && Terminal.standardOutputIsTerminal { try output.write(Terminal.dim("No story has more than one copy.") + "\n") }
            }
            try output.flush()
        }
    }
}
