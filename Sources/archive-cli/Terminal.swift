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

    /// One line on standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// Standard output through one large buffer: exports write millions of lines.
final class OutputBuffer {
    private var buffer: [UInt8] = []

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                break
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

extension OutputBuffer {
    /// `values` as one JSON array, an element a line, or as JSON Lines (one value a line).
    func writeJSON(_ values: [JSONValue], asArray: Bool) {
        if asArray {
            write("[" + values.map { "\n  " + $0.serialized }.joined(separator: ",") + (values.isEmpty ? "]\n" : "\n]\n"))
        } else {
            for value in values { write(value.serialized + "\n") }
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
