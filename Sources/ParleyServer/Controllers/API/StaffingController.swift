import Foundation
import ParleyCore
import Vapor

/// `GET /api/v1/staffing?handle&days&service_level&target_minutes&shrinkage&max_occupancy&patience_minutes&aht_seconds`:
/// the hourly staffing plan for the coming days (supervisors).
struct StaffingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.requiring(.supervisor).get("staffing", use: plan)
    }

    struct PlanDTO: Content {
        struct Hour: Content {
            var hour: Date
            var forecast: Double
            var lo80: Double
            var hi80: Double
            var agents: Int
            var scheduled: Int
            var scheduledHigh: Int
            var onShift: Int
            var gap: Int
            var serviceLevel: Double?
            var problem: String?

            enum CodingKeys: String, CodingKey {
                case hour, forecast, lo80, hi80, agents, scheduled, gap, problem
                case scheduledHigh = "scheduled_high"
                case onShift = "on_shift"
                case serviceLevel = "service_level"
            }
        }

        var handle: String?
        var ahtSeconds: Double
        var ahtMeasuredReplies: Int?
        var serviceLevel: Double
        var targetSeconds: Double
        var shrinkage: Double
        var maxOccupancy: Double
        var patienceSeconds: Double?
        var model: String
        var historyHours: Int
        var agentsWithShifts: Int
        var hours: [Hour]

        enum CodingKeys: String, CodingKey {
            case handle, model, hours, shrinkage
            case ahtSeconds = "aht_seconds"
            case ahtMeasuredReplies = "aht_measured_replies"
            case serviceLevel = "service_level"
            case targetSeconds = "target_seconds"
            case maxOccupancy = "max_occupancy"
            case patienceSeconds = "patience_seconds"
            case historyHours = "history_hours"
            case agentsWithShifts = "agents_with_shifts"
        }

        init(_ plan: DeskStaffing.Plan) {
            handle = plan.request.handle?.username
            ahtSeconds = (plan.targets.ahtSeconds * 10).rounded() / 10
            ahtMeasuredReplies = plan.measuredReplies
            serviceLevel = plan.targets.serviceLevel
            targetSeconds = plan.targets.targetSeconds
            shrinkage = plan.targets.shrinkage
            maxOccupancy = plan.targets.maxOccupancy
            patienceSeconds = plan.targets.patienceSeconds
            model = plan.model.rawValue
            historyHours = plan.historyHours
            agentsWithShifts = plan.agentsWithShifts
            func r(_ x: Double) -> Double { (x * 100).rounded() / 100 }
            hours = plan.hours.map {
                Hour(hour: Date(timeIntervalSince1970: TimeInterval($0.forecast.hour)), forecast: r($0.forecast.forecast), lo80: r($0.forecast.lo80),
                     hi80: r($0.forecast.hi80), agents: $0.agents, scheduled: $0.scheduled, scheduledHigh: $0.scheduledHigh, onShift: $0.onShift,
                     gap: $0.gap, serviceLevel: $0.serviceLevel.map { ($0 * 10_000).rounded() / 10_000 }, problem: $0.problem)
            }
        }
    }

    @Sendable func plan(req: Request) async throws -> PlanDTO {
        let request = try DeskStaffing.Request.parse(try req.query.decode(DeskStaffing.Request.Query.self), handles: try await req.parley.handles.all())
        return PlanDTO(try await DeskStaffing(database: req.db, now: req.parley.effects.now()).plan(request))
    }
}
