import Foundation

/// What a person typed into search, as phrases of plain words: `refund "never arrived"` is two
/// phrases, `refund` and `never arrived`. A word is a run of letters and digits; everything else
/// (quotes, `*`, `-`, `:`, parentheses, `NEAR(`, SQL) only separates words, so no input can become
/// engine syntax. Each database builds its own query from these words (SQLite FTS5 quoted strings,
/// PostgreSQL `phraseto_tsquery`), and `highlights(in:)` finds the same phrases in a text.
public struct SearchTerms: Sendable, Equatable {
    /// At most `maxPhrases`, each at most `maxWordsPerPhrase` words, in the order typed.
    public private(set) var phrases: [[String]]

    /// Bounds the work one query can ask of the index (each phrase is one more doclist to merge).
    public static let maxPhrases = 16
    public static let maxWordsPerPhrase = 16

    public init(parsing text: String) {
        var phrases: [[String]] = []
        var inQuotes = false
        var current = ""
        func flush() {
            // Outside quotes each word is its own phrase, except that a word with inner punctuation
            // ("e-mail", "don't") stays one phrase, as the indexes split it into adjacent words.
            let words = inQuotes ? [Self.words(in: current)] : current.split(whereSeparator: \.isWhitespace).map { Self.words(in: String($0)) }
            phrases += words.filter { !$0.isEmpty }.map { Array($0.prefix(Self.maxWordsPerPhrase)) }
            current = ""
        }
        for character in text {
            if character == "\"" || character == "\u{201C}" || character == "\u{201D}" {
                flush()
                inQuotes.toggle()
            } else {
                current.append(character)
            }
        }
        flush()
        var unique: [[String]] = []
        for phrase in phrases where !unique.contains(where: { Self.fold($0.joined(separator: " ")) == Self.fold(phrase.joined(separator: " ")) }) {
            unique.append(phrase)
        }
        self.phrases = Array(unique.prefix(Self.maxPhrases))
    }

    public var isEmpty: Bool { phrases.isEmpty }

    /// Runs of letters and digits, as SQLite's unicode61 tokenizer and PostgreSQL's parser split
    /// plain words.
    public static func words(in text: String) -> [String] {
        tokens(in: text).map(\.word)
    }

    /// Case and accents ignored, as the indexes do (`remove_diacritics 2`; PostgreSQL's fold function).
    public static func fold(_ word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Where the phrases occur in `text`, as UTF-16 offsets, sorted and merged: what the index
    /// matched, found again here rather than taken from database markup.
    public func highlights(in text: String) -> [Range<Int>] {
        guard !phrases.isEmpty else { return [] }
        let tokens = Self.tokens(in: text)
        let folded = tokens.map { Self.fold($0.word) }
        var hits: [Range<Int>] = []
        for phrase in phrases.map({ $0.map(Self.fold) }) where phrase.count <= folded.count {
            for start in 0...(folded.count - phrase.count) where folded[start..<start + phrase.count].elementsEqual(phrase) {
                hits.append(tokens[start].range.lowerBound..<tokens[start + phrase.count - 1].range.upperBound)
            }
        }
        var merged: [Range<Int>] = []
        for hit in hits.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, hit.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, hit.upperBound)
            } else {
                merged.append(hit)
            }
        }
        return merged
    }

    /// `text` as HTML: every character escaped, hits wrapped in `<mark>`. Safe for `#unsafeHTML`.
    public static func highlightedHTML(_ text: String, hits: [Range<Int>]) -> String {
        TweetHitHighlighter.highlight(TweetAutolinker.escape(text), hits: hits, tag: "mark")
    }

    private static func tokens(in text: String) -> [(word: String, range: Range<Int>)] {
        var result: [(String, Range<Int>)] = []
        var word = ""
        var start = 0
        var offset = 0
        for character in text {
            let length = character.utf16.count
            if character.isLetter || character.isNumber {
                if word.isEmpty { start = offset }
                word.append(character)
            } else if !word.isEmpty {
                result.append((word, start..<offset))
                word = ""
            }
            offset += length
        }
        if !word.isEmpty { result.append((word, start..<offset)) }
        return result
    }
}
