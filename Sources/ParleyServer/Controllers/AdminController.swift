import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `/admin` (admins only): people, teams, routing rules, SLA policies, templates and macros, and each handle's
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
        admin.post("admin", "routing-rules", use: saveRule)
        admin.post("admin", "routing-rules", ":rule", "move", use: moveRule)
        admin.post("admin", "routing-rules", ":rule", "delete", use: deleteRule)
        admin.post("admin", "sla-policies", use: savePolicy)
        admin.post("admin", "sla-policies", ":policy", "delete", use: deletePolicy)
        admin.post("admin", "templates", use: saveTemplate)
        admin.post("admin", "templates", ":template", "delete", use: deleteTemplate)
        admin.post("admin", "help-url", use: setHelpURL)
        admin.post("admin", "auto-replies", use: setAutoReplies)
        admin.post("admin", "handoff", use: setHandoff)
        admin.post("admin", "tokens", use: createToken)
        admin.post("admin", "tokens", ":token", "revoke", use: revokeToken)
    }

    struct Page: Encodable {
        struct Agent: Encodable { var id: String; var name: String; var email: String; var role: String; var status: String; var capacity: Int; var skills: String; var open: Int; var shifts: String }
        struct TeamRow: Encodable { var id: String; var name: String; var members: String }
        struct Rule: Encodable { var id: String; var name: String; var position: Int; var enabled: Bool; var when: String; var then: String }
        struct Policy: Encodable { var id: String; var handle: String; var minPriority: Int; var targets: String; var hours: String }
        struct Template: Encodable { var id: String; var name: String; var handle: String; var body: String; var does: String }
        struct HandleRow: Encodable {
            var id: String; var username: String; var autoReplies: Bool; var handoffTemplate: String; var supportEmails: String
            var helpURL: String
        }
        struct Option: Encodable { var value: String; var label: String; var checked = false }
        struct TokenRow: Encodable {
            var id: String; var name: String; var owner: String; var scopes: String; var created: String; var expires: String
            var lastUsed: String; var state: String; var active: Bool
        }
        var user: UserBadge
        var csrf: String
        var notice: String?
        var agents: [Agent]
        var teams: [TeamRow]
        var rules: [Rule]
        var policies: [Policy]
        var templates: [Template]
        var handles: [HandleRow]
        var tokens: [TokenRow]
        var defaultHandoff = TriageHandoffAdvice.defaultTemplate
        /// The rule being edited (`?rule=<id>`), or a blank one.
        var ruleForm: RoutingRuleForm
        /// The policy being edited (`?policy=<id>`), or a blank one.
        var policyForm: SLAPolicyForm
        /// The template being edited (`?template=<id>`), or a blank one.
        var templateForm: TemplateForm
        var stateOptions: [Option]
        var placeholders = TemplatePlaceholder.allCases.map { "{{\($0.rawValue)}}" }.joined(separator: ", ")
        var handleOptions: [Option]
        var teamOptions: [Option]
        var agentOptions: [Option]
        var intentOptions: [Option]
    }

    @Sendable func page(req: Request) async throws -> View {
        let user = try req.auth.require(AuthenticatedUser.self).user
        let profiles = try await AgentQueries(database: req.db).profiles()
        let names = Dictionary(uniqueKeysWithValues: profiles.map { ($0.id, $0.name) })
        let handles = try await HandleQueries(database: req.db).all()
        let autoReplies = try await AutoReplyQueries(database: req.db).enabled()
        let teams = try await TeamQueries(database: req.db).all()
        let rules = try await RoutingQueries(database: req.db).rules().rules
        let policies = try await SLAQueries(database: req.db).policies()
        let templates = TemplateQueries(database: req.db)
        let savedTemplates = try await templates.list(handleID: nil)
        var handleRows: [Page.HandleRow] = []
        for handle in handles {
            handleRows.append(.init(
                id: handle.id.uuidString, username: handle.username, autoReplies: autoReplies.contains(handle.id),
                handoffTemplate: handle.handoffTemplate ?? "", supportEmails: handle.supportEmails.joined(separator: ", "),
                helpURL: try await templates.helpURL(handleID: handle.id) ?? ""))
        }
        let describe = RuleWords(
            handles: Dictionary(uniqueKeysWithValues: handles.map { ($0.id, "@" + $0.username) }),
            teams: Dictionary(uniqueKeysWithValues: teams.map { ($0.id, $0.name) }), agents: names)
        let editedRule = req.query[UUID.self, at: "rule"].flatMap { id in rules.first { $0.id == id } }
        let editedPolicy = req.query[UUID.self, at: "policy"].flatMap { id in policies.first { $0.id == id } }
        let ruleForm = editedRule.map(RoutingRuleForm.init) ?? RoutingRuleForm()
        let editedTemplate = req.query[UUID.self, at: "template"].flatMap { id in savedTemplates.first { $0.id == id } }
        let handleName = { (id: UUID?) in id.flatMap { id in handles.first { $0.id == id }.map { "@" + $0.username } } ?? "every handle" }
        return try await req.view.render("admin", Page(
            user: UserBadge(user, banners: try await req.banners()), csrf: CSRFProtection.token(for: req), notice: req.query["notice"],
            agents: profiles.map {
                .init(id: $0.id.uuidString, name: $0.name, email: $0.email, role: $0.role.rawValue, status: $0.status.rawValue,
                      capacity: $0.capacity, skills: $0.skills.joined(separator: ", "), open: $0.open, shifts: $0.shifts ?? "")
            },
            teams: teams.map {
                .init(id: $0.id.uuidString, name: $0.name, members: $0.memberIDs.compactMap { names[$0] }.joined(separator: ", "))
            },
            rules: rules.map {
                .init(id: $0.id.uuidString, name: $0.rule.name, position: $0.position, enabled: $0.rule.enabled,
                      when: describe.conditions($0.rule.conditions), then: describe.actions($0.rule.actions))
            },
            policies: policies.map { stored in
                .init(id: stored.id.uuidString,
                      handle: handleName(stored.handleID),
                      minPriority: stored.minPriority, targets: RuleWords.targets(stored.policy), hours: RuleWords.hours(stored.policy.calendar))
            },
            templates: savedTemplates.map {
                .init(id: $0.id.uuidString, name: $0.name, handle: handleName($0.handleID), body: $0.body, does: describe.macro($0.actions))
            },
            handles: handleRows,
            tokens: try await req.actions.tokens.list(by: user).map { t in
                let now = req.parley.effects.now()
                return .init(id: t.id.uuidString, name: t.name, owner: profiles.first { $0.id == t.userID }?.email ?? "former user",
                             scopes: TokenScope.text(t.scopes), created: req.localTime.format(t.createdAt),
                             expires: t.expiresAt.map { req.localTime.format($0) } ?? "never", lastUsed: t.lastUsedAt.map { req.localTime.format($0) } ?? "never",
                             state: t.revokedAt != nil ? "revoked" : (t.unusable(at: now) != nil ? "expired" : "active"), active: t.unusable(at: now) == nil)
            },
            ruleForm: ruleForm,
            policyForm: editedPolicy.map(SLAPolicyForm.init) ?? SLAPolicyForm(),
            templateForm: editedTemplate.map(TemplateForm.init) ?? TemplateForm(),
            stateOptions: [ConversationState.pending, .snoozed, .resolved].map { .init(value: $0.rawValue, label: $0.rawValue) },
            handleOptions: handles.map { .init(value: $0.id.uuidString, label: "@" + $0.username) },
            teamOptions: teams.map { .init(value: $0.id.uuidString, label: $0.name) },
            agentOptions: profiles.map { .init(value: $0.id.uuidString, label: $0.name) },
            intentOptions: TriageIntent.allCases.map {
                .init(value: $0.rawValue, label: $0.rawValue.replacingOccurrences(of: "_", with: " "),
                      checked: ruleForm.intents?.contains($0.rawValue) == true)
            }))
    }

    /// Runs a form's change; a refusal comes back as the page's notice.
    private func attempt(_ req: Request, done: String, _ body: () async throws -> Void) async throws -> Response {
        try await req.formResult(back: "/admin", done: done, body)
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

    struct AgentForm: Content { var user: UUID; var capacity: Int; var skills: String; var shifts: String? }

    @Sendable func setAgent(req: Request) async throws -> Response {
        try await attempt(req, done: "Agent updated.") {
            let form = try req.content.decode(AgentForm.self)
            try await req.actions.agents.setShifts(form.user, form.shifts)
            try await req.actions.agents.setCapacity(form.user, capacity: form.capacity, skills: form.skills.commaSeparatedItems)
        }
    }

    struct TokenForm: Content {
        var user: UUID
        var name: String
        var read: String?
        var write: String?
        var admin: String?
        var ingest: String?
        var expiresDays: String?

        enum CodingKeys: String, CodingKey {
            case user, name, read, write, admin, ingest
            case expiresDays = "expires_days"
        }
    }

    struct TokenMade: Encodable {
        var user: UserBadge
        var name: String
        var scopes: String
        var secret: String
    }

    /// Makes a token and shows its secret on a page of its own, once (never in a redirect's URL).
    @Sendable func createToken(req: Request) async throws -> Response {
        let actor = try req.auth.require(AuthenticatedUser.self).user
        let form = try req.content.decode(TokenForm.self)
        let scopes = Set([(form.read, TokenScope.read), (form.write, .write), (form.admin, .admin), (form.ingest, .ingest)].compactMap { $0.0 == nil ? nil : $0.1 })
        let days = form.expiresDays.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        do {
            guard !scopes.isEmpty else { throw DeskError.invalid(code: "invalid_token", APITokenError.noScope.description) }
            guard days.map({ Int($0) != nil }) ?? true else { throw DeskError.invalid(code: "invalid_token", APITokenError.badExpiry.description) }
            let made = try await req.actions.tokens.create(for: form.user, name: form.name, scopes: scopes, expiresInDays: days.flatMap { Int($0) }, by: actor)
            let page = try await req.view.render("token-made", TokenMade(
                user: UserBadge(actor, banners: try await req.banners()), name: made.token.name, scopes: TokenScope.text(made.token.scopes), secret: made.secret))
            let response = try await page.encodeResponse(for: req)
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return response
        } catch {
            return try await attempt(req, done: "") { throw error }
        }
    }

    @Sendable func revokeToken(req: Request) async throws -> Response {
        try await attempt(req, done: "Token revoked.") {
            let actor = try req.auth.require(AuthenticatedUser.self).user
            guard let raw = req.parameters.get("token"), let id = UUID(uuidString: raw) else { throw DeskError.notFound("token") }
            _ = try await req.actions.tokens.revoke(id, by: actor)
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

    /// Creates a rule, or saves the one being edited (the form's `id`), checked by the same action as the API.
    @Sendable func saveRule(req: Request) async throws -> Response {
        try await attempt(req, done: "Rule saved.") {
            let form = try req.content.decode(RoutingRuleForm.self)
            _ = try await req.actions.routingRules.save(try form.rule(), id: form.id, position: nil)
        }
    }

    struct MoveForm: Content { var direction: String }

    /// Up or down one place in the order rules are tried.
    @Sendable func moveRule(req: Request) async throws -> Response {
        try await attempt(req, done: "Rule moved.") {
            let step = try req.content.decode(MoveForm.self).direction == "up" ? -1 : 1
            try await req.actions.routingRules.move(try DeskController.uuid(req, "rule"), by: step)
        }
    }

    @Sendable func deleteRule(req: Request) async throws -> Response {
        try await attempt(req, done: "Rule deleted.") {
            try await req.actions.routingRules.delete(try DeskController.uuid(req, "rule"))
        }
    }

    /// Creates a policy, or saves the one being edited (the form's `id`), checked by the same action as the API.
    @Sendable func savePolicy(req: Request) async throws -> Response {
        try await attempt(req, done: "SLA policy saved.") {
            let form = try req.content.decode(SLAPolicyForm.self)
            _ = try await req.actions.slaPolicies.save(
                try form.policy(), id: form.id, handleID: try form.handleID, minPriority: try RoutingRuleForm.number(form.minPriority, "priority band"))
        }
    }

    @Sendable func deletePolicy(req: Request) async throws -> Response {
        try await attempt(req, done: "SLA policy deleted.") {
            try await req.actions.slaPolicies.delete(try DeskController.uuid(req, "policy"))
        }
    }

    /// Creates a saved reply or macro, or saves the one being edited (the form's `id`), checked by the same action as the API.
    @Sendable func saveTemplate(req: Request) async throws -> Response {
        try await attempt(req, done: "Template saved.") {
            let form = try req.content.decode(TemplateForm.self)
            let (handleID, actions) = (try form.handleID, try form.actions())
            if let id = form.id {
                _ = try await req.actions.templates.update(id, handleID: handleID, name: form.name, body: form.body, actions: actions)
            } else {
                _ = try await req.actions.templates.create(handleID: handleID, name: form.name, body: form.body, actions: actions)
            }
        }
    }

    @Sendable func deleteTemplate(req: Request) async throws -> Response {
        try await attempt(req, done: "Template deleted.") {
            try await req.actions.templates.delete(try DeskController.uuid(req, "template"))
        }
    }

    struct HelpURLForm: Content { var handle: UUID; var url: String? }

    /// The help-centre link templates fill `{{help_url}}` with.
    @Sendable func setHelpURL(req: Request) async throws -> Response {
        try await attempt(req, done: "Help-centre link saved.") {
            let form = try req.content.decode(HelpURLForm.self)
            try await req.actions.handleSettings.setHelpURL(form.handle, url: form.url)
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
