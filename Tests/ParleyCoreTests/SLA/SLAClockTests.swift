import Foundation
import Testing
@testable import ParleyCore

@Suite struct SLAClockTests {
    // New York, Mon–Fri 09:00–17:00.
    let calendar = try! JSONDecoder().decode(BusinessCalendar.self, from: Data(#"""
        {"timezone":"America/New_York","hours":{"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]],"fri":[["09:00","17:00"]]}}
        """#.utf8))
    var policy: SLAPolicy { SLAPolicy(firstResponseMinutes: 60, nextResponseMinutes: 30, resolutionMinutes: 480, calendar: calendar) }

    func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func aFirstResponseClockRunsOnBusinessHoursOnly() {
        // Friday 16:30 New York: 30 minutes today, 30 on Monday.
        let facts = SLAFacts(state: .open, openedAt: date("2026-11-27T21:30:00Z"), firstRespondedAt: nil, awaitingReplySince: date("2026-11-27T21:30:00Z"))
        let friday = SLAClock.standing(facts, policy: policy, now: date("2026-11-27T21:40:00Z"))
        #expect(friday.firstResponseDue == date("2026-11-30T14:30:00Z"))
        #expect(friday.status == .ok)
        #expect(friday.nextResponseDue == nil)
        // Saturday: still 30 business minutes in, under the 80% warning share.
        #expect(SLAClock.standing(facts, policy: policy, now: date("2026-11-28T15:00:00Z")).status == .ok)
        // Monday 09:20: 50 of 60 minutes, past 80%.
        let monday = SLAClock.standing(facts, policy: policy, now: date("2026-11-30T14:20:00Z"))
        #expect(monday.status == .warning && monday.target == "first_response")
        #expect(SLAClock.standing(facts, policy: policy, now: date("2026-11-30T14:30:00Z")).status == .breached)
    }

    @Test func afterTheFirstAnswerTheNextResponseClockRunsFromTheCustomersMessage() {
        let facts = SLAFacts(state: .open, openedAt: date("2026-11-30T14:00:00Z"), firstRespondedAt: date("2026-11-30T14:10:00Z"),
                             awaitingReplySince: date("2026-11-30T15:00:00Z"))
        let standing = SLAClock.standing(facts, policy: policy, now: date("2026-11-30T15:05:00Z"))
        #expect(standing.firstResponseDue == nil)
        #expect(standing.nextResponseDue == date("2026-11-30T15:30:00Z"))
        #expect(standing.earliestDue == date("2026-11-30T15:30:00Z"))
    }

    @Test(arguments: [ConversationState.pending, .snoozed, .resolved])
    func noClockRunsWhileTheCaseWaitsOnTheCustomerIsSnoozedOrResolved(_ state: ConversationState) {
        let facts = SLAFacts(state: state, openedAt: date("2026-11-30T14:00:00Z"), firstRespondedAt: nil, awaitingReplySince: date("2026-11-30T14:00:00Z"))
        #expect(SLAClock.standing(facts, policy: policy, now: date("2026-12-30T14:00:00Z")) == SLAStanding(status: .none))
    }

    @Test func policiesAreCheckedWhenSaved() {
        #expect(throws: SLAPolicyError.self) { try SLAPolicy(firstResponseMinutes: 0, nextResponseMinutes: 30, calendar: calendar).validate() }
        #expect(throws: SLAPolicyError.self) { try SLAPolicy(firstResponseMinutes: 5, nextResponseMinutes: 30, warningShare: 1.5, calendar: calendar).validate() }
        #expect(throws: Never.self) { try policy.validate() }
    }

    @Test func availabilitySaysWhenTheTeamIsBackOrHowLongItTakes() {
        let closed = Availability.now(date("2026-11-28T15:00:00Z"), calendar: calendar, recentFirstResponses: [], waiting: 0, agentsOnline: 0, targetMinutes: 60)
        #expect(!closed.openNow)
        #expect(closed.text == "We're back Monday 09:00 New York time.")
        let open = Availability.now(date("2026-11-30T15:00:00Z"), calendar: calendar, recentFirstResponses: [600, 2400, 1200], waiting: 1, agentsOnline: 2, targetMinutes: 60)
        #expect(open.openNow && open.expectedWaitMinutes == 20)
        #expect(open.text == "We usually reply within 20 minutes.")
        // Ten waiting for one agent (room for two): five times the usual wait.
        let busy = Availability.now(date("2026-11-30T15:00:00Z"), calendar: calendar, recentFirstResponses: [1200], waiting: 10, agentsOnline: 1, targetMinutes: 60)
        #expect(busy.expectedWaitMinutes == 100)
    }
}
