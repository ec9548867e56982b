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
        try await Self.save(handle.id, template: input.template, supportEmails: input.supportEmails ?? [], on: req.db)
        guard let saved = try await HandleQueries(database: req.db).find(handle.id) else { throw HTTPError.notFound("handle") }
        return HandoffDTO(saved)
    }

    /// The one set of checks: a template holds `{dm_link}` once and fits a post; addresses are emails.
    static func save(_ handleID: UUID, template: String?, supportEmails: [String], on database: any Database) async throws {
        let template = template?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !template.isEmpty, let problem = TriageHandoffAdvice.problem(with: template) {
            throw HTTPError(.unprocessableEntity, "invalid_template", problem)
        }
        let emails = supportEmails.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard emails.count <= 20, emails.allSatisfy({ $0.count <= 254 && $0.split(separator: "@").count == 2 && !$0.contains(where: \.isWhitespace) }) else {
            throw HTTPError(.unprocessableEntity, "invalid_email", "Support addresses are up to 20 emails.")
        }
        try await HandoffQueries(database: database).set(handleID, template: template.isEmpty ? nil : template, supportEmails: emails)
    }
}

extension HandoffController.HandoffDTO {
    init(_ handle: Handle) {
        self.init(
            handleID: handle.id, template: handle.handoffTemplate, supportEmails: handle.supportEmails,
            defaultTemplate: TriageHandoffAdvice.defaultTemplate)
    }
}
