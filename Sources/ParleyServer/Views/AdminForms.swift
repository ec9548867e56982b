import Foundation
import ParleyCore
import Vapor

/// The admin page's routing-rule form: every condition and action as a field, read into the same
/// `RoutingRule` the API takes (and checked by the same action). Blank fields are conditions left out.
struct RoutingRuleForm: Content {
    var id: UUID?
    var name: String = ""
    var enabled: String?
    var handle: String?
    var channel: String?
    var intents: [String]?
    var upset: String?
    var minPriority: String?
    var languages: String?
    var keywords: String?
    var regex: String?
    var minFollowers: String?
    var verified: String?
    var vip: String?
    var team: String?
    var tags: String?
    var priority: String?
    var assign: String?
    var skills: String?
    var resolveAsSpam: String?

    enum CodingKeys: String, CodingKey {
        case id, name, enabled, handle, channel, intents, upset, languages, keywords, regex, verified, vip, team, tags, priority,
             assign, skills
        case minPriority = "min_priority"
        case minFollowers = "min_followers"
        case resolveAsSpam = "resolve_as_spam"
    }

    init() {}

    /// The form filled in with a saved rule, for editing.
    init(_ stored: StoredRoutingRule) {
        let rule = stored.rule
        id = stored.id
        name = rule.name
        enabled = rule.enabled ? "on" : nil
        handle = rule.conditions.handles?.first?.uuidString
        channel = rule.conditions.channel?.rawValue
        intents = rule.conditions.intents?.map(\.rawValue)
        upset = rule.conditions.upset == true ? "on" : nil
        minPriority = rule.conditions.minPriority.map(String.init)
        languages = rule.conditions.languages?.joined(separator: ", ")
        keywords = rule.conditions.keywords?.joined(separator: ", ")
        regex = rule.conditions.regex
        minFollowers = rule.conditions.minFollowers.map(String.init)
        verified = rule.conditions.verified == true ? "on" : nil
        vip = rule.conditions.vip?.joined(separator: ", ")
        team = rule.actions.team?.uuidString
        tags = rule.actions.tags?.joined(separator: ", ")
        priority = rule.actions.priority.map(String.init)
        assign = rule.actions.assign?.uuidString
        skills = rule.actions.skills?.joined(separator: ", ")
        resolveAsSpam = rule.actions.resolveAsSpam == true ? "on" : nil
    }

    func rule() throws -> RoutingRule {
        let conditions = RoutingConditions(
            handles: try Self.id(handle, "handle").map { [$0] },
            channel: try Self.blank(channel).map { raw in
                guard let channel = ParleyCore.Channel(rawValue: raw) else { throw DeskError.invalid(code: "invalid_rule", "Unknown channel '\(raw)'.") }
                return channel
            },
            intents: try Self.list(intents).map { raw in
                try raw.map { name in
                    guard let intent = TriageIntent(rawValue: name) else { throw DeskError.invalid(code: "invalid_rule", "Unknown intent '\(name)'.") }
                    return intent
                }
            },
            upset: upset == "on" ? true : nil,
            minPriority: try Self.number(minPriority, "minimum priority"),
            languages: Self.items(languages), keywords: Self.items(keywords), regex: Self.blank(regex),
            minFollowers: try Self.number(minFollowers, "minimum followers"),
            verified: verified == "on" ? true : nil,
            vip: Self.items(vip)?.map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 })
        let actions = RoutingActions(
            team: try Self.id(team, "team"), tags: Self.items(tags), priority: try Self.number(priority, "priority"),
            assign: try Self.id(assign, "agent"), skills: Self.items(skills), resolveAsSpam: resolveAsSpam == "on" ? true : nil)
        return RoutingRule(name: name.trimmingCharacters(in: .whitespacesAndNewlines), enabled: enabled == "on", conditions: conditions, actions: actions)
    }

    static func blank(_ raw: String?) -> String? {
        guard let value = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    static func items(_ raw: String?) -> [String]? {
        let items = (raw ?? "").commaSeparatedItems
        return items.isEmpty ? nil : items
    }

    static func list(_ raw: [String]?) -> [String]? {
        let items = (raw ?? []).filter { !$0.isEmpty }
        return items.isEmpty ? nil : items
    }

    static func number(_ raw: String?, _ what: String) throws -> Int? {
        guard let value = blank(raw) else { return nil }
        guard let number = Int(value) else { throw DeskError.invalid(code: "bad_request", "The \(what) is a whole number.") }
        return number
    }

    static func id(_ raw: String?, _ what: String) throws -> UUID? {
        guard let value = blank(raw) else { return nil }
        guard let id = UUID(uuidString: value) else { throw DeskError.notFound(what) }
        return id
    }
}

/// The admin page's SLA policy form: targets in minutes, the warning share in percent, and the
/// calendar as a time zone, each weekday's hours (`09:00-12:30, 13:30-17:30`; blank is closed)
/// and holidays (`2026-12-25, 2026-12-26`), read into the same `SLAPolicy` the API takes.
struct SLAPolicyForm: Content {
    var id: UUID?
    var handle: String?
    var minPriority: String?
    var firstResponseMinutes: String = "60"
    var nextResponseMinutes: String = "60"
    var resolutionMinutes: String?
    var warningPercent: String = "80"
    var timezone: String = "UTC"
    var allDay: String?
    var mon: String?
    var tue: String?
    var wed: String?
    var thu: String?
    var fri: String?
    var sat: String?
    var sun: String?
    var holidays: String?

    enum CodingKeys: String, CodingKey {
        case id, handle, timezone, mon, tue, wed, thu, fri, sat, sun, holidays
        case minPriority = "min_priority"
        case firstResponseMinutes = "first_response_minutes"
        case nextResponseMinutes = "next_response_minutes"
        case resolutionMinutes = "resolution_minutes"
        case warningPercent = "warning_percent"
        case allDay = "all_day"
    }

    init() {
        (mon, tue, wed, thu, fri) = ("09:00-17:30", "09:00-17:30", "09:00-17:30", "09:00-17:30", "09:00-17:30")
    }

    init(_ stored: StoredSLAPolicy) {
        let policy = stored.policy
        id = stored.id
        handle = stored.handleID?.uuidString
        minPriority = String(stored.minPriority)
        firstResponseMinutes = String(policy.firstResponseMinutes)
        nextResponseMinutes = String(policy.nextResponseMinutes)
        resolutionMinutes = policy.resolutionMinutes.map(String.init)
        warningPercent = String(Int((policy.warningShare * 100).rounded()))
        timezone = policy.calendar.timeZone.identifier
        allDay = policy.calendar.hours == nil ? "on" : nil
        func day(_ d: BusinessWeekday) -> String? {
            policy.calendar.hours?[d].map { $0.map { "\($0.start)-\($0.end)" }.joined(separator: ", ") }
        }
        (mon, tue, wed, thu, fri, sat, sun) = (day(.mon), day(.tue), day(.wed), day(.thu), day(.fri), day(.sat), day(.sun))
        holidays = policy.calendar.holidays.sorted().map(\.description).joined(separator: ", ")
    }

    var handleID: UUID? { get throws { try RoutingRuleForm.id(handle, "handle") } }

    func policy() throws -> SLAPolicy {
        func minutes(_ raw: String?, _ what: String) throws -> Int? { try RoutingRuleForm.number(raw, what) }
        guard let first = try minutes(firstResponseMinutes, "first response target"),
              let next = try minutes(nextResponseMinutes, "next response target")
        else { throw DeskError.invalid(code: "invalid_policy", "A policy needs first and next response targets, in minutes.") }
        guard let percent = Double(warningPercent.trimmingCharacters(in: .whitespaces)) else {
            throw DeskError.invalid(code: "invalid_policy", "The warning share is a percentage, e.g. 80.")
        }
        var hours: [BusinessWeekday: [BusinessHoursPeriod]]?
        if allDay != "on" {
            var week: [BusinessWeekday: [BusinessHoursPeriod]] = [:]
            for (day, raw) in [(BusinessWeekday.mon, mon), (.tue, tue), (.wed, wed), (.thu, thu), (.fri, fri), (.sat, sat), (.sun, sun)] {
                let periods = try (raw ?? "").commaSeparatedItems.map { item in
                    let ends = item.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
                    guard ends.count == 2 else {
                        throw DeskError.invalid(code: "invalid_policy", "Hours are written like 09:00-17:30 ('\(item)' on \(day.rawValue)).")
                    }
                    return try BusinessHoursPeriod(parsing: ends, on: day)
                }
                if !periods.isEmpty { week[day] = periods }
            }
            hours = week
        }
        let days = try (holidays ?? "").commaSeparatedItems.map { try CalendarDay(parsing: $0) }
        let calendar = try BusinessCalendar(timeZoneIdentifier: timezone.trimmingCharacters(in: .whitespaces), hours: hours, holidays: Set(days))
        return SLAPolicy(
            firstResponseMinutes: first, nextResponseMinutes: next,
            resolutionMinutes: try minutes(resolutionMinutes, "resolution target"), warningShare: percent / 100, calendar: calendar)
    }
}

/// The admin page's template form: a saved reply, and what it does as a macro (a tag, an
/// assignee, a state, a move to DM), read into the same `ReplyTemplate` the API takes.
struct TemplateForm: Content {
    var id: UUID?
    var name: String = ""
    var handle: String?
    var body: String = ""
    var tags: String?
    /// "" nobody, "me" whoever applies it, or an agent's id.
    var assign: String?
    var state: String?
    var moveToDM: String?

    enum CodingKeys: String, CodingKey {
        case id, name, handle, body, tags, assign, state
        case moveToDM = "move_to_dm"
    }

    init() {}

    /// The form filled in with a saved template, for editing.
    init(_ template: ReplyTemplate) {
        id = template.id
        name = template.name
        handle = template.handleID?.uuidString
        body = template.body
        var tags: [String] = []
        for action in template.actions {
            switch action {
            case .tag(let tag): tags.append(tag)
            case .assign(.me): assign = "me"
            case .assign(.user(let user)): assign = user.uuidString
            case .setState(let state): self.state = state.rawValue
            case .moveToDM: moveToDM = "on"
            }
        }
        self.tags = tags.joined(separator: ", ")
    }

    var handleID: UUID? {
        get throws { try RoutingRuleForm.id(handle, "handle") }
    }

    func actions() throws -> [MacroAction] {
        var actions: [MacroAction] = (tags ?? "").commaSeparatedItems.map(MacroAction.tag)
        switch assign?.trimmingCharacters(in: .whitespaces) ?? "" {
        case "": break
        case "me": actions.append(.assign(.me))
        case let raw:
            guard let id = UUID(uuidString: raw) else { throw DeskError.invalid(code: "template_invalid", "Assign to me or to an agent.") }
            actions.append(.assign(.user(id)))
        }
        if let raw = RoutingRuleForm.blank(state) {
            guard let state = ConversationState(rawValue: raw) else {
                throw DeskError.invalid(code: "template_invalid", "Unknown state '\(raw)'.")
            }
            actions.append(.setState(state))
        }
        if moveToDM == "on" { actions.append(.moveToDM) }
        return actions
    }
}
