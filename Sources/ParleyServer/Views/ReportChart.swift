import Foundation
import ParleyCore

/// A series over time drawn as vertical bars, with an optional second series as a line (the
/// backlog over the volume bars), by the server from numbers only. Accessible: its title and a
/// description in words name the figures, and the page's table below holds every value.
struct ReportChart: Encodable, Sendable {
    var svg: String

    struct Point {
        var label: String
        var value: Double?
        var line: Double?
    }

    /// `format` writes a value for the axis and the description (e.g. minutes, a share).
    init(id: String, title: String, points: [Point], barName: String, lineName: String? = nil, peak: Double? = nil, format: (Double) -> String) {
        let width = 720, height = 220, left = 56, right = 12, top = 12, bottom = 42
        let plotWidth = Double(width - left - right), plotHeight = Double(height - top - bottom)
        let values = points.compactMap(\.value) + points.compactMap(\.line)
        let top_ = max(peak ?? (values.max() ?? 0), peak == nil ? 1e-9 : 0)
        let scale = top_ > 0 ? top_ : 1
        let slot = plotWidth / Double(max(points.count, 1))
        let barWidth = max(1, slot * 0.7)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="\(id)-title \(id)-desc" \
            width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)">
            <title id="\(id)-title">\(HTMLEscape.text(title, xml: true))</title>
            <desc id="\(id)-desc">\(HTMLEscape.text(Self.describe(points, barName: barName, lineName: lineName, format: format), xml: true))</desc>
            <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(height - bottom)" stroke="#9ca3af"></line>
            <line x1="\(left)" y1="\(height - bottom)" x2="\(width - right)" y2="\(height - bottom)" stroke="#9ca3af"></line>
            <text x="\(left - 6)" y="\(top + 10)" text-anchor="end" font-size="11">\(HTMLEscape.text(format(scale), xml: true))</text>
            <text x="\(left - 6)" y="\(height - bottom)" text-anchor="end" font-size="11">0</text>

            """
        let labelEvery = max(1, points.count / 12)
        var line: [String] = []
        for (index, point) in points.enumerated() {
            let x = Double(left) + Double(index) * slot + (slot - barWidth) / 2
            if let value = point.value {
                let h = max(0, min(1, value / scale)) * plotHeight
                svg += "<rect x=\"\(String(format: "%.1f", x))\" y=\"\(String(format: "%.1f", Double(height - bottom) - h))\" width=\"\(String(format: "%.1f", barWidth))\" height=\"\(String(format: "%.1f", h))\" fill=\"#2563eb\"><title>\(HTMLEscape.text("\(point.label): \(format(value))", xml: true))</title></rect>\n"
            }
            if let value = point.line {
                let y = Double(height - bottom) - max(0, min(1, value / scale)) * plotHeight
                line.append(String(format: "%.1f,%.1f", x + barWidth / 2, y))
            }
            if index % labelEvery == 0 {
                svg += "<text x=\"\(String(format: "%.1f", x + barWidth / 2))\" y=\"\(height - bottom + 14)\" text-anchor=\"middle\" font-size=\"10\">\(HTMLEscape.text(Self.short(point.label), xml: true))</text>\n"
            }
        }
        if !line.isEmpty {
            svg += "<polyline points=\"\(line.joined(separator: " "))\" fill=\"none\" stroke=\"#b45309\" stroke-width=\"2\"></polyline>\n"
        }
        svg += "<rect x=\"\(left)\" y=\"\(height - 16)\" width=\"10\" height=\"10\" fill=\"#2563eb\"></rect><text x=\"\(left + 14)\" y=\"\(height - 7)\" font-size=\"11\">\(HTMLEscape.text(barName, xml: true))</text>\n"
        if let lineName {
            svg += "<line x1=\"\(left + 180)\" y1=\"\(height - 11)\" x2=\"\(left + 194)\" y2=\"\(height - 11)\" stroke=\"#b45309\" stroke-width=\"2\"></line><text x=\"\(left + 198)\" y=\"\(height - 7)\" font-size=\"11\">\(HTMLEscape.text(lineName, xml: true))</text>\n"
        }
        self.svg = svg + "</svg>"
    }

    /// "2026-12-01 14:00" → "12-01 14h"; "2026-12-01" → "12-01"; others as they are.
    static func short(_ label: String) -> String {
        if label.hasPrefix("Week of ") { return String(label.dropFirst("Week of ".count + 5)) }
        guard label.count >= 10, label.dropFirst(4).first == "-" else { return label }
        let day = String(label.dropFirst(5).prefix(5))
        return label.count > 10 ? day + " " + String(label.dropFirst(11).prefix(2)) + "h" : day
    }

    static func describe(_ points: [Point], barName: String, lineName: String?, format: (Double) -> String) -> String {
        let bars = points.compactMap { p in p.value.map { (p.label, $0) } }
        guard let high = bars.max(by: { $0.1 < $1.1 }), let low = bars.min(by: { $0.1 < $1.1 }) else { return "\(barName): no data in the period." }
        var text = "\(barName) over \(points.count) periods: highest \(format(high.1)) (\(high.0)), lowest \(format(low.1)) (\(low.0))"
        if let lineName, let last = points.last(where: { $0.line != nil }), let value = last.line { text += "; \(lineName.lowercased()): \(format(value)) at the end" }
        return text + "."
    }
}
