import Foundation
import ParleyCore
import Testing

@Suite struct StaffingTests {
    /// The published check: 100 contacts in 30 minutes, 3-minute handling, 80% within 20 s.
    @Test func erlangCMeetsThePublishedCheck() throws {
        let plan = try Staffing.plan(StaffingRequest(arrivals: 100, intervalSeconds: 1_800, ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8))
        #expect(plan.agents == 14 && plan.scheduledAgents == 14)
        #expect(abs(plan.serviceLevel - 0.8884) < 0.00005)
        #expect(abs(plan.occupancy - 0.7143) < 0.00005)
        #expect(abs(plan.pWait - 0.1741) < 0.00005)
        #expect(abs(plan.asaSeconds - 7.84) < 0.005)
        #expect(plan.pAbandon == nil)
        let shrunk = try Staffing.plan(StaffingRequest(arrivals: 100, intervalSeconds: 1_800, ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8, shrinkage: 0.3))
        #expect(shrunk.agents == 14 && shrunk.scheduledAgents == 20)
    }

    @Test func theOccupancyCapAddsAgents() throws {
        let capped = try Staffing.plan(StaffingRequest(arrivals: 100, intervalSeconds: 1_800, ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8, maxOccupancy: 0.65))
        #expect(capped.agents == 16 && capped.occupancy <= 0.65)
    }

    @Test func thousandsOfAgentsDoNotOverflow() throws {
        // 4,500 Erlangs of traffic.
        let plan = try Staffing.plan(StaffingRequest(arrivals: 45_000, intervalSeconds: 1_800, ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.9))
        #expect(plan.agents > 4_500 && plan.agents < 4_700)
        #expect(plan.serviceLevel >= 0.9 && plan.serviceLevel.isFinite && plan.pWait.isFinite && plan.asaSeconds.isFinite)
    }

    /// Customers who give up need fewer agents for the same target, and with a patience far longer
    /// than any wait, Erlang A is Erlang C.
    @Test func erlangAWithAbandonment() throws {
        let base = StaffingRequest(arrivals: 100, intervalSeconds: 1_800, ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8)
        var patient = base
        patient.patienceSeconds = 1e7
        let c = try Staffing.plan(base)
        let a = try Staffing.plan(patient)
        #expect(a.agents == c.agents)
        #expect(abs(a.serviceLevel - c.serviceLevel) < 1e-3 && abs(a.pWait - c.pWait) < 1e-3)
        #expect((a.pAbandon ?? 1) < 1e-4)
        var impatient = base
        impatient.patienceSeconds = 60
        let quick = try Staffing.plan(impatient)
        #expect(quick.agents <= c.agents)
        #expect((quick.pAbandon ?? 0) > 0 && (quick.pAbandon ?? 1) < 0.2)
        #expect(quick.serviceLevel >= 0.8)
    }

    @Test func badInputSaysWhy() throws {
        #expect(throws: StaffingError.invalid("aht_seconds must be more than 0.")) {
            try Staffing.plan(StaffingRequest(arrivals: 1, intervalSeconds: 60, ahtSeconds: 0, targetSeconds: 20, serviceLevel: 0.8))
        }
        #expect(throws: StaffingError.invalid("service_level must be from 0 to less than 1.")) {
            try Staffing.plan(StaffingRequest(arrivals: 1, intervalSeconds: 60, ahtSeconds: 60, targetSeconds: 20, serviceLevel: 1))
        }
        #expect(throws: StaffingError.invalid("arrivals must be a number.")) {
            try Staffing.plan(StaffingRequest(arrivals: .nan, intervalSeconds: 60, ahtSeconds: 60, targetSeconds: 20, serviceLevel: 0.5))
        }
        #expect(try Staffing.plan(StaffingRequest(arrivals: 0, intervalSeconds: 60, ahtSeconds: 60, targetSeconds: 20, serviceLevel: 0.5)).agents == 0)
    }
}
