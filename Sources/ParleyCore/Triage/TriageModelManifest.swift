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
        margins.withUnsafeBufferPointer { prediction(margins: $0) }
    }

    func prediction(margins: UnsafeBufferPointer<Double>) -> TriageHeadPrediction {
        TriageHeadPrediction(
            label: label(margins: margins),
            probabilities: labels.indices.map { probability(ofLabel: $0, margins: margins) })
    }

    func label(margins: UnsafeBufferPointer<Double>) -> Int {
        switch kind {
        case .binary:
            return margins[firstOutput] >= threshold ? 1 : 0
        case .softmax:
            var best = 0
            for i in 1..<labels.count where margins[firstOutput + i] > margins[firstOutput + best] { best = i }
            return best
        }
    }

    /// The logistic of a binary head's margin, or the softmax of a multi-class head's margins.
    func probability(ofLabel label: Int, margins: UnsafeBufferPointer<Double>) -> Double {
        switch kind {
        case .binary:
            let p = 1 / (1 + exp(-margins[firstOutput]))
            return label == 1 ? p : 1 - p
        case .softmax:
            let top = margins[firstOutput + self.label(margins: margins)]
            var total = 0.0
            for i in 0..<labels.count { total += exp(margins[firstOutput + i] - top) }
            return exp(margins[firstOutput + label] - top) / total
        }
    }
}

public struct TriageHeadPrediction: Sendable, Equatable {
    /// Index into the head's `labels`.
    public var label: Int
    public var probabilities: [Double]
}
