import Foundation

/// A timeline as one self-contained SVG chart: axes, period labels, bars for one series or a
/// line per series, a legend, and each point's counts in its tooltip. No scripts, no fonts or
/// styles from elsewhere; every text from the user (queries) escaped.
public enum TimelineChart {
    static let colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]

    public static func svg(_ timeline: Timeline, title: String? = nil) -> String {
        let width = 860.0, height = 380.0
        let left = 56.0, right = 20.0, top = 40.0, bottom = 70.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let periods = timeline.series.first?.points.map(\.period) ?? []
        let maxCount = max(1, timeline.series.flatMap(\.points).map(\.count).max() ?? 1)
        let step = niceStep(Double(maxCount) / 5)
        let yMax = max(step, (Double(maxCount) / step).rounded(.up) * step)
        let slot = plotWidth / Double(max(1, periods.count))
        func x(_ index: Int) -> Double { left + slot * (Double(index) + 0.5) }
        func y(_ count: Int) -> Double { top + plotHeight * (1 - Double(count) / yMax) }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" height="\(Int(height))" \
            font-family="sans-serif" font-size="12" role="img">
            <title>\(escape(title ?? "Timeline by \(timeline.granularity.rawValue)"))</title>
            <rect width="100%" height="100%" fill="#ffffff"/>

            """
        if let title { svg += "<text x=\"\(left)\" y=\"22\" font-size=\"15\" font-weight=\"bold\">\(escape(title))</text>\n" }
        // The y axis, with grid lines.
        var tick = 0.0
        while tick <= yMax + 0.5 {
            let position = top + plotHeight * (1 - tick / yMax)
            svg += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(position))\" y2=\"\(f(position))\" stroke=\"#e5e5e5\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(position + 4))\" text-anchor=\"end\" fill=\"#555\">\(Int(tick))</text>\n"
            tick += step
        }
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(left))\" y1=\"\(f(top))\" y2=\"\(f(top + plotHeight))\" stroke=\"#333\"/>"
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(top + plotHeight))\" y2=\"\(f(top + plotHeight))\" stroke=\"#333\"/>\n"
        // Period labels: at most about 12, evenly spaced.
        let every = max(1, Int((Double(periods.count) / 12).rounded(.up)))
        for (index, period) in periods.enumerated() where index % every == 0 {
            svg += "<text x=\"\(f(x(index)))\" y=\"\(f(top + plotHeight + 16))\" text-anchor=\"end\" fill=\"#333\" "
                + "transform=\"rotate(-35 \(f(x(index))) \(f(top + plotHeight + 16)))\">\(escape(period))</text>\n"
        }
        for (number, series) in timeline.series.enumerated() {
            let colour = colours[number % colours.count]
            let name = escape(series.query ?? "all articles")
            if timeline.series.count == 1 {
                let barWidth = max(1, slot * 0.8)
                for (index, point) in series.points.enumerated() {
                    let top = y(point.count)
                    svg += "<rect x=\"\(f(x(index) - barWidth / 2))\" y=\"\(f(top))\" width=\"\(f(barWidth))\" "
                        + "height=\"\(f(y(0) - top))\" fill=\"\(colour)\"><title>\(tooltip(name, point))</title></rect>\n"
                }
            } else {
                let path = series.points.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(f(x($0.offset))),\(f(y($0.element.count)))" }
                svg += "<path d=\"\(path.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
                for (index, point) in series.points.enumerated() {
                    svg += "<circle cx=\"\(f(x(index)))\" cy=\"\(f(y(point.count)))\" r=\"3\" fill=\"\(colour)\">"
                        + "<title>\(tooltip(name, point))</title></circle>\n"
                }
            }
            // The legend, top right, one line a series.
            let legendY = top + 14 + Double(number) * 16
            svg += "<rect x=\"\(f(width - right - 200))\" y=\"\(f(legendY - 9))\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
            svg += "<text x=\"\(f(width - right - 185))\" y=\"\(f(legendY))\">\(name) (\(series.points.map(\.count).reduce(0, +)))</text>\n"
        }
        if timeline.undated > 0 {
            svg += "<text x=\"\(f(left))\" y=\"\(f(height - 8))\" fill=\"#555\">\(timeline.undated) undated, not shown</text>\n"
        }
        return svg + "</svg>\n"
    }

    private static func tooltip(_ name: String, _ point: Timeline.Point) -> String {
        "\(name), \(escape(point.period)): \(point.count) of \(point.total) (\(String(format: "%.1f", point.share * 100))%)"
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 1 else { return 1 }
        let power = pow(10, floor(log10(raw)))
        for factor in [1.0, 2, 5, 10] where factor * power >= raw { return factor * power }
        return 10 * power
    }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String { XMLTree.escape(text) }
}
