/// One thing wrong with a flow's tree, naming the node it is about so the editor can say where.
public enum FlowProblem: Sendable, Equatable, CustomStringConvertible {
    case noNodes
    case tooManyNodes(Int)
    case badKey(String)
    case duplicateKey(String)
    case emptyText(node: String)
    case textTooLong(node: String, Int)
    case bodyTooLong(node: String, Int)
    case startIsOutcome(node: String)
    case tooFewAnswers(node: String)
    case tooManyAnswers(node: String, Int)
    case deadEnd(node: String)
    case answersOnOutcome(node: String)
    case emptyAnswer(node: String)
    case answerTooLong(node: String, String)
    case duplicateAnswer(node: String, String)
    case unknownTarget(node: String, answer: String, target: String)
    case cycle([String])
    case unreachable(node: String)
    case badArticle(node: String, String)
    case unknownArticle(node: String, String)

    /// The node the problem is about, if it is about one.
    public var node: String? {
        switch self {
        case .noNodes, .tooManyNodes: nil
        case .badKey(let key), .duplicateKey(let key): key
        case .cycle(let path): path.first
        case .emptyText(let node), .textTooLong(let node, _), .bodyTooLong(let node, _), .startIsOutcome(let node),
            .tooFewAnswers(let node), .tooManyAnswers(let node, _), .deadEnd(let node), .answersOnOutcome(let node),
            .emptyAnswer(let node), .answerTooLong(let node, _), .duplicateAnswer(let node, _), .unknownTarget(let node, _, _),
            .unreachable(let node), .badArticle(let node, _), .unknownArticle(let node, _):
            node
        }
    }

    public var description: String {
        switch self {
        case .noNodes: "The flow has no nodes: it needs a first question."
        case .tooManyNodes(let count): "The flow has \(count) nodes; at most \(FlowRules.maxNodes)."
        case .badKey(let key): "\"\(key.prefix(50))\" is not a node name: use lower-case letters, digits and dashes, at most \(FlowRules.maxKey)."
        case .duplicateKey(let key): "Two nodes are named \"\(key)\"."
        case .emptyText(let node): "Node \"\(node)\" has no text."
        case .textTooLong(let node, let count): "Node \"\(node)\"'s text is \(count) characters; at most \(FlowRules.maxText)."
        case .bodyTooLong(let node, let count): "Node \"\(node)\"'s body is \(count) characters; at most \(FlowRules.maxBody)."
        case .startIsOutcome(let node): "The first node, \"\(node)\", is an outcome: a flow starts with a question or guidance."
        case .tooFewAnswers(let node): "Question \"\(node)\" needs at least two answers."
        case .tooManyAnswers(let node, let count): "Node \"\(node)\" has \(count) answers; at most \(FlowRules.maxAnswers)."
        case .deadEnd(let node): "Guidance \"\(node)\" is a dead end: give it an answer that leads on (such as [Done] -> next)."
        case .answersOnOutcome(let node): "Outcome \"\(node)\" ends the flow, so it cannot have answers."
        case .emptyAnswer(let node): "Node \"\(node)\" has an answer without a label."
        case .answerTooLong(let node, let label): "Node \"\(node)\"'s answer \"\(label.prefix(30))…\" is longer than \(FlowRules.maxAnswer) characters."
        case .duplicateAnswer(let node, let label): "Node \"\(node)\" has the answer \"\(label)\" twice."
        case .unknownTarget(let node, let answer, let target): "Answer \"\(answer)\" of node \"\(node)\" leads to \"\(target.prefix(50))\", which is not a node."
        case .cycle(let path): "Node \"\(path[0])\" leads back to itself: \(path.joined(separator: " → ")). A flow cannot loop."
        case .unreachable(let node): "Node \"\(node)\" cannot be reached from the start."
        case .badArticle(let node, let slug): "Node \"\(node)\" links \"\(slug.prefix(50))\", which is not an article slug."
        case .unknownArticle(let node, let slug): "Node \"\(node)\" links the article \"\(slug)\", which this brand's help center does not publish."
        }
    }
}

/// Why a flow cannot be saved or found as asked.
public enum FlowError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid([FlowProblem])
    case outline(line: Int, String)
    case emptyTitle
    case titleTooLong(Int)
    case summaryTooLong(Int)
    case badSlug(String)
    case duplicateSlug(String)
    case staleVersion(current: Int)
    case notFound(String)

    public var description: String {
        switch self {
        case .invalid(let problems):
            problems.count == 1 ? problems[0].description : "\(problems.count) problems: " + problems.prefix(5).map(\.description).joined(separator: " ")
        case .outline(let line, let message): "Line \(line): \(message)"
        case .emptyTitle: "The flow needs a title."
        case .titleTooLong(let count): "The title is \(count) characters; at most \(FlowRules.maxTitle)."
        case .summaryTooLong(let count): "The summary is \(count) characters; at most \(FlowRules.maxSummary)."
        case .badSlug(let slug): "\"\(slug.prefix(90))\" is not a slug: use lower-case letters, digits and dashes, at most \(HelpSlug.maxLength)."
        case .duplicateSlug(let slug): "Another flow of this brand is already at \"\(slug)\"."
        case .staleVersion(let current): "The flow changed since it was read (now version \(current)); reload and edit again."
        case .notFound(let what): "No such \(what)."
        }
    }
}
