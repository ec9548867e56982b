/// Cashtags, as twitter-text finds them.
///
/// A cashtag is `$` and 1 to 6 ASCII letters, optionally followed by `.` or `_` and 1 or 2 letters
/// ("$BRK.A", "$TEST_T"). It starts the text or follows a space, and is followed by the end, a space
/// or ASCII punctuation.
enum TweetTextCashtagScanner {
    private typealias Class = TweetTextCharacterClass

    private static let maxSymbolLength = 6
    private static let maxSuffixLength = 2

    static func cashtags(in units: UnsafeBufferPointer<UInt16>) -> [TextEntity] {
        var entities: [TextEntity] = []
        appendCashtags(in: units, to: &entities)
        return entities
    }

    static func appendCashtags(in units: UnsafeBufferPointer<UInt16>, to entities: inout [TextEntity]) {
        var consumed = 0
        for index in units.indices where units[index] == 0x24 {
            guard index == 0 || (index - 1 >= consumed && Class.isSpace(units[index - 1])),
                let end = symbolEnd(units, from: index + 1)
            else { continue }
            consumed = end
            entities.append(TextEntity(kind: .cashtag, range: index..<end, value: units.tweetTextString(index + 1..<end)))
        }
    }

    private static func symbolEnd(_ units: UnsafeBufferPointer<UInt16>, from start: Int) -> Int? {
        let nameEnd = lettersEnd(units, from: start)
        guard (1...maxSymbolLength).contains(nameEnd - start) else { return nil }
        if nameEnd < units.count, units[nameEnd] == 0x2E || units[nameEnd] == 0x5F {
            let suffixEnd = lettersEnd(units, from: nameEnd + 1)
            if (1...maxSuffixLength).contains(suffixEnd - nameEnd - 1), mayEnd(units, at: suffixEnd) {
                return suffixEnd
            }
        }
        return mayEnd(units, at: nameEnd) ? nameEnd : nil
    }

    private static func lettersEnd(_ units: UnsafeBufferPointer<UInt16>, from start: Int) -> Int {
        var end = start
        while end < units.count, Class.isASCIILetter(units[end]) { end += 1 }
        return end
    }

    private static func mayEnd(_ units: UnsafeBufferPointer<UInt16>, at index: Int) -> Bool {
        index == units.count || Class.isSpace(units[index]) || Class.isASCIIPunctuation(units[index])
    }
}
