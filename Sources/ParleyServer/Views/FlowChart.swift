import Foundation
import ParleyCore

/// A flow's reach drawn as horizontal bars, one per node in the flow's order: the share of walks
/// that reached the node, with the share that left there in a second colour. Drawn by the server
/// from numbers only (labels escaped); the page's table below it holds the same figures.
struct FlowChart: Encodable, Sendable {
    var svg: String

    init(stats: FlowStats, title: String) {
        let rowHeight = 22, labelWidth = 170, barWidth = 360, width = labelWidth + barWidth + 90
        let height = rowHeight * max(stats.nodes.count, 1) + 8
        let peak = max(stats.starts, stats.nodes.map(\.reached).max() ?? 0, 1)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="flow-chart-title flow-chart-desc" \
            width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)">
            <title id="flow-chart-title">\(HTMLEscape.text(title, xml: true))</title>
            <desc id="flow-chart-desc">\(HTMLEscape.text(Self.describe(stats), xml: true))</desc>
            """
        for (index, node) in stats.nodes.enumerated() {
            let y = 4 + index * rowHeight
            let reached = Double(node.reached) / Double(peak) * Double(barWidth)
            let left = Double(node.left) / Double(peak) * Double(barWidth)
            let fill = node.kind == .solved ? "#15803d" : node.kind == .contact ? "#b45309" : "#2563eb"
            let label = node.key.count > 24 ? String(node.key.prefix(23)) + "…" : node.key
            svg += """
                <text x="\(labelWidth - 6)" y="\(y + 15)" text-anchor="end" font-size="12">\(HTMLEscape.text(label, xml: true))</text>
                <rect x="\(labelWidth)" y="\(y + 3)" width="\(String(format: "%.1f", reached))" height="\(rowHeight - 6)" fill="\(fill)"></rect>
                <rect x="\(labelWidth)" y="\(y + 3)" width="\(String(format: "%.1f", left))" height="\(rowHeight - 6)" fill="#dc2626"></rect>
                <text x="\(labelWidth + Int(reached) + 6)" y="\(y + 15)" font-size="12">\(node.reached)\(node.left > 0 ? " (\(node.left) left)" : "")</text>

                """
        }
        self.svg = svg + "</svg>"
    }

    static func describe(_ stats: FlowStats) -> String {
        let most = stats.nodes.filter { !$0.kind.isOutcome }.max { $0.left < $1.left }
        var text = "\(stats.starts) started, \(stats.solved) solved, \(stats.contacted) contacted support, \(stats.left) left part way"
        if let most, most.left > 0 { text += "; most left at \(most.key) (\(most.left))" }
        return text + "."
    }
}
