import Foundation
import ParleyCore
import ParleyStore

/// The escalation list (`PARLEY_ESCALATION_EMAILS`: communications, legal) hears by e-mail of
/// spike alerts and of crisis mode going on or off, with the context: one job per event (its
/// idempotency key), sent through `SMTPSender` and retried until the relay takes it.
enum Escalation {
    /// Inside the change that raised the event: queues the e-mail, when e-mail is set up.
    static func enqueue(subject: String, body: String, key: String, in tx: ActionContext) async throws {
        let settings = tx.services.config.desk
        guard settings.smtpURL != nil, !settings.escalationEmails.isEmpty else { return }
        let message = try MailMessage(from: settings.mailFrom, to: settings.escalationEmails, subject: subject, body: body)
        try await JobQueries(database: tx.database).enqueue(Job(
            id: tx.effects.newID(), kind: .escalationEmail, payload: String(decoding: try JSONEncoder().encode(message), as: UTF8.self),
            dueAt: tx.now, idempotencyKey: "escalation:\(key)", createdAt: tx.now))
    }

    /// The job's handler.
    static func deliver(_ job: Job, smtpURL: String?, from: String, at now: Date) async throws {
        guard let smtpURL, let configuration = SMTPSender.Configuration(url: smtpURL, from: from) else { return }
        let message = try JSONDecoder().decode(MailMessage.self, from: Data(job.payload.utf8))
        try await SMTPSender(configuration: configuration).send(message, at: now)
    }
}
