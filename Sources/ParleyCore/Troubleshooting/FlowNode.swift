/// One node of a troubleshooting flow, named by a key unique in its flow (`check-cable`).
public struct FlowNode: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The customer picks one of at least two answers.
        case question
        /// Steps to try (Markdown, links to articles), then an answer such as "Done" goes on.
        case guidance
        /// The end: the problem is solved.
        case solved
        /// The end: the customer needs the team; the support form opens with the path taken.
        case contact

        public var isOutcome: Bool { self == .solved || self == .contact }
    }

    public var key: String
    public var kind: Kind
    /// The question, the guidance's title, or the outcome's heading.
    public var text: String
    /// Markdown shown under the text (rendered like an article: HTML is shown as text).
    public var body: String
    /// Where each answer leads; empty for outcomes.
    public var answers: [FlowAnswer]
    /// Slugs of the brand's help-center articles linked under the node.
    public var articles: [String]

    public init(key: String, kind: Kind, text: String, body: String = "", answers: [FlowAnswer] = [], articles: [String] = []) {
        self.key = key
        self.kind = kind
        self.text = text
        self.body = body
        self.answers = answers
        self.articles = articles
    }
}

public struct FlowAnswer: Sendable, Equatable, Codable {
    public var label: String
    /// The key of the node this answer leads to.
    public var next: String

    public init(label: String, next: String) {
        self.label = label
        self.next = next
    }
}
