import Foundation

/// A new case as routing rules see it: the handle, the channel, and the customer's latest message
/// with its triage and author.
public struct RoutingSubject: Sendable, Equatable {
    public var handleID: UUID
    public var channel: Channel
    public var intent: TriageIntent?
    public var upset: Bool
    public var priority: Int
    public var language: String?
    public var text: String
    public var followers: Int
    public var verified: Bool
    public var username: String

    public init(
        handleID: UUID, channel: Channel, intent: TriageIntent?, upset: Bool, priority: Int, language: String?, text: String,
        followers: Int, verified: Bool, username: String
    ) {
        self.handleID = handleID
        self.channel = channel
        self.intent = intent
        self.upset = upset
        self.priority = priority
        self.language = language
        self.text = text
        self.followers = followers
        self.verified = verified
        self.username = username
    }
}

public enum RoutingEngine {
    /// Checks a rule when it is saved, so a bad one never reaches a running desk.
    public static func validate(_ rule: RoutingRule) throws(RoutingRuleError) {
        guard !rule.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw .emptyName }
        guard !rule.actions.isEmpty else { throw .noActions }
        if let pattern = rule.conditions.regex {
            guard pattern.count <= 500, (try? NSRegularExpression(pattern: pattern)) != nil else { throw .invalidRegex(pattern) }
        }
        if let p = rule.conditions.minPriority, !(0...100).contains(p) { throw .outOfRange("'min_priority' is 0 to 100.") }
        if let p = rule.actions.priority, !(0...100).contains(p) { throw .outOfRange("'priority' is 0 to 100.") }
        if let f = rule.conditions.minFollowers, f < 0 { throw .outOfRange("'min_followers' is 0 or more.") }
    }

    /// The first enabled rule that matches, in order.
    public static func firstMatch(_ rules: [RoutingRule], for subject: RoutingSubject) -> RoutingRule? {
        rules.first { $0.enabled && matches($0.conditions, subject) }
    }

    public static func matches(_ c: RoutingConditions, _ s: RoutingSubject) -> Bool {
        if let handles = c.handles, !handles.contains(s.handleID) { return false }
        if let channel = c.channel, channel != s.channel { return false }
        if let intents = c.intents, !intents.contains(where: { $0 == s.intent }) { return false }
        if let upset = c.upset, upset != s.upset { return false }
        if let min = c.minPriority, s.priority < min { return false }
        if let languages = c.languages, !languages.contains(where: { $0.lowercased() == s.language?.lowercased() }) { return false }
        if let keywords = c.keywords, !keywords.isEmpty {
            let folded = s.text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            guard keywords.contains(where: {
                folded.contains($0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil))
            }) else { return false }
        }
        if let pattern = c.regex {
            // A DM is at most 10,000 characters; nothing longer is searched, whatever arrives.
            let haystack = String(s.text.prefix(10_000))
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
                  regex.firstMatch(in: haystack, range: NSRange(haystack.startIndex..., in: haystack)) != nil
            else { return false }
        }
        if let min = c.minFollowers, s.followers < min { return false }
        if let verified = c.verified, verified != s.verified { return false }
        if let vip = c.vip, !vip.contains(where: { $0.lowercased().trimmingCharacters(in: ["@"]) == s.username.lowercased() }) { return false }
        return true
    }
}
