import Foundation
import ParleyCore
import Testing

@Suite struct ResponseTimesTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func timeline(_ messages: [(Double, Bool)], resolvedAfter: Double? = nil) -> CaseTimeline {
        CaseTimeline(
            conversationID: UUID(), messages: messages.map { (t0.addingTimeInterval($0.0), $0.1) },
            resolvedAt: resolvedAfter.map { t0.addingTimeInterval($0) })
    }

    /// A case answered in 10 minutes, resolved, then reopened by the customer days later and
    /// answered again: its first response stays 10 minutes (Chatwoot #12058 showed 5 days).
    @Test func aReopenedCaseKeepsItsFirstResponse() {
        let reopened = timeline([(0, false), (600, true), (5 * 86_400, false), (5 * 86_400 + 60, true)], resolvedAfter: 3_600)
        #expect(reopened.firstResponseSeconds == 600)
        #expect(reopened.resolutionSeconds == 3_600)
    }

    /// The brand's own post before the customer wrote is not an answer; a DM answer to a public
    /// complaint is (one case holds both channels).
    @Test func onlyAnAnswerAfterTheCustomerCounts() {
        #expect(timeline([(-300, true), (0, false), (900, true)]).firstResponseSeconds == 900)
        #expect(timeline([(0, false), (30, false)]).firstResponseSeconds == nil)
        #expect(timeline([(0, true)]).firstCustomerMessage == nil)
    }

    @Test func theReportCountsAndRanks() throws {
        // Answers after 60, 120, …, 600 s (one long after an SLA would have breached: 7,200 s), one unanswered.
        var cases = (1...9).map { timeline([(0, false), (Double($0) * 60, true)], resolvedAfter: Double($0) * 600) }
        cases.append(timeline([(0, false), (7_200, true)]))
        cases.append(timeline([(0, false)]))
        let report = ResponseTimeReport(cases)
        #expect(report.conversations == 11)
        #expect(report.firstResponse.answered == 10 && report.firstResponse.unanswered == 1)
        #expect(report.firstResponse.medianSeconds == 300)   // nearest rank: 5th of 10
        #expect(report.firstResponse.p90Seconds == 540)      // 9th of 10
        #expect(report.firstResponse.meanSeconds == 990.0)  // (2,700 + 7,200) ÷ 10
        #expect(report.resolution.resolved == 9 && report.resolution.medianSeconds == 3_000 && report.resolution.p90Seconds == 5_400)
        let json = String(decoding: try JSONEncoder().encode(ResponseTimeReport([])), as: UTF8.self)
        #expect(json.contains("\"median_seconds\":null") && json.contains("\"conversations\":0"))
    }
}
