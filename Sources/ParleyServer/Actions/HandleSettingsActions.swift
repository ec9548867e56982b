import Foundation
import ParleyCore
import ParleyStore

/// A handle's desk settings (admins): whether automation may reply in public, and the handoff
/// reply that invites a customer to DM with the addresses triage must not count as personal data.
struct HandleSettingsActions: Sendable {
    let context: ActionContext

    /// Off by default: public replies go out only from an agent's action unless an admin turns this on.
    func setAutoReplies(_ handleID: UUID, enabled: Bool) async throws {
        try await context.commit { tx in
            guard try await HandleQueries(database: tx.database).find(handleID) != nil else { throw DeskError.notFound("handle") }
            try await AutoReplyQueries(database: tx.database).set(handleID, enabled: enabled)
            return Change(())
        }
    }

    /// Both are replaced: an absent or blank template restores the default reply. A template holds
    /// `{dm_link}` once and fits a post; addresses are emails. Used for messages ingested from now on.
    @discardableResult
    func setHandoff(_ handleID: UUID, template raw: String?, supportEmails emails: [String]) async throws -> Handle {
        let template = raw?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !template.isEmpty, let problem = TriageHandoffAdvice.problem(with: template) {
            throw DeskError.rejected(code: "invalid_template", problem)
        }
        let addresses = emails.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard addresses.count <= 20,
              addresses.allSatisfy({ $0.count <= 254 && $0.split(separator: "@").count == 2 && !$0.contains(where: \.isWhitespace) })
        else { throw DeskError.rejected(code: "invalid_email", "Support addresses are up to 20 emails.") }
        return try await context.commit { tx in
            let handles = HandleQueries(database: tx.database)
            guard try await handles.find(handleID) != nil else { throw DeskError.notFound("handle") }
            try await HandoffQueries(database: tx.database)
                .set(handleID, template: template.isEmpty ? nil : template, supportEmails: addresses)
            guard let saved = try await handles.find(handleID) else { throw DeskError.notFound("handle") }
            return Change(saved)
        }
    }

    /// The help-centre link templates fill `{{help_url}}` with: an http(s) URL, or blank to clear it.
    func setHelpURL(_ handleID: UUID, url raw: String?) async throws {
        let url = raw?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !url.isEmpty {
            guard url.count <= 500, !url.contains(where: \.isWhitespace), let parsed = URL(string: url),
                  ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host?.isEmpty == false
            else { throw DeskError.invalid(code: "invalid_url", "A help-centre link is an http(s) address of up to 500 characters.") }
        }
        try await context.commit { tx in
            guard try await HandleQueries(database: tx.database).find(handleID) != nil else { throw DeskError.notFound("handle") }
            try await TemplateQueries(database: tx.database).setHelpURL(url.isEmpty ? nil : url, handleID: handleID)
            return Change(())
        }
    }
}
