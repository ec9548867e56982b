import Foundation
import Testing
@testable import ParleyCore

@Suite struct TriageComplaintFoldsTests {
    /// `parley eval` scores each row with the model that did not see it, so the Swift folds must be
    /// the training script's: the digest is of the fold digits the script computed, row by row.
    @Test func reproducesTheTrainingScriptsFolds() throws {
        let csv = try String(
            contentsOf: TriageTestFiles.sharedData.appendingPathComponent("complaints/complaints-data.csv"), encoding: .utf8)
        let rows = TriageComplaintsCSV.rows(csv).filter(\.isAnnotated)
        #expect(rows.count == 1_974)
        let folds = TriageComplaintFolds.folds(of: rows)
        #expect(Array(folds.prefix(10)) == [4, 4, 4, 6, 3, 5, 9, 8, 1, 5])
        let digest = folds.map(String.init).joined().utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        #expect(digest == 0x66ac_8750_fa29_21a6)
    }

    @Test func foldsAreStratified() {
        let rows = (0..<95).map { TriageComplaintRow(tweetID: "\($0)", text: "", isComplaint: $0 % 3 == 0, domain: "d") }
        let folds = TriageComplaintFolds.folds(of: rows)
        for label in [true, false] {
            let sizes = (0..<10).map { k in zip(rows, folds).filter { $0.0.isComplaint == label && $0.1 == k }.count }
            #expect(sizes.max()! - sizes.min()! <= 1)
        }
    }
}
