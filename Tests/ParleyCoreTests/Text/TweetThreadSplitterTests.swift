import Foundation
import Testing
@testable import ParleyCore

@Suite("Thread splitting")
struct TweetThreadSplitterTests {
    private let splitter = TweetThreadSplitter()

    @Test func textThatFitsStaysOnePostWithoutCounter() throws {
        #expect(try splitter.split("  Thanks for waiting, your refund is on its way.\n") == [
            "Thanks for waiting, your refund is on its way."
        ])
    }

    @Test func cutsAtTheLastSentenceEndThatKeepsThePostHalfFull() throws {
        let text = "Your order shipped today. It should arrive by Friday at the latest. Reply here if it does not."
        #expect(try split(text, limit: 50) == [
            "Your order shipped today. 1/3", "It should arrive by Friday at the latest. 2/3",
            "Reply here if it does not. 3/3",
        ])
        // With room for 55 characters, "Your order shipped today." would leave the post less than
        // half full: the cut moves to the last word that fits.
        #expect(try split(text, limit: 60) == [
            "Your order shipped today. It should arrive by Friday at 1/2", "the latest. Reply here if it does not. 2/2",
        ])
    }

    @Test func cutsCJKTextAfterItsPunctuation() throws {
        let text = "故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。"
        #expect(try split(text, limit: 40) == ["故人西辞黄鹤楼，烟花三月下扬州。 1/2", "孤帆远影碧空尽，唯见长江天际流。 2/2"])
        #expect(try split(text, limit: 20) == ["故人西辞黄鹤楼， 1/4", "烟花三月下扬州。 2/4", "孤帆远影碧空尽， 3/4", "唯见长江天际流。 4/4"])
    }

    @Test func neverCutsALink() throws {
        let text = "Reset it here: https://example.com/account/password/reset?token=abcdef then sign in again."
        // The link weighs 23 wherever it is cut from: it moves whole to the second post.
        #expect(try split(text, limit: 40) == [
            "Reset it here: 1/3", "https://example.com/account/password/reset?token=abcdef then sign in 2/3", "again. 3/3",
        ])
    }

    private func split(_ text: String, limit: Int) throws -> [String] {
        var configuration = TweetTextConfiguration.v3
        configuration.maxWeightedLength = limit
        return try TweetThreadSplitter(configuration: configuration).split(text)
    }

    @Test func everyPostOfAReplyThreadStartsWithTheReplyMentions() throws {
        let text = "@customer  @colleague, " + String(repeating: "We are looking into your booking now. ", count: 20)
        let posts = try splitter.split(text)
        #expect(posts.count > 1)
        #expect(posts[0].hasPrefix("@customer  @colleague, We are"))
        for (number, post) in posts.enumerated() {
            #expect(number == 0 || post.hasPrefix("@customer @colleague We are"))
            #expect(post.hasSuffix(" \(number + 1)/\(posts.count)"))
            #expect(TweetTextExtractor().replyScreenName(in: post) == "customer")
            #expect(TweetTextParser.parse(post).isValid)
        }
    }

    @Test func refusesWhatCannotBePosted() {
        #expect(throws: TweetThreadSplitError.empty) { try splitter.split(" \n\t ") }
        #expect(throws: TweetThreadSplitError.invalidCharacters) { try splitter.split("bad \u{FFFF} char") }
        let hugeHashtag = "#" + String(repeating: "a", count: 400)
        #expect(throws: TweetThreadSplitError.self) { try splitter.split("see " + hugeHashtag) }
    }

    @Test(arguments: 0..<150)
    func randomTextsSplitIntoValidPostsKeepingWordsAndEntities(seed: Int) throws {
        var random = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15 &+ UInt64(seed))
        let adversarial = seed % 3 == 0
        let text = ThreadTextGenerator.text(&random, adversarial: adversarial)
        let posts = try splitter.split(text)
        try ThreadProperties.check(text: text, posts: posts, configuration: .v3)
    }

    @Test(arguments: [60, 100, 140])
    func smallLimitsToo(limit: Int) throws {
        var configuration = TweetTextConfiguration.v3
        configuration.maxWeightedLength = limit
        for seed in 0..<30 {
            var random = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15 &+ UInt64(1000 + seed + limit))
            let text = ThreadTextGenerator.text(&random, adversarial: false, maxWordWeight: limit / 4)
            let posts = try TweetThreadSplitter(configuration: configuration).split(text)
            try ThreadProperties.check(text: text, posts: posts, configuration: configuration)
        }
    }

    @Test func splitsAMegabyteInLinearTime() throws {
        var random = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15 &+ 42)
        var text = ""
        while text.utf16.count < 1_000_000 { text += ThreadTextGenerator.text(&random, adversarial: false) + "\n" }
        let posts = try splitter.split(text)
        #expect(posts.count > 3000)
        try ThreadProperties.check(text: text, posts: posts, configuration: .v3)
    }
}

/// What every split must satisfy.
enum ThreadProperties {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func check(text: String, posts: [String], configuration: TweetTextConfiguration) throws {
        for post in posts where !TweetTextParser.parse(post, configuration: configuration).isValid {
            throw Failure(description: "invalid post (\(TweetTextParser.parse(post, configuration: configuration).weightedLength)): \(post)")
        }
        let normalized = TweetTextNormalizer.nfc(text)
        guard posts.count > 1 else {
            #expect(posts == [normalized.trimmingCharacters(in: .whitespacesAndNewlines)])
            return
        }
        let replyMentions = leadingMentions(of: normalized)
        let prefix = replyMentions.isEmpty ? "" : replyMentions.joined(separator: " ") + " "
        var bodies: [String] = []
        for (number, post) in posts.enumerated() {
            let counter = " \(number + 1)/\(posts.count)"
            let postPrefix = number == 0 ? "" : prefix
            guard post.hasPrefix(postPrefix), post.hasSuffix(counter) else {
                throw Failure(description: "post \(number + 1) lacks its reply mentions or counter: \(post)")
            }
            bodies.append(String(post.dropFirst(postPrefix.count).dropLast(counter.count)))
        }

        // Nothing lost, added or reordered but white space at the cuts.
        let original = Array(normalized.utf16)
        var cursor = 0
        var cuts: [Int] = []
        var rejoined = ""
        for body in bodies {
            let next = skipSpace(original, from: cursor)
            if next > cursor, !cuts.isEmpty { rejoined += " " }
            rejoined += body
            cursor = next
            let units = Array(body.utf16)
            guard cursor + units.count <= original.count, Array(original[cursor..<cursor + units.count]) == units else {
                throw Failure(description: "post text not found in order: \(body)")
            }
            cursor += units.count
            cuts.append(cursor)
        }
        guard skipSpace(original, from: cursor) == original.count else {
            throw Failure(description: "text left over after the last post")
        }

        // No cut inside an entity, an emoji sequence or a grapheme.
        var isGraphemeBoundary = Array(repeating: false, count: original.count + 1)
        var offset = 0
        isGraphemeBoundary[0] = true
        for character in normalized {
            offset += character.utf16.count
            isGraphemeBoundary[offset] = true
        }
        var entities = TweetTextExtractor().entities(in: normalized)[...]
        for cut in cuts.dropLast() {
            guard isGraphemeBoundary[cut] else { throw Failure(description: "cut inside a grapheme at \(cut)") }
            while let entity = entities.first, entity.range.upperBound <= cut { entities.removeFirst() }
            if let entity = entities.first, entity.range.lowerBound < cut {
                throw Failure(description: "cut inside \(entity.kind) \(entity.value)")
            }
        }

        // The posts' texts, joined where the text was cut (with a space where white space was
        // dropped), give back the original words.
        let words = normalized.split(whereSeparator: \.isWhitespace)
        let rejoinedWords = rejoined.split(whereSeparator: \.isWhitespace)
        guard words == rejoinedWords else {
            let index = zip(words, rejoinedWords).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(words.count, rejoinedWords.count)
            throw Failure(description: "words changed at \(index): \(words[index...].prefix(3)) became \(rejoinedWords[index...].prefix(3))")
        }
    }

    private static func leadingMentions(of text: String) -> [String] {
        guard TweetTextExtractor().replyScreenName(in: text) != nil else { return [] }
        let units = Array(text.utf16)
        let mentions = TweetTextExtractor().mentions(in: text)
        var result: [String] = []
        var position = skipSpace(units, from: 0)
        while let mention = mentions.first(where: { $0.range.lowerBound == position }) {
            result.append(String(decoding: units[mention.range], as: UTF16.self))
            position = skipSpace(units, from: mention.range.upperBound)
        }
        return result
    }

    private static func skipSpace(_ units: [UInt16], from start: Int) -> Int {
        var index = start
        while index < units.count, units[index] <= 0x20 || TweetTextCharacterClass.isSpace(units[index]) { index += 1 }
        return index
    }
}

/// Texts mixing what makes splitting hard: URLs, mentions, hashtags, cashtags, emoji sequences,
/// CJK without spaces, decomposed accents, sentence ends and line breaks; adversarial texts add
/// words, CJK runs and emoji runs longer than a post.
enum ThreadTextGenerator {
    private static let words = [
        "order", "refund", "the", "delivery", "we're", "sorry", "café", "naïve", "e\u{301}te\u{301}", "Ünïcödé",
        "(see", "this)", "\"quoted\"", "status:", "100%", "$20", "well-known", "don't", "ok", "a",
    ]
    private static let emoji = ["😀", "👨‍👩‍👧‍👦", "🇫🇷", "👍🏽", "1️⃣", "❤️‍🔥", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "✌︎", "©️"]
    private static let cjk = Array("故人西辞黄鹤楼烟花三月下扬州孤帆远影碧空尽唯见长江天际流").map(String.init)
    private static let entities = [
        "https://example.com/help/orders?id=123", "http://t.co/AbCdEf123", "example.co.uk/path", "@acme_support",
        "@user/list-name", "#OrderHelp", "#日本語ハッシュタグ", "$AAPL", "https://例え.jp/ページ", "www.example.org",
    ]
    private static let ends = [".", "!", "?", "…", "。", "、", ","]

    static func text(_ random: inout SplitMix64, adversarial: Bool, maxWordWeight: Int = 280) -> String {
        var parts: [String] = []
        if Bool.random(using: &random) { parts.append("@customer_\(Int.random(in: 1...99, using: &random))") }
        let count = Int.random(in: 1...160, using: &random)
        for _ in 0..<count {
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<55: parts.append(words.randomElement(using: &random)!)
            case 55..<65: parts.append(entities.randomElement(using: &random)!)
            case 65..<73: parts.append((0..<Int.random(in: 1...3, using: &random)).map { _ in emoji.randomElement(using: &random)! }.joined())
            case 73..<80:
                let length = Int.random(in: 1...min(40, maxWordWeight / 2), using: &random)
                parts.append((0..<length).map { _ in cjk.randomElement(using: &random)! }.joined() + "。")
            case 80..<90 where !parts.isEmpty: parts[parts.count - 1] += ends.randomElement(using: &random)!
            case 90..<94: parts.append("\n")
            case 94..<97 where adversarial:
                parts.append(String(repeating: "x", count: Int.random(in: 250...700, using: &random)))
            case 97..<99 where adversarial:
                parts.append((0..<Int.random(in: 150...400, using: &random)).map { _ in cjk.randomElement(using: &random)! }.joined())
            case 99 where adversarial:
                parts.append((0..<Int.random(in: 140...300, using: &random)).map { _ in emoji.randomElement(using: &random)! }.joined())
            default:
                parts.append(String(repeating: "long", count: Int.random(in: 1...max(1, min(7, maxWordWeight / 8)), using: &random)))
            }
        }
        return parts.joined(separator: " ")
    }
}
