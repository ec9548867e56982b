import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The demo's team, made through the same actions as the admin page: people with capacity and
/// skills, teams, routing rules, SLA policies, saved replies and macros, and each handle's
/// help-centre link. Some agents are online, so the desk pass hands them cases at once.
public enum DemoDesk {
    /// The people the demo makes; every one signs in with the demo's password.
    static let people: [(email: String, name: String, role: UserRole, capacity: Int, skills: [String], online: Bool, shifts: String)] = [
        ("priya@parley.local", "Priya Shah", .supervisor, 10, [], false, "Mon-Fri 08:00-16:00 UTC"),
        ("sam@parley.local", "Sam Okafor", .agent, 8, ["billing"], true, "Mon-Fri 09:00-17:30 UTC"),
        ("alex@parley.local", "Alex Moreno", .agent, 6, ["lang:es"], true, "Mon-Fri 12:00-20:00 UTC"),
        ("jordan@parley.local", "Jordan Lee", .agent, 8, [], true, "Tue-Sat 14:00-22:00 UTC"),
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
            _ = try await actions.agents.setShifts(user.id, person.shifts)
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
        // Two teams keep office hours: their SLA clocks (and business-hours reports) stop overnight,
        // and their availability lines say when they are back.
        for (username, hours) in [("Ask_WellsFargo", "Mon-Fri 07:00-23:00, Sat-Sun 08:00-20:00 America/New_York"),
                                  ("HPSupport", "Mon-Fri 08:00-20:00 Europe/London")] {
            guard let handle = handles.first(where: { $0.username == username }) else { continue }
            _ = try await actions.slaPolicies.save(
                SLAPolicy(firstResponseMinutes: 60, nextResponseMinutes: 60, calendar: try WeeklyHours.parse(hours)), handleID: handle.id, minPriority: 0)
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
        try await seedPublishing(app, handles: handles, author: admin, reviewer: ids["priya@parley.local"]!)
    }

    /// Marketing handles beside the care ones (their mentions are answered from the care handle),
    /// and a week of scheduled posts in every state; the first goes out two minutes after start.
    static func seedPublishing(_ app: Application, handles: [Handle], author: UUID, reviewer: UUID) async throws {
        let actions = app.actions
        let store = HandleQueries(database: app.db)
        let users = UserQueries(database: app.db)
        guard let writer = try await users.find(author), let approver = try await users.find(reviewer) else { return }
        var marketing: [String: Handle] = [:]
        for (username, name, care, xUserID) in [
            ("Spotify", "Spotify", "SpotifyCares", "7100000000000000001"), ("Xbox", "Xbox", "XboxSupport", "7100000000000000002"),
        ] {
            let handle = try await store.upsert(Handle(
                id: StableID.make("handle", xUserID), xUserID: xUserID, username: username, name: name, role: .marketing, terms: []))
            let answering = handles.first { $0.username == care }?.id
            marketing[username] = try await actions.handleSettings.setPublishing(handle.id, verified: true, answerFrom: answering, limits: nil)
        }
        let now = Date()
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        func day(_ offset: Int, _ hour: Int) -> Date {
            utc.date(bySettingHour: hour, minute: 0, second: 0, of: utc.date(byAdding: .day, value: offset, to: now)!)!
        }
        let posts = actions.scheduledPosts
        let plan: [(handle: String, text: String, due: Date, zone: String, then: String)] = [
            ("Spotify", "Your Wrapped is ready. See what you played most this year and share it with friends: https://example.com/wrapped",
             now.addingTimeInterval(120), "Europe/Stockholm", "approve"),
            ("Spotify", "New this week on Spotify: fresh playlists for winter, a live session from our Stockholm studio, and offline downloads "
                + "for every podcast you follow. We are also rolling out lyrics in twelve more languages, so you can sing along wherever "
                + "you are. Tell us which song you have on repeat right now. More at https://example.com/new",
             day(1, 10), "Europe/Stockholm", "approve"),
            ("Spotify", "Weekend mood: which playlist is keeping you warm? Reply with yours.", day(3, 16), "America/New_York", "submit"),
            ("Spotify", "Price update for Family plans (draft: waiting on legal)", day(4, 9), "Europe/London", "draft"),
            ("Xbox", "Coming to Game Pass this week: three new indie gems and a classic racer. Which one are you downloading first?",
             day(2, 18), "America/Los_Angeles", "approve"),
            ("Xbox", "Holiday sale: up to 60% off. Ends Sunday!", day(5, 17), "America/Los_Angeles", "reject"),
        ]
        for item in plan {
            guard let handle = marketing[item.handle] else { continue }
            let post = try await posts.create(
                .init(handleID: handle.id, text: item.text, when: .instant(item.due), timeZone: item.zone, submit: item.then != "draft"),
                by: writer)
            switch item.then {
            case "approve": _ = try await posts.approve(post.id, by: approver)
            case "reject": _ = try await posts.reject(post.id, note: "Check the discount with the partner team first.", by: approver)
            default: break
            }
        }
    }
}
