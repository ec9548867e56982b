import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// The team's work on cases over the API: life cycle, assignment, tags, notes, priority; and the
/// people: agents' status, capacity and skills, teams. Roles are checked here, on the server, per route.
struct DeskController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let conversations = routes.grouped("conversations", ":id")
        conversations.post("pending", use: pending)
        conversations.post("snooze", use: snooze)
        conversations.post("assign", use: assign)
        conversations.post("tags", use: addTags)
        conversations.post("customer-emails", use: confirmEmail)
        conversations.delete("tags", ":tag", use: removeTag)
        conversations.post("notes", use: addNote)
        conversations.put("priority", use: setPriority)
        conversations.get("audit", use: audit)
        conversations.post("apply-macro", use: applyMacro)
        routes.put("me", "status", use: setMyStatus)
        routes.post("conversations", "bulk", use: bulk)

        let supervisor = routes.requiring(.supervisor)
        supervisor.put("conversations", ":id", "team", use: setTeam)
        supervisor.get("agents", use: agents)

        let admin = routes.requiring(.admin)
        admin.get("teams", use: teams)
        admin.post("teams", use: createTeam)
        admin.post("teams", ":team", "members", use: addMember)
        admin.delete("teams", ":team", "members", ":user", use: removeMember)
        admin.put("agents", ":user", use: setCapacity)
    }

    private func user(_ req: Request) throws -> DeskUser {
        try req.auth.require(AuthenticatedUser.self).user
    }

    private func detail(_ req: Request, _ id: UUID) async throws -> ConversationDTO {
        guard let dto = try await req.parley.conversationDTO(id, whole: true) else { throw HTTPError.notFound("conversation") }
        return dto
    }

    @Sendable func pending(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        try await req.actions.changeState.run(id, to: .pending, by: try user(req))
        return try await detail(req, id)
    }

    struct SnoozeInput: Content {
        var until: Date
    }

    @Sendable func snooze(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        let input = try req.content.decode(SnoozeInput.self)
        try await req.actions.changeState.run(id, to: .snooze, until: input.until, by: try user(req))
        return try await detail(req, id)
    }

    struct AssignInput: Content {
        /// An agent's id, `me`, or null to unassign.
        var agent: String?
    }

    /// Agents may take a case or give back their own; assigning anyone else takes a supervisor.
    @Sendable func assign(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        let actor = try user(req)
        let input = try req.content.decode(AssignInput.self)
        let target: UUID?
        switch input.agent {
        case nil: target = nil
        case "me"?: target = actor.id
        case let raw?:
            guard let agentID = UUID(uuidString: raw) else { throw HTTPError(.badRequest, "bad_request", "'agent' is an id, 'me' or null.") }
            target = agentID
        }
        try await req.actions.assign.run(id, to: target, by: actor)
        return try await detail(req, id)
    }

    struct TagsInput: Content {
        var tags: [String]
    }

    @Sendable func addTags(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        let input = try req.content.decode(TagsInput.self)
        try await req.actions.tag.add(input.tags, to: id, by: try user(req))
        return try await detail(req, id)
    }

    struct EmailInput: Content {
        var address: String
    }

    /// `{"address"}`: an address the agent confirmed for the case's X customer.
    @Sendable func confirmEmail(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        let input = try req.strictBody(EmailInput.self, keys: ["address"])
        try await req.actions.confirmEmail.run(input.address, on: id, by: try user(req))
        return try await detail(req, id)
    }

    @Sendable func removeTag(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        try await req.actions.tag.remove(req.parameters.get("tag") ?? "", from: id, by: try user(req))
        return try await detail(req, id)
    }

    struct NoteInput: Content {
        var body: String
    }

    /// An internal note: for the team only, never sent to X.
    @Sendable func addNote(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        try await req.actions.note.add(try req.content.decode(NoteInput.self).body, to: id, by: try user(req))
        return try await detail(req, id)
    }

    struct PriorityInput: Content {
        var priority: Int?
    }

    @Sendable func setPriority(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        try await req.actions.setPriority.run(id, to: try req.content.decode(PriorityInput.self).priority, by: try user(req))
        return try await detail(req, id)
    }

    @Sendable func audit(req: Request) async throws -> [DeskDTO.Audit] {
        let id = try conversationID(req)
        return try await AuditQueries(database: req.db).trail(id).map {
            DeskDTO.Audit(action: $0.action.rawValue, detail: $0.detail, actorID: $0.actorID, createdAt: $0.createdAt)
        }
    }

    struct BulkInput: Content {
        var action: BulkAction
        var ids: [UUID]
        var tags: [String]?
    }

    /// `POST /api/v1/conversations/bulk` `{"action":"assign_to_me"|"tag"|"resolve","ids":[…],"tags"?}`.
    @Sendable func bulk(req: Request) async throws -> BulkOutcome {
        let input = try req.content.decode(BulkInput.self)
        return try await req.actions.bulk.run(input.action, ids: input.ids, tags: input.tags ?? [], by: try user(req))
    }

    struct MacroInput: Content {
        var templateID: UUID
        enum CodingKeys: String, CodingKey { case templateID = "template_id" }
    }

    /// Applies a template's actions (tag, assign, state, move to DM); the text is the composer's.
    @Sendable func applyMacro(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        let input = try req.content.decode(MacroInput.self)
        try await req.actions.applyMacro.run(input.templateID, to: id, by: try user(req))
        return try await detail(req, id)
    }

    struct StatusInput: Content {
        var status: AgentStatus
    }

    @Sendable func setMyStatus(req: Request) async throws -> AgentDTO {
        let input = try req.content.decode(StatusInput.self)
        return AgentDTO(try await req.actions.setStatus.run(input.status, for: try user(req).id))
    }

    struct TeamInput: Content {
        var teamID: UUID?
        enum CodingKeys: String, CodingKey { case teamID = "team_id" }
    }

    @Sendable func setTeam(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        try await req.actions.setTeam.run(id, to: try req.content.decode(TeamInput.self).teamID, by: try user(req))
        return try await detail(req, id)
    }

    @Sendable func agents(req: Request) async throws -> [AgentDTO] {
        try await AgentQueries(database: req.db).profiles().map(AgentDTO.init)
    }

    @Sendable func teams(req: Request) async throws -> [TeamDTO] {
        try await TeamQueries(database: req.db).all().map(TeamDTO.init)
    }

    struct NewTeam: Content {
        var name: String
    }

    @Sendable func createTeam(req: Request) async throws -> Response {
        let team = try await req.actions.teams.create(named: try req.content.decode(NewTeam.self).name)
        return try await TeamDTO(team).encodeResponse(status: .created, for: req)
    }

    struct MemberInput: Content {
        var userID: UUID
        enum CodingKeys: String, CodingKey { case userID = "user_id" }
    }

    @Sendable func addMember(req: Request) async throws -> TeamDTO {
        let teamID = try Self.uuid(req, "team")
        let input = try req.content.decode(MemberInput.self)
        return TeamDTO(try await req.actions.teams.addMember(input.userID, to: teamID))
    }

    @Sendable func removeMember(req: Request) async throws -> TeamDTO {
        TeamDTO(try await req.actions.teams.removeMember(try Self.uuid(req, "user"), from: try Self.uuid(req, "team")))
    }

    struct CapacityInput: Content {
        var capacity: Int
        var skills: [String]
        /// Weekly shifts (`Mon-Fri 09:00-17:30 Europe/London`); absent: unchanged, "" clears.
        var shifts: String?
    }

    @Sendable func setCapacity(req: Request) async throws -> AgentDTO {
        let input = try req.content.decode(CapacityInput.self)
        let user = try Self.uuid(req, "user")
        if let shifts = input.shifts { _ = try await req.actions.agents.setShifts(user, shifts) }
        return AgentDTO(try await req.actions.agents.setCapacity(user, capacity: input.capacity, skills: input.skills))
    }

    static func uuid(_ req: Request, _ name: String) throws -> UUID {
        guard let raw = req.parameters.get(name), let id = UUID(uuidString: raw) else { throw HTTPError.notFound(name) }
        return id
    }
}

extension RequestParley {
    /// A conversation as the API shows it, with its desk part; `whole` adds messages, notes and audit.
    func conversationDTO(_ id: UUID, whole: Bool) async throws -> ConversationDTO? {
        guard let detail = try await conversations.detail(id) else { return nil }
        var dto = ConversationDTO(detail)
        let fields = try await DeskFieldsQueries(database: database).fields([id])[id]
        dto.desk = DeskDTO(
            fields, tags: try await TagQueries(database: database).tags(of: id),
            notes: whole ? try await NoteQueries(database: database).notes(id) : nil,
            audit: whole ? try await AuditQueries(database: database).trail(id) : nil)
        return dto
    }

    /// Adds the desk part to a page of the queue.
    func withDesk(_ dtos: [ConversationDTO]) async throws -> [ConversationDTO] {
        let ids = dtos.map(\.id)
        let fields = try await DeskFieldsQueries(database: database).fields(ids)
        let tags = try await TagQueries(database: database).tags(of: ids)
        let viewers = try await CollisionQueries(database: database)
            .present(ids, since: effects.now().addingTimeInterval(-Presence.lasts))
        return dtos.map { dto in
            var dto = dto
            dto.desk = DeskDTO(fields[dto.id], tags: tags[dto.id] ?? [])
            dto.desk?.viewers = viewers[dto.id] ?? []
            return dto
        }
    }
}
