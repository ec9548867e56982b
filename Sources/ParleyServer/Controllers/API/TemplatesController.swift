import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `/api/v1/templates` for everyone signed in (list, show), rendering a template for a
/// conversation, and the composer's text check. Saving and deleting are in `Editing`, mounted
/// behind `RequireRole(role: .supervisor)`.
struct TemplatesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("templates", use: index)
        routes.get("templates", ":templateID", use: show)
        routes.post("conversations", ":id", "render-template", use: render)
        routes.post("text", "check", use: check)
    }

    struct IndexQuery: Decodable {
        var handle: String?
    }

    /// `?handle=` (an id or a username): that handle's templates and the global ones; without
    /// it, every template.
    @Sendable func index(req: Request) async throws -> TemplateListDTO {
        let query = try req.query.decode(IndexQuery.self)
        let handleID = try await req.handleQuery(query.handle)?.id
        let templates = try await TemplateQueries(database: req.db).list(handleID: handleID)
        return TemplateListDTO(data: templates.map(TemplateDTO.init))
    }

    @Sendable func show(req: Request) async throws -> TemplateDTO {
        guard let template = try await TemplateQueries(database: req.db).find(try Self.templateID(req)) else {
            throw HTTPError.notFound("template")
        }
        return TemplateDTO(template)
    }

    /// The template filled in for this conversation and measured for the channel. Over the
    /// limit is an answer (`valid: false`, with the thread for a public reply), so the composer
    /// can show it; a placeholder without a value is a 422 naming it. Nothing is sent.
    @Sendable func render(req: Request) async throws -> TextCheckDTO {
        let id = try conversationID(req)
        let input = try req.content.decode(RenderTemplateInputDTO.self)
        let user = try req.auth.require(AuthenticatedUser.self).user
        guard let detail = try await req.parley.conversations.detail(id) else { throw HTTPError.notFound("conversation") }
        let templates = TemplateQueries(database: req.db)
        guard let template = try await templates.find(input.templateID) else { throw HTTPError.notFound("template") }
        if let scope = template.handleID, scope != detail.handle.id {
            throw HTTPError(.unprocessableEntity, "template_other_handle", "This template belongs to another handle than @\(detail.handle.username).")
        }
        let availability = try await HandleAvailability.now(detail.handle, on: req.db, at: req.parley.effects.now())
        let context = TemplateContext(
            customer: detail.customer, handle: detail.handle, agentName: user.name,
            helpURL: try await templates.helpURL(handleID: detail.handle.id), expectedWait: availability.text)
        let rendered = try TemplateRenderer.render(try template.parsedBody(), context: context, channel: input.channel)
        return TextCheckDTO(rendered, includingText: true, actions: template.actions)
    }

    /// The composer's live counter: X's weighted length (public) or characters (DM), and the
    /// numbered thread a long public reply would make.
    @Sendable func check(req: Request) async throws -> TextCheckDTO {
        let input = try req.content.decode(TextCheckInputDTO.self)
        return TextCheckDTO(ReplyTextCheck(input.text, channel: input.channel), includingText: false)
    }

    /// Create, update and delete: supervisors and admins only.
    struct Editing: RouteCollection {
        func boot(routes: any RoutesBuilder) throws {
            routes.post("templates", use: create)
            routes.put("templates", ":templateID", use: update)
            routes.delete("templates", ":templateID", use: delete)
        }

        @Sendable func create(req: Request) async throws -> Response {
            let input = try req.content.decode(TemplateInputDTO.self)
            let template = try await req.actions.templates.create(
                handleID: input.handleID, name: input.name, body: input.body, actions: input.actions ?? [])
            req.logger.info("template created", metadata: ["template_id": "\(template.id)"])
            return try await TemplateDTO(template).encodeResponse(status: .created, for: req)
        }

        @Sendable func update(req: Request) async throws -> TemplateDTO {
            let id = try TemplatesController.templateID(req)
            let input = try req.content.decode(TemplateInputDTO.self)
            let template = try await req.actions.templates.update(
                id, handleID: input.handleID, name: input.name, body: input.body, actions: input.actions ?? [])
            req.logger.info("template updated", metadata: ["template_id": "\(id)"])
            return TemplateDTO(template)
        }

        @Sendable func delete(req: Request) async throws -> HTTPStatus {
            let id = try TemplatesController.templateID(req)
            try await req.actions.templates.delete(id)
            req.logger.info("template deleted", metadata: ["template_id": "\(id)"])
            return .noContent
        }
    }

    static func templateID(_ req: Request) throws -> UUID {
        guard let raw = req.parameters.get("templateID"), let id = UUID(uuidString: raw) else { throw HTTPError.notFound("template") }
        return id
    }
}
