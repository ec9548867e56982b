import Foundation
import ParleyCore

/// The reports page's view: cards from each report's total row, charts by day (or hour, for
/// a period of three days or less), and each report's table by the chosen grouping, the total
/// row first. Every figure on it comes from one load of the period.
struct ReportsPage: Encodable {
    var user: UserBadge
    var csrf: String
    var form: Form
    var period: String
    var cards: [Card]
    var charts: [ReportChart]
    var tables: [Table]

    struct Form: Encodable {
        var from: String
        var to: String
        var tz: String
        var groupings: [Option]
    }

    struct Option: Encodable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct Card: Encodable {
        var id: String
        var title: String
        var value: String
        var detail: String
    }

    struct Table: Encodable {
        var id: String
        var title: String
        var csv: String
        var columns: [String]
        var rows: [[String]]
    }

    struct Figures {
        var times: ResponseTimesTable
        var sla: SLATable
        var volume: VolumeTable
        var csat: CSATTable
        var agents: AgentsTable
        /// The same reports by day or hour, for the charts.
        var timesOverTime: ResponseTimesTable
        var slaOverTime: SLATable
        var volumeOverTime: VolumeTable
    }

    static let groupingLabels: [ReportGrouping: String] = [
        .none: "No grouping", .agent: "Agent", .team: "Team", .handle: "Handle", .channel: "Channel", .intent: "Intent",
        .hour: "Hour", .day: "Day", .week: "Week", .hourOfDay: "Hour of day", .weekday: "Day of week",
    ]

    init(user: UserBadge, csrf: String, request: ReportRequest, figures f: Figures) {
        self.user = user
        self.csrf = csrf
        let day = request.day
        let lastDay = day(request.to.addingTimeInterval(-1))
        form = Form(from: day(request.from), to: lastDay, tz: request.zoneName, groupings: ReportGrouping.allCases.map {
            Option(value: $0.rawValue, label: Self.groupingLabels[$0] ?? $0.rawValue, selected: $0 == request.grouping)
        })
        period = "\(day(request.from)) to \(lastDay), days in \(request.zoneName)"
        let t = f.times.total, s = f.sla.total, v = f.volume.total
        cards = [
            Card(id: "card-conversations", title: "Cases opened", value: String(t.conversations),
                 detail: "\(v.customerMessages) customer messages, \(v.brandMessages) answers"),
            Card(id: "card-first-response", title: "First response, median", value: Self.duration(t.firstResponse.wall.medianSeconds),
                 detail: "p90 \(Self.duration(t.firstResponse.wall.p90Seconds)); business hours \(Self.duration(t.firstResponse.business.medianSeconds)); \(t.firstResponse.unanswered) unanswered"),
            Card(id: "card-next-response", title: "Next response, median", value: Self.duration(t.nextResponse.wall.medianSeconds),
                 detail: "\(t.nextResponse.answered) later turns answered, p90 \(Self.duration(t.nextResponse.wall.p90Seconds))"),
            Card(id: "card-resolution", title: "Resolution, median", value: Self.duration(t.resolution.wall.medianSeconds),
                 detail: "\(t.resolution.answered) resolved, \(t.resolution.unanswered) not yet"),
            Card(id: "card-sla", title: "SLA attainment", value: Self.share(s.attainment),
                 detail: "\(s.met) met, \(s.breached) breached, \(s.running) running, \(s.unmeasured) without a policy"),
            Card(id: "card-csat", title: "Satisfaction (CSAT)", value: Self.share(f.csat.total.csat),
                 detail: "\(f.csat.total.answered) answers to \(f.csat.total.sent) surveys\(f.csat.total.meanRating.map { String(format: ", mean %.1f of 5", $0) } ?? "")"),
            Card(id: "card-backlog", title: "Open at the end", value: v.backlog.map(String.init) ?? "—", detail: "cases not resolved by \(lastDay)"),
        ]
        let bucketName = f.volumeOverTime.groups.first.map { $0.key.count > 10 ? "hour" : "day" } ?? "day"
        charts = [
            ReportChart(id: "chart-volume", title: "Cases opened per \(bucketName), and open cases at its end",
                        points: f.volumeOverTime.groups.map { .init(label: $0.label, value: Double($0.conversations), line: $0.backlog.map(Double.init)) },
                        barName: "Cases opened", lineName: "Open cases", format: { String(Int($0.rounded())) }),
            ReportChart(id: "chart-first-response", title: "Median first response per \(bucketName)",
                        points: f.timesOverTime.groups.map { .init(label: $0.label, value: $0.firstResponse.wall.medianSeconds, line: nil) },
                        barName: "Median first response", format: { Self.duration($0) }),
            ReportChart(id: "chart-sla", title: "SLA attainment per \(bucketName)",
                        points: f.slaOverTime.groups.map { .init(label: $0.label, value: $0.attainment, line: nil) },
                        barName: "SLA attainment", peak: 1, format: { Self.share($0) }),
        ]
        let query = "from=\(day(request.from))&to=\(lastDay)&tz=\(request.zoneName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "UTC")&group_by=\(request.grouping.rawValue)&format=csv"
        let grouped = Self.groupingLabels[request.grouping] ?? ""
        tables = [
            Table(id: "table-response-times", title: "Response times" + (request.grouping == .none ? "" : " by \(grouped.lowercased())"),
                  csv: "/api/v1/reports/response-times?\(query)",
                  columns: ["", "Cases", "First response median", "p90", "Business median", "Unanswered", "Next response median", "Resolution median", "Resolved"],
                  rows: ([t] + f.times.groups).map { r in
                      [r.label, String(r.conversations), Self.duration(r.firstResponse.wall.medianSeconds), Self.duration(r.firstResponse.wall.p90Seconds),
                       Self.duration(r.firstResponse.business.medianSeconds), String(r.firstResponse.unanswered), Self.duration(r.nextResponse.wall.medianSeconds),
                       Self.duration(r.resolution.wall.medianSeconds), String(r.resolution.answered)]
                  }),
            Table(id: "table-sla", title: "SLA" + (request.grouping == .none ? "" : " by \(grouped.lowercased())"), csv: "/api/v1/reports/sla?\(query)",
                  columns: ["", "Cases", "Attainment", "Met", "Breached", "Running", "No policy", "First response breached", "Next response breached", "Resolution breached"],
                  rows: ([s] + f.sla.groups).map { r in
                      [r.label, String(r.conversations), Self.share(r.attainment), String(r.met), String(r.breached), String(r.running), String(r.unmeasured),
                       String(r.firstResponseBreached), String(r.nextResponseBreached), String(r.resolutionBreached)]
                  }),
            Table(id: "table-volume", title: "Volume" + (request.grouping == .none ? "" : " by \(grouped.lowercased())"), csv: "/api/v1/reports/volume?\(query)",
                  columns: ["", "Cases opened", "Customer messages", "Answers", "Open at the end"],
                  rows: ([v] + f.volume.groups).map { r in
                      [r.label, String(r.conversations), String(r.customerMessages), String(r.brandMessages), r.backlog.map(String.init) ?? "—"]
                  }),
            Table(id: "table-csat", title: "Satisfaction" + (request.grouping == .none ? "" : " by \(grouped.lowercased())"), csv: "/api/v1/reports/csat?\(query)",
                  columns: ["", "Surveys sent", "Answered", "Response rate", "4 or 5", "CSAT", "Mean rating"],
                  rows: ([f.csat.total] + f.csat.groups).map { r in
                      [r.label, String(r.sent), String(r.answered), Self.share(r.responseRate), String(r.satisfied), Self.share(r.csat),
                       r.meanRating.map { String(format: "%.2f", $0) } ?? "—"]
                  }),
            Table(id: "table-agents", title: "Agents", csv: "/api/v1/reports/agents?\(query)",
                  columns: ["", "Cases", "Answered", "First response median", "p90", "Resolved", "Resolution median", "SLA attainment", "Replies sent", "CSAT"],
                  rows: ([f.agents.total] + f.agents.groups).map { r in
                      [r.label, String(r.conversations), String(r.answered), Self.duration(r.firstResponseMedianSeconds), Self.duration(r.firstResponseP90Seconds),
                       String(r.resolved), Self.duration(r.resolutionMedianSeconds), Self.share(r.slaAttainment), String(r.repliesSent),
                       r.csatAnswers == 0 ? "—" : "\(Self.share(r.csat)) (\(r.csatAnswers))"]
                  }),
        ]
    }

    /// "42 s", "12 min", "3 h 05 min", "2 d 4 h"; "—" for none.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return "—" }
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        if s < 3_600 { return "\(s / 60) min" }
        if s < 86_400 { return String(format: "%d h %02d min", s / 3_600, s % 3_600 / 60) }
        return "\(s / 86_400) d \(s % 86_400 / 3_600) h"
    }

    static func share(_ value: Double?) -> String {
        value.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
    }
}
