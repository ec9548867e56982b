import Foundation
import ParleyCore
import ParleyStore

/// An e-mail sent by a job: queued inside the change that decided it (its idempotency key makes
/// it once), sent through `SMTPSender` and retried until the relay takes it.
enum MailJob {
    /// Queues `message` when e-mail is set up; without `SMTP_URL` there is nothing to send with.
    static func enqueue(_ message: MailMessage, kind: JobKind, key: String, in tx: ActionContext) async throws {
        guard tx.services.config.desk.smtpURL != nil else { return }
        try await JobQueries(database: tx.database).enqueue(Job(
            id: tx.effects.newID(), kind: kind, payload: String(decoding: try JSONEncoder().encode(message), as: UTF8.self),
            dueAt: tx.now, idempotencyKey: key, createdAt: tx.now))
    }

    /// The handler of every e-mail job kind.
    static func deliver(_ job: Job, smtp configuration: SMTPSender.Configuration?, at now: Date) async throws {
        guard let configuration else { return }
        let message = try JSONDecoder().decode(MailMessage.self, from: Data(job.payload.utf8))
        try await SMTPSender(configuration: configuration).send(message, at: now)
    }
}
