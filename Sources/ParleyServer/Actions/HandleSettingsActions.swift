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

    /// Verification, the answer-from handle (a care handle, not itself) and limits (each at least 0).
    @discardableResult
    func setPublishing(_ handleID: UUID, verified: Bool, answerFrom: UUID?, limits: PostingLimits?) async throws -> Handle {
        if let limits {
            let values = [limits.postsPerDay, limits.postsPerHalfHour, limits.dmsPerDay, limits.originalsPerDay ?? 0, limits.repliesPerDay ?? 0]
            guard values.allSatisfy({ (0...100_000).contains($0) }) else {
                throw DeskError.invalid(code: "invalid_limits", "Posting limits are whole numbers from 0 to 100,000.")
            }
        }
        return try await context.commit { tx in
            let handles = HandleQueries(database: tx.database)
            guard try await handles.find(handleID) != nil else { throw DeskError.notFound("handle") }
            if let answerFrom {
                guard answerFrom != handleID, let care = try await handles.find(answerFrom) else {
                    throw DeskError.invalid(code: "invalid_handle", "Answer from another handle of the brand.")
                }
                guard care.role == .care else {
                    throw DeskError.rejected(code: "not_care_handle", "@\(care.username) is a marketing handle; answer from a care handle.")
                }
            }
            try await handles.setPublishing(handleID, verified: verified, answerFrom: answerFrom, limits: limits)
            guard let saved = try await handles.find(handleID) else { throw DeskError.notFound("handle") }
            return Change(saved)
        }
    }
}
