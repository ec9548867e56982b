import Foundation
import Testing
@testable import ParleyCore

@Suite struct TriageConfusionMatrixTests {
    @Test func countsAndMetricsOnASmallCase() {
        let m = TriageConfusionMatrix(gold: [0, 0, 1, 1, 2], predicted: [0, 1, 1, 1, 0], classCount: 3)
        #expect(m.total == 5)
        #expect(m.accuracy == 0.6)
        #expect(m.recall(ofClass: 0) == 0.5)
        #expect(m.precision(ofClass: 1) == 2.0 / 3.0)
        // Class 2 is never predicted: its precision, recall and F1 count as 0, not as missing.
        #expect(m.f1(ofClass: 2) == 0)
        #expect(abs(m.macroRecall - (0.5 + 1 + 0) / 3) < 1e-12)
    }

    /// The published TweetEval figures of RoBERTa-retrained, recomputed from its own predictions:
    /// if these match to one decimal, the metric code is the one the papers used.
    @Test(arguments: [
        ("sentiment", 3, "macroRecall", 72.9),
        ("emotion", 4, "macroF1", 79.8),
        ("offensive", 2, "macroF1", 81.6),
        ("irony", 2, "f1Class1", 62.5),
        ("hate", 2, "macroF1", 55.5),
    ])
    func reproducesPublishedTweetEvalFigures(task: String, classes: Int, metric: String, published: Double) throws {
        let data = TriageTestFiles.sharedData.appendingPathComponent("tweeteval")
        let gold = try TriageTestFiles.lines(data.appendingPathComponent("datasets/\(task)/test_labels.txt")).map { Int($0)! }
        let predicted = try TriageTestFiles.lines(data.appendingPathComponent("predictions_RoB-Rt/\(task).txt")).map { Int($0)! }
        let matrix = TriageConfusionMatrix(gold: gold, predicted: predicted, classCount: classes)
        let value: Double = switch metric {
        case "macroRecall": matrix.macroRecall
        case "macroF1": matrix.macroF1
        default: matrix.f1(ofClass: 1)
        }
        #expect((value * 1000).rounded() / 10 == published)
    }
}
