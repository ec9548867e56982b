/// Builds the queries for recent search and filtered-stream rules in X's query language.
public enum XSearchQuery {
    /// X's limit on a recent-search query (pay-per-use and Basic).
    public static let maxLength = 512

    /// Brand terms said without the handle: `("term" OR term) -@brand -from:brand -from:other -is:retweet`.
    /// Posts that mention the handle are left out because the mentions timeline already reads them
    /// (no paying twice); retweets repeat a post search already found. Terms that do not fit in
    /// X's limit are dropped from the end (the caller logs it). Nil when there are no terms.
    public static func brandTerms(_ terms: [String], handle: String, ownHandles: [String]) -> (query: String?, dropped: Int) {
        let exclusions = (["-@" + handle] + unique([handle] + ownHandles).map { "-from:" + $0 } + ["-is:retweet"])
            .joined(separator: " ")
        let usable = terms.map(quoted).filter { !$0.isEmpty }
        var kept: [String] = []
        for term in usable {
            let candidate = "(" + (kept + [term]).joined(separator: " OR ") + ") " + exclusions
            if candidate.count > maxLength { break }
            kept.append(term)
        }
        let dropped = usable.count - kept.count
        guard !kept.isEmpty else { return (nil, dropped) }
        return ("(" + kept.joined(separator: " OR ") + ") " + exclusions, dropped)
    }

    /// The filtered-stream rule for a handle: its mentions and its brand terms, not its own posts.
    public static func streamRule(handle: String, terms: [String]) -> String {
        let parts = ["@" + handle] + terms.map(quoted).filter { !$0.isEmpty }
        var kept: [String] = []
        for part in parts {
            if ("(" + (kept + [part]).joined(separator: " OR ") + ") -from:" + handle).count > maxLength { break }
            kept.append(part)
        }
        return "(" + kept.joined(separator: " OR ") + ") -from:" + handle
    }

    /// A term as X reads it: a single word as is, a phrase in double quotes; quotes inside dropped.
    static func quoted(_ term: String) -> String {
        let cleaned = term.replacingOccurrences(of: "\"", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !cleaned.isEmpty else { return "" }
        let plainWord = cleaned.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "#" || $0 == "$" }
        // A bare OR or AND would be read as an operator.
        let isOperator = ["OR", "AND"].contains(cleaned)
        return plainWord && !isOperator ? cleaned : "\"" + cleaned + "\""
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0.lowercased()).inserted }
    }
}
