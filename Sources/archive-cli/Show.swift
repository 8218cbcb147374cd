import Archive
import ArgumentParser

extension ArchiveCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one article whole, by id, guid or url.")

        @OptionGroup var database: DatabaseOptions

        // All unrecognized: `show -1` names an article (there is none), not an option.
        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The article's id (12 or #12), guid or url.", valueName: "id"))
        var references: [String] = []

        var reference: String { references[0] }

        func validate() throws {
            try ReferenceArguments.check(references, one: true)
        }

        @Option(help: "Output format.")
        var format: ArticleFormat = .text

        enum ArticleFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        func run() throws {
            let archive = try database.openForReading()
            let article = try archive.article(reference)
            let story = try archive.storyMembers(of: String(article.id))
            let versions = story.filter { $0.kind == .version }.map(\.article)
            let copies = story.filter { $0.kind == .copy }.map(\.article)
            switch format {
            case .json:
                guard case .object(var members) = article.json else { return }
                members.append(("versions", .array(versions.map(\.json))))
                members.append(("copies", .array(copies.map(\.json))))
                print(JSONValue.object(members).serialized)
            case .text: print(Self.text(article, versions: versions, copies: copies))
            }
        }

        static func text(_ article: Article, versions: [ArticleSummary], copies: [ArticleSummary]) -> String {
            let titleSource = article.sources["title"].map { "  " + Terminal.dim("(from \($0))") } ?? ""
            var lines = [Terminal.bold(article.title.isEmpty ? "(untitled)" : article.title) + titleSource, ""]
            let fields: [(String, String?)] = [
                ("Date", article.date), ("Outlet", article.outlet), ("Author", article.author),
                ("URL", article.url), ("Tags", article.tags.isEmpty ? nil : article.tags.joined(separator: ", ")),
                ("Language", article.language), ("GUID", article.guid),
                ("Archive", "#\(article.id), added \(article.addedAt) from \(article.source)"),
            ]
            for (name, value) in fields {
                guard let value else { continue }
                let source = article.sources[name.lowercased()].map { "  " + Terminal.dim("(from \($0))") } ?? ""
                lines.append(Terminal.dim(name.padding(toLength: 9, withPad: " ", startingAt: 0)) + value + source)
            }
            for (heading, others) in [("Versions", versions), ("Copies", copies)] {
                for (index, other) in others.enumerated() {
                    let date = other.date.map { String($0.prefix(10)) } ?? "undated"
                    lines.append(Terminal.dim((index == 0 ? heading : "").padding(toLength: 9, withPad: " ", startingAt: 0))
                                 + "#\(other.id)  \(date)  \(other.outlet ?? "(no outlet)")  \(other.title)")
                }
            }
            lines += ["", article.body]
            return lines.joined(separator: "\n")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm",
            abstract: "Delete articles, by id, guid or url: all of them, or none if any is not found.")

        @OptionGroup var database: DatabaseOptions

        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The articles' ids, guids or urls.", valueName: "id"))
        var references: [String] = []

        func validate() throws {
            try ReferenceArguments.check(references, one: false)
        }

        func run() throws {
            let ids = try database.openForWriting().remove(references)
            for id in ids { print("removed #\(id)") }
        }
    }
}

/// Articles named on the command line: anything but `--option` is a reference, `-1` too.
enum ReferenceArguments {
    static func check(_ references: [String], one: Bool) throws {
        if let option = references.first(where: { $0.hasPrefix("--") }) {
            throw ValidationError("unknown option '\(option)'")
        }
        if references.isEmpty { throw ValidationError("give an article's id (12 or #12), guid or url") }
        if one && references.count > 1 { throw ValidationError("give one article; '\(references[1])' is one too many") }
    }
}
