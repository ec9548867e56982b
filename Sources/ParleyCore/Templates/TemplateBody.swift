/// A template's text, parsed into literal text and placeholders.
///
/// Every `{{` must open a known placeholder closed by `}}` on the same line, and every `}}` must
/// close one: there is no escape, because X would show a literal `{{` to the customer anyway.
/// Single braces are ordinary text. Spaces and tabs inside the braces are ignored
/// (`{{ customer.name }}`).
public struct TemplateBody: Sendable, Hashable {
    public enum Segment: Sendable, Hashable {
        case text(String)
        case placeholder(TemplatePlaceholder)
    }

    public var segments: [Segment]

    /// The placeholders the body uses, each once, in order of first use.
    public var placeholders: [TemplatePlaceholder] {
        var seen: [TemplatePlaceholder] = []
        for case let .placeholder(p) in segments where !seen.contains(p) { seen.append(p) }
        return seen
    }

    public init(parsing body: String) throws(TemplateError) {
        let units = Array(body.utf16)
        let open: UInt16 = 0x7B, close: UInt16 = 0x7D, newline: UInt16 = 0x0A, cr: UInt16 = 0x0D

        func pair(_ brace: UInt16, at i: Int) -> Bool {
            i + 1 < units.count && units[i] == brace && units[i + 1] == brace
        }
        func string(_ range: Range<Int>) -> String {
            String(decoding: units[range], as: UTF16.self)
        }
        func position(_ offset: Int) -> TemplatePosition {
            TemplatePosition(character: string(0..<offset).count + 1, utf16Offset: offset)
        }
        /// Up to 40 units from `start`, stopping at a line end, to quote in an error.
        func excerpt(from start: Int, through end: Int? = nil) -> String {
            var stop = min(end ?? units.count, start + 40, units.count)
            if let lineEnd = units[start..<stop].firstIndex(where: { $0 == newline || $0 == cr }) { stop = lineEnd }
            // Never cut a surrogate pair in half.
            if stop < units.count, stop > start, UTF16.isLeadSurrogate(units[stop - 1]) { stop -= 1 }
            return string(start..<stop)
        }

        var segments: [Segment] = []
        var textStart = 0
        var i = 0
        while i < units.count {
            if pair(close, at: i) {
                throw .unbalancedBraces(excerpt(from: max(0, i - 10), through: i + 2), at: position(i))
            }
            guard pair(open, at: i) else {
                i += 1
                continue
            }
            var j = i + 2
            var end: Int?
            while j < units.count, units[j] != newline, units[j] != cr {
                if pair(close, at: j) {
                    end = j
                    break
                }
                if pair(open, at: j) { break }
                j += 1
            }
            guard let end else { throw .unclosedPlaceholder(excerpt(from: i), at: position(i)) }
            let inner = string(i + 2..<end)
            let name = inner.trimmingSpacesAndTabs()
            if name.contains("{") || name.contains("}") || (end + 2 < units.count && units[end + 2] == close) {
                throw .unbalancedBraces(excerpt(from: i, through: min(end + 3, units.count)), at: position(i))
            }
            guard !name.isEmpty else { throw .emptyPlaceholder(at: position(i)) }
            guard let placeholder = TemplatePlaceholder(rawValue: name) else {
                throw .unknownPlaceholder(name, at: position(i), suggestion: TemplatePlaceholder.suggestion(for: name))
            }
            if textStart < i { segments.append(.text(string(textStart..<i))) }
            segments.append(.placeholder(placeholder))
            i = end + 2
            textStart = i
        }
        if textStart < units.count { segments.append(.text(string(textStart..<units.count))) }
        self.segments = segments
    }
}

extension String {
    fileprivate func trimmingSpacesAndTabs() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
