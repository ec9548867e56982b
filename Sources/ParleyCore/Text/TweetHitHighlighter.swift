/// Wraps search hits in a post's HTML in a tag, as twitter-text's hit highlighter does.
///
/// Hits are UTF-16 offsets into the text the HTML shows, tags not counted, so they can be
/// computed on the post's text and applied to its autolinked HTML. A hit boundary that falls where
/// tags meet goes inside the next element, except that a hit ending in the element where it
/// started closes there: the result stays well nested ("<a><em>user</em></a>").
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
        var chunksLength = 0
        var cursor = 0
        var openedInChunk = false
        for (number, boundary) in boundaries.enumerated() {
            let marker = tags[number % 2]
            var placed = false
            while chunkIndex < chunks.count, boundary >= chunksLength + chunks[chunkIndex].count {
                let chunk = chunks[chunkIndex]
                output += units[chunk.lowerBound + cursor..<chunk.upperBound]
                if openedInChunk, boundary == chunksLength + chunk.count {
                    output += marker
                    placed = true
                }
                if chunkIndex + 1 < chunks.count {
                    output += [0x3C] + units[chunks[chunkIndex + 1]] + [0x3E]
                }
                chunksLength += chunk.count
                cursor = 0
                chunkIndex += 2
                openedInChunk = false
            }
            guard !placed else { continue }
            if chunkIndex < chunks.count {
                let chunk = chunks[chunkIndex]
                let spot = boundary - chunksLength
                output += units[chunk.lowerBound + cursor..<chunk.lowerBound + spot]
                output += marker
                cursor = spot
                openedInChunk = number % 2 == 0
            } else {
                output += marker
            }
        }
        if chunkIndex < chunks.count {
            output += units[chunks[chunkIndex].lowerBound + cursor..<chunks[chunkIndex].upperBound]
            for index in chunkIndex + 1..<chunks.count {
                output += index % 2 == 0 ? Array(units[chunks[index]]) : [0x3C] + units[chunks[index]] + [0x3E]
            }
        }
        return String(decoding: output, as: UTF16.self)
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
