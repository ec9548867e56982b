import Foundation

/// The JSON header of a triage model file: feature settings, the heads, and what they were trained on.
public struct TriageModelManifest: Sendable, Codable, Equatable {
    public var format: Int
    public var hashBits: Int
    public var charGramMin: Int
    public var charGramMax: Int
    /// Word to rounded valence, from VADER's lexicon (C.J. Hutto, MIT licence).
    public var lexicon: [String: Int]
    public var negations: [String]
    public var negationReach: Int
    public var outputCount: Int
    /// One bias per output column.
    public var bias: [Double]
    public var heads: [TriageModelHead]
    /// Free-form provenance (data, seed, settings, measured validation figures), kept for people.
    public var training: [String: String]

    func validate() throws {
        guard (1...24).contains(hashBits) else { throw TriageModelError.inconsistentManifest("hashBits \(hashBits)") }
        guard charGramMin >= 1, charGramMin <= charGramMax else {
            throw TriageModelError.inconsistentManifest("character n-gram sizes \(charGramMin)...\(charGramMax)")
        }
        guard bias.count == outputCount else { throw TriageModelError.inconsistentManifest("bias count") }
        for head in heads {
            let needed = head.kind == .binary ? 1 : head.labels.count
            guard head.labels.count >= 2, head.firstOutput >= 0, head.firstOutput + needed <= outputCount else {
                throw TriageModelError.inconsistentManifest("head \(head.name) outputs")
            }
        }
    }

    public func head(named name: String) -> TriageModelHead? {
        heads.first { $0.name == name }
    }
}

/// One classifier over a slice of the output columns.
public struct TriageModelHead: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// One column; label 1 when the margin reaches `threshold`, a margin tuned on validation data.
        case binary
        /// One column per label; the largest margin wins.
        case softmax
    }

    public var name: String
    public var kind: Kind
    public var labels: [String]
    public var firstOutput: Int
    public var threshold: Double

    public func prediction(margins: [Double]) -> TriageHeadPrediction {
        switch kind {
        case .binary:
            let m = margins[firstOutput]
            let p = 1 / (1 + exp(-m))
            return TriageHeadPrediction(label: m >= threshold ? 1 : 0, probabilities: [1 - p, p])
        case .softmax:
            let slice = Array(margins[firstOutput..<(firstOutput + labels.count)])
            var best = 0
            for i in slice.indices where slice[i] > slice[best] { best = i }
            let top = slice[best]
            let e = slice.map { exp($0 - top) }
            let total = e.reduce(0, +)
            return TriageHeadPrediction(label: best, probabilities: e.map { $0 / total })
        }
    }
}

public struct TriageHeadPrediction: Sendable, Equatable {
    /// Index into the head's `labels`.
    public var label: Int
    public var probabilities: [Double]
}
