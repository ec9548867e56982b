import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `/admin` (admins only): people, teams, routing rules, SLA policies and each handle's
/// auto-replies and handoff reply, as forms over the same rules as the API; anything invalid is
/// refused with the reason.
struct AdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.requiring(.admin)
        admin.get("admin", use: page)
        admin.post("admin", "users", use: createUser)
        admin.post("admin", "agents", use: setAgent)
        admin.post("admin", "teams", use: createTeam)
        admin.post("admin", "members", use: addMember)
        admin.post("admin", "routing-rules", use: addRule)
        admin.post("admin", "sla-policies", use: addPolicy)
        admin.post("admin", "auto-replies", use: setAutoReplies)
        admin.post("admin", "handoff", use: setHandoff)
    }

    struct Page: Encodable {
        struct Agent: Encodable { var id: String; var name: String; var email: String; var role: String; var status: String; var capacity: Int; var skills: String; var open: Int }
        struct TeamRow: Encodable { var id: String; var name: String; var members: String }
        struct Rule: Encodable { var name: String; var position: Int; var enabled: Bool; var definition: String }
        struct Policy: Encodable { var handle: String; var minPriority: Int; var definition: String }
        struct HandleRow: Encodable {
            var id: String; var username: String; var autoReplies: Bool; var handoffTemplate: String; var supportEmails: String
        }
        var user: UserBadge
        var csrf: String
        var notice: String?
        var agents: [Agent]
        var teams: [TeamRow]
        var rules: [Rule]
        var policies: [Policy]
        var handles: [HandleRow]
        var defaultHandoff = TriageHandoffAdvice.defaultTemplate
    }

    @Sendable func page(req: Request) async throws -> View {
        let user = try req.auth.require(AuthenticatedUser.self).user
        let profiles = try await AgentQueries(database: req.db).profiles()
        let names = Dictionary(uniqueKeysWithValues: profiles.map { ($0.id, $0.name) })
        let handles = try await HandleQueries(database: req.db).all()
        let autoReplies = try await AutoReplyQueries(database: req.db).enabled()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try await req.view.render("admin", Page(
            user: UserBadge(user), csrf: CSRFProtection.token(for: req), notice: req.query["notice"],
            agents: profiles.map {
                .init(id: $0.id.uuidString, name: $0.name, email: $0.email, role: $0.role.rawValue, status: $0.status.rawValue,
                      capacity: $0.capacity, skills: $0.skills.joined(separator: ", "), open: $0.open)
            },
            teams: try await TeamQueries(database: req.db).all().map {
                .init(id: $0.id.uuidString, name: $0.name, members: $0.memberIDs.compactMap { names[$0] }.joined(separator: ", "))
            },
            rules: try await RoutingQueries(database: req.db).rules().rules.map {
                .init(name: $0.rule.name, position: $0.position, enabled: $0.rule.enabled,
                      definition: String(decoding: (try? encoder.encode(["conditions": $0.rule.conditions])) ?? Data(), as: UTF8.self)
                        + " → " + String(decoding: (try? encoder.encode($0.rule.actions)) ?? Data(), as: UTF8.self))
            },
            policies: try await SLAQueries(database: req.db).policies().map { stored in
                .init(handle: stored.handleID.flatMap { id in handles.first { $0.id == id }?.username } ?? "every handle",
                      minPriority: stored.minPriority,
                      definition: String(decoding: (try? encoder.encode(stored.policy)) ?? Data(), as: UTF8.self))
            },
            handles: handles.map {
                .init(id: $0.id.uuidString, username: $0.username, autoReplies: autoReplies.contains($0.id),
                      handoffTemplate: $0.handoffTemplate ?? "", supportEmails: $0.supportEmails.joined(separator: ", "))
            }))
    }

    private func back(_ req: Request, _ notice: String) -> Response {
        req.redirect(to: "/admin", notice: notice)
    }

    /// Runs a form's change; a refusal comes back as the page's notice.
    private func attempt(_ req: Request, done: String, _ body: () async throws -> Void) async throws -> Response {
        do {
            try await body()
            return back(req, done)
        } catch let error as DecodingError {
            return back(req, "That form was not complete: \(HTTPError(error).message)")
        } catch {
            guard let refusal = HTTPError.refusal(error) else { throw error }
            return back(req, refusal.message)
        }
    }

    struct NewUser: Content { var email: String; var name: String; var role: UserRole; var password: String }

    @Sendable func createUser(req: Request) async throws -> Response {
        try await attempt(req, done: "User created.") {
            let form = try req.content.decode(NewUser.self)
            let hasher = req.application.password
            _ = try await req.actions.agents.create(email: form.email, name: form.name, password: form.password, role: form.role) {
                try hasher.hash($0)
            }
        }
    }

    struct AgentForm: Content { var user: UUID; var capacity: Int; var skills: String }

    @Sendable func setAgent(req: Request) async throws -> Response {
        try await attempt(req, done: "Agent updated.") {
            let form = try req.content.decode(AgentForm.self)
            try await req.actions.agents.setCapacity(form.user, capacity: form.capacity, skills: form.skills.commaSeparatedItems)
        }
    }

    struct TeamForm: Content { var name: String }

    @Sendable func createTeam(req: Request) async throws -> Response {
        try await attempt(req, done: "Team created.") {
            _ = try await req.actions.teams.create(named: try req.content.decode(TeamForm.self).name)
        }
    }

    struct MemberForm: Content { var team: UUID; var user: UUID }

    @Sendable func addMember(req: Request) async throws -> Response {
        try await attempt(req, done: "Member added.") {
            let form = try req.content.decode(MemberForm.self)
            try await req.actions.teams.addMember(form.user, to: form.team)
        }
    }

    struct JSONForm: Content { var json: String }

    /// A rule as the API takes it (`{"name","conditions","actions"}`), checked by the same action.
    @Sendable func addRule(req: Request) async throws -> Response {
        try await attempt(req, done: "Rule added.") {
            let input = try RoutingRulesController.RuleDTO.decode(json: try req.content.decode(JSONForm.self).json)
            _ = try await req.actions.routingRules.save(input.rule, id: nil, position: input.position)
        }
    }

    /// A policy as the API takes it (`{"handle_id"?,"min_priority"?,"policy":{…}}`), checked by the same action.
    @Sendable func addPolicy(req: Request) async throws -> Response {
        try await attempt(req, done: "SLA policy added.") {
            let input = try SLAController.PolicyDTO.decode(json: try req.content.decode(JSONForm.self).json)
            _ = try await req.actions.slaPolicies.create(input.policy, handleID: input.handleID, minPriority: input.minPriority)
        }
    }

    struct AutoReplyForm: Content { var handle: UUID; var enabled: String? }

    /// Off by default: public replies go out only from an agent's action unless an admin turns this on.
    @Sendable func setAutoReplies(req: Request) async throws -> Response {
        try await attempt(req, done: "Auto-replies updated.") {
            let form = try req.content.decode(AutoReplyForm.self)
            try await req.actions.handleSettings.setAutoReplies(form.handle, enabled: form.enabled == "on")
        }
    }

    struct HandoffForm: Content {
        var handle: UUID
        var template: String?
        var supportEmails: String?

        enum CodingKeys: String, CodingKey {
            case handle, template
            case supportEmails = "support_emails"
        }
    }

    /// The public reply that invites a customer to DM, and the addresses triage must not count as
    /// personal data; used for messages ingested from now on.
    @Sendable func setHandoff(req: Request) async throws -> Response {
        try await attempt(req, done: "Handoff reply updated.") {
            let form = try req.content.decode(HandoffForm.self)
            try await req.actions.handleSettings.setHandoff(
                form.handle, template: form.template, supportEmails: (form.supportEmails ?? "").commaSeparatedItems)
        }
    }
}
