import Archive
import ArgumentParser

extension ArchiveCommand {
    struct Tag: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or remove tags: archive tag +name -name TARGET... or --query QUERY.",
            discussion: """
                +name adds a tag, -name removes one; every other word is a target: an article's id \
                (12 or #12), guid or url. With --query, every article matching the query and the \
                filters (every copy of a story) is changed instead. A change is all-or-nothing: if \
                any target is not found, no article changes (exit 3).

                  archive tag +asia -draft 4 5 https://example.com/story
                  archive tag +deportation --query "deportation flights" --from 2024-05
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("Change every article matching this query, with the filters below.", valueName: "query"))
        var query: String?

        @OptionGroup var filters: FilterOptions

        @Argument(parsing: .allUnrecognized,
                  help: ArgumentHelp("+tag to add, -tag to remove, and the articles to change (id, #id, guid or url).",
                                     valueName: "change-or-target"))
        var words: [String] = []

        /// The words sorted into tags to add, tags to remove and targets.
        func parsed() throws -> (adding: [String], removing: [String], targets: [String]) {
            var (adding, removing, targets) = ([String](), [String](), [String]())
            for word in words {
                if word.hasPrefix("--") {
                    throw ValidationError("unknown option '\(word)' (to remove a tag, write -name with one dash)")
                } else if let sign = word.first, sign == "+" || sign == "-" {
                    let name = String(word.dropFirst())
                    guard !name.allSatisfy(\.isWhitespace) else { throw ValidationError("'\(word)' names no tag") }
                    if sign == "+" { adding.append(name) } else { removing.append(name) }
                } else {
                    targets.append(word)
                }
            }
            return (adding, removing, targets)
        }

        func validate() throws {
            let (adding, removing, targets) = try parsed()
            if adding.isEmpty && removing.isEmpty {
                throw ValidationError("give at least one +tag to add or -tag to remove")
            }
            if query != nil && !targets.isEmpty {
                throw ValidationError("give the articles or --query, not both ('\(targets[0])' is not a tag: write +\(targets[0]) to add it)")
            }
            if query == nil && (filters.from != nil || filters.to != nil || !filters.outlets.isEmpty || !filters.tags.isEmpty) {
                throw ValidationError("--from, --to, --outlet and --tag choose articles for --query: give --query too")
            }
            if query == nil && targets.isEmpty {
                throw ValidationError("give the articles to change (id, #id, guid or url) or --query QUERY")
            }
        }

        func run() throws {
            let (adding, removing, targets) = try parsed()
            let archive = try database.openForWriting()
            let changes = (adding.map { "+" + $0 } + removing.map { "-" + $0 }).joined(separator: " ")
            if let query {
                let count = try archive.retag(matching: try SearchQuery(query), filter: try filters.filter(),
                                              adding: adding, removing: removing)
                print("\(changes): \(count) \(count == 1 ? "article" : "articles")")
                return
            }
            let ids: [Int64]
            do {
                ids = try archive.retag(targets, adding: adding, removing: removing)
            } catch ArchiveError.notFound(let reference) where !reference.contains("/") && Int64(reference.trimmingPrefix("#")) == nil {
                // A word that names no article was most likely meant as a tag.
                Terminal.error("archive: \(ArchiveError.notFound(reference).description) (to add the tag, write +\(reference))")
                throw ExitCode(ExitStatus.notFound)
            }
            var shown = Set<Int64>()
            for id in ids where shown.insert(id).inserted {
                let tags = try archive.article(String(id)).tags
                print("#\(id) tags: \(tags.isEmpty ? "(none)" : tags.joined(separator: ", "))")
            }
        }
    }
}
