import Foundation
import ParleyCore
import Testing

@Suite struct IssueClustererTests {
    let handle = UUID()
    var clusterer: IssueClusterer {
        IssueClusterer(brand: BrandDirectory(handles: [Handle(id: handle, xUserID: "1", username: "AcmeCare", name: "Acme", role: .care, terms: ["acme"])]))
    }

    func group(_ texts: [String]) -> [UUID?] {
        var board = IssueBoard()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        return texts.map { clusterer.assign(clusterer.words(of: $0), handleID: handle, at: now, board: &board, newID: { UUID() }) }
    }

    /// The same problem in other words joins one issue; another problem starts its own; the
    /// brand's name, @names, links and care's generic words never make two messages alike.
    @Test func groupsReportsOfTheSameProblem() {
        let ids = group([
            "@AcmeCare the app crashes at login",
            "Acme app keeps crashing when I login, please help",
            "my card was declined at checkout",
            "card declined again at checkout?? https://acme.example/cart",
            "can't log in, the app crashes",
            "please help @AcmeCare acme account support",
        ])
        #expect(ids[0] != nil && ids[0] == ids[1] && ids[1] == ids[4])
        #expect(ids[2] != nil && ids[2] == ids[3])
        #expect(ids[0] != ids[2])
        #expect(ids[5] == nil)
    }

    @Test func namesAnIssueByItsWordsAsWritten() {
        var board = IssueBoard()
        let now = Date()
        for text in ["The app crashes at login", "app crashes on login", "crashes at login since update"] {
            _ = clusterer.assign(clusterer.words(of: text), handleID: handle, at: now, board: &board, newID: { UUID() })
        }
        let issues = board.issues
        #expect(issues.count == 1)
        #expect(issues[0].label == "crashes · login · app")
        #expect(issues[0].size == 3)
    }
}
