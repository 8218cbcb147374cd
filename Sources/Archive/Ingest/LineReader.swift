import Foundation
internal import CLibXML2

/// Reads a byte source (a file descriptor, or a gzip stream) in large chunks and hands out one
/// line at a time (without its `\n`), so a file of any size is read in constant memory.
final class LineReader {
    /// Fills a buffer with up to `count` bytes; returns how many, 0 at the end, -1 on error.
    typealias Source = (_ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int
    private let source: Source
    private var buffer: [UInt8]
    private var start = 0
    private var atEnd = false
    private static let chunkSize = 1 << 20
    /// Bytes handed out so far, for progress.
    private(set) var bytesConsumed = 0
    /// The 1-based number of the line last returned.
    private(set) var lineNumber = 0

    /// Called before a read that would wait (a pipe whose writer paused), at most every
    /// `idleAfterMilliseconds`; it may throw to stop the reading.
    var onIdle: (() throws -> Void)?
    static let idleAfterMilliseconds: Int32 = 200
    private let descriptor: Int32

    init(descriptor: Int32) {
        self.descriptor = descriptor
        self.source = { buffer, count in
            var result: Int
            repeat { result = read(descriptor, buffer, count) } while result < 0 && errno == EINTR
            return result
        }
        self.buffer = []
    }

    /// Reads through zlib: gzip-compressed data is decompressed, anything else passes as it is.
    init(gzip descriptor: Int32) {
        self.descriptor = descriptor
        let stream = gzdopen(dup(descriptor), "rb")
        self.source = { buffer, count in
            guard let stream else { return -1 }
            return Int(gzread(stream, buffer, UInt32(count)))
        }
        self.buffer = []
        self.closeSource = { if let stream { gzclose(stream) } }
    }

    private var closeSource: () -> Void = {}

    deinit { closeSource() }

    /// Calls `body` with each line's bytes; they are valid only during the call.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                try emit(upTo: newline, skipping: 1, body)
                continue
            }
            if atEnd {
                if start < buffer.count { try emit(upTo: buffer.count, skipping: 0, body) }
                return
            }
            try fill()
        }
    }

    private func emit(upTo end: Int, skipping: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        lineNumber += 1
        var lineEnd = end
        if lineEnd > start && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        try buffer.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[start..<lineEnd]))
        }
        bytesConsumed += end + skipping - start
        start = end + skipping
    }

    private func fill() throws {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let oldCount = buffer.count
        buffer.reserveCapacity(oldCount + Self.chunkSize)
        if let onIdle {
            var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&waiting, 1, Self.idleAfterMilliseconds) == 0 { try onIdle() }
        }
        var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        let count = chunk.withUnsafeMutableBytes { raw in source(raw.baseAddress!, Self.chunkSize) }
        guard count >= 0 else { throw InputError(errno == 0 ? "corrupt compressed data" : String(cString: strerror(errno)).lowercased()) }
        if count == 0 { atEnd = true } else { buffer.append(contentsOf: chunk[0..<count]) }
    }

    /// Reads everything left: for formats that need the whole text at once.
    func readAll() throws -> [UInt8] {
        while !atEnd { try fill() }
        let rest = Array(buffer[start...])
        bytesConsumed += rest.count
        start = buffer.count
        return rest
    }
}

extension LineReader {
    /// The first `count` bytes (fewer at the end of input), without consuming them: for sniffing.
    func readPrefix(_ count: Int) throws -> [UInt8] {
        while buffer.count - start < count && !atEnd { try fill() }
        return Array(buffer[start..<min(buffer.count, start + count)])
    }

    /// The format of the input by its start (`InputFormat.sniff`): its first 4,096 bytes or,
    /// when it opens with `{`, its whole first line (a JSON Lines article may be megabytes
    /// long). A first line longer than any article is still JSON Lines: that line is refused on
    /// its own and the lines after it are read.
    func sniffFormat() throws -> InputFormat {
        let prefix = try readPrefix(4096)
        guard prefix.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }) == UInt8(ascii: "{"),
              !prefix.contains(0x0A) else { return InputFormat.sniff(prefix) }
        let limit = ArticleDraft.largestBody + (1 << 20)
        // Bytes after `start` already searched for the line's end (an offset: `fill` may move `start`).
        var searched = 0
        var end: Int?
        while true {
            end = buffer[(start + searched)...].firstIndex(of: 0x0A)
            searched = buffer.count - start
            if end != nil || atEnd || searched >= limit { break }
            try fill()
        }
        guard let end = end ?? (atEnd ? buffer.count : nil) else { return .jsonLines }
        return InputFormat.sniff(buffer[start..<end])
    }

    /// Whether the descriptor is a regular file (it never pauses).
    static func isRegularFile(_ descriptor: Int32) -> Bool {
        var status = stat()
        return fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }
}
