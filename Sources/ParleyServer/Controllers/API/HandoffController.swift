import FluentKit
import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `GET|PUT /api/v1/handles/{id or username}/handoff` (admins): the handle's own handoff reply and
/// its public support addresses, checked here for the API and the admin page alike.
struct HandoffController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.requiring(.admin)
        admin.get("handles", ":handle", "handoff", use: show)
        admin.put("handles", ":handle", "handoff", use: update)
    }

    struct HandoffDTO: Content, Equatable {
        var handleID: UUID?
        /// nil: the default reply is used.
        var template: String?
        var supportEmails: [String]?
        var defaultTemplate: String?

        enum CodingKeys: String, CodingKey {
            case template
            case handleID = "handle_id"
            case supportEmails = "support_emails"
            case defaultTemplate = "default_template"
        }
    }

    @Sendable func show(req: Request) async throws -> HandoffDTO {
        let handle = try await req.handleParameter()
        return HandoffDTO(handle)
    }

    /// Both fields are replaced: an absent or blank template restores the default reply.
    @Sendable func update(req: Request) async throws -> HandoffDTO {
        let handle = try await req.handleParameter()
        let input = try req.content.decode(HandoffDTO.self)
        return HandoffDTO(try await req.actions.handleSettings.setHandoff(handle.id, template: input.template, supportEmails: input.supportEmails ?? []))
    }
}

extension HandoffController.HandoffDTO {
    init(_ handle: Handle) {
        self.init(
            handleID: handle.id, template: handle.handoffTemplate, supportEmails: handle.supportEmails,
            defaultTemplate: TriageHandoffAdvice.defaultTemplate)
    }
}
