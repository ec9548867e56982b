import Foundation

/// One customer's way through a flow: started with "Start", moved on with each answer, ended at
/// an outcome or left part way. `choices` is the path from the start (answer indices), so the
/// support form can show the agent what was tried.
public struct FlowWalk: Sendable, Equatable {
    public var id: UUID
    public var flowID: UUID
    public var startedAt: Date
    public var updatedAt: Date
    public var choices: [Int]
    public var lastNode: String
    public var outcome: FlowNode.Kind?

    public init(id: UUID, flowID: UUID, startedAt: Date, updatedAt: Date, choices: [Int], lastNode: String, outcome: FlowNode.Kind?) {
        self.id = id
        self.flowID = flowID
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.choices = choices
        self.lastNode = lastNode
        self.outcome = outcome
    }

    /// `0.2.1`: the form the path takes in a URL and in storage.
    public static func path(_ choices: [Int]) -> String {
        choices.map(String.init).joined(separator: ".")
    }

    /// The choices a path names, or nil for anything but dot-separated small numbers.
    public static func choices(_ path: String) -> [Int]? {
        guard !path.isEmpty else { return [] }
        guard path.count <= 4 * FlowRules.maxNodes else { return nil }
        var choices: [Int] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard let choice = Int(part), (0..<FlowRules.maxAnswers).contains(choice), String(choice) == part else { return nil }
            choices.append(choice)
        }
        return choices
    }
}

/// How customers went through a flow over a period: how many started, how far each node was
/// reached and how many left there, and how the walks ended.
public struct FlowStats: Sendable, Equatable {
    public struct Node: Sendable, Equatable {
        public var key: String
        public var kind: FlowNode.Kind
        public var text: String
        /// Walks that were shown the node.
        public var reached: Int
        /// Walks that stopped at the node without an outcome and have been idle for `idleAfter`.
        public var left: Int
    }

    /// A walk idle this long without an outcome counts as left where it stopped.
    public static let idleAfter: TimeInterval = 30 * 60

    public var starts: Int
    public var solved: Int
    public var contacted: Int
    /// Walks without an outcome that are still within `idleAfter`.
    public var inProgress: Int
    public var nodes: [Node]

    public var completed: Int { solved + contacted }
    public var left: Int { nodes.reduce(0) { $0 + $1.left } }

    /// Completed walks ÷ started walks; nil when none started.
    public var completionRate: Double? { starts == 0 ? nil : Double(completed) / Double(starts) }
    /// Solved ÷ completed: how often the flow answered without the team; nil when none completed.
    public var solvedRate: Double? { completed == 0 ? nil : Double(solved) / Double(completed) }

    /// The figures for `flow`'s nodes, in its order, from the counts the store reads: walks started
    /// and ended by outcome, distinct walks shown each node, and idle walks by the node they stopped at.
    public init(flow: TroubleshootingFlow, starts: Int, outcomes: [FlowNode.Kind: Int], inProgress: Int, reached: [String: Int], leftAt: [String: Int]) {
        self.starts = starts
        solved = outcomes[.solved] ?? 0
        contacted = outcomes[.contact] ?? 0
        self.inProgress = inProgress
        nodes = flow.nodes.map { node in
            Node(key: node.key, kind: node.kind, text: node.text, reached: reached[node.key] ?? 0, left: node.kind.isOutcome ? 0 : leftAt[node.key] ?? 0)
        }
    }
}
