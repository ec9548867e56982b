/// A value a template may ask for, written `{{customer.name}}` (spaces inside the braces allowed).
///
/// The list is closed on purpose: a name outside it is refused when the template is saved, so a
/// typo never reaches a customer as a literal `{{…}}`.
public enum TemplatePlaceholder: String, Sendable, Codable, CaseIterable {
    /// The customer's display name on X, as last seen.
    case customerName = "customer.name"
    /// The customer's @username, with the "@".
    case customerHandle = "customer.handle"
    /// The first word of the replying agent's name.
    case agentFirstName = "agent.first_name"
    /// The display name of the brand's handle the conversation belongs to.
    case handleName = "handle.name"
    /// A link that opens a DM to the brand's handle on X.
    case dmLink = "dm_link"
    /// The handle's help-centre link, set by an admin.
    case helpURL = "help_url"
    /// The handle's published expected wait ("We usually reply within 40 minutes").
    case expectedWait = "expected_wait"

    /// How the placeholder is written in a template.
    public var written: String { "{{\(rawValue)}}" }

    /// The known placeholder closest to a misspelt name (a different case, or at most two
    /// edits away), to suggest in the error.
    static func suggestion(for name: String) -> TemplatePlaceholder? {
        let lowered = name.lowercased()
        if let exact = TemplatePlaceholder(rawValue: lowered) { return exact }
        let scored = allCases.map { ($0, editDistance(Array(lowered), Array($0.rawValue))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
        return best.0
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
