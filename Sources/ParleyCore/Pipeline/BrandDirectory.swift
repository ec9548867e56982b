/// The brand's own accounts, looked up the ways the pipeline needs.
public struct BrandDirectory: Sendable {
    public let handles: [Handle]
    private let byXUserID: [String: Handle]
    private let byUsername: [String: Handle]

    public init(handles: [Handle]) {
        // Care handles first, so a post naming both a care and a marketing handle goes to care.
        self.handles = handles.sorted { ($0.role == .care ? 0 : 1, $0.username) < ($1.role == .care ? 0 : 1, $1.username) }
        byXUserID = Dictionary(handles.map { ($0.xUserID, $0) }, uniquingKeysWith: { a, _ in a })
        byUsername = Dictionary(handles.map { ($0.username.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func handle(xUserID: String) -> Handle? { byXUserID[xUserID] }

    public func handle(username: String) -> Handle? { byUsername[username.lowercased()] }

    /// The handle a stream rule or search tagged `handle:<username>` was run for.
    public func handle(matchingTags tags: [String]) -> Handle? {
        for tag in tags where tag.hasPrefix("handle:") {
            if let handle = handle(username: String(tag.dropFirst("handle:".count))) { return handle }
        }
        return nil
    }

    /// The first handle (care before marketing) whose brand term appears as whole words in the text.
    public func handle(sayingTermsIn text: String) -> Handle? {
        let lowered = text.lowercased()
        for handle in handles {
            for term in handle.terms where !term.isEmpty && Self.containsWord(term.lowercased(), in: lowered) {
                return handle
            }
        }
        return nil
    }

    /// Every brand term (lower-cased) said as whole words in the text.
    public func terms(saidIn text: String) -> [String] {
        let lowered = text.lowercased()
        var found: [String] = []
        for handle in handles {
            for term in handle.terms where !term.isEmpty {
                let term = term.lowercased()
                if !found.contains(term), Self.containsWord(term, in: lowered) { found.append(term) }
            }
        }
        return found
    }

    static func containsWord(_ term: String, in text: String) -> Bool {
        var searchStart = text.startIndex
        while let range = text.range(of: term, range: searchStart..<text.endIndex) {
            let beforeOK = range.lowerBound == text.startIndex
                || !isWordCharacter(text[text.index(before: range.lowerBound)])
            let afterOK = range.upperBound == text.endIndex || !isWordCharacter(text[range.upperBound])
            if beforeOK && afterOK { return true }
            searchStart = text.index(after: range.lowerBound)
        }
        return false
    }

    private static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
}
