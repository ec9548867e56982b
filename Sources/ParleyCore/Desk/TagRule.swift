import Foundation

/// What a tag (and an agent's skill, which routing matches against tags) is: up to 40 letters,
/// digits, `-`, `_`, `:` or `.`, compared in lower case.
public enum TagRule {
    public static let message = "Tags are up to 40 letters, digits, '-', '_', ':' or '.'."

    /// The tag as stored, or nil when `raw` is not one.
    public static func normalize(_ raw: String) -> String? {
        let tag = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !tag.isEmpty, tag.count <= 40,
              tag.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "-_:.".unicodeScalars.contains($0) })
        else { return nil }
        return tag
    }

    /// Every one of `raw` as stored; refused whole when any is not a tag, or there are none or
    /// more than `limit`.
    public static func normalize(all raw: [String], limit: Int = 20) throws(DeskError) -> [String] {
        guard !raw.isEmpty, raw.count <= limit else { throw .invalid(code: "bad_request", "Send 1 to \(limit) tags.") }
        return try normalized(raw, code: "invalid_tag", message: message)
    }

    public static let skillMessage = "Skills are written like tags: 'lang:es', 'billing'."

    /// An agent's skills as stored (none is fine); refused whole when any is not a tag.
    public static func skills(_ raw: [String]) throws(DeskError) -> [String] {
        try normalized(raw, code: "invalid_skill", message: skillMessage)
    }

    private static func normalized(_ raw: [String], code: String, message: String) throws(DeskError) -> [String] {
        var tags: [String] = []
        for item in raw {
            guard let tag = normalize(item) else { throw .invalid(code: code, message) }
            if !tags.contains(tag) { tags.append(tag) }
        }
        return tags
    }
}
