/// A short passage of an article around the first place search found its words, as HTML with the
/// words in `<mark>` (every other character escaped, as `SearchTerms.highlightedHTML` builds it).
public enum ArticleSnippet {
    public static let length = 180

    public static func html(_ text: String, terms: SearchTerms) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        let utf16 = Array(flat.utf16)
        let hits = terms.highlights(in: flat)
        var start = 0
        if let first = hits.first, first.lowerBound > length / 3 {
            start = first.lowerBound - length / 3
            // Start at a word.
            while start < first.lowerBound, start > 0, utf16[start - 1] != 0x20 { start += 1 }
        }
        var end = min(utf16.count, start + length)
        while end < utf16.count, end > start, utf16[end] != 0x20, end - start < length + 30 { end += 1 }
        // Never cut a surrogate pair.
        if start > 0, start < utf16.count, UTF16.isTrailSurrogate(utf16[start]) { start += 1 }
        if end < utf16.count, end > 0, UTF16.isLeadSurrogate(utf16[end - 1]) { end -= 1 }
        let passage = String(decoding: utf16[start..<end], as: UTF16.self)
        let shifted = hits.compactMap { hit -> Range<Int>? in
            let lower = max(hit.lowerBound, start) - start
            let upper = min(hit.upperBound, end) - start
            return lower < upper ? lower..<upper : nil
        }
        return (start > 0 ? "… " : "") + SearchTerms.highlightedHTML(passage, hits: shifted.map { $0 }) + (end < utf16.count ? " …" : "")
    }
}
