import Foundation

/// How far a clustering agrees with reference labels: the adjusted Rand index (Hubert and Arabie
/// 1985; 0 for chance, 1 for the same partition) and normalized mutual information (mutual
/// information over the arithmetic mean of the two entropies, as scikit-learn defaults to).
public enum ClusterAgreement {
    public static func adjustedRandIndex(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count)
        let n = a.count
        guard n > 1 else { return 1 }
        func pairs(_ k: Int) -> Double { Double(k) * Double(k - 1) / 2 }
        let (joint, rows, columns) = contingency(a, b)
        let index = joint.values.map(pairs).reduce(0, +)
        let sumA = rows.values.map(pairs).reduce(0, +)
        let sumB = columns.values.map(pairs).reduce(0, +)
        let expected = sumA * sumB / pairs(n)
        let maximum = (sumA + sumB) / 2
        guard maximum != expected else { return 1 }
        return (index - expected) / (maximum - expected)
    }

    public static func normalizedMutualInformation(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count)
        let n = Double(a.count)
        guard n > 0 else { return 1 }
        let (joint, rows, columns) = contingency(a, b)
        func entropy(_ counts: Dictionary<Int, Int>.Values) -> Double {
            counts.reduce(0) { $0 - Double($1) / n * log(Double($1) / n) }
        }
        var mutual = 0.0
        for (pair, count) in joint {
            let p = Double(count) / n
            mutual += p * log(p * n * n / (Double(rows[pair.a]!) * Double(columns[pair.b]!)))
        }
        let hA = entropy(rows.values)
        let hB = entropy(columns.values)
        guard hA + hB > 0 else { return 1 }
        return max(0, mutual / ((hA + hB) / 2))
    }

    /// How often each pair of labels, and each label on either side, occurs.
    static func contingency(_ a: [Int], _ b: [Int]) -> (joint: [Pair: Int], rows: [Int: Int], columns: [Int: Int]) {
        var joint: [Pair: Int] = [:]
        var rows: [Int: Int] = [:]
        var columns: [Int: Int] = [:]
        for (x, y) in zip(a, b) {
            joint[Pair(x, y), default: 0] += 1
            rows[x, default: 0] += 1
            columns[y, default: 0] += 1
        }
        return (joint, rows, columns)
    }

    struct Pair: Hashable {
        var a: Int
        var b: Int
        init(_ a: Int, _ b: Int) {
            self.a = a
            self.b = b
        }
    }
}
