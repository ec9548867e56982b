import Foundation

/// One case as the response-time report reads it: when its messages were written (by the
/// customer or the brand, by their own timestamps, so a replayed stream reports its original
/// times) and when it was resolved.
public struct CaseTimeline: Sendable, Equatable {
    public var conversationID: UUID
    /// `(at, fromBrand)` for each message, in any order.
    public var messages: [(at: Date, fromBrand: Bool)]
    public var resolvedAt: Date?

    public init(conversationID: UUID, messages: [(at: Date, fromBrand: Bool)], resolvedAt: Date?) {
        self.conversationID = conversationID
        self.messages = messages
        self.resolvedAt = resolvedAt
    }

    public static func == (a: CaseTimeline, b: CaseTimeline) -> Bool {
        a.conversationID == b.conversationID && a.resolvedAt == b.resolvedAt
            && a.messages.map(\.at) == b.messages.map(\.at) && a.messages.map(\.fromBrand) == b.messages.map(\.fromBrand)
    }

    /// The customer's first message: when the case's clock starts.
    public var firstCustomerMessage: Date? {
        var first: Date?
        for message in messages where !message.fromBrand && first.map({ message.at < $0 }) ?? true { first = message.at }
        return first
    }

    /// Seconds from the customer's first message to the brand's first message after it; nil when
    /// the brand has not answered. A case reopened later keeps its first response: the reopening
    /// is counted by the next-response figures, never as a slow first one.
    public var firstResponseSeconds: Double? {
        guard let start = firstCustomerMessage, let answer = firstResponseAt else { return nil }
        return answer.timeIntervalSince(start)
    }

    /// Seconds from the customer's first message to the case's resolution; nil while it is open.
    public var resolutionSeconds: Double? {
        guard let start = firstCustomerMessage, let resolvedAt, resolvedAt >= start else { return nil }
        return resolvedAt.timeIntervalSince(start)
    }
}

/// `parley report response-times --json`: over the cases opened in a period, how soon the brand
/// first answered and how soon cases were resolved. Percentiles are nearest-rank (the p90 is a
/// time 90% of cases met); an unanswered case counts as unanswered, not as a time.
public struct ResponseTimeReport: Sendable, Equatable, Codable {
    public struct FirstResponse: Sendable, Equatable, Codable {
        public var answered: Int
        public var unanswered: Int
        public var medianSeconds: Double?
        public var p90Seconds: Double?
        public var meanSeconds: Double?

        enum CodingKeys: String, CodingKey {
            case answered, unanswered
            case medianSeconds = "median_seconds"
            case p90Seconds = "p90_seconds"
            case meanSeconds = "mean_seconds"
        }

        /// Every key present; a figure of no cases is `null`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(answered, forKey: .answered)
            try container.encode(unanswered, forKey: .unanswered)
            try container.encode(medianSeconds, forKey: .medianSeconds)
            try container.encode(p90Seconds, forKey: .p90Seconds)
            try container.encode(meanSeconds, forKey: .meanSeconds)
        }
    }

    public struct Resolution: Sendable, Equatable, Codable {
        public var resolved: Int
        public var medianSeconds: Double?
        public var p90Seconds: Double?

        enum CodingKeys: String, CodingKey {
            case resolved
            case medianSeconds = "median_seconds"
            case p90Seconds = "p90_seconds"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(resolved, forKey: .resolved)
            try container.encode(medianSeconds, forKey: .medianSeconds)
            try container.encode(p90Seconds, forKey: .p90Seconds)
        }
    }

    public var conversations: Int
    public var firstResponse: FirstResponse
    public var resolution: Resolution

    enum CodingKeys: String, CodingKey {
        case conversations
        case firstResponse = "first_response"
        case resolution
    }

    public init(_ cases: [CaseTimeline]) {
        let responses = cases.compactMap(\.firstResponseSeconds).sorted()
        let resolutions = cases.compactMap(\.resolutionSeconds).sorted()
        conversations = cases.count
        firstResponse = FirstResponse(
            answered: responses.count, unanswered: cases.count - responses.count, medianSeconds: Self.percentile(responses, 0.5),
            p90Seconds: Self.percentile(responses, 0.9), meanSeconds: responses.isEmpty ? nil : responses.reduce(0, +) / Double(responses.count))
        resolution = Resolution(resolved: resolutions.count, medianSeconds: Self.percentile(resolutions, 0.5), p90Seconds: Self.percentile(resolutions, 0.9))
    }

    /// Nearest rank of sorted values: the smallest value at or above the share `p` of them.
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
