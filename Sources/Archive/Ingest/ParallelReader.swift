import Foundation

/// Reads whole files (pages to extract, texts, JSON) on every core while the caller stores
/// what the previous chunk gave: extraction is the costly part, and SQLite takes one writer.
enum ParallelReader {
    static let chunkSize = 64

    /// Calls `store` for each file, in order, with what it holds.
    static func read(_ files: [InputFiles.File], store: (InputFiles.File, [SourceItem]) throws -> Void) throws {
        guard !files.isEmpty else { return }
        let chunks = stride(from: 0, to: files.count, by: chunkSize).map { Array(files[$0..<min($0 + chunkSize, files.count)]) }
        var ready = try extract(chunks[0])
        for index in chunks.indices {
            let pending = index + 1 < chunks.count ? ExtractionJob(chunks[index + 1]) : nil
            for (file, items) in zip(chunks[index], ready) { try store(file, items) }
            if let pending { ready = try pending.wait() }
        }
    }

    private static func extract(_ files: [InputFiles.File]) throws -> [[SourceItem]] {
        try ExtractionJob(files).wait()
    }

    /// One chunk being read on the global queue's threads.
    private final class ExtractionJob: @unchecked Sendable {
        // Unchecked: each worker writes only its own slot, and `wait()` reads after the group ends.
        private var results: [[SourceItem]]
        private var errors: [Error?]
        private let group = DispatchGroup()

        init(_ files: [InputFiles.File]) {
            results = Array(repeating: [], count: files.count)
            errors = Array(repeating: nil, count: files.count)
            let paths = files.map { ($0.path, $0.format) }
            DispatchQueue.global().async(group: group) { [self] in
                results.withUnsafeMutableBufferPointer { slots in
                    errors.withUnsafeMutableBufferPointer { failures in
                        nonisolated(unsafe) let slots = slots
                        nonisolated(unsafe) let failures = failures
                        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
                            var items: [SourceItem] = []
                            do {
                                try SourceReader.read(path: paths[index].0, format: paths[index].1,
                                                      emit: { items.append($0) }, progress: { _ in })
                            } catch {
                                failures[index] = error
                            }
                            slots[index] = items
                        }
                    }
                }
            }
        }

        func wait() throws -> [[SourceItem]] {
            group.wait()
            if let error = errors.compactMap({ $0 }).first { throw error }
            return results
        }
    }
}
