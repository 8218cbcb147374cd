import Archive
import Foundation

/// What the command knows of where its output goes: terminal or pipe, width, colour.
enum Terminal {
    static let standardOutputIsTerminal = isatty(STDOUT_FILENO) == 1
    static let standardErrorIsTerminal = isatty(STDERR_FILENO) == 1

    /// Emphasis only on a terminal, and never when NO_COLOR is set.
    static let usesStyle = standardOutputIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    /// Columns of the terminal on standard output; nil when it is not one.
    static var width: Int? {
        guard standardOutputIsTerminal else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }

    static func bold(_ text: String) -> String { usesStyle ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    static func dim(_ text: String) -> String { usesStyle ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    static func highlight(_ text: String) -> String { usesStyle ? "\u{1B}[1;33m\(text)\u{1B}[0m" : text }

    /// One line on standard error: line breaks and other control characters in the message
    /// (from a file name, a query) are written as escapes, so one message stays one line.
    static func error(_ message: String) {
        var line = ""
        for scalar in message.unicodeScalars {
            switch scalar {
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: line += "\\u{\(String(scalar.value, radix: 16))}"
            default: line.unicodeScalars.append(scalar)
            }
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Standard output through one large buffer: exports write millions of lines.
final class OutputBuffer {
    private var buffer: [UInt8] = []

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes out what is buffered; a failed write (disk full, closed pipe) throws.
    func flush() throws {
        fflush(nil)
        var offset = 0
        defer { buffer.removeAll(keepingCapacity: true) }
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError(errno: errno)
            }
            offset += written
        }
    }
}

extension OutputBuffer {
    /// `values` as one JSON array, an element a line, or as JSON Lines (one value a line).
    func writeJSON(_ values: [JSONValue], asArray: Bool) throws {
        if asArray {
            try write("[" + values.map { "\n  " + $0.serialized }.joined(separator: ",") + (values.isEmpty ? "]\n" : "\n]\n"))
        } else {
            for value in values { try write(value.serialized + "\n") }
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    func rightPadded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// At most `width` characters, ending in `…` when cut.
    func truncated(to width: Int) -> String {
        guard count > width, width > 1 else { return self }
        return String(prefix(width - 1)) + "…"
    }
}
