/// The words of what a customer wrote that say what their problem is: what the desk searches the
/// help center with to suggest articles. Mentions, links, numbers and common words are dropped
/// (an order number or "please" names no article); case and accents are folded as the index folds
/// them. The first `limit` distinct words are kept, in the order written.
public enum ArticleSuggestionWords {
    public static let limit = 64

    public static func words(in texts: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for text in texts {
            for token in text.split(whereSeparator: \.isWhitespace) {
                let lower = token.lowercased()
                    .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                if token.hasPrefix("@") || lower.hasPrefix("http") || lower.contains("://") || lower.hasPrefix("www.") { continue }
                for word in SearchTerms.words(in: lower) {
                    let folded = SearchTerms.fold(word)
                    guard folded.count >= 2, !folded.allSatisfy(\.isNumber), !stopWords.contains(folded), seen.insert(folded).inserted else { continue }
                    result.append(folded)
                    if result.count == limit { return result }
                }
            }
        }
        return result
    }

    /// Common English words that name no problem ("link" is what the IBM data set put in place of
    /// customers' links). Chosen with the demo's help center on the dev split (`Scripts/make-demo-help.py`).
    public static let stopWords: Set<String> = [
        "about", "after", "again", "all", "already", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been",
        "before", "being", "but", "by", "can", "cant", "could", "did", "didn", "do", "does", "doesn", "doing", "don",
        "each", "even", "ever", "few", "for", "from", "get", "got", "had", "has", "have", "having", "he", "hello",
        "help", "her", "here", "hey", "hi", "him", "his", "how", "id", "if", "im", "in", "into", "is", "isn", "it",
        "its", "ive", "just", "link", "ll", "me", "more", "most", "my", "no", "not", "now", "of", "off", "on", "one",
        "only", "or", "other", "our", "out", "over", "own", "please", "pls", "re", "really", "same", "she", "should",
        "so", "some", "still", "such", "than", "thank", "thanks", "that", "the", "their", "them", "then", "there",
        "these", "they", "this", "those", "through", "thx", "to", "too", "two", "under", "until", "up", "ur", "ve",
        "very", "was", "wasn", "we", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with",
        "won", "would", "yet", "you", "your", "yours",
    ]
}
