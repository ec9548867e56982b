/// Where a text may be cut into posts, and what each part weighs.
///
/// A cut never falls inside a URL, mention, hashtag, cashtag, emoji sequence or grapheme. Cuts at
/// white space are word breaks; those after a sentence's end (. ! ? … possibly followed by a
/// closing quote or bracket) or at a line break are also sentence breaks. CJK text, which has no
/// spaces, breaks after 。！？ (sentences) and 、， (words).
struct TweetThreadBreaks {
    struct Break {
        /// Where the post ends.
        var at: Int
        /// Where the next post starts: white space at the cut is dropped.
        var resume: Int
    }

    let start: Int
    let end: Int
    /// For each position from `start` to `end`, the weight of the items that end at or before it.
    private var weightBefore: [Int]
    private var isCuttable: [Bool]
    private(set) var wordBreaks: [Break] = []
    private(set) var sentenceBreaks: [Break] = []

    init(units: UnsafeBufferPointer<UInt16>, body: Range<Int>, weigher: TweetTextWeigher) {
        start = body.lowerBound
        end = body.upperBound
        weightBefore = Array(repeating: 0, count: body.count + 1)
        isCuttable = Array(repeating: false, count: body.count + 1)
        measureItems(units, weigher)
        keepEntitiesWhole(units)
        keepGraphemesWhole(units)
        findBreaks(units)
    }

    /// The weight of the text between two positions that are item boundaries.
    func weight(from: Int, to: Int) -> Int {
        weightBefore[to - start] - weightBefore[from - start]
    }

    /// The last break after `from` whose text from `from` weighs at most `allowance`.
    func lastBreak(in breaks: [Break], from: Int, allowance: Int) -> Break? {
        let limit = weightBefore[from - start] + allowance
        var low = 0
        var high = breaks.count
        while low < high {
            let middle = (low + high) / 2
            if weightBefore[breaks[middle].at - start] <= limit {
                low = middle + 1
            } else {
                high = middle
            }
        }
        guard low > 0, breaks[low - 1].at > from else { return nil }
        return breaks[low - 1]
    }

    /// The last position after `from` where a cut is possible and the text from `from` weighs at
    /// most `allowance`: a cut inside a word, for a word longer than a post.
    func lastCut(from: Int, allowance: Int) -> Int? {
        let limit = weightBefore[from - start] + allowance
        var low = from - start
        var high = end - start
        while low < high {
            let middle = (low + high + 1) / 2
            if weightBefore[middle] <= limit { low = middle } else { high = middle - 1 }
        }
        var position = low + start
        while position > from, !isCuttable[position - start] { position -= 1 }
        return position > from ? position : nil
    }

    /// The weight of the first item that cannot be cut from `from` (for error messages).
    func firstWholeWeight(from: Int) -> Int {
        var position = from + 1
        while position < end, !isCuttable[position - start] { position += 1 }
        return weight(from: from, to: position)
    }

    // MARK: Building

    private mutating func measureItems(_ units: UnsafeBufferPointer<UInt16>, _ weigher: TweetTextWeigher) {
        var urls = TweetTextURLScanner(units: units, extractsURLsWithoutProtocol: true)
        var nextURL = urls.next()
        while let url = nextURL, url.lowerBound < start { nextURL = urls.next() }
        var weight = 0
        var index = start
        isCuttable[0] = true
        while index < end {
            var itemEnd: Int
            if let url = nextURL, url.lowerBound == index {
                itemEnd = url.upperBound
                weight += weigher.urlWeight
                nextURL = urls.next()
            } else {
                let item = weigher.item(in: units, at: index)
                itemEnd = item.end
                weight += item.weight
            }
            itemEnd = min(itemEnd, end)
            let before = weightBefore[index - start]
            for position in index + 1..<itemEnd { weightBefore[position - start] = before }
            weightBefore[itemEnd - start] = weight
            isCuttable[itemEnd - start] = true
            index = itemEnd
        }
    }

    private mutating func keepEntitiesWhole(_ units: UnsafeBufferPointer<UInt16>) {
        let entities = TweetTextHashtagScanner.hashtags(in: units) + TweetTextMentionScanner.mentionsOrLists(in: units)
            + TweetTextCashtagScanner.cashtags(in: units)
        for entity in entities {
            for position in max(entity.range.lowerBound + 1, start)..<max(min(entity.range.upperBound, end), start) {
                isCuttable[position - start] = false
            }
        }
    }

    private mutating func keepGraphemesWhole(_ units: UnsafeBufferPointer<UInt16>) {
        let text = String(decoding: UnsafeBufferPointer(rebasing: units[start..<end]), as: UTF16.self)
        var offset = 0
        var boundaries = Array(repeating: false, count: end - start + 1)
        boundaries[0] = true
        for character in text {
            offset += character.utf16.count
            boundaries[offset] = true
        }
        for position in boundaries.indices where !boundaries[position] { isCuttable[position] = false }
    }

    private mutating func findBreaks(_ units: UnsafeBufferPointer<UInt16>) {
        var index = start + 1
        while index < end {
            let u = units[index]
            if Self.isBreakingSpace(u), !Self.isBreakingSpace(units[index - 1]) {
                var resume = index
                var hasLineBreak = false
                while resume < end, Self.isBreakingSpace(units[resume]) {
                    hasLineBreak = hasLineBreak || Self.isLineBreak(units[resume])
                    resume += 1
                }
                if resume < end {
                    add(Break(at: index, resume: resume), isSentenceEnd: hasLineBreak || endsSentence(units, before: index))
                }
                index = resume
                continue
            }
            if Self.isCJKSentenceEnd(units[index - 1]) || Self.isCJKPause(units[index - 1]) {
                var at = index
                while at < end, Self.isClosingPunctuation(units[at]) { at += 1 }
                // Followed by white space, the break is found there.
                if at < end, !Self.isBreakingSpace(units[at]) {
                    add(Break(at: at, resume: at), isSentenceEnd: Self.isCJKSentenceEnd(units[index - 1]))
                }
            }
            index += 1
        }
    }

    private mutating func add(_ candidate: Break, isSentenceEnd: Bool) {
        guard isCuttable[candidate.at - start], isCuttable[candidate.resume - start],
            wordBreaks.last.map({ $0.at < candidate.at }) ?? true
        else { return }
        wordBreaks.append(candidate)
        if isSentenceEnd { sentenceBreaks.append(candidate) }
    }

    /// Whether the text before the white space at `index` ends a sentence.
    private func endsSentence(_ units: UnsafeBufferPointer<UInt16>, before index: Int) -> Bool {
        var position = index - 1
        while position > start, Self.isClosingPunctuation(units[position]) { position -= 1 }
        switch units[position] {
        case 0x21, 0x2E, 0x3F, 0x2026: return true  // ! . ? …
        default: return Self.isCJKSentenceEnd(units[position])
        }
    }

    /// White space at which a line may wrap; no-break spaces are left alone.
    static func isBreakingSpace(_ u: UInt16) -> Bool {
        TweetTextCharacterClass.isSpace(u) && u != 0x00A0 && u != 0x2007 && u != 0x202F
    }

    private static func isLineBreak(_ u: UInt16) -> Bool {
        u == 0x0A || u == 0x0D || u == 0x85 || u == 0x2028 || u == 0x2029
    }

    private static func isCJKSentenceEnd(_ u: UInt16) -> Bool {
        u == 0x3002 || u == 0xFF01 || u == 0xFF1F || u == 0xFF0E  // 。！？．
    }

    private static func isCJKPause(_ u: UInt16) -> Bool {
        u == 0x3001 || u == 0xFF0C  // 、，
    }

    private static func isClosingPunctuation(_ u: UInt16) -> Bool {
        switch u {
        case 0x22, 0x27, 0x29, 0x5D, 0x7D, 0xBB, 0x2019, 0x201D, 0x300D, 0x300F, 0xFF09: true
        default: false
        }
    }
}
