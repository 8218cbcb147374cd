import Foundation

/// The files one `add` reads: named files as they are, folders searched recursively for the
/// extensions the archive reads (hidden entries skipped), in a stable order.
struct InputFiles {
    struct File: Equatable {
        var path: String
        /// Nil: sniff the content (standard input, or a named file with an unfamiliar extension).
        var format: InputFormat?
        var size: Int
    }

    var files: [File] = []
    var failures: [(InputError, SourceLocation)] = []

    init(paths: [String]) {
        let manager = FileManager.default
        for path in paths {
            if path == "-" {
                files.append(File(path: "-", format: nil, size: 0))
                continue
            }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                failures.append((InputError("no such file or folder"), SourceLocation(path: path)))
                continue
            }
            if !isDirectory.boolValue {
                let format = InputFormat(path: path)
                files.append(File(path: path, format: format, size: Self.size(of: path)))
                continue
            }
            var found: [File] = []
            var visited: Set<String> = []
            Self.walk(path, visited: &visited) { filePath, format in
                found.append(File(path: filePath, format: format, size: Self.size(of: filePath)))
            }
            if found.isEmpty {
                let known = InputFormat.extensions.keys.sorted().map { "." + $0 }.joined(separator: ", ") + ", and these .gz-compressed"
                failures.append((InputError("folder holds no files the archive reads (\(known))"), SourceLocation(path: path)))
            }
            files += found.sorted { $0.path < $1.path }
        }
    }

    /// Every file under `folder` the archive reads, following symbolic links to files and to
    /// folders (each real folder and file once, so a link back up does not loop); hidden entries skipped.
    private static func walk(_ folder: String, visited: inout Set<String>, found: (String, InputFormat) -> Void) {
        let manager = FileManager.default
        guard let real = realPath(folder), visited.insert(real).inserted, let names = try? manager.contentsOfDirectory(atPath: folder) else { return }
        for name in names.sorted() where !name.hasPrefix(".") {
            let entry = (folder as NSString).appendingPathComponent(name)
            var isFolder: ObjCBool = false
            // fileExists follows links: a dangling link is skipped.
            guard manager.fileExists(atPath: entry, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                walk(entry, visited: &visited, found: found)
            } else if let format = InputFormat(path: entry), let file = realPath(entry), visited.insert(file).inserted {
                // A file reached by two links is read once.
                found(entry, format)
            }
        }
    }

    /// The path with every link resolved, nil when it leads nowhere.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    var totalBytes: Int { files.reduce(0) { $0 + $1.size } }

    /// Reads every file, in order, handing each item to `emit` and the bytes read so far to
    /// `progress`. Streams (JSON Lines, standard input) are read on this thread as they come;
    /// runs of whole files (pages, texts, JSON) are read and extracted on every core.
    func read(emit: (SourceItem) throws -> Void, progress: (Int) -> Void, onIdle: (() throws -> Void)? = nil) throws {
        var finished = 0
        var wholeFiles: [File] = []
        func readWholeFiles() throws {
            try ParallelReader.read(wholeFiles) { file, items in
                for item in items { try emit(item) }
                finished += file.size
                progress(finished)
            }
            wholeFiles.removeAll()
        }
        for file in files {
            if let format = file.format, format != .jsonLines {
                wholeFiles.append(file)
                continue
            }
            try readWholeFiles()
            try SourceReader.read(path: file.path, format: file.format, emit: emit, progress: { progress(finished + $0) },
                                  onIdle: onIdle)
            finished += file.size
        }
        try readWholeFiles()
    }

    private static func size(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
