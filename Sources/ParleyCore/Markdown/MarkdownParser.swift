/// Markdown as help-center authors write it: ATX headings, paragraphs, bullet and numbered lists
/// (nested by indentation), block quotes, fenced code, rules, and inline emphasis, code, links and
/// images. Raw HTML is kept as text. Not every CommonMark corner is followed; what is parsed
/// always renders safely, whatever the input (`MarkdownHTML`).
///
/// Work is bounded for hostile input: nesting stops at `maxDepth` (deeper markers are text) and
/// inline delimiters look for their closer in a bounded window (`MarkdownInlineParser`).
public struct MarkdownParser: Sendable {
    public static let maxDepth = 8

    public init() {}

    public func parse(_ text: String) -> [MarkdownBlock] {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false).map { Self.expandTabs(String($0)) }
        return blocks(lines[...], depth: 0)
    }

    private func blocks(_ lines: ArraySlice<String>, depth: Int) -> [MarkdownBlock] {
        var result: [MarkdownBlock] = []
        var index = lines.startIndex
        let inline = MarkdownInlineParser()
        while index < lines.endIndex {
            let line = lines[index]
            let trimmed = Self.leadingTrimmed(line)
            if trimmed.isEmpty {
                index += 1
                continue
            }
            if let fence = Self.fence(line) {
                var body: [String] = []
                index += 1
                while index < lines.endIndex, !Self.closes(lines[index], fence: fence.marker) {
                    body.append(Self.removingIndent(lines[index], upTo: fence.indent))
                    index += 1
                }
                index = min(index + 1, lines.endIndex)
                result.append(.code(language: fence.language, body.joined(separator: "\n")))
                continue
            }
            if let heading = Self.heading(line) {
                result.append(.heading(level: heading.level, inline.parse(heading.text)))
                index += 1
                continue
            }
            if Self.isRule(line) {
                result.append(.rule)
                index += 1
                continue
            }
            if depth < Self.maxDepth, Self.quoteContent(line) != nil {
                var inner: [String] = []
                while index < lines.endIndex, let content = Self.quoteContent(lines[index]) {
                    inner.append(content)
                    index += 1
                }
                result.append(.quote(blocks(inner[...], depth: depth + 1)))
                continue
            }
            if depth < Self.maxDepth, let first = Self.listMarker(line) {
                var items: [[MarkdownBlock]] = []
                while index < lines.endIndex, let marker = Self.listMarker(lines[index]), marker.ordered == first.ordered,
                    marker.indent < first.contentIndent
                {
                    var itemLines = [marker.content]
                    index += 1
                    while index < lines.endIndex {
                        let next = lines[index]
                        if Self.leadingTrimmed(next).isEmpty {
                            // A blank line continues the item only when indented content follows.
                            var look = index + 1
                            while look < lines.endIndex, Self.leadingTrimmed(lines[look]).isEmpty { look += 1 }
                            guard look < lines.endIndex, Self.indent(of: lines[look]) >= marker.contentIndent else { break }
                            itemLines.append("")
                            index += 1
                            continue
                        }
                        if Self.indent(of: next) >= marker.contentIndent {
                            itemLines.append(Self.removingIndent(next, upTo: marker.contentIndent))
                        } else if Self.listMarker(next) == nil, Self.startsBlock(next) == false, itemLines.last?.isEmpty == false {
                            // A lazy continuation of the item's paragraph.
                            itemLines.append(Self.leadingTrimmed(next))
                        } else {
                            break
                        }
                        index += 1
                    }
                    items.append(blocks(itemLines[...], depth: depth + 1))
                    while index < lines.endIndex, Self.leadingTrimmed(lines[index]).isEmpty,
                        index + 1 < lines.endIndex, Self.listMarker(lines[index + 1])?.ordered == first.ordered
                    {
                        index += 1
                    }
                }
                result.append(.list(ordered: first.ordered, start: first.number, items: items))
                continue
            }
            var paragraph = [trimmed]
            index += 1
            while index < lines.endIndex, !Self.leadingTrimmed(lines[index]).isEmpty, !Self.startsBlock(lines[index]) {
                paragraph.append(Self.leadingTrimmed(lines[index]))
                index += 1
            }
            result.append(.paragraph(inline.parse(paragraph.joined(separator: "\n"))))
        }
        return result
    }

    // MARK: line shapes

    private static func startsBlock(_ line: String) -> Bool {
        fence(line) != nil || heading(line) != nil || isRule(line) || quoteContent(line) != nil || listMarker(line) != nil
    }

    private static func expandTabs(_ line: String) -> String {
        guard line.contains("\t") else { return line }
        var result = ""
        for character in line {
            if character == "\t" {
                result += String(repeating: " ", count: 4 - result.count % 4)
            } else {
                result.append(character)
            }
        }
        return result
    }

    static func indent(of line: String) -> Int {
        line.prefix { $0 == " " }.count
    }

    static func leadingTrimmed(_ line: String) -> String {
        String(line.drop { $0 == " " })
    }

    private static func removingIndent(_ line: String, upTo count: Int) -> String {
        String(line.dropFirst(min(count, indent(of: line))))
    }

    private static func fence(_ line: String) -> (marker: String, indent: Int, language: String?)? {
        let indent = indent(of: line)
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        let run = rest.prefix { $0 == first }
        guard run.count >= 3 else { return nil }
        let info = rest.dropFirst(run.count).trimmingSpaces
        if first == "`", info.contains("`") { return nil }
        let word = info.split(separator: " ").first.map(String.init)
        let language = word.flatMap { word -> String? in
            let cleaned = word.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || "+-_.#".contains($0)) }
            return cleaned.isEmpty ? nil : String(cleaned.prefix(32))
        }
        return (String(run), indent, language)
    }

    private static func closes(_ line: String, fence marker: String) -> Bool {
        let trimmed = leadingTrimmed(line).trimmingSpaces
        guard indent(of: line) <= 3, let first = marker.first, trimmed.count >= marker.count else { return false }
        return trimmed.allSatisfy { $0 == first }
    }

    private static func heading(_ line: String) -> (level: Int, text: String)? {
        guard indent(of: line) <= 3 else { return nil }
        let rest = leadingTrimmed(line)
        let hashes = rest.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let after = rest.dropFirst(hashes)
        guard after.isEmpty || after.first == " " else { return nil }
        var text = after.trimmingSpaces
        // A closing run of #s preceded by a space is not part of the text.
        if let last = text.lastIndex(where: { $0 != "#" }) {
            if text[last] == " ", text.index(after: last) < text.endIndex { text = String(text[..<last]).trimmingSpaces }
        } else {
            text = ""
        }
        return (hashes, text)
    }

    private static func isRule(_ line: String) -> Bool {
        guard indent(of: line) <= 3 else { return false }
        let marks = line.filter { $0 != " " }
        guard marks.count >= 3, let first = marks.first, "-*_".contains(first) else { return false }
        return marks.allSatisfy { $0 == first }
    }

    private static func quoteContent(_ line: String) -> String? {
        guard indent(of: line) <= 3 else { return nil }
        let rest = leadingTrimmed(line)
        guard rest.first == ">" else { return nil }
        let after = rest.dropFirst()
        return String(after.first == " " ? after.dropFirst() : after)
    }

    struct ListMarker: Equatable {
        var ordered: Bool
        var number: Int
        var indent: Int
        /// Where the item's content starts: its continuation lines are indented at least this far.
        var contentIndent: Int
        var content: String
    }

    static func listMarker(_ line: String) -> ListMarker? {
        let indent = indent(of: line)
        guard indent <= 3 + 8 * 4 else { return nil }
        let rest = line.dropFirst(indent)
        guard let first = rest.first else { return nil }
        var markerWidth: Int
        var ordered = false
        var number = 1
        if "-*+".contains(first) {
            markerWidth = 1
        } else {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard (1...9).contains(digits.count) else { return nil }
            let after = rest.dropFirst(digits.count)
            guard let delimiter = after.first, delimiter == "." || delimiter == ")" else { return nil }
            markerWidth = digits.count + 1
            ordered = true
            number = Int(digits) ?? 1
        }
        let afterMarker = rest.dropFirst(markerWidth)
        if afterMarker.isEmpty { return ListMarker(ordered: ordered, number: number, indent: indent, contentIndent: indent + markerWidth + 1, content: "") }
        guard afterMarker.first == " " else { return nil }
        let spaces = min(afterMarker.prefix { $0 == " " }.count, 4)
        return ListMarker(
            ordered: ordered, number: number, indent: indent, contentIndent: indent + markerWidth + spaces,
            content: String(afterMarker.dropFirst(spaces)))
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces (only U+0020; Markdown's notion of indentation).
    var trimmingSpaces: String {
        guard let start = firstIndex(where: { $0 != " " }), let end = lastIndex(where: { $0 != " " }) else { return "" }
        return String(self[start...end])
    }
}
