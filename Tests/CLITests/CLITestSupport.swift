import Foundation

/// Runs the built `archive` binary, as a user would, against a fresh temporary database.
struct ArchiveRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    let folder: String
    var database: String { (folder as NSString).appendingPathComponent("archive.db") }

    init() {
        folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("archive-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: folder) }

    /// The `archive` executable built beside the test bundle.
    static let executable: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for folder in candidates {
            let url = folder.appendingPathComponent("archive")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/archive")
    }()

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Runs `archive ARGS --db <temp db>` (the database is passed through $ARCHIVE_DB).
    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = start(arguments, stdin: stdin, environment: environment)
        return try process.finish()
    }

    func start(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) -> Running {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["ARCHIVE_DB"] = database
        env.removeValue(forKey: "NO_COLOR")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        return Running(process: process, stdin: stdin)
    }

    /// A started `archive` process.
    /// A started `archive` process. Unchecked: the two buffers are written by the drain threads
    /// and read only after `group.wait()`, which orders the accesses.
    final class Running: @unchecked Sendable {
        let process: Process
        private let output = Pipe()
        private let errors = Pipe()
        private var stdoutData = Data()
        private var stderrData = Data()
        private let group = DispatchGroup()

        init(process: Process, stdin: String?) {
            self.process = process
            process.standardOutput = output
            process.standardError = errors
            let input = Pipe()
            process.standardInput = input
            try? process.run()
            // Drain both pipes while the process runs, so a full pipe cannot stall it.
            group.enter()
            DispatchQueue.global().async { [self] in stdoutData = output.fileHandleForReading.readDataToEndOfFile(); group.leave() }
            group.enter()
            DispatchQueue.global().async { [self] in stderrData = errors.fileHandleForReading.readDataToEndOfFile(); group.leave() }
            if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
            try? input.fileHandleForWriting.close()
        }

        func finish() throws -> Result {
            process.waitUntilExit()
            group.wait()
            return Result(status: process.terminationStatus,
                          stdout: String(decoding: stdoutData, as: UTF8.self),
                          stderr: String(decoding: stderrData, as: UTF8.self))
        }
    }

    /// Runs a bash script in the runner's folder, with `$ARCHIVE` the binary and `$ARCHIVE_DB`
    /// the runner's database: for redirections, limits, pipes and other users.
    func shell(_ script: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        var env = ProcessInfo.processInfo.environment
        env["ARCHIVE_DB"] = database
        env["ARCHIVE"] = Self.executable.path
        process.environment = env
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        return try Running(process: process, stdin: nil).finish()
    }

    func write(_ name: String, _ text: String) -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    static func fixture(_ name: String) -> String {
        (repositoryRoot as NSString).appendingPathComponent("Tests/Fixtures/\(name)")
    }

    /// The shared data folder beside the repository, when present.
    static func shared(_ path: String) -> String? {
        let full = ((repositoryRoot as NSString).deletingLastPathComponent as NSString).appendingPathComponent("shared/\(path)")
        return FileManager.default.fileExists(atPath: full) ? full : nil
    }
}

/// Parses JSON output with Foundation, independently of the archive's own parser.
func jsonObject(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8))
}
