/// The active issues a batch of messages is grouped into, with each word's issues listed, so a
/// message is compared only with the issues it shares a word with instead of with all of them
/// (with thousands of open issues that comparison was most of an ingest batch's time).
public struct IssueBoard: Sendable {
    public private(set) var issues: [IssueCluster]
    private var byWord: [String: [Int]] = [:]

    public init(_ issues: [IssueCluster] = []) {
        self.issues = issues
        for index in issues.indices { register(index) }
    }

    /// The issues sharing at least `minimum` of `words`, in their order on the board.
    func candidates(sharing words: [String], minimum: Int) -> [Int] {
        var shared: [Int: Int] = [:]
        for word in words {
            for index in byWord[word] ?? [] { shared[index, default: 0] += 1 }
        }
        return shared.filter { $0.value >= minimum }.keys.sorted()
    }

    func issue(_ index: Int) -> IssueCluster { issues[index] }

    /// Replaces issue `index`, keeping the word lists true to its words.
    mutating func update(_ index: Int, _ issue: IssueCluster) {
        let before = Set(issues[index].wordCounts.keys)
        let after = Set(issue.wordCounts.keys)
        for word in before.subtracting(after) { byWord[word]?.removeAll { $0 == index } }
        for word in after.subtracting(before) { byWord[word, default: []].append(index) }
        issues[index] = issue
    }

    mutating func add(_ issue: IssueCluster) {
        issues.append(issue)
        register(issues.count - 1)
    }

    private mutating func register(_ index: Int) {
        for word in issues[index].wordCounts.keys { byWord[word, default: []].append(index) }
    }
}
