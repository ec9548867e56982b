import Foundation

/// What an article must be to be saved.
public enum ArticleRules {
    public static let maxTitle = 200
    public static let maxBody = 100_000
    public static let maxKeywords = 500

    /// The title as stored: trimmed, with control characters (CR/LF included) as spaces.
    public static func title(_ raw: String) throws(ArticleError) -> String {
        let cleaned = String(raw.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? " " : Character($0) })
            .trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty else { throw .emptyTitle }
        guard cleaned.count <= maxTitle else { throw .titleTooLong(cleaned.count) }
        return cleaned
    }

    public static func body(_ raw: String) throws(ArticleError) -> String {
        let body = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\u{0}", with: "")
        guard body.count <= maxBody else { throw .bodyTooLong(body.count) }
        return body
    }

    /// The slug given, or one made from the title.
    public static func slug(_ raw: String?, title: String) throws(ArticleError) -> String {
        if let raw, !raw.isEmpty {
            guard HelpSlug.isValid(raw) else { throw .badSlug(raw) }
            return raw
        }
        let made = HelpSlug.make(from: title)
        return made.isEmpty ? "article" : made
    }

    /// `en`, `pt-BR`, `zh-Hant`: a language of 2–3 letters and optional subtags of 2–8 letters or digits.
    public static func locale(_ raw: String) throws(ArticleError) -> String {
        let parts = raw.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count), language.allSatisfy({ $0.isASCII && $0.isLetter }),
            parts.dropFirst().allSatisfy({ (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }),
            parts.count <= 3
        else { throw .badLocale(raw) }
        return ([language.lowercased()] + parts.dropFirst().map { $0.count == 2 ? $0.uppercased() : String($0) }).joined(separator: "-")
    }

    public static func keywords(_ raw: [String]) throws(ArticleError) -> [String] {
        var seen = Set<String>()
        let cleaned = raw.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
            .filter { !$0.isEmpty && $0.count <= 60 && seen.insert($0).inserted }
        guard cleaned.count <= maxKeywords else { throw .tooManyKeywords(cleaned.count) }
        return cleaned
    }
}
