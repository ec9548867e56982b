import FluentKit
import Foundation
import ParleyCore
import ParleyStore

/// A staffing plan for the coming days: each handle's hourly arrivals (cases opened) forecast
/// from its own history (up to 8 weeks, from its first case), staffed hour by hour for the
/// team's targets with the handle time measured on the desk, against the agents whose shifts
/// cover the hour.
struct DeskStaffing: Sendable {
    let database: any Database
    let now: Date

    struct Request: Sendable {
        var handle: Handle?
        var days = 7
        var targets = StaffingTargets()
        /// Handle time given by the supervisor, instead of the measured one.
        var ahtOverride: Double?

        struct Query: Decodable {
            var handle: String?
            var days: String?
            var service_level: String?
            var target_minutes: String?
            var shrinkage: String?
            var max_occupancy: String?
            var patience_minutes: String?
            var aht_seconds: String?
        }

        /// The query string, each number checked with a message naming it.
        static func parse(_ query: Query, handles: [Handle]) throws -> Request {
            func bad(_ message: String) -> HTTPError { HTTPError(.badRequest, "bad_request", message) }
            func number(_ raw: String?, _ name: String, _ range: ClosedRange<Double>) throws -> Double? {
                guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
                guard let value = Double(raw.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
                    throw bad("\(name) must be a number from \(Self.shown(range.lowerBound)) to \(Self.shown(range.upperBound)).")
                }
                return value
            }
            var request = Request()
            if let raw = query.handle, !raw.isEmpty {
                guard let handle = Handle.named(raw, in: handles) else { throw bad("handle is neither a handle's id nor its username.") }
                request.handle = handle
            }
            request.days = Int(try number(query.days, "days", 1...14) ?? 7)
            if let v = try number(query.service_level, "service_level (percent)", 1...99.9) { request.targets.serviceLevel = v / 100 }
            if let v = try number(query.target_minutes, "target_minutes", 1...1_440) { request.targets.targetSeconds = v * 60 }
            if let v = try number(query.shrinkage, "shrinkage (percent)", 0...90) { request.targets.shrinkage = v / 100 }
            if let v = try number(query.max_occupancy, "max_occupancy (percent)", 10...100) { request.targets.maxOccupancy = v / 100 }
            request.targets.patienceSeconds = try number(query.patience_minutes, "patience_minutes", 1...1_440).map { $0 * 60 }
            request.ahtOverride = try number(query.aht_seconds, "aht_seconds", 10...7_200)
            return request
        }

        static func shown(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
    }

    struct Plan: Sendable {
        var request: Request
        var targets: StaffingTargets
        /// Replies the handle time was measured on; nil: the default or the supervisor's.
        var measuredReplies: Int?
        var model: ForecastModel
        var historyHours: Int
        var agentsWithShifts: Int
        var hours: [StaffedHour]
    }

    static let history: TimeInterval = 56 * 86_400

    func plan(_ request: Request) async throws -> Plan {
        let queries = StaffingQueries(database: database)
        var targets = request.targets
        var measured: Int?
        if let aht = request.ahtOverride {
            targets.ahtSeconds = aht
        } else if let aht = StaffingPlanner.measuredAHT(try await queries.agentActions(since: now.addingTimeInterval(-28 * 86_400))) {
            targets.ahtSeconds = aht.seconds
            measured = aht.replies
        }
        let arrivals = try await queries.arrivals(handleID: request.handle?.id, from: now.addingTimeInterval(-Self.history), to: now)
        let end = Int64(now.timeIntervalSince1970)
        let series = HourlySeries.counting(arrivals, from: arrivals.min() ?? end, to: end)
        let forecast = try VolumeForecaster().forecast(series, horizon: request.days * 24)
        let shifts = try await AgentQueries(database: database).profiles().compactMap { $0.shifts.flatMap { try? WeeklyHours.parse($0) } }
        let hours = StaffingPlanner.plan(forecast.hours, targets: targets) { StaffingPlanner.onShift(shifts, hour: $0) }
        return Plan(request: request, targets: targets, measuredReplies: measured, model: forecast.model, historyHours: series.values.count,
                    agentsWithShifts: shifts.count, hours: hours)
    }
}
