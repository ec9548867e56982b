import Foundation

/// The editor's text form of a flow's nodes, one block per node:
///
/// ```
/// question start: Does the song play when you are online?
///   [Yes] -> offline
///   [No] -> contact
///
/// guidance offline: Download it again
///   Open the playlist and switch **Download** off and on.
///   article: listen-offline-troubleshooting
///   [Done] -> works
///
/// solved works: Enjoy your music
/// contact contact: We'll take it from here
/// ```
///
/// A node starts at the line's beginning with its kind (`question`, `guidance`, `solved`,
/// `contact`), its key and its text; its indented lines are answers (`[label] -> key`), linked
/// articles (`article: slug`) or its Markdown body. `#` at a line's beginning is a comment. The
/// first node is the start. `render` writes what `parse` reads, so a saved flow edits as text.
public enum FlowOutline {
    public static let maxLength = 200_000

    public static func parse(_ text: String) throws(FlowError) -> [FlowNode] {
        guard text.count <= maxLength else { throw .outline(line: 1, "The outline is \(text.count) characters; at most \(maxLength).") }
        var nodes: [FlowNode] = []
        var body: [String] = []
        var indent: Int?

        func finish() {
            guard !nodes.isEmpty else { return }
            while body.last?.isEmpty == true { body.removeLast() }
            while body.first?.isEmpty == true { body.removeFirst() }
            nodes[nodes.count - 1].body = body.joined(separator: "\n")
            body = []
            indent = nil
        }

        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let line = raw.replacingOccurrences(of: "\t", with: "    ")
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if !nodes.isEmpty, indent != nil { body.append("") }
                continue
            }
            let leading = line.prefix { $0 == " " }.count
            if leading == 0 {
                if trimmed.hasPrefix("#") { continue }
                finish()
                nodes.append(try header(trimmed, line: number))
                continue
            }
            guard !nodes.isEmpty else { throw .outline(line: number, "Indented text before the first node; start with a line like \"question start: Is it plugged in?\".") }
            if let answer = answer(trimmed) {
                nodes[nodes.count - 1].answers.append(answer)
            } else if trimmed.hasPrefix("article:") {
                nodes[nodes.count - 1].articles.append(String(trimmed.dropFirst("article:".count)).trimmingCharacters(in: .whitespaces))
            } else {
                let strip = min(leading, indent ?? leading)
                if indent == nil { indent = leading }
                body.append(String(line.dropFirst(strip)))
            }
        }
        finish()
        return nodes
    }

    public static func render(_ nodes: [FlowNode]) -> String {
        nodes.map { node in
            var lines = ["\(node.kind.rawValue) \(node.key): \(node.text)"]
            if !node.body.isEmpty {
                lines += node.body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }
            }
            lines += node.articles.map { "  article: \($0)" }
            lines += node.answers.map { "  [\($0.label)] -> \($0.next)" }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
    }

    private static func header(_ line: String, line number: Int) throws(FlowError) -> FlowNode {
        let kindWord = line.prefix { !$0.isWhitespace }
        guard let kind = FlowNode.Kind(rawValue: String(kindWord)) else {
            throw .outline(line: number, "\"\(kindWord.prefix(30))\" is not a kind of node: a node starts with question, guidance, solved or contact (indent a node's other lines).")
        }
        let rest = line.dropFirst(kindWord.count).trimmingCharacters(in: .whitespaces)
        guard let colon = rest.firstIndex(of: ":") else {
            throw .outline(line: number, "Name the node and give its text: \"\(kind.rawValue) some-name: the text\".")
        }
        let key = rest[..<colon].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { throw .outline(line: number, "The node has no name before the colon.") }
        return FlowNode(key: key, kind: kind, text: rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    /// `[label] -> key`
    private static func answer(_ line: String) -> FlowAnswer? {
        guard line.hasPrefix("["), let close = line.range(of: "]", options: .backwards) else { return nil }
        let after = line[close.upperBound...].trimmingCharacters(in: .whitespaces)
        guard after.hasPrefix("->") else { return nil }
        let target = after.dropFirst(2).trimmingCharacters(in: .whitespaces)
        guard !target.isEmpty, !target.contains(" ") else { return nil }
        return FlowAnswer(label: String(line[line.index(after: line.startIndex)..<close.lowerBound]), next: target)
    }
}
