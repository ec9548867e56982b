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
        try await req.parley.change(id, to: .pending, by: try user(req))
        return try await detail(req, id)
    }

    struct SnoozeInput: Content {
        var until: Date
    }

    @Sendable func snooze(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        let input = try req.content.decode(SnoozeInput.self)
        try await req.parley.change(id, to: .snooze, until: input.until, by: try user(req))
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
        let action = target == nil ? "unassigned" : (target == actor.id ? "took" : "assigned")
        try await req.parley.assign(id, to: target, by: actor, action: action)
        return try await detail(req, id)
    }

    struct TagsInput: Content {
        var tags: [String]
    }

    @Sendable func addTags(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        let input = try req.content.decode(TagsInput.self)
        guard !input.tags.isEmpty, input.tags.count <= 20 else { throw HTTPError(.badRequest, "bad_request", "Send 1 to 20 tags.") }
        var tags: [String] = []
        for raw in input.tags {
            guard let tag = TagQueries.normalize(raw) else {
                throw HTTPError(.badRequest, "invalid_tag", "Tags are up to 40 letters, digits, '-', '_', ':' or '.'.")
            }
            tags.append(tag)
        }
        _ = try await req.parley.requireConversation(id)
        let added = try await TagQueries(database: req.db).add(tags, to: id)
        if !added.isEmpty {
            try await req.parley.audit(id, by: try user(req), "tagged", added.joined(separator: ", "))
        }
        return try await detail(req, id)
    }

    @Sendable func removeTag(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        guard let tag = req.parameters.get("tag").flatMap(TagQueries.normalize) else { throw HTTPError.notFound("tag") }
        try await TagQueries(database: req.db).remove(tag, from: id)
        try await req.parley.audit(id, by: try user(req), "untagged", tag)
        return try await detail(req, id)
    }

    struct NoteInput: Content {
        var body: String
    }

    /// An internal note: for the team only, never sent to X.
    @Sendable func addNote(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        let body = try req.content.decode(NoteInput.self).body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty, body.count <= 5_000 else { throw HTTPError(.badRequest, "bad_request", "A note is 1 to 5,000 characters.") }
        _ = try await req.parley.requireConversation(id)
        let actor = try user(req)
        try await NoteQueries(database: req.db)
            .add(id: req.parley.effects.newID(), conversationID: id, authorID: actor.id, body: body, at: req.parley.effects.now())
        try await req.parley.audit(id, by: actor, "noted", "internal note")
        await req.parley.hub.publish(ChangeNotice(conversationIDs: [id], reason: "note"))
        return try await detail(req, id)
    }

    struct PriorityInput: Content {
        var priority: Int?
    }

    @Sendable func setPriority(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        let input = try req.content.decode(PriorityInput.self)
        if let p = input.priority, !(0...100).contains(p) { throw HTTPError(.badRequest, "bad_request", "'priority' is 0 to 100, or null.") }
        _ = try await req.parley.requireConversation(id)
        try await DeskFieldsQueries(database: req.db).setPriorityOverride(id, input.priority)
        try await req.parley.audit(id, by: try user(req), "priority", input.priority.map(String.init) ?? "from triage")
        return try await detail(req, id)
    }

    @Sendable func audit(req: Request) async throws -> [DeskDTO.Audit] {
        let id = try conversationID(req)
        return try await AuditQueries(database: req.db).trail(id).map {
            DeskDTO.Audit(action: $0.action, detail: $0.detail, actorID: $0.actorID, createdAt: $0.createdAt)
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
        return try await req.parley.bulk(input.action, ids: input.ids, tags: input.tags ?? [], by: try user(req))
    }

    struct MacroInput: Content {
        var templateID: UUID
        enum CodingKeys: String, CodingKey { case templateID = "template_id" }
    }

    /// Applies a template's actions (tag, assign, state, move to DM); the text is the composer's.
    @Sendable func applyMacro(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        let input = try req.content.decode(MacroInput.self)
        try await req.parley.applyMacro(input.templateID, to: id, by: try user(req))
        return try await detail(req, id)
    }

    struct StatusInput: Content {
        var status: AgentStatus
    }

    @Sendable func setMyStatus(req: Request) async throws -> AgentDTO {
        let actor = try user(req)
        let input = try req.content.decode(StatusInput.self)
        try await AgentQueries(database: req.db).setStatus(actor.id, input.status, at: req.parley.effects.now())
        guard let profile = try await AgentQueries(database: req.db).profile(actor.id) else { throw HTTPError.notFound("agent") }
        return AgentDTO(profile)
    }

    struct TeamInput: Content {
        var teamID: UUID?
        enum CodingKeys: String, CodingKey { case teamID = "team_id" }
    }

    @Sendable func setTeam(req: Request) async throws -> ConversationDTO {
        let id = try conversationID(req)
        let input = try req.content.decode(TeamInput.self)
        if let team = input.teamID, try await TeamQueries(database: req.db).find(team) == nil { throw HTTPError.notFound("team") }
        _ = try await req.parley.requireConversation(id)
        try await AssignmentQueries(database: req.db)
            .route(id, toTeam: input.teamID, by: try user(req).id, at: req.parley.effects.now(), newID: req.parley.effects.newID())
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
        let name = try req.content.decode(NewTeam.self).name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 80 else { throw HTTPError(.badRequest, "bad_request", "A team name is 1 to 80 characters.") }
        guard try await TeamQueries(database: req.db).find(name: name) == nil else {
            throw HTTPError(.conflict, "exists", "A team named '\(name)' exists.")
        }
        let team = try await TeamQueries(database: req.db).create(id: req.parley.effects.newID(), name: name, at: req.parley.effects.now())
        return try await TeamDTO(team).encodeResponse(status: .created, for: req)
    }

    struct MemberInput: Content {
        var userID: UUID
        enum CodingKeys: String, CodingKey { case userID = "user_id" }
    }

    @Sendable func addMember(req: Request) async throws -> TeamDTO {
        let teamID = try Self.uuid(req, "team")
        let input = try req.content.decode(MemberInput.self)
        guard try await AgentQueries(database: req.db).profile(input.userID) != nil else { throw HTTPError.notFound("user") }
        guard try await TeamQueries(database: req.db).find(teamID) != nil else { throw HTTPError.notFound("team") }
        try await TeamQueries(database: req.db).addMember(input.userID, to: teamID)
        guard let team = try await TeamQueries(database: req.db).find(teamID) else { throw HTTPError.notFound("team") }
        return TeamDTO(team)
    }

    @Sendable func removeMember(req: Request) async throws -> TeamDTO {
        let teamID = try Self.uuid(req, "team")
        try await TeamQueries(database: req.db).removeMember(try Self.uuid(req, "user"), from: teamID)
        guard let team = try await TeamQueries(database: req.db).find(teamID) else { throw HTTPError.notFound("team") }
        return TeamDTO(team)
    }

    struct CapacityInput: Content {
        var capacity: Int
        var skills: [String]
    }

    @Sendable func setCapacity(req: Request) async throws -> AgentDTO {
        let userID = try Self.uuid(req, "user")
        let input = try req.content.decode(CapacityInput.self)
        guard (0...500).contains(input.capacity) else { throw HTTPError(.badRequest, "bad_request", "'capacity' is 0 to 500.") }
        var skills: [String] = []
        for raw in input.skills {
            guard let skill = TagQueries.normalize(raw) else { throw HTTPError(.badRequest, "invalid_skill", "Skills are written like tags: 'lang:es', 'billing'.") }
            skills.append(skill)
        }
        try await AgentQueries(database: req.db).setCapacity(userID, capacity: input.capacity, skills: skills)
        guard let profile = try await AgentQueries(database: req.db).profile(userID) else { throw HTTPError.notFound("user") }
        return AgentDTO(profile)
    }

    static func uuid(_ req: Request, _ name: String) throws -> UUID {
        guard let raw = req.parameters.get(name), let id = UUID(uuidString: raw) else { throw HTTPError.notFound(name) }
        return id
    }
}

extension RequestParley {
    func requireConversation(_ id: UUID) async throws -> Conversation {
        guard let conversation = try await conversations.find(id) else { throw HTTPError.notFound("conversation") }
        return conversation
    }

    func audit(_ id: UUID, by user: DeskUser, _ action: String, _ detail: String) async throws {
        try await AuditQueries(database: database).record([AuditEvent(
            id: effects.newID(), conversationID: id, actorID: user.id, action: action, detail: detail, createdAt: effects.now())])
        try await AgentQueries(database: database).touch(user.id, at: effects.now())
    }

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
            .present(ids, since: effects.now().addingTimeInterval(-CollisionController.presenceSeconds))
        return dtos.map { dto in
            var dto = dto
            dto.desk = DeskDTO(fields[dto.id], tags: tags[dto.id] ?? [])
            dto.desk?.viewers = viewers[dto.id] ?? []
            return dto
        }
    }
}
