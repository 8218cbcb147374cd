import Archive
import ArgumentParser

extension ArchiveCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one article whole, by id, guid or url.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The article's id (12 or #12), guid or url.", valueName: "id"))
        var reference: String

        @Option(help: "Output format.")
        var format: ArticleFormat = .text

        enum ArticleFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        func run() throws {
            let archive = try database.open()
            let article = try archive.article(reference)
            let copies = try archive.copies(of: String(article.id))
            switch format {
            case .json:
                guard case .object(var members) = article.json else { return }
                members.append(("copies", .array(copies.map(\.json))))
                print(JSONValue.object(members).serialized)
            case .text: print(Self.text(article, copies: copies))
            }
        }

        static func text(_ article: Article, copies: [ArticleSummary]) -> String {
            var lines = [Terminal.bold(article.title.isEmpty ? "(untitled)" : article.title), ""]
            let fields: [(String, String?)] = [
                ("Date", article.date), ("Outlet", article.outlet), ("Author", article.author),
                ("URL", article.url), ("Tags", article.tags.isEmpty ? nil : article.tags.joined(separator: ", ")),
                ("Language", article.language), ("GUID", article.guid),
                ("Archive", "#\(article.id), added \(article.addedAt) from \(article.source)"),
            ]
            for (name, value) in fields {
                guard let value else { continue }
                lines.append(Terminal.dim(name.padding(toLength: 9, withPad: " ", startingAt: 0)) + value)
            }
            for (index, copy) in copies.enumerated() {
                let heading = index == 0 ? "Copies" : ""
                lines.append(Terminal.dim(heading.padding(toLength: 9, withPad: " ", startingAt: 0))
                             + "#\(copy.id)  \(String((copy.date ?? "").prefix(10)))  \(copy.outlet ?? "")  \(copy.title)")
            }
            lines += ["", article.body]
            return lines.joined(separator: "\n")
        }
    }

    struct Tag: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or remove tags: archive tag ID +name -name (a bare name adds).")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The article's id, guid or url.", valueName: "id"))
        var reference: String

        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("+tag to add, -tag to remove.", valueName: "change"))
        var changes: [String] = []

        func validate() throws {
            if changes.isEmpty { throw ValidationError("give at least one +tag or -tag") }
        }

        func run() throws {
            var adding: [String] = []
            var removing: [String] = []
            for change in changes {
                if change.hasPrefix("-") { removing.append(String(change.dropFirst())) }
                else if change.hasPrefix("+") { adding.append(String(change.dropFirst())) }
                else { adding.append(change) }
            }
            let article = try database.open().retag(reference, adding: adding, removing: removing)
            print("#\(article.id) tags: \(article.tags.isEmpty ? "(none)" : article.tags.joined(separator: ", "))")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm",
            abstract: "Delete articles, by id, guid or url: all of them, or none if any is not found.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The articles' ids, guids or urls.", valueName: "id"))
        var references: [String]

        func run() throws {
            let ids = try database.open().remove(references)
            for id in ids { print("removed #\(id)") }
        }
    }
}
