import Archive
import ArgumentParser
import Foundation

extension Timeline.Granularity: ExpressibleByArgument {}
extension Facet.Field: ExpressibleByArgument {}

extension ArchiveCommand {
    struct TimelineCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "timeline",
            abstract: "How many stories match each period: attention over time.",
            discussion: """
                Each QUERY is one series (quote a query of several words); without one, every article. \
                Every period from the first to the last (or --from to --to) is shown, zeros included, \
                with the matching count, the period's total (same filters, no query) and the share. \
                Weeks are ISO weeks (2024-W19). Stories are counted once (--all-copies: every copy), \
                as `search --count` counts. Undated articles are counted apart.
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filters: FilterOptions

        @Argument(help: ArgumentHelp("Queries, one series each.", valueName: "query"))
        var queries: [String] = []

        @Option(help: "Period: day, week, month or year (default: the finest that shows the span in at most 60 points).")
        var by: Timeline.Granularity?

        @Flag(help: "Count every copy of a story, not the story once.")
        var allCopies = false

        @Option(help: "Output format.")
        var format: TimelineFormat = .table

        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var output: String?

        enum TimelineFormat: String, ExpressibleByArgument, CaseIterable { case table, csv, json, svg }

        func run() throws {
            let archive = try database.openForReading()
            let parsed = try queries.map { try SearchQuery($0) }
            let timeline = try archive.timeline(parsed, filter: try filters.filter(), by: by, allCopies: allCopies)
            let text: String = switch format {
            case .json: timeline.json.serialized + "\n"
            case .svg: TimelineChart.svg(timeline, title: queries.isEmpty ? "All articles by \(timeline.granularity.rawValue)"
                                          : queries.joined(separator: " · ") + " by \(timeline.granularity.rawValue)")
            case .csv: Self.csv(timeline)
            case .table: Self.table(timeline)
            }
            if let output {
                do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                    throw UsageError("cannot write \(output): \((error as NSError).localizedDescription.lowercased())")
                }
            } else {
                let buffer = OutputBuffer()
                try buffer.write(text)
                try buffer.flush()
            }
        }

        static func csv(_ timeline: Timeline) -> String {
            var lines = ["period,query,count,total,share"]
            for series in timeline.series {
                let query = ResultPrinter.csvField(series.query ?? "")
                for point in series.points {
                    lines.append("\(point.period),\(query),\(point.count),\(point.total),\(Timeline.shareText(point.share))")
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }

        /// One row a period, one column a series: the count and a bar in block characters.
        static func table(_ timeline: Timeline) -> String {
            guard let first = timeline.series.first, !first.points.isEmpty else {
                return "Nothing dated matches." + (timeline.undated > 0 ? " (\(timeline.undated) undated)" : "") + "\n"
            }
            let barWidth = max(8, min(40, ((Terminal.width ?? 100) - 12) / timeline.series.count - 10))
            let maxCount = max(1, timeline.series.flatMap(\.points).map(\.count).max() ?? 1)
            let countWidth = String(maxCount).count
            let periodWidth = first.points.map(\.period.count).max() ?? 7
            var lines: [String] = []
            let header = timeline.series.map { ($0.query ?? "all articles").truncated(to: barWidth + countWidth + 1).rightPadded(to: barWidth + countWidth + 3) }
            lines.append(String(repeating: " ", count: periodWidth + 2) + header.joined())
            for (index, point) in first.points.enumerated() {
                var row = point.period.rightPadded(to: periodWidth) + "  "
                for series in timeline.series {
                    let count = series.points[index].count
                    row += String(count).leftPadded(to: countWidth) + " " + bar(count, of: maxCount, width: barWidth).rightPadded(to: barWidth) + "  "
                }
                lines.append(row.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
            }
            let undated = timeline.series.map(\.undated).reduce(0, +)
            if undated > 0 { lines.append("(\(undated) undated \(undated == 1 ? "match" : "matches") not shown)") }
            return lines.joined(separator: "\n") + "\n"
        }

        /// A bar of eighths: `█████▍`.
        static func bar(_ count: Int, of maximum: Int, width: Int) -> String {
            let eighths = Int((Double(count) / Double(maximum) * Double(width * 8)).rounded())
            let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
            return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
        }
    }

    struct Facets: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Which outlets, tags, authors, languages, years or months the matches have, most first.",
            discussion: "Counts stories once (--all-copies: every copy); each count agrees with `search --count` with that value as a filter."
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filters: FilterOptions

        @Argument(help: ArgumentHelp("A query (default: every article).", valueName: "query"))
        var query: String?

        @Option(help: "The field to count.")
        var by: Facet.Field

        @Option(parsing: .unconditional, help: "How many values to show.")
        var limit = 20

        @Flag(help: "Count every copy of a story, not the story once.")
        var allCopies = false

        @Option(help: "Output format.")
        var format: FacetFormat = .table

        enum FacetFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

        func validate() throws {
            guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
        }

        func run() throws {
            let archive = try database.openForReading()
            let facet = try archive.facet(by, query: try query.map { try SearchQuery($0) }, filter: try filters.filter(),
                                          limit: limit, allCopies: allCopies)
            switch format {
            case .json: print(facet.json.serialized)
            case .csv:
                print("value,count")
                for value in facet.values { print("\(ResultPrinter.csvField(value.value)),\(value.count)") }
            case .table:
                let width = String(facet.values.map(\.count).max() ?? 0).count
                for value in facet.values { print("\(String(value.count).leftPadded(to: width))  \(value.value)") }
                if facet.values.isEmpty { print("Nothing matches.") }
                if facet.missing > 0 { print("(\(facet.missing) without \(by == .author || by == .outlet ? "an" : "a") \(by == .year || by == .month ? "date" : by.rawValue))") }
            }
        }
    }
}

extension ArchiveCommand {
    struct Kwic: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Keyword in context: every occurrence of the query's words, one line each.",
            discussion: """
                Lines are `left context | match | right context`, aligned on the match, newest articles \
                first, a story once (--all-copies: every copy). Matches are the index's: stems, phrases \
                and prefixes as `search` finds them.
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filters: FilterOptions

        @Argument(help: ArgumentHelp("The query whose words to show in context.", valueName: "query"))
        var query: String

        @Option(parsing: .unconditional, help: "Characters of context on each side.")
        var width = 40

        @Option(parsing: .unconditional, help: "How many lines to show.")
        var limit = 50

        @Flag(help: "Every copy of a story, not the story once.")
        var allCopies = false

        @Option(help: "Output format.")
        var format: KwicFormat = .table

        enum KwicFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

        func validate() throws {
            guard (5...500).contains(width) else { throw ValidationError("--width must be between 5 and 500") }
            guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
        }

        func run() throws {
            let lines = try database.openForReading().concordance(try SearchQuery(query), filter: try filters.filter(),
                                                                  width: width, limit: limit, allCopies: allCopies)
            if format == .json {
                print(JSONValue.array(lines.map(\.json)).serialized)
                return
            }
            if lines.isEmpty { print("No occurrences."); return }
            let idWidth = String(lines.map(\.id).max() ?? 0).count + 1
            let matchWidth = lines.map(\.match.count).max() ?? 0
            for line in lines {
                let left = line.left.leftPadded(to: width)
                let match = Terminal.highlight(line.match) + String(repeating: " ", count: max(0, matchWidth - line.match.count))
                print("#\(String(line.id))".rightPadded(to: idWidth) + "  " + (line.date.map { String($0.prefix(10)) } ?? "          ")
                      + "  \(left) | \(match) | \(line.right)")
            }
        }
    }
}

extension ArchiveCommand {
    struct Terms: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The words most characteristic of the matches against the whole archive.",
            discussion: """
                Scores are z-scores of the log-odds ratio with an informative Dirichlet prior (Monroe, \
                Colaresi and Quinn 2008) on document frequencies: up to 5,000 of the newest matches \
                against up to 5,000 articles spread over the archive. Above 2: clearly more frequent \
                among the matches. count: matching articles (of those read) holding the word.
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filters: FilterOptions

        @Argument(help: ArgumentHelp("The query.", valueName: "query"))
        var query: String

        @Option(parsing: .unconditional, help: "How many words to show.")
        var limit = 20

        @Flag(help: "Every copy of a story, not the story once.")
        var allCopies = false

        @Option(help: "Output format.")
        var format: TermsFormat = .table

        enum TermsFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

        func validate() throws {
            guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
        }

        func run() throws {
            let terms = try database.openForReading().characteristicTerms(try SearchQuery(query), filter: try filters.filter(),
                                                                          limit: limit, allCopies: allCopies)
            switch format {
            case .json: print(JSONValue.array(terms.map(\.json)).serialized)
            case .csv:
                print("term,count,score")
                for term in terms { print("\(ResultPrinter.csvField(term.term)),\(term.count),\(String(format: "%.1f", term.score))") }
            case .table:
                if terms.isEmpty { print("Nothing matches."); return }
                let width = terms.map(\.term.count).max() ?? 0
                for term in terms {
                    print(term.term.rightPadded(to: width) + "  " + String(format: "%6.1f", term.score) + "  " + String(term.count).leftPadded(to: 6))
                }
            }
        }
    }
}
