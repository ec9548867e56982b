import Foundation

/// What a team aims for when it staffs: answer `serviceLevel` of cases within `targetSeconds`,
/// agents busy at most `maxOccupancy` of the time, `shrinkage` of paid time away from cases
/// (breaks, training, meetings), handle time `ahtSeconds`; with a patience, customers give up
/// (Erlang A), else they wait as long as it takes (Erlang C).
public struct StaffingTargets: Sendable, Equatable {
    public var serviceLevel: Double
    public var targetSeconds: Double
    public var shrinkage: Double
    public var maxOccupancy: Double
    public var ahtSeconds: Double
    public var patienceSeconds: Double?

    public init(serviceLevel: Double = 0.8, targetSeconds: Double = 3_600, shrinkage: Double = 0.3, maxOccupancy: Double = 0.85,
                ahtSeconds: Double = StaffingPlanner.defaultAHT, patienceSeconds: Double? = nil) {
        self.serviceLevel = serviceLevel
        self.targetSeconds = targetSeconds
        self.shrinkage = shrinkage
        self.maxOccupancy = maxOccupancy
        self.ahtSeconds = ahtSeconds
        self.patienceSeconds = patienceSeconds
    }
}

/// One hour of a staffing plan: the forecast, the agents it needs working (and scheduled, with
/// shrinkage) for the forecast and for the top of its 80% interval, and the agents on shift.
public struct StaffedHour: Sendable, Equatable {
    public var forecast: HourForecast
    public var agents: Int
    public var scheduled: Int
    /// Scheduled agents for the interval's top (a busier hour than expected).
    public var scheduledHigh: Int
    public var onShift: Int
    public var serviceLevel: Double?
    /// Why the hour could not be staffed, if it could not.
    public var problem: String?

    /// On shift minus scheduled: below 0, the hour is short of agents.
    public var gap: Int { onShift - scheduled }
}

public enum StaffingPlanner {
    /// The handle time assumed until enough replies are measured.
    public static let defaultAHT: TimeInterval = 360
    /// Replies measured before the desk's own handle time replaces the default.
    public static let measuredAfter = 20

    /// Each forecast hour staffed by `Staffing.plan`, against `onShift(hour)` agents.
    public static func plan(_ forecast: [HourForecast], targets: StaffingTargets, onShift: (Int64) -> Int) -> [StaffedHour] {
        forecast.map { hour in
            func request(_ arrivals: Double) -> StaffingRequest {
                StaffingRequest(arrivals: arrivals, intervalSeconds: 3_600, ahtSeconds: targets.ahtSeconds, targetSeconds: targets.targetSeconds,
                                serviceLevel: targets.serviceLevel, shrinkage: targets.shrinkage, maxOccupancy: targets.maxOccupancy,
                                patienceSeconds: targets.patienceSeconds)
            }
            let shift = onShift(hour.hour)
            do {
                let plan = try Staffing.plan(request(hour.forecast))
                let high = (try? Staffing.plan(request(hour.hi80)))?.scheduledAgents ?? plan.scheduledAgents
                return StaffedHour(forecast: hour, agents: plan.agents, scheduled: plan.scheduledAgents, scheduledHigh: high, onShift: shift,
                                   serviceLevel: plan.serviceLevel, problem: nil)
            } catch let error as StaffingError {
                return StaffedHour(forecast: hour, agents: 0, scheduled: 0, scheduledHigh: 0, onShift: shift, serviceLevel: nil, problem: error.description)
            } catch {
                return StaffedHour(forecast: hour, agents: 0, scheduled: 0, scheduledHigh: 0, onShift: shift, serviceLevel: nil, problem: "\(error)")
            }
        }
    }

    /// Agents whose shifts cover at least half of the hour starting at `hour`.
    public static func onShift(_ shifts: [BusinessCalendar], hour: Int64) -> Int {
        let start = Date(timeIntervalSince1970: TimeInterval(hour))
        return shifts.filter { $0.elapsed(from: start, to: start.addingTimeInterval(3_600)) >= 1_800 }.count
    }

    /// Handle time from the desk's audit trail: for each reply an agent sent, the time since
    /// that agent's previous action on the case (taking, assigning, a note, a tag, a reply), when
    /// it was within 20 minutes: the minutes spent reading and writing it. The mean of those;
    /// nil until `measuredAfter` replies are measured.
    public static func measuredAHT(_ events: [(conversation: UUID, actor: UUID, replied: Bool, at: Date)]) -> (seconds: Double, replies: Int)? {
        var last: [String: Date] = [:]
        var spans: [Double] = []
        for event in events.sorted(by: { $0.at < $1.at }) {
            let key = "\(event.conversation)|\(event.actor)"
            if event.replied, let previous = last[key] {
                let span = event.at.timeIntervalSince(previous)
                if span >= 10, span <= 1_200 { spans.append(span) }
            }
            last[key] = event.at
        }
        guard spans.count >= measuredAfter else { return nil }
        return (spans.reduce(0, +) / Double(spans.count), spans.count)
    }
}
