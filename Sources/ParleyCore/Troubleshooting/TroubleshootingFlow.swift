import Foundation

/// A guided troubleshooting flow: a decision tree a customer walks on the help center. The first
/// node is the start; questions branch on the customer's answer, guidance shows steps and goes on,
/// and every path ends at an outcome (solved, or "contact us", which opens the support form with
/// the path taken). `FlowRules.problems` is what makes a tree valid.
public struct TroubleshootingFlow: Sendable, Equatable {
    public var id: UUID
    public var brandID: UUID
    public var slug: String
    public var title: String
    /// Shown on the flow's first page, before "Start".
    public var summary: String
    public var nodes: [FlowNode]
    public var status: PublicationStatus
    /// The flow's short link, `/f/<code>`, for replies on X.
    public var shortCode: String
    public var authorID: UUID?
    public var createdAt: Date
    public var updatedAt: Date
    public var publishedAt: Date?
    public var version: Int

    public init(
        id: UUID, brandID: UUID, slug: String, title: String, summary: String, nodes: [FlowNode], status: PublicationStatus,
        shortCode: String, authorID: UUID?, createdAt: Date, updatedAt: Date, publishedAt: Date?, version: Int = 1
    ) {
        self.id = id
        self.brandID = brandID
        self.slug = slug
        self.title = title
        self.summary = summary
        self.nodes = nodes
        self.status = status
        self.shortCode = shortCode
        self.authorID = authorID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.publishedAt = publishedAt
        self.version = version
    }

    public var start: FlowNode? { nodes.first }

    public func node(_ key: String) -> FlowNode? {
        nodes.first { $0.key == key }
    }

    /// Where the answers `choices` (each an index into the node's answers, from the start) lead,
    /// with the steps on the way; nil when a choice does not exist (the flow changed since the
    /// link was made, or the link was edited).
    public func walk(_ choices: [Int]) -> FlowPosition? {
        guard var node = start else { return nil }
        var steps: [FlowPosition.Step] = []
        for choice in choices {
            guard node.answers.indices.contains(choice), let next = self.node(node.answers[choice].next) else { return nil }
            steps.append(.init(node: node, answer: node.answers[choice]))
            node = next
        }
        return FlowPosition(steps: steps, current: node)
    }
}

/// A customer's place in a flow: the answers given so far and the node in front of them.
public struct FlowPosition: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public var node: FlowNode
        public var answer: FlowAnswer
    }

    public var steps: [Step]
    public var current: FlowNode

    /// The path as the agent reads it in the case: one line per step, then where it ended.
    public var transcript: String {
        var lines = steps.map { step in
            step.node.kind == .question ? "\(step.node.text) — \(step.answer.label)" : "\(step.node.text) — \(step.answer.label) (steps shown)"
        }
        lines.append("Ended: \(current.text)")
        return lines.joined(separator: "\n")
    }
}
