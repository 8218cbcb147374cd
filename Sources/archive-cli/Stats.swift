import Archive
import Foundation
import ArgumentParser

extension ArchiveCommand {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What the archive holds, in figures.")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Output format.")
        var format: StatsFormat = .table

        enum StatsFormat: String, ExpressibleByArgument, CaseIterable {
            case table, json
        }

        func run() throws {
            let archive = try database.openForReading()
            let stats = try archive.stats()
            if format == .json {
                print(stats.json.serialized)
                return
            }
            print("Database   \(archive.path) (\(Self.bytes(stats.databaseBytes)))")
            print("Articles   \(stats.articles)" + (stats.undatedArticles > 0 ? " (\(stats.undatedArticles) undated)" : ""))
            print("Outlets    \(stats.outlets)")
            print("Tags       \(stats.tags)")
            if let first = stats.firstDate, let last = stats.lastDate { print("Dates      \(first) to \(last)") }
            for (heading, items) in [("Top outlets", stats.topOutlets), ("Top tags", stats.topTags)] where !items.isEmpty {
                print("\n\(heading)")
                let width = String(items.map(\.articles).max() ?? 0).count
                for item in items { print("  \(String(item.articles).leftPadded(to: width))  \(item.name)") }
            }
        }

        static func bytes(_ count: Int) -> String {
            let units = ["bytes", "KB", "MB", "GB", "TB"]
            var value = Double(count)
            var unit = 0
            while value >= 1000 && unit < units.count - 1 { value /= 1000; unit += 1 }
            return unit == 0 ? "\(count) bytes" : String(format: "%.1f %@", value, units[unit])
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write articles whole, for `archive add` to read back or other tools to use.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filters: FilterOptions

        @Option(help: "Output format: one JSON object per line.")
        var format: ExportFormat = .jsonl

        enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
            case jsonl
        }

        func run() throws {
            let filter = try filters.filter()
            let output = OutputBuffer()
            try database.openForReading().export(filter: filter) { try output.write($0.exportJSON.serialized + "\n") }
            try output.flush()
        }
    }
}

extension ArchiveCommand {
    struct Optimize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tidy the database after a big import, for faster searches.",
            discussion: """
                Merges the full-text index into one segment, refreshes the query planner's \
                statistics and folds the write-ahead log into the file. Takes about a minute \
                per million articles; other writers wait for it, searches do not.
                """)

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let archive = try database.openForWriting()
            let (before, after) = try archive.optimize()
            print("Optimized \(archive.path): \(Stats.bytes(before)) before, \(Stats.bytes(after)) after")
        }
    }
}
