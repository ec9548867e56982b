import Foundation

/// An emerging issue: customers' messages that report the same problem, grouped as they arrive.
/// It keeps how often each of its words occurs (the 40 most frequent), which explains it: its
/// top words are its name.
public struct IssueCluster: Sendable, Equatable, Codable {
    public var id: UUID
    /// The handle its messages reached; issues are not mixed across handles.
    public var handleID: UUID?
    /// How many of its messages say each word (by stem), its 40 most frequent words kept.
    public var wordCounts: [String: Int]
    /// The form each stem was first written in ("arrived" for "arriv"), for its name.
    public var forms: [String: String]
    public var size: Int
    public var firstSeen: Date
    public var lastSeen: Date

    public init(id: UUID, handleID: UUID?, wordCounts: [String: Int], forms: [String: String] = [:], size: Int, firstSeen: Date, lastSeen: Date) {
        self.id = id
        self.handleID = handleID
        self.wordCounts = wordCounts
        self.forms = forms
        self.size = size
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    /// Its words, most frequent first (ties alphabetical).
    public var topWords: [String] {
        wordCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }

    /// "crashes · login · app": its three most frequent words, as customers wrote them.
    public var label: String { topWords.prefix(3).map { forms[$0] ?? $0 }.joined(separator: " · ") }
}
