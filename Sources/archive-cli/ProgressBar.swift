import Archive
import Foundation

/// A one-line progress display on standard error (articles, bytes, rate, time left), redrawn
/// at most ten times a second and only after the first half second, so quick runs show none.
final class ProgressBar {
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Fetching: pages and feeds answered, failed, and still to come.
    func update(_ progress: FetchProgress) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(start) > 0.5, now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let line = "fetched \(progress.fetched)  failed \(progress.failed)  waiting \(progress.waiting)"
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        drawn = true
    }

    func update(_ progress: IngestProgress) {
        guard enabled else { return }
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed > 0.5, now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        var line = "\(progress.articles) articles  \(Self.megabytes(progress.bytesRead))"
        if progress.bytesTotal > 0 {
            let fraction = min(1, Double(progress.bytesRead) / Double(progress.bytesTotal))
            let filled = Int(fraction * 20)
            line = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled) + "] "
                + String(format: "%3.0f%%  ", fraction * 100) + line + " of " + Self.megabytes(progress.bytesTotal)
            if fraction > 0.01 {
                line += "  ETA " + Self.duration(elapsed / fraction - elapsed)
            }
        }
        line += String(format: "  %.0f/s", Double(progress.articles) / elapsed)
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        drawn = true
    }

    /// Removes the line, before other output or at the end.
    func clear() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }

    private static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }

    private static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600 ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
            : String(format: "%d:%02d", total / 60, total % 60)
    }
}
