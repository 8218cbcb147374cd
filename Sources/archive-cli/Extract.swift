import Archive
import ArgumentParser
import Foundation

extension ArchiveCommand {
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what `archive add` would store for each file, without storing anything.",
            discussion: """
                Saved pages (.html, .htm, also .gz) give their metadata and the article's own text, \
                without menus, share bars, related-story lists and other page furniture; scraped or \
                pasted text (.txt, standard input) is cleaned the same way. --format json prints one \
                object per article, one per line, with the keys path, title, date, outlet, author, \
                url, tags, language and body (null where the page does not say).
                """
        )

        @Argument(help: ArgumentHelp("Files, folders, or - for standard input.", valueName: "path"))
        var paths: [String]

        @Option(help: "Output format.")
        var format: ExtractFormat = .text

        enum ExtractFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        func run() throws {
            var failed = false
            let output = OutputBuffer()
            var first = true
            try Archive.extract(paths: paths) { result in
                switch result {
                case .failure(let failure):
                    failed = true
                    try output.flush()
                    Terminal.error("\(failure.location): \(failure.reason)")
                case .success(let article):
                    switch format {
                    case .json: try output.write(article.json.serialized + "\n")
                    case .text:
                        try output.write((first ? "" : "\n" + String(repeating: "─", count: 40) + "\n\n") + Self.text(article) + "\n")
                    }
                    first = false
                }
            }
            try output.flush()
            if failed { throw ExitCode(ExitStatus.someFailed) }
        }

        static func text(_ article: ExtractedArticle) -> String {
            var lines = [Terminal.dim("Path     ") + article.location.description]
            let fields: [(String, String?)] = [
                ("Title", article.title), ("Date", article.date), ("Outlet", article.outlet), ("Author", article.author),
                ("URL", article.url), ("Tags", article.tags.isEmpty ? nil : article.tags.joined(separator: ", ")),
                ("Language", article.language),
            ]
            for (name, value) in fields {
                lines.append(Terminal.dim(name.padding(toLength: 9, withPad: " ", startingAt: 0)) + (value ?? "—"))
            }
            return (lines + ["", article.body]).joined(separator: "\n")
        }
    }
}
