import Foundation

/// The trained models triage needs, built from file bytes the caller read
/// (`Models/triage/triage-linear.bin`).
public struct TriageModels: Sendable {
    public let linear: TriageLinearModel

    public init(linearModelData: Data) throws {
        let linear = try TriageLinearModel(data: linearModelData)
        for name in Self.requiredHeads where linear.manifest.head(named: name) == nil {
            throw TriageModelError.inconsistentManifest("missing head \(name)")
        }
        self.linear = linear
    }

    static let requiredHeads = ["complaint", "sentiment", "offensive", "emotion"]
}
