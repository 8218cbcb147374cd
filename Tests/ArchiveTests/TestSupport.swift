import Foundation
@testable import Archive

/// A fresh folder under the system's temporary folder, removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("archive-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let path = file(name)
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let path = file(name)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
}

enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
}

/// An archive in a fresh temporary folder, loaded with the hand-built corpus when asked.
struct TestArchive {
    let folder = TemporaryFolder()
    let archive: Archive

    init(withCorpus: Bool = false) throws {
        archive = try Archive(path: folder.file("test.db"))
        if withCorpus { try archive.add(paths: [Fixtures.path("corpus.jsonl")]) }
    }

    /// The guids of the articles a search returns, in order.
    func guids(_ query: String, filter: ArticleFilter = ArticleFilter(), sort: ResultOrder = .relevance) throws -> [String] {
        try archive.search(SearchQuery(query), filter: filter, sort: sort, limit: 100).articles.map { $0.guid ?? "" }
    }
}

/// Reads every item a source gives, for tests of the readers.
func readItems(_ path: String, format: InputFormat? = nil) throws -> [SourceItem] {
    var items: [SourceItem] = []
    try SourceReader.read(path: path, format: format ?? InputFormat(path: path),
                          emit: { items.append($0) }, progress: { _ in })
    return items
}

extension SourceItem {
    var input: ArticleInput? {
        if case .article(let input, _) = self { return input }
        return nil
    }

    var failure: (reason: String, location: SourceLocation)? {
        if case .failure(let error, let location) = self { return (error.reason, location) }
        return nil
    }
}

extension JSONValue {
    /// The text of a string value; nil for any other.
    var text: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
