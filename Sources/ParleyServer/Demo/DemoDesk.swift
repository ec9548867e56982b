import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The demo's team, made through the same actions as the admin page: people with capacity and
/// skills, teams, routing rules, SLA policies, saved replies and macros, and each handle's
/// help-centre link. Some agents are online, so the desk pass hands them cases at once.
public enum DemoDesk {
    /// The people the demo makes; every one signs in with the demo's password.
    static let people: [(email: String, name: String, role: UserRole, capacity: Int, skills: [String], online: Bool)] = [
        ("priya@parley.local", "Priya Shah", .supervisor, 10, [], false),
        ("sam@parley.local", "Sam Okafor", .agent, 8, ["billing"], true),
        ("alex@parley.local", "Alex Moreno", .agent, 6, ["lang:es"], true),
        ("jordan@parley.local", "Jordan Lee", .agent, 8, [], true),
    ]

    /// A demo login. The demo's logins share the short password it prints, which the admin page's
    /// rule (12 characters or more) would refuse, so they are made in the store directly.
    public static func login(_ app: Application, email: String, name: String, password: String, role: UserRole) async throws -> DeskUser {
        try await UserQueries(database: app.db).create(
            email: email, name: name, passwordHash: try app.password.hash(password), role: role, at: Date(), id: UUID())
    }

    /// Seeds the desk; `admin` is the demo's own login, who joins the care team.
    public static func seed(_ app: Application, handles: [Handle], admin: UUID, password: String) async throws {
        let actions = app.actions
        var ids: [String: UUID] = [:]
        for person in people {
            let user = try await login(app, email: person.email, name: person.name, password: password, role: person.role)
            _ = try await actions.agents.setCapacity(user.id, capacity: person.capacity, skills: person.skills)
            if person.online { _ = try await actions.setStatus.run(.online, for: user.id) }
            ids[person.email] = user.id
        }
        let care = try await actions.teams.create(named: "Care")
        let billing = try await actions.teams.create(named: "Billing")
        let spanish = try await actions.teams.create(named: "Spanish")
        for member in [admin, ids["priya@parley.local"]!, ids["jordan@parley.local"]!, ids["sam@parley.local"]!] {
            _ = try await actions.teams.addMember(member, to: care.id)
        }
        _ = try await actions.teams.addMember(ids["sam@parley.local"]!, to: billing.id)
        _ = try await actions.teams.addMember(ids["alex@parley.local"]!, to: spanish.id)

        // Tried in order; the first that matches routes the case.
        let rules = [
            RoutingRule(name: "Upset customers first", conditions: RoutingConditions(upset: true),
                        actions: RoutingActions(team: care.id, tags: ["upset"], priority: 80)),
            RoutingRule(name: "Refunds and billing",
                        conditions: RoutingConditions(keywords: ["refund", "charged", "charge", "billing", "invoice", "subscription"]),
                        actions: RoutingActions(team: billing.id, tags: ["billing"], skills: ["billing"])),
            RoutingRule(name: "Spanish", conditions: RoutingConditions(languages: ["es"]),
                        actions: RoutingActions(team: spanish.id, tags: ["lang:es"])),
            RoutingRule(name: "Everything else", conditions: RoutingConditions(), actions: RoutingActions(team: care.id)),
        ]
        for rule in rules { _ = try await actions.routingRules.save(rule, id: nil, position: nil) }

        // Most customers expect an answer within the hour; urgent cases within 15 minutes.
        let aroundTheClock = try BusinessCalendar(timeZoneIdentifier: "UTC", hours: nil)
        _ = try await actions.slaPolicies.save(
            SLAPolicy(firstResponseMinutes: 60, nextResponseMinutes: 30, calendar: aroundTheClock),
            handleID: nil, minPriority: 0)
        _ = try await actions.slaPolicies.save(
            SLAPolicy(firstResponseMinutes: 15, nextResponseMinutes: 15, calendar: aroundTheClock),
            handleID: nil, minPriority: 70)

        for handle in handles {
            try await actions.handleSettings.setHelpURL(handle.id, url: "https://help.example.com/\(handle.username.lowercased())")
        }
        let templates: [(String, String, [MacroAction])] = [
            ("Sorry, let's take this to DM",
             "Hi {{customer.name}}, I'm sorry about this. I've sent you a DM so we can look at your account privately. {{agent.first_name}}",
             [.tag("moved-to-dm"), .moveToDM]),
            ("Help centre article", "Hi {{customer.name}}, this guide walks through it step by step: {{help_url}}", []),
            ("Order delay: waiting on the carrier",
             "Thanks for your patience, {{customer.name}}. I've chased the carrier and will update you here as soon as I hear back.",
             [.tag("shipping"), .setState(.pending)]),
            ("Glad that's sorted", "Glad we could sort that out, {{customer.name}}! Have a great day.", [.setState(.resolved)]),
            ("Busy right now", "Thanks for reaching out, {{customer.name}}. {{expected_wait}}", []),
        ]
        for (name, body, macro) in templates {
            _ = try await actions.templates.create(handleID: nil, name: name, body: body, actions: macro)
        }
    }
}
