import Vapor

/// `GET /2/dm_events`, `GET /2/dm_conversations/with/:participant_id/dm_events` and
/// `POST /2/dm_conversations/with/:participant_id/messages`, for the token's user only.
struct DirectMessagesController: RouteCollection {
    let world: FakeXWorld

    /// X's DM limit.
    static let maxLength = 10_000
    static let eventTypes: Set<String> = ["MessageCreate", "ParticipantsJoin", "ParticipantsLeave"]

    struct Input: Decodable {
        var text: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("2", "dm_events", use: events)
        routes.get("2", "dm_conversations", "with", ":participant_id", "dm_events", use: events)
        routes.post("2", "dm_conversations", "with", ":participant_id", "messages", use: send)
    }

    @Sendable func events(req: Request) async throws -> Response {
        let userID = try await req.requireUser(world)
        let query = req.queryItems
        let params = try TimelineParams(
            query: query, range: 1...100, defaultMax: 100, tokenNames: ["pagination_token"], allowSinceUntil: false)
        let types = Set((query["dm_event_types"] ?? "MessageCreate").split(separator: ",").map(String.init))
        if let bad = types.first(where: { !Self.eventTypes.contains($0) }) {
            throw XError.invalidRequest(
                parameter: "dm_event_types", value: bad,
                message: "The `dm_event_types` query parameter value [\(bad)] is not one of [MessageCreate, ParticipantsJoin, ParticipantsLeave]")
        }
        let participant = req.parameters.get("participant_id")
        let mine = await world.dmEvents().filter { e in
            guard types.contains("MessageCreate"), e.senderID == userID || e.recipientID == userID else { return false }
            return participant.map { e.senderID == $0 || e.recipientID == $0 } ?? true
        }
        let (items, next) = params.page(mine, id: \.id)
        let renderer = await world.renderer(FieldSelection(query: query))
        return JSONResponse.make(renderer.dmPage(items, nextToken: next))
    }

    @Sendable func send(req: Request) async throws -> Response {
        let userID = try await req.requireUser(world)
        let participantID = try req.requiredParameter("participant_id")
        let input = try req.decodeJSON(Input.self)
        guard let text = input.text, !text.isEmpty else { throw XError.invalidBody("Message text must not be empty") }
        guard text.count <= Self.maxLength else {
            throw XError.invalidRequest(
                parameter: "text", value: String(text.prefix(20)),
                message: "The `text` field is longer than \(Self.maxLength) characters")
        }
        guard let recipient = await world.user(id: participantID) else {
            throw XError.invalidRequest(
                parameter: "participant_id", value: participantID,
                message: "The `participant_id` path parameter value [\(participantID)] is not valid")
        }
        guard recipient.dmsOpen else { throw XError.forbidden("You cannot send messages to this user.") }
        let id = await world.addDM(senderID: userID, recipientID: recipient.id, text: text)
        let conversation = FakeXDMEvent.conversationID(userID, recipient.id)
        return JSONResponse.make(
            status: .created,
            .object(["data": .object(["dm_conversation_id": .string(conversation), "dm_event_id": .string(id)])]))
    }
}
