import Foundation

/// An admin's routing rule: when every condition given holds for a new case, the actions apply.
/// Rules are tried in order; the first that matches wins.
public struct RoutingRule: Sendable, Equatable, Codable {
    public var name: String
    public var enabled: Bool
    public var conditions: RoutingConditions
    public var actions: RoutingActions

    public init(name: String, enabled: Bool = true, conditions: RoutingConditions, actions: RoutingActions) {
        self.name = name
        self.enabled = enabled
        self.conditions = conditions
        self.actions = actions
    }
}

/// What a case must be for a rule to apply. A condition left out always holds.
public struct RoutingConditions: Sendable, Equatable, Codable {
    public var handles: [UUID]?
    public var channel: Channel?
    public var intents: [TriageIntent]?
    public var upset: Bool?
    public var minPriority: Int?
    /// Language codes (`en`, `es`) as X reports them on the customer's message.
    public var languages: [String]?
    /// Any of these words or phrases in the customer's message (case-insensitive).
    public var keywords: [String]?
    /// A regular expression the customer's message must match (checked at save time).
    public var regex: String?
    public var minFollowers: Int?
    public var verified: Bool?
    /// Usernames (without `@`) of customers who always get this rule's treatment.
    public var vip: [String]?

    public init(
        handles: [UUID]? = nil, channel: Channel? = nil, intents: [TriageIntent]? = nil, upset: Bool? = nil,
        minPriority: Int? = nil, languages: [String]? = nil, keywords: [String]? = nil, regex: String? = nil,
        minFollowers: Int? = nil, verified: Bool? = nil, vip: [String]? = nil
    ) {
        self.handles = handles
        self.channel = channel
        self.intents = intents
        self.upset = upset
        self.minPriority = minPriority
        self.languages = languages
        self.keywords = keywords
        self.regex = regex
        self.minFollowers = minFollowers
        self.verified = verified
        self.vip = vip
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case handles, channel, intents, upset, regex, keywords, languages, verified, vip
        case minPriority = "min_priority"
        case minFollowers = "min_followers"
    }

    public init(from decoder: any Decoder) throws {
        try RoutingRuleKeys.rejectUnknown(in: decoder, known: CodingKeys.allCases.map(\.stringValue), what: "condition")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        handles = try c.decodeIfPresent([UUID].self, forKey: .handles)
        channel = try c.decodeIfPresent(Channel.self, forKey: .channel)
        intents = try c.decodeIfPresent([TriageIntent].self, forKey: .intents)
        upset = try c.decodeIfPresent(Bool.self, forKey: .upset)
        minPriority = try c.decodeIfPresent(Int.self, forKey: .minPriority)
        languages = try c.decodeIfPresent([String].self, forKey: .languages)
        keywords = try c.decodeIfPresent([String].self, forKey: .keywords)
        regex = try c.decodeIfPresent(String.self, forKey: .regex)
        minFollowers = try c.decodeIfPresent(Int.self, forKey: .minFollowers)
        verified = try c.decodeIfPresent(Bool.self, forKey: .verified)
        vip = try c.decodeIfPresent([String].self, forKey: .vip)
    }
}

/// What a matching rule does to the case.
public struct RoutingActions: Sendable, Equatable, Codable {
    public var team: UUID?
    public var tags: [String]?
    /// Sets the case's priority (0–100), over triage's.
    public var priority: Int?
    /// Assigns it to this agent directly.
    public var assign: UUID?
    /// Skills the assigned agent must have (`lang:es`, `billing`).
    public var skills: [String]?
    /// Resolves it as spam (tagged `spam`), out of the queue.
    public var resolveAsSpam: Bool?

    public init(
        team: UUID? = nil, tags: [String]? = nil, priority: Int? = nil, assign: UUID? = nil, skills: [String]? = nil,
        resolveAsSpam: Bool? = nil
    ) {
        self.team = team
        self.tags = tags
        self.priority = priority
        self.assign = assign
        self.skills = skills
        self.resolveAsSpam = resolveAsSpam
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case team, tags, priority, assign, skills
        case resolveAsSpam = "resolve_as_spam"
    }

    public init(from decoder: any Decoder) throws {
        try RoutingRuleKeys.rejectUnknown(in: decoder, known: CodingKeys.allCases.map(\.stringValue), what: "action")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        team = try c.decodeIfPresent(UUID.self, forKey: .team)
        tags = try c.decodeIfPresent([String].self, forKey: .tags)
        priority = try c.decodeIfPresent(Int.self, forKey: .priority)
        assign = try c.decodeIfPresent(UUID.self, forKey: .assign)
        skills = try c.decodeIfPresent([String].self, forKey: .skills)
        resolveAsSpam = try c.decodeIfPresent(Bool.self, forKey: .resolveAsSpam)
    }

    public var isEmpty: Bool {
        team == nil && (tags ?? []).isEmpty && priority == nil && assign == nil && (skills ?? []).isEmpty && resolveAsSpam != true
    }
}

enum RoutingRuleKeys {
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// A misspelt key would silently widen a rule; it is an error instead.
    static func rejectUnknown(in decoder: any Decoder, known: [String], what: String) throws {
        let keys = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        if let unknown = keys.first(where: { !known.contains($0) }) {
            throw RoutingRuleError.unknownKey(unknown, what: what, known: known.sorted())
        }
    }
}

public enum RoutingRuleError: Error, Equatable, CustomStringConvertible {
    case unknownKey(String, what: String, known: [String])
    case invalidRegex(String)
    case outOfRange(String)
    case noActions
    case emptyName

    public var description: String {
        switch self {
        case let .unknownKey(key, what, known): "Unknown \(what) '\(key)'; expected one of: \(known.joined(separator: ", "))."
        case .invalidRegex(let pattern): "The regular expression '\(pattern)' does not compile."
        case .outOfRange(let message): message
        case .noActions: "A rule needs at least one action."
        case .emptyName: "A rule needs a name."
        }
    }
}

/// A saved routing rule with its place in the order.
public struct StoredRoutingRule: Sendable, Equatable {
    public var id: UUID
    public var position: Int
    public var rule: RoutingRule

    public init(id: UUID, position: Int, rule: RoutingRule) {
        self.id = id
        self.position = position
        self.rule = rule
    }
}
