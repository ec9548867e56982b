import Foundation

/// A customer message as the topics page groups it.
public struct TopicMessage: Sendable, Equatable {
    public var conversationID: UUID
    public var handleID: UUID
    public var text: String
    public var at: Date

    public init(conversationID: UUID, handleID: UUID, text: String, at: Date) {
        self.conversationID = conversationID
        self.handleID = handleID
        self.text = text
        self.at = at
    }
}

/// What customers wrote about over a period, for the product team: each handle's messages
/// grouped into topics in the order they came (`TopicClusterer`, the brand's own names left
/// out), with their size, cases, the last day's count and whether that is a trend, the bug
/// reports and suggestions among them, and the latest samples; and the hashtags used.
public struct TopicDigest: Sendable, Equatable {
    public struct Topic: Sendable, Equatable {
        public var handleID: UUID
        public var label: String
        public var messages: Int
        public var cases: Int
        public var lastDay: Int
        /// The last 24 hours brought at least 3 and twice the topic's daily rate before.
        public var trending: Bool
        public var bugs: Int
        public var suggestions: Int
        public var firstSeen: Date
        public var lastSeen: Date
        /// The latest three, newest first.
        public var samples: [String]
    }

    public struct Hashtag: Sendable, Equatable {
        public var tag: String
        public var uses: Int
        public var lastDay: Int
    }

    public var messages: Int
    public var topics: [Topic]
    public var hashtags: [Hashtag]

    /// `messages` in any order; `handles` name the brands whose own words are left out.
    public init(_ messages: [TopicMessage], handles: [Handle], from: Date, to: Date) {
        self.messages = messages.count
        let dayStart = to.addingTimeInterval(-86_400)
        let days = max(1, to.timeIntervalSince(from) / 86_400)
        var topics: [Topic] = []
        for (handleID, own) in Dictionary(grouping: messages, by: \.handleID).sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            var clusterer = TopicClusterer(brand: BrandDirectory(handles: handles.filter { $0.id == handleID }))
            var members: [Int: [TopicMessage]] = [:]
            for message in own.sorted(by: { $0.at < $1.at }) {
                if let topic = clusterer.assign(message.text) { members[topic, default: []].append(message) }
            }
            for (index, group) in members {
                let recent = group.filter { $0.at >= dayStart }.count
                let before = Double(group.count - recent) / max(1, days - 1)
                let kinds = group.map { FeedbackCues.kind(of: $0.text) }
                topics.append(Topic(
                    handleID: handleID, label: clusterer.topics[index].label, messages: group.count,
                    cases: Set(group.map(\.conversationID)).count, lastDay: recent, trending: recent >= 3 && Double(recent) >= 2 * before,
                    bugs: kinds.filter { $0 == .bug }.count, suggestions: kinds.filter { $0 == .suggestion }.count,
                    firstSeen: group.map(\.at).min() ?? from, lastSeen: group.map(\.at).max() ?? from,
                    samples: group.sorted { $0.at > $1.at }.prefix(3).map(\.text)))
            }
        }
        self.topics = topics.sorted { ($0.messages, $0.lastSeen, $0.label) > ($1.messages, $1.lastSeen, $1.label) }
        var uses: [String: (Int, Int)] = [:]
        let extractor = TweetTextExtractor()
        for message in messages {
            for tag in Set(extractor.hashtags(in: message.text).map { $0.value.lowercased() }) {
                uses[tag, default: (0, 0)].0 += 1
                if message.at >= dayStart { uses[tag, default: (0, 0)].1 += 1 }
            }
        }
        hashtags = uses.map { Hashtag(tag: $0.key, uses: $0.value.0, lastDay: $0.value.1) }
            .sorted { ($0.uses, $0.lastDay, $1.tag) > ($1.uses, $1.lastDay, $0.tag) }
    }
}
