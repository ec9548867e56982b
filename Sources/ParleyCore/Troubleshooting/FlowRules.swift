import Foundation

/// What a flow must be to be saved: a tree from its first node in which every node can be reached,
/// nothing loops, every answer leads to a node and every path ends at an outcome.
public enum FlowRules {
    public static let maxNodes = 200
    public static let maxKey = 40
    public static let maxText = 300
    public static let maxBody = 20_000
    public static let maxAnswers = 12
    public static let maxAnswer = 80
    public static let maxTitle = 200
    public static let maxSummary = 2_000

    public static func isKey(_ key: String) -> Bool {
        key.count <= maxKey && HelpSlug.isValid(key)
    }

    public static func title(_ raw: String) throws(FlowError) -> String {
        let cleaned = oneLine(raw)
        guard !cleaned.isEmpty else { throw .emptyTitle }
        guard cleaned.count <= maxTitle else { throw .titleTooLong(cleaned.count) }
        return cleaned
    }

    public static func summary(_ raw: String) throws(FlowError) -> String {
        let text = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\u{0}", with: "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= maxSummary else { throw .summaryTooLong(text.count) }
        return text
    }

    public static func slug(_ raw: String?, title: String) throws(FlowError) -> String {
        if let raw, !raw.isEmpty {
            guard HelpSlug.isValid(raw) else { throw .badSlug(raw) }
            return raw
        }
        let made = HelpSlug.make(from: title)
        return made.isEmpty ? "flow" : made
    }

    /// The nodes as stored: texts and labels on one line, bodies with `\n` line ends.
    public static func cleaned(_ nodes: [FlowNode]) -> [FlowNode] {
        nodes.map { node in
            var node = node
            node.text = oneLine(node.text)
            node.body = node.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\u{0}", with: "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            node.answers = node.answers.map { FlowAnswer(label: oneLine($0.label), next: $0.next.trimmingCharacters(in: .whitespaces)) }
            node.articles = node.articles.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return node
        }
    }

    /// Everything wrong with the tree, in node order; empty when it can be saved.
    public static func problems(_ nodes: [FlowNode]) -> [FlowProblem] {
        guard let start = nodes.first else { return [.noNodes] }
        guard nodes.count <= maxNodes else { return [.tooManyNodes(nodes.count)] }
        var problems: [FlowProblem] = []
        var keys = Set<String>()
        for node in nodes {
            if !isKey(node.key) { problems.append(.badKey(node.key)) }
            if !keys.insert(node.key).inserted { problems.append(.duplicateKey(node.key)) }
        }
        if start.kind.isOutcome { problems.append(.startIsOutcome(node: start.key)) }
        for node in nodes {
            problems += self.problems(of: node, keys: keys)
        }
        // The graph checks need well-formed names and targets to mean anything.
        guard problems.isEmpty else { return problems }
        if let cycle = firstCycle(nodes) { return [.cycle(cycle)] }
        let reached = reachable(from: start.key, in: nodes)
        return nodes.filter { !reached.contains($0.key) }.map { .unreachable(node: $0.key) }
    }

    private static func problems(of node: FlowNode, keys: Set<String>) -> [FlowProblem] {
        var problems: [FlowProblem] = []
        if node.text.isEmpty { problems.append(.emptyText(node: node.key)) }
        if node.text.count > maxText { problems.append(.textTooLong(node: node.key, node.text.count)) }
        if node.body.count > maxBody { problems.append(.bodyTooLong(node: node.key, node.body.count)) }
        switch node.kind {
        case .question where node.answers.count < 2: problems.append(.tooFewAnswers(node: node.key))
        case .guidance where node.answers.isEmpty: problems.append(.deadEnd(node: node.key))
        case .solved, .contact: if !node.answers.isEmpty { problems.append(.answersOnOutcome(node: node.key)) }
        default: break
        }
        if node.answers.count > maxAnswers { problems.append(.tooManyAnswers(node: node.key, node.answers.count)) }
        var labels = Set<String>()
        for answer in node.answers {
            if answer.label.isEmpty { problems.append(.emptyAnswer(node: node.key)) }
            if answer.label.count > maxAnswer { problems.append(.answerTooLong(node: node.key, answer.label)) }
            if !answer.label.isEmpty, !labels.insert(answer.label.lowercased()).inserted { problems.append(.duplicateAnswer(node: node.key, answer.label)) }
            if !keys.contains(answer.next) { problems.append(.unknownTarget(node: node.key, answer: answer.label, target: answer.next)) }
        }
        for slug in node.articles where !HelpSlug.isValid(slug) {
            problems.append(.badArticle(node: node.key, slug))
        }
        return problems
    }

    /// The first loop found by a depth-first walk in node order, as the keys around it (the first
    /// key repeated at the end), or nil.
    static func firstCycle(_ nodes: [FlowNode]) -> [String]? {
        let byKey = Dictionary(nodes.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        enum Mark { case open, done }
        var marks: [String: Mark] = [:]
        for root in nodes where marks[root.key] == nil {
            // An explicit stack of (node, next answer to follow), so a deep tree cannot overflow.
            var stack: [(key: String, answer: Int)] = [(root.key, 0)]
            marks[root.key] = .open
            while let top = stack.last {
                let answers = byKey[top.key]?.answers ?? []
                guard top.answer < answers.count else {
                    marks[top.key] = .done
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].answer += 1
                let next = answers[top.answer].next
                switch marks[next] {
                case .open:
                    let from = stack.firstIndex { $0.key == next } ?? 0
                    return stack[from...].map(\.key) + [next]
                case .done: continue
                case nil:
                    marks[next] = .open
                    stack.append((next, 0))
                }
            }
        }
        return nil
    }

    static func reachable(from start: String, in nodes: [FlowNode]) -> Set<String> {
        let byKey = Dictionary(nodes.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = [start]
        var queue = [start]
        while let key = queue.popLast() {
            for answer in byKey[key]?.answers ?? [] where seen.insert(answer.next).inserted {
                queue.append(answer.next)
            }
        }
        return seen
    }

    private static func oneLine(_ raw: String) -> String {
        String(raw.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? " " : Character($0) })
            .trimmingCharacters(in: .whitespaces)
    }
}
