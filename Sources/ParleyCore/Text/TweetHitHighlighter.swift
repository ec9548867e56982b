/// Wraps search hits in a post's HTML in a tag, as twitter-text's hit highlighter does.
///
/// Hits are UTF-16 offsets into the text the HTML shows, tags not counted, so they can be
/// computed on the post's text and applied to its autolinked HTML; a character reference such as
/// `&amp;` counts as the one character it shows (twitter-text counts its five, as the HTML it
/// highlights was never escaped). A hit boundary that falls where tags meet goes inside the next
/// element, except that a hit ending in the element where it started closes there: the result
/// stays well nested ("<a><em>user</em></a>").
public enum TweetHitHighlighter {
    public static func highlight(_ html: String, hits: [Range<Int>], tag: String = "em") -> String {
        guard !hits.isEmpty else { return html }
        let units = Array(html.utf16)
        // Text and tags alternate: chunks at even indices are text, at odd indices tags.
        var chunks: [Range<Int>] = []
        var chunkStart = 0
        for index in units.indices where units[index] == 0x3C || units[index] == 0x3E {
            chunks.append(chunkStart..<index)
            chunkStart = index + 1
        }
        chunks.append(chunkStart..<units.count)

        let tags = [Array("<\(tag)>".utf16), Array("</\(tag)>".utf16)]
        let boundaries = merged(hits).flatMap { [max($0.lowerBound, 0), max($0.upperBound, 0)] }
        var output: [UInt16] = []
        output.reserveCapacity(units.count + boundaries.count * (tag.utf16.count + 3))
        var chunkIndex = 0
        var text = TextChunk(units, chunks[0])
        var shownBefore = 0
        var cursor = 0
        var openedInChunk = false
        for (number, boundary) in boundaries.enumerated() {
            let marker = tags[number % 2]
            var placed = false
            while chunkIndex < chunks.count, boundary >= shownBefore + text.shownCount {
                output += units[text.htmlOffset(of: cursor)..<chunks[chunkIndex].upperBound]
                if openedInChunk, boundary == shownBefore + text.shownCount {
                    output += marker
                    placed = true
                }
                if chunkIndex + 1 < chunks.count {
                    output += [0x3C] + units[chunks[chunkIndex + 1]] + [0x3E]
                }
                shownBefore += text.shownCount
                cursor = 0
                chunkIndex += 2
                openedInChunk = false
                if chunkIndex < chunks.count { text = TextChunk(units, chunks[chunkIndex]) }
            }
            guard !placed else { continue }
            if chunkIndex < chunks.count {
                let spot = boundary - shownBefore
                output += units[text.htmlOffset(of: cursor)..<text.htmlOffset(of: spot)]
                output += marker
                cursor = spot
                openedInChunk = number % 2 == 0
            } else {
                output += marker
            }
        }
        if chunkIndex < chunks.count {
            output += units[text.htmlOffset(of: cursor)..<chunks[chunkIndex].upperBound]
            for index in chunkIndex + 1..<chunks.count {
                output += index % 2 == 0 ? Array(units[chunks[index]]) : [0x3C] + units[chunks[index]] + [0x3E]
            }
        }
        return String(decoding: output, as: UTF16.self)
    }

    /// A run of text between tags: where each shown character starts in the HTML.
    private struct TextChunk {
        private var starts: [Int] = []
        private let end: Int

        init(_ units: [UInt16], _ range: Range<Int>) {
            end = range.upperBound
            var index = range.lowerBound
            while index < range.upperBound {
                starts.append(index)
                index = Self.referenceEnd(units, at: index, limit: range.upperBound) ?? index + 1
            }
        }

        var shownCount: Int { starts.count }

        func htmlOffset(of shown: Int) -> Int { shown < starts.count ? starts[shown] : end }

        /// The end of a character reference ("&amp;", "&#39;") starting at `index`.
        private static func referenceEnd(_ units: [UInt16], at index: Int, limit: Int) -> Int? {
            guard units[index] == 0x26 else { return nil }
            var end = index + 1
            while end < limit, end - index <= 32, TweetTextCharacterClass.isASCIIAlphanumeric(units[end]) || units[end] == 0x23 {
                end += 1
            }
            return end > index + 1 && end < limit && units[end] == 0x3B ? end + 1 : nil
        }
    }

    /// Sorted, with overlapping hits joined, so that tags always nest.
    private static func merged(_ hits: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for hit in hits.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, hit.lowerBound < last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, hit.upperBound)
            } else {
                result.append(hit)
            }
        }
        return result
    }
}
