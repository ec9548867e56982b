import Foundation
import ParleyCore
import ParleyStore

/// The escalation list (`PARLEY_ESCALATION_EMAILS`: communications, legal) hears by e-mail of
/// spike alerts and of crisis mode going on or off, with the context: one job per event (its
/// idempotency key), sent by `MailJob`.
enum Escalation {
    /// Inside the change that raised the event: queues the e-mail, when e-mail is set up.
    static func enqueue(subject: String, body: String, key: String, in tx: ActionContext) async throws {
        let settings = tx.services.config.desk
        guard !settings.escalationEmails.isEmpty else { return }
        let message = try MailMessage(from: settings.mailFrom, to: settings.escalationEmails, subject: subject, body: body)
        try await MailJob.enqueue(message, kind: .escalationEmail, key: "escalation:\(key)", in: tx)
    }
}
