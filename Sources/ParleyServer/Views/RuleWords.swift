import Foundation
import ParleyCore

/// Routing rules, SLA policies and macros in words, for the admin page's lists.
struct RuleWords {
    var handles: [UUID: String]
    var teams: [UUID: String]
    var agents: [UUID: String]

    func conditions(_ c: RoutingConditions) -> String {
        var parts: [String] = []
        if let ids = c.handles { parts.append("to " + ids.map { handles[$0] ?? "a removed handle" }.joined(separator: " or ")) }
        if let channel = c.channel { parts.append(channel == .dm ? "by DM" : "in public") }
        if let intents = c.intents { parts.append(intents.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") }.joined(separator: " or ")) }
        if c.upset == true { parts.append("customer upset") }
        if let p = c.minPriority { parts.append("priority \(p)+") }
        if let languages = c.languages { parts.append("in " + languages.joined(separator: "/")) }
        if let words = c.keywords { parts.append("mentions " + words.map { "“\($0)”" }.joined(separator: " or ")) }
        if let regex = c.regex { parts.append("matches /\(regex)/") }
        if let n = c.minFollowers { parts.append("\(n)+ followers") }
        if c.verified == true { parts.append("verified") }
        if let vip = c.vip { parts.append("from " + vip.map { "@" + $0 }.joined(separator: ", ")) }
        return parts.isEmpty ? "every new case" : parts.joined(separator: "; ")
    }

    func actions(_ a: RoutingActions) -> String {
        var parts: [String] = []
        if let team = a.team { parts.append("team " + (teams[team] ?? "a removed team")) }
        if let tags = a.tags { parts.append("tag " + tags.joined(separator: ", ")) }
        if let p = a.priority { parts.append("priority \(p)") }
        if let agent = a.assign { parts.append("assign " + (agents[agent] ?? "a removed agent")) }
        if let skills = a.skills { parts.append("needs " + skills.joined(separator: ", ")) }
        if a.resolveAsSpam == true { parts.append("resolve as spam") }
        return parts.joined(separator: "; ")
    }

    /// What a macro does besides filling the reply box; "" for a plain saved reply.
    func macro(_ actions: [MacroAction]) -> String {
        actions.map { action in
            switch action {
            case .tag(let tag): "tag \(tag)"
            case .assign(.me): "assign to whoever applies it"
            case .assign(.user(let id)): "assign " + (agents[id] ?? "a removed agent")
            case .setState(let state): "set \(state.rawValue)"
            case .moveToDM: "move to DM"
            }
        }.joined(separator: "; ")
    }

    static func targets(_ p: SLAPolicy) -> String {
        var parts = ["first reply \(p.firstResponseMinutes) min", "next reply \(p.nextResponseMinutes) min"]
        if let r = p.resolutionMinutes { parts.append("resolved in \(r) min") }
        parts.append("warn at \(Int((p.warningShare * 100).rounded()))%")
        return parts.joined(separator: ", ")
    }

    static func hours(_ calendar: BusinessCalendar) -> String {
        let zone = calendar.timeZone.identifier
        guard let hours = calendar.hours else { return "around the clock (\(zone))" }
        let days = BusinessWeekday.allCases.compactMap { day in
            hours[day].map { "\(day.rawValue) " + $0.map { "\($0.start)–\($0.end)" }.joined(separator: ", ") }
        }
        let holidays = calendar.holidays.isEmpty ? "" : "; closed " + calendar.holidays.sorted().map(\.description).joined(separator: ", ")
        return days.joined(separator: "; ") + " (\(zone))" + holidays
    }
}
