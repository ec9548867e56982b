import Foundation

/// Linear classifiers that share one hashed feature space, loaded from the bytes of
/// `Models/triage/triage-linear.bin` (the caller reads the file; ParleyCore does no I/O).
///
/// File layout, little-endian: the 8 magic bytes `PRLYTRG1`, a UInt32 manifest length, the manifest
/// as JSON, zero padding to a multiple of 4, then `2^hashBits × outputCount` Float32 weights,
/// bucket-major. Bucket-major puts every head's weights for one feature in adjacent bytes, so one
/// feature costs one cache line however many heads there are.
public struct TriageLinearModel: Sendable {
    public let manifest: TriageModelManifest
    public let features: TriageTextFeatures
    private let weights: [Float]

    public init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count >= 12, Array(bytes[0..<8]) == Array("PRLYTRG1".utf8) else {
            throw TriageModelError.notATriageModel
        }
        let manifestLength = Int(Self.uint32(bytes, at: 8))
        guard 12 + manifestLength <= bytes.count else { throw TriageModelError.truncated }
        let manifest: TriageModelManifest
        do {
            manifest = try JSONDecoder().decode(TriageModelManifest.self, from: Data(bytes[12..<(12 + manifestLength)]))
        } catch {
            throw TriageModelError.badManifest(String(describing: error))
        }
        guard manifest.format == 1 else { throw TriageModelError.unsupportedFormat(manifest.format) }
        try manifest.validate()
        let weightStart = (12 + manifestLength + 3) / 4 * 4
        let weightCount = (1 << manifest.hashBits) * manifest.outputCount
        guard bytes.count == weightStart + 4 * weightCount else { throw TriageModelError.truncated }
        var weights = [Float](repeating: 0, count: weightCount)
        for i in 0..<weightCount {
            weights[i] = Float(bitPattern: Self.uint32(bytes, at: weightStart + 4 * i))
        }
        self.manifest = manifest
        self.features = TriageTextFeatures(
            hashBits: manifest.hashBits, charGramMin: manifest.charGramMin, charGramMax: manifest.charGramMax,
            lexicon: manifest.lexicon, negations: manifest.negations, negationReach: manifest.negationReach)
        self.weights = weights
    }

    private static func uint32(_ bytes: [UInt8], at i: Int) -> UInt32 {
        UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
    }

    /// Every output's margin: the bias plus, for each feature block, the sum of the weights of its
    /// feature occurrences divided by the square root of their count.
    ///
    /// Summing in Double, occurrence by occurrence in the features' order, is what the training
    /// script's reference scorer does too, so the two agree to the last bit.
    public func margins(for text: String) -> [Double] {
        let k = manifest.outputCount
        let blocks = TriageTextFeatures.Block.allCases.count
        var sums = [Double](repeating: 0, count: k * blocks)
        let counts = weights.withUnsafeBufferPointer { w in
            sums.withUnsafeMutableBufferPointer { acc in
                features.forEachBucket(of: text) { block, bucket in
                    let row = bucket * k
                    let base = block.rawValue * k
                    for o in 0..<k { acc[base + o] += Double(w[row + o]) }
                }
            }
        }
        var margins = manifest.bias
        for b in 0..<blocks where counts[b] > 0 {
            let scale = Double(counts[b]).squareRoot()
            for o in 0..<k { margins[o] += sums[b * k + o] / scale }
        }
        return margins
    }

    /// Each head's decision and class probabilities for one message.
    public func predict(_ text: String) -> [String: TriageHeadPrediction] {
        let m = margins(for: text)
        var out: [String: TriageHeadPrediction] = [:]
        for head in manifest.heads { out[head.name] = head.prediction(margins: m) }
        return out
    }
}

public enum TriageModelError: Error, Equatable, CustomStringConvertible {
    case notATriageModel
    case truncated
    case badManifest(String)
    case unsupportedFormat(Int)
    case inconsistentManifest(String)

    public var description: String {
        switch self {
        case .notATriageModel: "not a triage model file (magic bytes PRLYTRG1 missing)"
        case .truncated: "triage model file is truncated or has trailing bytes"
        case .badManifest(let why): "triage model manifest is not valid JSON: \(why)"
        case .unsupportedFormat(let v): "triage model format \(v) is not supported (expected 1)"
        case .inconsistentManifest(let why): "triage model manifest is inconsistent: \(why)"
        }
    }
}
