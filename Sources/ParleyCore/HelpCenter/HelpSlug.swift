import Foundation

/// The part of a help-center URL that names a brand, category or article: lower-case ASCII
/// letters and digits in words joined by `-`, at most 80 characters. Stable: an article keeps its
/// slug when its title changes, so links sent to customers keep working.
public enum HelpSlug {
    public static let maxLength = 80

    /// "Can't sign in? Reset your password" → "can-t-sign-in-reset-your-password". Accents are
    /// dropped; a title with no Latin letters or digits gives "".
    public static func make(from text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var slug = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingDash, !slug.isEmpty {
                    guard slug.count + 2 <= maxLength else { break }
                    slug += "-"
                }
                pendingDash = false
                guard slug.count < maxLength else { break }
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug
    }

    public static func isValid(_ slug: String) -> Bool {
        !slug.isEmpty && slug.count <= maxLength && make(from: slug) == slug
    }
}
