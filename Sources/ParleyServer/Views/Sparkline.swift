import Foundation

/// A series drawn as a small SVG line, from numbers only: the template puts `points` in a
/// polyline and `label` (which says the figures in words) in the image's accessible name.
struct Sparkline: Encodable, Sendable {
    var width: Int
    var height: Int
    var points: String
    var label: String

    init(values: [Double], width: Int = 160, height: Int = 32, describing subject: String) {
        self.width = width
        self.height = height
        let peak = max(values.max() ?? 0, 1)
        let step = values.count > 1 ? Double(width - 2) / Double(values.count - 1) : 0
        points = values.enumerated().map { index, value in
            String(format: "%.1f,%.1f", 1 + Double(index) * step, Double(height - 1) - value / peak * Double(height - 2))
        }.joined(separator: " ")
        let total = Int(values.reduce(0, +))
        label = "\(subject): \(total) posts in the last \(values.count * 5 / 60) hours, at most \(Int(peak)) in 5 minutes"
    }
}
