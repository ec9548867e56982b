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
    /// The file's weights with each bucket's row padded to `stride` columns (a multiple of 4), so
    /// the per-feature loop runs over whole vector lanes; the padding columns are zero.
    private let weights: [Float]
    private let stride: Int

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
        let k = manifest.outputCount
        let buckets = 1 << manifest.hashBits
        guard bytes.count == weightStart + 4 * buckets * k else { throw TriageModelError.truncated }
        let stride = (k + 3) / 4 * 4
        var weights = [Float](repeating: 0, count: buckets * stride)
        weights.withUnsafeMutableBufferPointer { w in
            for bucket in 0..<buckets {
                for o in 0..<k {
                    w[bucket * stride + o] = Float(bitPattern: Self.uint32(bytes, at: weightStart + 4 * (bucket * k + o)))
                }
            }
        }
        self.manifest = manifest
        self.features = TriageTextFeatures(
            hashBits: manifest.hashBits, charGramMin: manifest.charGramMin, charGramMax: manifest.charGramMax,
            lexicon: manifest.lexicon, negations: manifest.negations, negationReach: manifest.negationReach)
        self.weights = weights
        self.stride = stride
    }

    private static func uint32(_ bytes: [UInt8], at i: Int) -> UInt32 {
        UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
    }

    /// Every output's margin: the bias plus, for each feature block, the sum of the weights of its
    /// feature occurrences divided by the square root of their count.
    public func margins(for text: String) -> [Double] {
        withMargins(of: text) { margins, _ in Array(margins) }
    }

    /// Each head's decision and class probabilities for one message.
    public func predict(_ text: String) -> [String: TriageHeadPrediction] {
        withMargins(of: text) { margins, _ in
            var out: [String: TriageHeadPrediction] = [:]
            for head in manifest.heads { out[head.name] = head.prediction(margins: margins) }
            return out
        }
    }

    /// Tokenizes `text` once and passes every output's margin and the tokens to `body`; both live
    /// in scratch memory for the call only, so scoring a message allocates nothing.
    ///
    /// Summing in Double, occurrence by occurrence in the features' order, is what the training
    /// script's reference scorer does too, so the two agree to the last bit.
    func withMargins<R>(of text: String, _ body: (UnsafeBufferPointer<Double>, borrowing TriageTokens) -> R) -> R {
        let k = manifest.outputCount
        let stride = stride
        return TriageTokens.with(text) { tokens in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * stride) { scratch in
                let sums = scratch.baseAddress!
                sums.initialize(repeating: 0, count: 3 * stride)
                let counts = weights.withUnsafeBufferPointer { w in
                    let rows = w.baseAddress!
                    return features.forEachBucket(of: tokens) { block, bucket in
                        let row = rows + bucket * stride
                        let acc = sums + block.rawValue * stride
                        for o in 0..<stride { acc[o] += Double(row[o]) }
                    }
                }
                let margins = sums + 3 * stride
                for o in 0..<k { margins[o] = manifest.bias[o] }
                func add(_ block: TriageTextFeatures.Block, _ count: Int) {
                    guard count > 0 else { return }
                    let scale = Double(count).squareRoot()
                    for o in 0..<k { margins[o] += sums[block.rawValue * stride + o] / scale }
                }
                add(.words, counts.words)
                add(.characters, counts.characters)
                add(.lexicon, counts.lexicon)
                return body(UnsafeBufferPointer(start: margins, count: k), tokens)
            }
        }
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
