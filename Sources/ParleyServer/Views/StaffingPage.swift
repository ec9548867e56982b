import Foundation
import ParleyCore

/// The staffing page's view: the plan's settings, a chart of agents scheduled against agents on
/// shift, the hours short of agents, each handle's published availability, and a row an hour.
struct StaffingPage: Encodable {
    var user: UserBadge
    var csrf: String
    var form: Form
    var summary: [String]
    var shortfall: String
    var chart: ReportChart
    var availability: [HandleLine]
    var rows: [Row]

    struct Form: Encodable {
        var handles: [Option]
        var days: String
        var serviceLevel: String
        var targetMinutes: String
        var shrinkage: String
        var maxOccupancy: String
        var patienceMinutes: String
        var ahtSeconds: String
        var ahtPlaceholder: String
    }

    struct Option: Encodable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct HandleLine: Encodable {
        var handle: String
        var bio: String
        var away: String
        var now: String
    }

    struct Row: Encodable {
        var hour: String
        var forecast: String
        var agents: String
        var scheduled: String
        var scheduledHigh: String
        var onShift: String
        var gap: String
        var short: Bool
        var serviceLevel: String
    }

    init(user: UserBadge, csrf: String, plan: DeskStaffing.Plan, query: DeskStaffing.Request.Query, handles: [Handle],
         availability: [(Handle, Availability)], time: LocalTime) {
        self.user = user
        self.csrf = csrf
        let t = plan.targets
        form = Form(
            handles: [Option(value: "", label: "All handles", selected: plan.request.handle == nil)]
                + handles.map { Option(value: $0.username, label: "@" + $0.username, selected: $0.id == plan.request.handle?.id) },
            days: String(plan.request.days), serviceLevel: Self.number(t.serviceLevel * 100), targetMinutes: Self.number(t.targetSeconds / 60),
            shrinkage: Self.number(t.shrinkage * 100), maxOccupancy: Self.number(t.maxOccupancy * 100),
            patienceMinutes: t.patienceSeconds.map { Self.number($0 / 60) } ?? "", ahtSeconds: query.aht_seconds ?? "",
            ahtPlaceholder: Self.number(t.ahtSeconds.rounded()))
        let aht = ReportsPage.duration(t.ahtSeconds)
        let ahtSource: String
        if let replies = plan.measuredReplies {
            ahtSource = "measured on \(replies) replies sent from the desk in the last 28 days"
        } else if plan.request.ahtOverride != nil {
            ahtSource = "as given"
        } else {
            ahtSource = "the default: fewer than \(StaffingPlanner.measuredAfter) replies sent from the desk in the last 28 days to measure"
        }
        summary = [
            "Target: \(Self.number(t.serviceLevel * 100))% of cases answered within \(ReportsPage.duration(t.targetSeconds)), agents busy at most \(Self.number(t.maxOccupancy * 100))% of the time, \(Self.number(t.shrinkage * 100))% shrinkage\(t.patienceSeconds.map { ", customers giving up after \(ReportsPage.duration($0)) on average (Erlang A)" } ?? " (Erlang C)").",
            "Handle time: \(aht) (\(ahtSource)).",
            "Forecast: cases opened per hour, the \(plan.model.rawValue) model chosen on \(plan.historyHours) hours of history, with its 80% interval.",
            "On shift: \(plan.agentsWithShifts) people have shifts set (Admin → people); an hour counts those on shift for at least half of it.",
        ]
        let short = plan.hours.filter { $0.gap < 0 }
        if let worst = short.min(by: { $0.gap < $1.gap }) {
            shortfall = "Short of agents in \(short.count) of \(plan.hours.count) hours; the most at \(time.format(Date(timeIntervalSince1970: TimeInterval(worst.forecast.hour)))), short by \(-worst.gap)."
        } else {
            shortfall = "Enough agents on shift in every hour of the plan."
        }
        chart = ReportChart(
            id: "chart-staffing", title: "Agents to schedule per hour, and agents on shift",
            points: plan.hours.map { .init(label: time.format(Date(timeIntervalSince1970: TimeInterval($0.forecast.hour))), value: Double($0.scheduled), line: Double($0.onShift)) },
            barName: "Agents to schedule", lineName: "On shift", format: { String(Int($0.rounded())) })
        self.availability = availability.map { handle, a in
            HandleLine(handle: "@" + handle.username, bio: a.bio, away: a.awayMessage ?? "— (answers around the clock)", now: a.text)
        }
        rows = plan.hours.map { h in
            let f = h.forecast
            return Row(
                hour: time.format(Date(timeIntervalSince1970: TimeInterval(f.hour))),
                forecast: String(format: "%.1f (%.1f–%.1f)", f.forecast, f.lo80, f.hi80),
                agents: h.problem == nil ? String(h.agents) : "—", scheduled: h.problem == nil ? String(h.scheduled) : "—",
                scheduledHigh: h.problem == nil ? String(h.scheduledHigh) : "—", onShift: String(h.onShift),
                gap: h.problem ?? (h.gap < 0 ? "short by \(-h.gap)" : h.gap == 0 ? "0" : "+\(h.gap)"), short: h.problem == nil && h.gap < 0,
                serviceLevel: h.serviceLevel.map { ReportsPage.share($0) } ?? "—")
        }
    }

    static func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x) }
}
