import Foundation

/// Groups customer messages into topics as they arrive (online, one pass): a message joins the
/// topic whose centroid its words are closest to by cosine similarity, when that is at least
/// `joinThreshold`, or starts a topic. Words are weighted by their rarity so far (inverse
/// document frequency over the messages seen), so the words every message shares ("app",
/// "order") pull less than the ones that say what it is about ("refund", "password"); a word in
/// every message so far weighs nothing.
///
/// A topic's label is its three heaviest words, as customers wrote them.
public struct TopicClusterer: Sendable {
    public var joinThreshold: Double
    /// Words a topic keeps in its centroid (its heaviest); the rest are dropped as it grows.
    public var wordsKept = 60
    /// Words of a message read (its first ones).
    public var wordsRead = 40

    public private(set) var topics: [Topic] = []
    private var documentFrequency: [String: Int] = [:]
    private var documents = 0
    /// Word → topics holding it in their centroid.
    private var postings: [String: [Int]] = [:]
    private let tokenizer: IssueClusterer

    /// Chosen on the development split (EVALUATION.md).
    public static let defaultThreshold = 0.03

    public struct Topic: Sendable, Equatable {
        public var id: Int
        public var size: Int
        /// Sum of its members' unit vectors.
        public var centroid: [String: Double]
        public var forms: [String: String]
        /// The @names its first message addressed. A message addressing others never joins it:
        /// a topic is about one brand's product, so a mixed stream keeps its brands apart.
        public var addressed: Set<String>

        var norm: Double { centroid.values.reduce(0) { $0 + $1 * $1 }.squareRoot() }

        /// The heaviest words, as written, heaviest first (ties by the word).
        public func topWords(_ count: Int) -> [String] {
            centroid.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(count).map { forms[$0.key] ?? $0.key }
        }

        public var label: String { topWords(3).joined(separator: " · ") }
    }

    public init(joinThreshold: Double = defaultThreshold, brand: BrandDirectory = BrandDirectory(handles: [])) {
        self.joinThreshold = joinThreshold
        tokenizer = IssueClusterer(brand: brand)
    }

    /// The @names a message addresses, lower-cased.
    static func mentions(in text: String) -> Set<String> {
        Set(text.split(whereSeparator: { $0.isWhitespace }).compactMap { token -> String? in
            guard token.hasPrefix("@") else { return nil }
            let name = token.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.lowercased()
            return name.isEmpty ? nil : name
        })
    }

    /// The topic `text` joins or starts; nil when it has no content words (a bare "@brand hi").
    public mutating func assign(_ text: String) -> Int? {
        let written = Array(tokenizer.words(of: text).prefix(wordsRead))
        guard !written.isEmpty else { return nil }
        let addressed = Self.mentions(in: text)
        documents += 1
        for word in written { documentFrequency[word.stem, default: 0] += 1 }
        var vector: [String: Double] = [:]
        for word in written { vector[word.stem] = log(Double(documents + 1) / Double(documentFrequency[word.stem, default: 1])) }
        let length = vector.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for key in vector.keys { vector[key]! /= length }

        var candidates = Set<Int>()
        for word in vector.keys { for topic in postings[word] ?? [] { candidates.insert(topic) } }
        var best: (topic: Int, similarity: Double)?
        for index in candidates.sorted() {
            let topic = topics[index]
            guard addressed.isEmpty || topic.addressed.isEmpty || !addressed.isDisjoint(with: topic.addressed) else { continue }
            var dot = 0.0
            for (word, weight) in vector { dot += weight * (topic.centroid[word] ?? 0) }
            let similarity = dot / topic.norm
            if similarity >= joinThreshold, best == nil || similarity > best!.similarity { best = (index, similarity) }
        }
        let index: Int
        if let best {
            index = best.topic
        } else {
            index = topics.count
            topics.append(Topic(id: index, size: 0, centroid: [:], forms: [:], addressed: addressed))
        }
        var topic = topics[index]
        let before = Set(topic.centroid.keys)
        for (word, weight) in vector { topic.centroid[word, default: 0] += weight }
        for word in written where topic.forms[word.stem] == nil { topic.forms[word.stem] = word.form }
        if topic.centroid.count > wordsKept {
            let kept = Set(topic.centroid.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(wordsKept).map(\.key))
            topic.centroid = topic.centroid.filter { kept.contains($0.key) }
            topic.forms = topic.forms.filter { kept.contains($0.key) }
        }
        topic.size += 1
        let after = Set(topic.centroid.keys)
        for word in after.subtracting(before) { postings[word, default: []].append(index) }
        for word in before.subtracting(after) { postings[word]?.removeAll { $0 == index } }
        topics[index] = topic
        return index
    }
}
