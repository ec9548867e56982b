/// Span-level precision and recall of personal-data hits against a labeled set.
///
/// A hit counts only when kind, start and end all match exactly: a redaction that misses one
/// character of a card number leaks it, so partial overlaps are errors, not half-credit.
public struct PersonalDataScore: Sendable, Equatable {
    public private(set) var truePositives = 0
    public private(set) var falsePositives = 0
    public private(set) var falseNegatives = 0
    /// Messages without any gold span that got at least one hit.
    public private(set) var flaggedLookalikeMessages = 0
    public private(set) var lookalikeMessages = 0

    public init() {}

    public mutating func add(gold: [PersonalDataHit], predicted: [PersonalDataHit]) {
        func key(_ h: PersonalDataHit) -> String { "\(h.kind.rawValue)/\(h.start)/\(h.end)" }
        let goldKeys = Set(gold.map(key))
        let predictedKeys = Set(predicted.map(key))
        truePositives += goldKeys.intersection(predictedKeys).count
        falsePositives += predictedKeys.subtracting(goldKeys).count
        falseNegatives += goldKeys.subtracting(predictedKeys).count
        if gold.isEmpty {
            lookalikeMessages += 1
            if !predicted.isEmpty { flaggedLookalikeMessages += 1 }
        }
    }

    public var precision: Double {
        truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives)
    }

    public var recall: Double {
        truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives)
    }

    public var f1: Double {
        precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }
}
