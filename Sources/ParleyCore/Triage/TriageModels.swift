import Foundation

/// The trained models triage needs, built from file bytes the caller read
/// (`Models/triage/triage-linear.bin`).
public struct TriageModels: Sendable {
    public let linear: TriageLinearModel
    /// The heads triage reads, found once here rather than by name for every message.
    let complaint: TriageModelHead
    let sentiment: TriageModelHead
    let offensive: TriageModelHead
    let emotion: TriageModelHead

    public init(linearModelData: Data) throws {
        let linear = try TriageLinearModel(data: linearModelData)
        func head(_ name: String, labels: Int) throws -> TriageModelHead {
            guard let head = linear.manifest.head(named: name), head.labels.count == labels else {
                throw TriageModelError.inconsistentManifest("missing head \(name) with \(labels) labels")
            }
            return head
        }
        self.complaint = try head("complaint", labels: 2)
        self.sentiment = try head("sentiment", labels: 3)
        self.offensive = try head("offensive", labels: 2)
        // anger, joy, optimism, sadness: upset reads the probability of anger.
        self.emotion = try head("emotion", labels: 4)
        self.linear = linear
    }
}
