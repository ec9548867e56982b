/// Inline Markdown: backslash escapes, code spans, `*emphasis*`, `**strong**`, `[links](url "title")`,
/// `![images](url)`, `<https://autolinks>` and hard line breaks. Everything else is text.
///
/// A delimiter looks for its closer within `window` characters, among the positions that can
/// close (found once per text), so hostile input (`[[[[…`, `_a _a _a…`) costs near-linear time.
struct MarkdownInlineParser: Sendable {
    static let window = 2_000
    static let maxDepth = 6

    func parse(_ text: String) -> [MarkdownInline] {
        let characters = Array(text)
        return Pass(closers: Closers(characters)).parse(characters[...], depth: 0)
    }

    /// Where in the text a `*` or `_` run could close emphasis (not after a space), and where a
    /// link's `](` is: sorted positions.
    struct Closers {
        var star: [Int] = []
        var underscore: [Int] = []
        var linkEnds: [Int] = []

        init(_ chars: [Character]) {
            for (i, c) in chars.enumerated() {
                switch c {
                case "*" where i > 0 && !chars[i - 1].isWhitespace: star.append(i)
                case "_" where i > 0 && !chars[i - 1].isWhitespace: underscore.append(i)
                case "]" where i + 1 < chars.count && chars[i + 1] == "(": linkEnds.append(i)
                default: break
                }
            }
        }

        /// The first position in `positions` at or after `start`.
        static func first(in positions: [Int], from start: Int) -> Int {
            var low = 0
            var high = positions.count
            while low < high {
                let mid = (low + high) / 2
                if positions[mid] < start { low = mid + 1 } else { high = mid }
            }
            return low
        }
    }

    private struct Pass {
    let closers: Closers

    func parse(_ chars: ArraySlice<Character>, depth: Int) -> [MarkdownInline] {
        var result: [MarkdownInline] = []
        var buffer = ""
        func flush() {
            if !buffer.isEmpty { result.append(.text(buffer)) }
            buffer = ""
        }
        var i = chars.startIndex
        let end = chars.endIndex
        while i < end {
            let c = chars[i]
            switch c {
            case "\\" where i + 1 < end && chars[i + 1] == "\n":
                flush()
                result.append(.lineBreak)
                i += 2
            case "\\" where i + 1 < end && chars[i + 1].isASCII && chars[i + 1].isPunctuationOrSymbol:
                buffer.append(chars[i + 1])
                i += 2
            case "\n":
                if buffer.hasSuffix("  ") {
                    while buffer.hasSuffix(" ") { buffer.removeLast() }
                    flush()
                    result.append(.lineBreak)
                } else {
                    buffer.append("\n")
                }
                i += 1
            case "`":
                let run = run(of: "`", in: chars, at: i)
                if let close = findRun(of: "`", length: run, in: chars, from: i + run) {
                    flush()
                    var code = String(chars[(i + run)..<close]).replacingOccurrences(of: "\n", with: " ")
                    if code.count > 2, code.hasPrefix(" "), code.hasSuffix(" "), code.contains(where: { $0 != " " }) {
                        code = String(code.dropFirst().dropLast())
                    }
                    result.append(.code(code))
                    i = close + run
                } else {
                    buffer += String(repeating: "`", count: run)
                    i += run
                }
            case "!" where i + 1 < end && chars[i + 1] == "[":
                if let link = link(in: chars, at: i + 1) {
                    flush()
                    result.append(.image(source: link.destination, alt: plainText(parse(link.label, depth: depth + 1))))
                    i = link.end
                } else {
                    buffer.append(c)
                    i += 1
                }
            case "[" where depth < MarkdownInlineParser.maxDepth:
                if let link = link(in: chars, at: i) {
                    flush()
                    let label = parse(link.label, depth: depth + 1).flatMap(Self.unlinked)
                    result.append(.link(destination: link.destination, title: link.title, label))
                    i = link.end
                } else {
                    buffer.append(c)
                    i += 1
                }
            case "<":
                if let (destination, next) = autolink(in: chars, at: i) {
                    flush()
                    result.append(.link(destination: destination, title: nil, [.text(destination)]))
                    i = next
                } else {
                    buffer.append(c)
                    i += 1
                }
            case "*", "_" where depth < MarkdownInlineParser.maxDepth:
                let length = min(run(of: c, in: chars, at: i), 3)
                if canOpen(c, in: chars, at: i, length: length),
                    let close = closer(of: c, length: length, in: chars, from: i + length)
                {
                    flush()
                    let inner = parse(chars[(i + length)..<close], depth: depth + 1)
                    switch length {
                    case 1: result.append(.emphasis(inner))
                    case 2: result.append(.strong(inner))
                    default: result.append(.strong([.emphasis(inner)]))
                    }
                    i = close + length
                } else {
                    let whole = run(of: c, in: chars, at: i)
                    buffer += String(repeating: c, count: whole)
                    i += whole
                }
            default:
                buffer.append(c)
                i += 1
            }
        }
        flush()
        return result
    }

    /// A link inside a link's text is its text: HTML cannot nest anchors.
    private static func unlinked(_ inline: MarkdownInline) -> [MarkdownInline] {
        switch inline {
        case let .link(_, _, label): label
        case let .emphasis(inner): [.emphasis(inner.flatMap(unlinked))]
        case let .strong(inner): [.strong(inner.flatMap(unlinked))]
        default: [inline]
        }
    }

    private func run(of c: Character, in chars: ArraySlice<Character>, at i: Int) -> Int {
        var j = i
        while j < chars.endIndex, chars[j] == c { j += 1 }
        return j - i
    }

    /// The start of the next run of exactly `length` `c`s within the window.
    private func findRun(of c: Character, length: Int, in chars: ArraySlice<Character>, from start: Int) -> Int? {
        var j = start
        let limit = min(chars.endIndex, start + MarkdownInlineParser.window)
        while j < limit {
            if chars[j] == c {
                let n = run(of: c, in: chars, at: j)
                if n == length { return j }
                j += n
            } else {
                j += 1
            }
        }
        return nil
    }

    private func canOpen(_ c: Character, in chars: ArraySlice<Character>, at i: Int, length: Int) -> Bool {
        guard i + length < chars.endIndex, !chars[i + length].isWhitespace else { return false }
        if c == "_", i > chars.startIndex, chars[i - 1].isLetter || chars[i - 1].isNumber { return false }
        return true
    }

    /// The closing run for an opener of `length` `c`s: at least as long, not after a space, and
    /// for `_` not inside a word.
    private func closer(of c: Character, length: Int, in chars: ArraySlice<Character>, from start: Int) -> Int? {
        let positions = c == "*" ? closers.star : closers.underscore
        let limit = min(chars.endIndex, start + MarkdownInlineParser.window)
        var k = Closers.first(in: positions, from: start + 1)
        while k < positions.count, positions[k] < limit {
            let j = positions[k]
            // Only the start of a run counts.
            if chars[j - 1] == c { k += 1; continue }
            let n = run(of: c, in: chars, at: j)
            let intoWord = c == "_" && j + n < chars.endIndex && (chars[j + n].isLetter || chars[j + n].isNumber)
            if n >= length, !intoWord { return j + (n - length) }
            k += 1
        }
        return nil
    }

    private struct LinkParts {
        var label: ArraySlice<Character>
        var destination: String
        var title: String?
        var end: Int
    }

    /// `[label](destination "title")` starting at the `[`.
    private func link(in chars: ArraySlice<Character>, at open: Int) -> LinkParts? {
        let end = Closers.first(in: closers.linkEnds, from: open)
        guard end < closers.linkEnds.count, closers.linkEnds[end] < min(chars.endIndex, open + MarkdownInlineParser.window) else { return nil }
        var depth = 0
        var j = open
        let limit = min(chars.endIndex, open + MarkdownInlineParser.window)
        var close: Int?
        while j < limit {
            switch chars[j] {
            case "\\": j += 1
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 { close = j }
            default: break
            }
            if close != nil { break }
            j += 1
        }
        guard let close, close + 1 < chars.endIndex, chars[close + 1] == "(" else { return nil }
        var k = close + 2
        while k < chars.endIndex, chars[k] == " " { k += 1 }
        var destination = ""
        var parens = 0
        if k < chars.endIndex, chars[k] == "<" {
            k += 1
            while k < chars.endIndex, chars[k] != ">", chars[k] != "\n", k < limit + 2_048 {
                destination.append(chars[k])
                k += 1
            }
            guard k < chars.endIndex, chars[k] == ">" else { return nil }
            k += 1
        } else {
            while k < chars.endIndex, k < close + 2_050 {
                let ch = chars[k]
                if ch == " " || ch == "\n" { break }
                if ch == "(" { parens += 1 }
                if ch == ")" {
                    if parens == 0 { break }
                    parens -= 1
                }
                if ch == "\\", k + 1 < chars.endIndex { k += 1 }
                destination.append(chars[k])
                k += 1
            }
        }
        while k < chars.endIndex, chars[k] == " " || chars[k] == "\n" { k += 1 }
        var title: String?
        if k < chars.endIndex, let quote = chars[k] == "\"" ? Character("\"") : (chars[k] == "'" ? Character("'") : nil) {
            var t = ""
            k += 1
            while k < chars.endIndex, chars[k] != quote, t.count < 300 {
                t.append(chars[k])
                k += 1
            }
            guard k < chars.endIndex, chars[k] == quote else { return nil }
            title = t
            k += 1
            while k < chars.endIndex, chars[k] == " " { k += 1 }
        }
        guard k < chars.endIndex, chars[k] == ")" else { return nil }
        return LinkParts(label: chars[(open + 1)..<close], destination: destination, title: title, end: k + 1)
    }

    /// `<https://…>` or `<mailto:…>`: no spaces or angle brackets inside.
    private func autolink(in chars: ArraySlice<Character>, at open: Int) -> (String, Int)? {
        var j = open + 1
        var text = ""
        while j < chars.endIndex, j < open + 2_050 {
            let ch = chars[j]
            if ch == ">" { break }
            if ch == "<" || ch.isWhitespace { return nil }
            text.append(ch)
            j += 1
        }
        guard j < chars.endIndex, chars[j] == ">" else { return nil }
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") else { return nil }
        return (text, j + 1)
    }

    func plainText(_ inlines: [MarkdownInline]) -> String {
        MarkdownPlainText.text(of: inlines)
    }
    }
}

private extension Character {
    var isPunctuationOrSymbol: Bool { isPunctuation || isSymbol }
}
