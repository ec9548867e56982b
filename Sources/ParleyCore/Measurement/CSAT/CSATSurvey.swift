import Foundation

/// A satisfaction survey sent for one resolved case: one per case, answered on a public page
/// (1–5 and a comment), and changeable until it closes.
public struct CSATSurvey: Sendable, Equatable {
    public var id: UUID
    public var conversationID: UUID
    public var customerID: UUID
    public var handleID: UUID
    /// The link's secret part.
    public var token: String
    public var channel: Channel
    public var sentAt: Date
    public var closesAt: Date
    public var rating: Int?
    public var comment: String?
    public var answeredAt: Date?

    public init(id: UUID, conversationID: UUID, customerID: UUID, handleID: UUID, token: String, channel: Channel, sentAt: Date,
                closesAt: Date, rating: Int? = nil, comment: String? = nil, answeredAt: Date? = nil) {
        self.id = id
        self.conversationID = conversationID
        self.customerID = customerID
        self.handleID = handleID
        self.token = token
        self.channel = channel
        self.sentAt = sentAt
        self.closesAt = closesAt
        self.rating = rating
        self.comment = comment
        self.answeredAt = answeredAt
    }

    /// A 4 or a 5.
    public var isSatisfied: Bool { (rating ?? 0) >= 4 }
    public func isOpen(at now: Date) -> Bool { now < closesAt }
}

/// When a resolved case gets its survey, and by which channel.
public enum CSATRules {
    /// A survey can be answered, and its answer changed, for this long after it is sent.
    public static let openFor: TimeInterval = 7 * 86_400
    /// At most one survey per customer in this long (X's own feedback cards keep the same limit).
    public static let perCustomer: TimeInterval = 86_400
    public static let excludedTags: Set<String> = ["troll", "spam"]

    public struct Facts: Sendable, Equatable {
        public var state: ConversationState
        public var resolvedAt: Date?
        public var tags: Set<String>
        public var hasDM: Bool
        public var hasEmail: Bool
        /// An admin allows automatic public replies on the case's handle.
        public var publicAllowed: Bool
        public var alreadySurveyed: Bool
        public var customerSurveyedAt: Date?

        public init(state: ConversationState, resolvedAt: Date?, tags: Set<String>, hasDM: Bool, hasEmail: Bool, publicAllowed: Bool,
                    alreadySurveyed: Bool, customerSurveyedAt: Date?) {
            self.state = state
            self.resolvedAt = resolvedAt
            self.tags = tags
            self.hasDM = hasDM
            self.hasEmail = hasEmail
            self.publicAllowed = publicAllowed
            self.alreadySurveyed = alreadySurveyed
            self.customerSurveyedAt = customerSurveyedAt
        }
    }

    public enum Decision: Sendable, Equatable {
        case send(Channel)
        case skip(String)
    }

    /// `delay` after the case was resolved: a survey by DM for a DM case, by e-mail for an
    /// e-mail case, in a public reply only where the handle allows it; never for trolls or spam,
    /// never twice for a case, never to a customer surveyed in the last 24 hours, and not while
    /// the case is open again.
    public static func decide(_ facts: Facts, delay: TimeInterval, now: Date) -> Decision {
        if facts.alreadySurveyed { return .skip("already surveyed") }
        guard facts.state == .resolved, let resolvedAt = facts.resolvedAt else { return .skip("not resolved") }
        guard now.timeIntervalSince(resolvedAt) >= delay - 0.001 else { return .skip("resolved too recently") }
        if !facts.tags.isDisjoint(with: excludedTags) { return .skip("troll or spam") }
        if let last = facts.customerSurveyedAt, now.timeIntervalSince(last) < perCustomer { return .skip("customer surveyed in the last 24 hours") }
        if facts.hasDM { return .send(.dm) }
        if facts.hasEmail { return .send(.email) }
        return facts.publicAllowed ? .send(.public) : .skip("public surveys are off for the handle")
    }

    /// The message carrying the link.
    public static func message(brand: String, url: String, channel: Channel) -> String {
        switch channel {
        case .public: "How did we do? Rate our help from 1 to 5 (10 seconds): \(url)"
        case .dm, .email: "Thanks for contacting \(brand). How did we do? Rate our help from 1 to 5, it takes 10 seconds: \(url)"
        }
    }
}

/// A customer's answer as the survey page takes it.
public struct CSATAnswer: Sendable, Equatable {
    public var rating: Int
    public var comment: String?

    public static let maxComment = 1_000

    /// From the page's fields: a rating 1 to 5, and a comment of at most 1,000 characters
    /// (control characters but line breaks removed, blank taken as none).
    public init(rating raw: String?, comment: String?) throws(CSATError) {
        guard let raw, let rating = Int(raw.trimmingCharacters(in: .whitespaces)), (1...5).contains(rating) else { throw .badRating }
        self.rating = rating
        let cleaned = String(String.UnicodeScalarView((comment ?? "").unicodeScalars.filter { $0 == "\n" || !CharacterSet.controlCharacters.contains($0) }))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard cleaned.count <= Self.maxComment else { throw .commentTooLong }
        self.comment = cleaned.isEmpty ? nil : cleaned
    }
}

public enum CSATError: Error, Sendable, Equatable, CustomStringConvertible {
    case badRating, commentTooLong, closed, notFound

    public var description: String {
        switch self {
        case .badRating: "Choose a rating from 1 to 5."
        case .commentTooLong: "The comment is longer than \(CSATAnswer.maxComment) characters."
        case .closed: "This survey has closed: answers can be given or changed for 7 days."
        case .notFound: "There is no survey at this address."
        }
    }
}
