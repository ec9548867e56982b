import Foundation
import Testing
@testable import ParleyCore

@Suite struct TriageLinearModelTests {
    static let model: TriageLinearModel? = try? TriageLinearModel(
        data: Data(contentsOf: TriageTestFiles.models.appendingPathComponent("triage-linear.bin")))

    /// The training script scored a held-back sample with the exported weights; the runtime must
    /// produce the same margins to the last bit, or the shipped model is not the measured one.
    @Test func reproducesTheTrainingScriptsMarginsExactly() throws {
        let model = try #require(Self.model)
        let rows = try TriageTestFiles.lines(TriageTestFiles.fixtures.appendingPathComponent("reference-margins.jsonl"))
        #expect(rows.count >= 300)
        var fileCache: [String: [String]] = [:]
        for row in rows {
            let ref = try JSONDecoder().decode(ReferenceRow.self, from: Data(row.utf8))
            let text = try ref.text ?? Self.text(source: ref.source, line: ref.line, cache: &fileCache)
            let expected = ref.margins.map { Double($0)! }
            let actual = model.margins(for: text)
            #expect(actual == expected, "\(ref.source):\(ref.line)")
        }
    }

    @Test func rejectsBytesThatAreNotAModel() {
        #expect(throws: TriageModelError.notATriageModel) { try TriageLinearModel(data: Data("hello".utf8)) }
        var truncated = Data("PRLYTRG1".utf8)
        truncated.append(contentsOf: [200, 0, 0, 0])
        #expect(throws: TriageModelError.truncated) { try TriageLinearModel(data: truncated) }
    }

    @Test func everyHeadAnswersForEmptyAndHugeInput() throws {
        let model = try #require(Self.model)
        for text in ["", String(repeating: "ab😡 ", count: 50_000)] {
            let predictions = model.predict(text)
            #expect(predictions.count == model.manifest.heads.count)
            for p in predictions.values { #expect(abs(p.probabilities.reduce(0, +) - 1) < 1e-9) }
        }
    }

    private struct ReferenceRow: Decodable {
        var source: String
        var line: Int
        var text: String?
        var margins: [String]
    }

    private static func text(source: String, line: Int, cache: inout [String: [String]]) throws -> String {
        if source == "complaints/complaints-data.csv#text" {
            if cache[source] == nil {
                let csv = try String(
                    contentsOf: TriageTestFiles.sharedData.appendingPathComponent("complaints/complaints-data.csv"),
                    encoding: .utf8)
                cache[source] = TriageComplaintsCSV.rows(csv).map(\.text)
            }
            return cache[source]![line]
        }
        if cache[source] == nil {
            cache[source] = try TriageTestFiles.lines(TriageTestFiles.sharedData.appendingPathComponent(source))
        }
        return cache[source]![line]
    }
}
