/// Counts of (gold, predicted) label pairs, and the metrics the reference data sets define on them.
///
/// The definitions follow TweetEval's evaluation script and Preotiuc-Pietro et al. 2019: a class that
/// is never predicted has precision 0, and a class that never occurs has recall 0 (as scikit-learn's
/// `zero_division=0`), so a degenerate classifier cannot score well by omission.
public struct TriageConfusionMatrix: Sendable, Equatable {
    public let classCount: Int
    /// `counts[gold][predicted]`.
    public private(set) var counts: [[Int]]

    public init(classCount: Int) {
        precondition(classCount > 0, "a confusion matrix needs at least one class")
        self.classCount = classCount
        self.counts = Array(repeating: Array(repeating: 0, count: classCount), count: classCount)
    }

    public init(gold: [Int], predicted: [Int], classCount: Int) {
        precondition(gold.count == predicted.count, "gold and predicted labels differ in number")
        self.init(classCount: classCount)
        for (g, p) in zip(gold, predicted) { add(gold: g, predicted: p) }
    }

    public mutating func add(gold: Int, predicted: Int) {
        counts[gold][predicted] += 1
    }

    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    public var accuracy: Double {
        let correct = (0..<classCount).reduce(0) { $0 + counts[$1][$1] }
        return total == 0 ? 0 : Double(correct) / Double(total)
    }

    public func precision(ofClass c: Int) -> Double {
        let predicted = (0..<classCount).reduce(0) { $0 + counts[$1][c] }
        return predicted == 0 ? 0 : Double(counts[c][c]) / Double(predicted)
    }

    public func recall(ofClass c: Int) -> Double {
        let gold = counts[c].reduce(0, +)
        return gold == 0 ? 0 : Double(counts[c][c]) / Double(gold)
    }

    public func f1(ofClass c: Int) -> Double {
        let p = precision(ofClass: c)
        let r = recall(ofClass: c)
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    /// TweetEval sentiment's metric.
    public var macroRecall: Double {
        (0..<classCount).reduce(0) { $0 + recall(ofClass: $1) } / Double(classCount)
    }

    /// TweetEval emotion, offensive and hate, and the complaints paper's metric.
    public var macroF1: Double {
        (0..<classCount).reduce(0) { $0 + f1(ofClass: $1) } / Double(classCount)
    }
}
